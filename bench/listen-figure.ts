// Listen mode on a warm, offline start at 4× CPU: "Start listening" tapped → the first line handed to speechSynthesis.speak().
import type { Page } from '@playwright/test';
import { installFakeSpeech } from '../tests/e2e/helpers/fake-speech';
import { seededDevice, throttle } from './browser-figures';

export interface ListenFigure {
  /** Start tapped (the click's timeStamp) → the first speak() with text, per warm start. */
  speakMs: number[];
  /** Start tapped → the first frame showing the Question step, per warm start. */
  paintedMs: number[];
  cards: number;
  reviews: number;
}

export interface ListenOptions {
  base: string;
  cards: number;
  reviews: number;
  /** Warm starts timed, each a reload of the page, Home → Listen → Start listening. */
  runs: number;
  log: (message: string) => void;
}

/** A line of the fake voice lasts longer than a run: nothing after the first line is read meanwhile. */
const LINE_MS = 600_000;
/** How long a user reads the Listen screen (its safety note) before tapping Start. */
const SCREEN_GLANCE_MS = 1_000;

/**
 * Runs after the fake speechSynthesis is installed: remembers when the app first hands it a text (the
 * empty utterance Start speaks to unlock speech is not a line), when Start listening is clicked, and
 * (on `__kpFirstCard`) when the Question step was first painted after it.
 */
function speechClock(): void {
  window.__kpSpokeAt = 0;
  window.__kpKeyAt = 0;
  const synth = window.speechSynthesis;
  const speak = synth.speak.bind(synth);
  synth.speak = (u: SpeechSynthesisUtterance) => {
    if (u.text && window.__kpSpokeAt === 0) window.__kpSpokeAt = performance.now();
    speak(u);
  };
  window.addEventListener(
    'click',
    (e) => {
      const button = e.target instanceof Element ? e.target.closest('button') : null;
      if (button?.textContent !== 'Start listening') return;
      window.__kpKeyAt = e.timeStamp;
      // When the frame showing the Question step has been painted (a message posted from rAF runs after it).
      const observer = new MutationObserver(() => {
        if (document.querySelector('[data-testid="listen-step"]')?.textContent !== 'Question') return;
        observer.disconnect();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            window.__kpFirstCard = performance.now();
          };
          channel.port2.postMessage(0);
        });
      });
      observer.observe(document, { childList: true, subtree: true, characterData: true });
    },
    { capture: true },
  );
}

async function openListen(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Today' }).waitFor();
  await page.getByRole('button', { name: 'Listen', exact: true }).click();
  await page.getByRole('button', { name: 'Start listening' }).waitFor();
}

/** A warm start on Home: the page loaded anew (a hash change alone loads nothing). */
async function reloadHome(page: Page, base: string): Promise<void> {
  await page.evaluate(() => {
    location.hash = '#/';
  });
  await page.waitForURL(`${base}/#/`);
  await page.reload({ waitUntil: 'commit' });
}

async function listenOnce(page: Page, base: string): Promise<{ speak: number; painted: number }> {
  await reloadHome(page, base);
  await openListen(page);
  await page.waitForTimeout(SCREEN_GLANCE_MS);
  await page.getByRole('button', { name: 'Start listening' }).click();
  await page.waitForFunction(() => (window.__kpSpokeAt ?? 0) > 0);
  await page.waitForFunction(() => window.__kpFirstCard !== undefined);
  const [tapped, spoke, painted] = await page.evaluate(() => [
    window.__kpKeyAt ?? 0,
    window.__kpSpokeAt ?? 0,
    window.__kpFirstCard ?? 0,
  ]);
  if (!tapped) throw new Error('The Start listening click was not seen');
  // navigator.onLine does not follow the emulation here: a request past the precache must fail.
  const state = await page.evaluate(async () => ({
    controlled: navigator.serviceWorker.controller !== null,
    online: await fetch(`/robots.txt?bench=${Math.random()}`).then(
      () => true,
      () => false,
    ),
  }));
  if (!state.controlled || state.online)
    throw new Error(`A warm start was not offline under the service worker: ${JSON.stringify(state)}`);
  return { speak: spoke - tapped, painted: painted - tapped };
}

export async function listenFigure(options: ListenOptions): Promise<ListenFigure> {
  const { base, log } = options;
  const { context, page, seed, close } = await seededDevice(options, async (_, page) => {
    await installFakeSpeech(page, LINE_MS);
    await page.addInitScript(speechClock);
  });
  try {
    log('first visit: Home → Listen (downloads the screen, installs the service worker) …');
    await page.goto(`${base}/#/`);
    await openListen(page);
    const ready = await page.evaluate(() =>
      Promise.race([
        navigator.serviceWorker.ready.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 30_000)),
      ]),
    );
    if (!ready) throw new Error('The service worker did not install');
    // The first page is not controlled (no clients.claim); the next load is.
    await reloadHome(page, base);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    const cdp = await context.newCDPSession(page);
    await throttle(cdp, 4);
    await context.setOffline(true);
    log(`offline warm starts ×${options.runs}: Home → Listen → Start listening (4× CPU) …`);
    const out: ListenFigure = { speakMs: [], paintedMs: [], cards: seed.cards, reviews: seed.reviews };
    for (let i = 0; i < options.runs; i++) {
      const r = await listenOnce(page, base);
      out.speakMs.push(Math.round(r.speak * 10) / 10);
      out.paintedMs.push(Math.round(r.painted));
    }
    await context.setOffline(false);
    await throttle(cdp, 1);
    return out;
  } finally {
    await close();
  }
}
