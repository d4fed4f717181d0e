// The Statistics screen over 10k cards and 100k reviews at 4× CPU: Stats tapped → screen painted → statistics painted, long tasks meanwhile.
import type { Page } from '@playwright/test';
import type { LongTasks } from './bench-api';
import {
  appReady,
  frameWhen,
  loadBenchModule,
  seededDevice,
  startWatching,
  stopWatching,
  throttle,
} from './browser-figures';

export interface StatsFigure {
  /** Stats tapped → the screen's first frame (its heading) painted, per opening. */
  firstPaintMs: number[];
  /** Stats tapped → the statistics (the calendar with every day's count) painted, per opening. */
  paintedMs: number[];
  /** The longest main-thread task from the tap until the statistics were painted, per opening. */
  longestTaskMs: number[];
  reviews: number;
  cards: number;
}

export interface StatsOptions {
  base: string;
  cards: number;
  reviews: number;
  /** Openings timed, each from Home, after one that is not: it downloads the screen's code (kept from
   * then on) and is when the app registers its service worker, on leaving Home the first time. */
  runs: number;
  log: (message: string) => void;
}

const SLOW = 180_000;
/** Long enough for Home's own counts over 100k reviews to settle before Stats is tapped. */
const HOME_SETTLE_MS = 3_000;

async function openOnce(page: Page): Promise<{ firstPaint: number; painted: number; tasks: LongTasks }> {
  await page.getByRole('heading', { name: 'Today' }).waitFor({ timeout: SLOW });
  await page.waitForTimeout(HOME_SETTLE_MS);
  await startWatching(page);
  await page.evaluate(() => {
    window.__kpKeyAt = 0;
    window.addEventListener('click', (e) => (window.__kpKeyAt = e.timeStamp), { capture: true, once: true });
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stats' }).click();
  const firstPaint = await frameWhen(
    page,
    () =>
      [...document.querySelectorAll('h1')].some((h) => h.textContent === 'Statistics') && performance.now(),
  );
  const painted = await frameWhen(
    page,
    () => document.querySelector('.kp-heatmap rect[aria-label^="Today, "]') !== null && performance.now(),
  );
  const tapped = await page.evaluate(() => window.__kpKeyAt ?? 0);
  const tasks = await stopWatching(page, tapped);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  return { firstPaint: firstPaint - tapped, painted: painted - tapped, tasks };
}

export async function statsFigure(options: StatsOptions): Promise<StatsFigure> {
  const { base, log } = options;
  const { context, page, seed, close } = await seededDevice(options);
  try {
    await page.goto(`${base}/#/`);
    await appReady(page);
    await loadBenchModule(page);
    const cdp = await context.newCDPSession(page);
    await throttle(cdp, 4);
    log(`opening Statistics from Home ×${options.runs + 1}, the first one not timed (4× CPU) …`);
    await openOnce(page);
    const out: StatsFigure = {
      firstPaintMs: [],
      paintedMs: [],
      longestTaskMs: [],
      reviews: seed.reviews,
      cards: seed.cards,
    };
    for (let i = 0; i < options.runs; i++) {
      const r = await openOnce(page);
      out.firstPaintMs.push(Math.round(r.firstPaint));
      out.paintedMs.push(Math.round(r.painted));
      out.longestTaskMs.push(r.tasks.longestTaskMs);
    }
    await throttle(cdp, 1);
    return out;
  } finally {
    await close();
  }
}
