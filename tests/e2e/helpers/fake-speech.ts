// A fake speechSynthesis (headless Chromium has no voices) and a capture of the Media Session's handlers, for listen specs.
import type { Page } from '@playwright/test';

/** What the page's fake voice said and how often it was silenced; the media actions the app registered. */
export interface SpeechLog {
  said: string[];
  cancels: number;
  speaking: boolean;
  actions: string[];
  title: string | null;
  album: string | null;
}

/**
 * Installs, before any page script: a speechSynthesis with one on-device voice that takes `lineMs` of
 * the page's clock per line, and a Media Session whose handlers a spec can call (`pressMediaKey`).
 */
export async function installFakeSpeech(page: Page, lineMs = 500): Promise<void> {
  await page.addInitScript((ms) => {
    const log = { said: [] as string[], cancels: 0, speaking: false };
    const handlers: Record<string, MediaSessionActionHandler | null> = {};
    let current: FakeUtterance | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const voice = {
      voiceURI: 'fake-local',
      name: 'Fake voice',
      lang: 'en-US',
      localService: true,
      default: true,
    };

    class FakeUtterance extends EventTarget {
      text: string;
      lang = '';
      rate = 1;
      volume = 1;
      voice: unknown = null;
      onend: ((e: Event) => void) | null = null;
      onerror: ((e: Event & { error: string }) => void) | null = null;
      constructor(text = '') {
        super();
        this.text = text;
      }
    }
    function finish(u: FakeUtterance, error?: string) {
      if (current !== u) return;
      current = null;
      log.speaking = false;
      clearTimeout(timer);
      if (error) u.onerror?.(Object.assign(new Event('error'), { error }));
      else u.onend?.(new Event('end'));
    }
    const synth = {
      speak(u: FakeUtterance) {
        if (!u.text) {
          setTimeout(() => u.onend?.(new Event('end')), 0);
          return;
        }
        log.said.push(u.text);
        current = u;
        log.speaking = true;
        timer = setTimeout(() => finish(u), ms);
      },
      cancel() {
        log.cancels += 1;
        if (current) finish(current, 'interrupted');
      },
      pause() {},
      resume() {},
      getVoices: () => [voice],
      get speaking() {
        return log.speaking;
      },
      addEventListener() {},
      removeEventListener() {},
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance, configurable: true });
    const media = navigator.mediaSession;
    const setHandler = media.setActionHandler.bind(media);
    media.setActionHandler = (action: MediaSessionAction, handler: MediaSessionActionHandler | null) => {
      handlers[action] = handler;
      setHandler(action, handler);
    };
    Object.assign(window, {
      __speech: log,
      __pressMediaKey: (action: MediaSessionAction) => handlers[action]?.({ action }),
      __mediaActions: () => Object.keys(handlers).filter((a) => handlers[a]),
    });
  }, lineMs);
}

export function speechLog(page: Page): Promise<SpeechLog> {
  return page.evaluate(() => {
    const w = window as unknown as { __speech: SpeechLog; __mediaActions: () => string[] };
    const meta = navigator.mediaSession.metadata;
    return {
      ...w.__speech,
      said: [...w.__speech.said],
      actions: w.__mediaActions(),
      title: meta?.title ?? null,
      album: meta?.album ?? null,
    };
  });
}

/** Calls the handler the app gave the Media Session, as a headset or lock-screen key does. */
export function pressMediaKey(page: Page, action: 'play' | 'pause' | 'nexttrack' | 'previoustrack' | 'stop') {
  return page.evaluate(
    (a) => (window as unknown as { __pressMediaKey: (a: string) => void }).__pressMediaKey(a),
    action,
  );
}
