// A screen whose code vanished (another tab applied an update) reloads into the new version, once, safely.
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { reloadWhenCodeIsGone } from '../../src/pwa/stale-code';

let reload: Mock<() => void>;
let stop: () => void;

/** What Vite does when a lazily loaded screen cannot be fetched; true when the app handled it. */
function chunkFails(url = 'http://127.0.0.1/assets/browse-screen-AbC123.js'): boolean {
  const event = Object.assign(new Event('vite:preloadError', { cancelable: true }), {
    payload: new TypeError(`Failed to fetch dynamically imported module: ${url}`),
  });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

beforeEach(() => {
  sessionStorage.clear();
  reload = vi.fn();
  vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, reload } as Location);
  stop = reloadWhenCodeIsGone();
});

afterEach(() => stop());

describe('reloadWhenCodeIsGone', () => {
  it('leaves sync’s chunk to its own fallback: it is fetched on first use, and a reload could land mid-card', () => {
    expect(chunkFails('http://127.0.0.1/assets/sync-client-Bxz51TDB.js')).toBe(false);
    expect(reload).not.toHaveBeenCalled();
  });

  it('leaves the Statistics screen’s code to its own fallback too: it is fetched on first use', () => {
    expect(chunkFails('http://127.0.0.1/assets/stats-screen-Dq7nuVFY.js')).toBe(false);
    expect(chunkFails('http://127.0.0.1/assets/stats-screen-CNnQ-KAU.css')).toBe(false);
    expect(reload).not.toHaveBeenCalled();
  });

  it('reloads the page when a screen’s code cannot be loaded', () => {
    expect(chunkFails()).toBe(true);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('lets the error show if the reloaded page fails too, instead of reloading in a loop', () => {
    chunkFails();
    expect(chunkFails()).toBe(false);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('does not reload into the browser’s offline error page when no service worker serves the app', () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    expect(chunkFails()).toBe(false);
    expect(reload).not.toHaveBeenCalled();
  });
});
