import { afterEach, describe, expect, it, vi } from 'vitest';
import { isIosSafariOutsideStandalone, requestPersistence, storageInfo } from '../../src/pwa/persistence';

const UA = {
  iphoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  iphoneChrome:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/123.0.6312.52 Mobile/15E148 Safari/604.1',
  iphoneFirefox:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/124.0 Mobile/15E148 Safari/605.1.15',
  iphoneEdge:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/123.0.2420.56 Mobile/15E148 Safari/605.1.15',
  iphoneFacebookApp:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/455.0.0.36.112;FBBV/580006093;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.4;FBSS/3;FBCR/;FBID/phone;FBLC/en_US;FBOP/5]',
  ipadSafari:
    'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  // iPadOS asks for desktop sites by default and then sends exactly the Mac Safari UA.
  macSafari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  androidChrome:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Mobile Safari/537.36',
};

describe('isIosSafariOutsideStandalone: who gets the 7-day eviction warning', () => {
  it('warns Safari on iPhone in a browser tab', () => {
    expect(isIosSafariOutsideStandalone(UA.iphoneSafari, false, 5)).toBe(true);
  });

  it('does not warn once the app runs from the home screen', () => {
    expect(isIosSafariOutsideStandalone(UA.iphoneSafari, true, 5)).toBe(false);
    expect(isIosSafariOutsideStandalone(UA.ipadSafari, true, 5)).toBe(false);
  });

  it('warns Safari on iPad, in mobile and in desktop (Mac-looking) mode', () => {
    expect(isIosSafariOutsideStandalone(UA.ipadSafari, false, 5)).toBe(true);
    expect(isIosSafariOutsideStandalone(UA.macSafari, false, 5)).toBe(true);
  });

  it('does not warn desktop Safari on a Mac (no touch screen)', () => {
    expect(isIosSafariOutsideStandalone(UA.macSafari, false, 0)).toBe(false);
  });

  it('does not warn other browsers on iPhone', () => {
    expect(isIosSafariOutsideStandalone(UA.iphoneChrome, false, 5)).toBe(false);
    expect(isIosSafariOutsideStandalone(UA.iphoneFirefox, false, 5)).toBe(false);
    expect(isIosSafariOutsideStandalone(UA.iphoneEdge, false, 5)).toBe(false);
    expect(isIosSafariOutsideStandalone(UA.iphoneFacebookApp, false, 5)).toBe(false);
  });

  it('does not warn Chrome on Android', () => {
    expect(isIosSafariOutsideStandalone(UA.androidChrome, false, 5)).toBe(false);
  });
});

describe('requestPersistence', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('says null when the browser cannot persist storage', async () => {
    vi.stubGlobal('navigator', {});
    expect(await requestPersistence()).toBeNull();
  });

  it("returns the browser's answer", async () => {
    vi.stubGlobal('navigator', { storage: { persist: () => Promise.resolve(true) } });
    expect(await requestPersistence()).toBe(true);
    vi.stubGlobal('navigator', { storage: { persist: () => Promise.resolve(false) } });
    expect(await requestPersistence()).toBe(false);
  });

  it('treats a browser that throws as not granted', async () => {
    vi.stubGlobal('navigator', { storage: { persist: () => Promise.reject(new Error('denied')) } });
    expect(await requestPersistence()).toBe(false);
  });
});

describe('storageInfo', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('reports persistence, usage and quota', async () => {
    vi.stubGlobal('navigator', {
      storage: {
        persisted: () => Promise.resolve(true),
        estimate: () => Promise.resolve({ usage: 1_234, quota: 5_000_000 }),
      },
    });
    expect(await storageInfo()).toEqual({ persisted: true, usage: 1_234, quota: 5_000_000 });
  });

  it('reports unknowns as null instead of failing', async () => {
    vi.stubGlobal('navigator', {
      storage: { persisted: () => Promise.reject(new Error('nope')), estimate: () => Promise.resolve({}) },
    });
    expect(await storageInfo()).toEqual({ persisted: null, usage: null, quota: null });
    vi.stubGlobal('navigator', {});
    expect(await storageInfo()).toEqual({ persisted: null, usage: null, quota: null });
  });
});
