// Settings' optimizer over 10k cards and 100k reviews at 1× CPU, as a user runs it: Optimize clicked →
// the fitted parameters shown (first use, then again with the optimizer's files cached), Apply →
// every schedule rebuilt, Revert the same way; the longest main-thread task during each, and the
// optimizer's files fetched on first use.
import { loadavg } from 'node:os';
import type { Page, Response } from '@playwright/test';
import type { LongTasks } from './bench-api';
import {
  appReady,
  frameWhen,
  loadBenchModule,
  persistentContext,
  seedDevice,
  startWatching,
  stopWatching,
  throttle,
} from './browser-figures';
import { kb, sizeOf } from './build-sizes';
import { type Figure, measured, single } from './report';

/** The machine's load (1-minute average) when a figure was taken: other work shares these cores. */
export type Load = number;

export interface OptimizeRun {
  /** 'first use' downloads and compiles the WebAssembly; 'cached' has it from the first. */
  use: 'first use' | 'cached';
  /** Optimize clicked → the fitted parameters (the comparison table) painted. */
  ms: number;
  /** Clicked → the log read on the page (the worker asked to load the optimizer). */
  readMs: number | null;
  /** Clicked → the worker began fitting (the WebAssembly ready). */
  fittingAtMs: number | null;
  longTasks: LongTasks;
  result: string;
  load: Load;
}

export interface RebuildRun {
  what: 'Apply' | 'Revert';
  /** Clicked → the "Applied"/"Reverted" message painted. */
  ms: number;
  longTasks: LongTasks;
  load: Load;
}

export interface OptimizerFigure {
  cards: number;
  reviews: number;
  optimize: OptimizeRun[];
  rebuild: RebuildRun[];
  /** What the first Optimize fetched beyond what the Settings screen had: the worker and its WebAssembly. */
  firstUseFiles: Array<{ file: string; bytes: number; gzip: number }>;
}

export interface OptimizerOptions {
  base: string;
  dist: string;
  cards: number;
  reviews: number;
  /** Rounds of Optimize → Apply → Revert on one seeded device; the first Optimize is the first use. */
  rounds: number;
  log: (message: string) => void;
}

/** A fit of 100k reviews on a shared machine, and the rebuilds. */
const SLOW = 300_000;
const load = (): Load => Math.round((loadavg()[0] ?? 0) * 100) / 100;

const section = (page: Page) => page.getByRole('region', { name: 'Your own parameters' });

type Stamps = Window & { __kpStages?: Record<string, number> };

/** Remembers when each of the optimizer's progress lines first appears (performance.now()). */
function stageClock(): void {
  const stamps: Record<string, number> = {};
  (window as Stamps).__kpStages = stamps;
  const observer = new MutationObserver(() => {
    const text = document.querySelector('[aria-labelledby="kp-optimizer-title"]')?.textContent ?? '';
    for (const [key, words] of [
      ['loading', 'Loading the optimizer'],
      ['fitting', 'Fitting parameters'],
    ] as const)
      if (stamps[key] === undefined && text.includes(words)) stamps[key] = performance.now();
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
}

async function clickTimed(page: Page, name: string): Promise<number> {
  await page.evaluate(() => {
    window.__kpKeyAt = 0;
    window.addEventListener('click', (e) => (window.__kpKeyAt = e.timeStamp), { capture: true, once: true });
  });
  await section(page).getByRole('button', { name }).click();
  return page.evaluate(() => window.__kpKeyAt ?? 0);
}

async function optimizeOnce(page: Page, use: OptimizeRun['use']): Promise<OptimizeRun> {
  await page.evaluate(stageClock);
  await startWatching(page);
  const clicked = await clickTimed(page, 'Optimize');
  const shown = await frameWhen(
    page,
    () =>
      document.querySelector(
        '[data-testid="optimizer-result"], [aria-labelledby="kp-optimizer-title"] .kp-alert',
      ) !== null && performance.now(),
  );
  const longTasks = await stopWatching(page, clicked);
  const stages = await page.evaluate(() => (window as Stamps).__kpStages ?? {});
  const result =
    (await section(page).locator('[data-testid="optimizer-result"], .kp-alert').first().textContent()) ?? '';
  const since = (t: number | undefined) => (t === undefined ? null : Math.round(t - clicked));
  return {
    use,
    ms: Math.round(shown - clicked),
    readMs: since(stages.loading),
    fittingAtMs: since(stages.fitting),
    longTasks,
    result: result.trim(),
    load: load(),
  };
}

async function rebuildOnce(page: Page, what: RebuildRun['what']): Promise<RebuildRun> {
  const button = what === 'Apply' ? 'Apply the new parameters' : 'Revert to the previous parameters';
  const words =
    what === 'Apply' ? 'Applied: every schedule was rebuilt' : 'Reverted: every schedule was rebuilt';
  await startWatching(page);
  const clicked = await clickTimed(page, button);
  // The probe needs the words, which frameWhen's cannot take: the same wait with an argument.
  const handle = await page.waitForFunction(
    (w) =>
      (document.querySelector('[aria-labelledby="kp-optimizer-title"]')?.textContent ?? '').includes(w) &&
      performance.now(),
    words,
    { polling: 'raf', timeout: SLOW },
  );
  const painted = (await handle.jsonValue()) as number;
  const longTasks = await stopWatching(page, clicked);
  return { what, ms: Math.round(painted - clicked), longTasks, load: load() };
}

export async function optimizerFigure(options: OptimizerOptions): Promise<OptimizerFigure> {
  const { base, log } = options;
  const { context, close } = await persistentContext();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(SLOW);
    log(`seeding ${options.cards} cards and ${options.reviews} reviews through src/storage …`);
    const seed = await seedDevice(page, base, options.cards, options.reviews);
    log(`  seeded in ${seed.generateMs + seed.writeMs} ms`);
    await page.goto(`${base}/#/settings`);
    await appReady(page);
    await section(page).waitFor();
    await loadBenchModule(page);
    const cdp = await context.newCDPSession(page);
    await throttle(cdp, 1);

    const fetched = new Set<string>();
    const onResponse = (response: Response) => {
      const path = new URL(response.url()).pathname.slice(1);
      if (path.startsWith('assets/')) fetched.add(path);
    };
    context.on('response', onResponse);
    page.on('response', onResponse);
    const out: OptimizerFigure = {
      cards: seed.cards,
      reviews: seed.reviews,
      optimize: [],
      rebuild: [],
      firstUseFiles: [],
    };
    for (let round = 0; round < options.rounds; round++) {
      const use = round === 0 ? 'first use' : 'cached';
      log(`Optimize (${use}, 1× CPU; load ${load()}) …`);
      const run = await optimizeOnce(page, use);
      out.optimize.push(run);
      log(
        `  ${run.ms} ms (log read ${run.readMs} ms, fitting from ${run.fittingAtMs} ms), longest task ${run.longTasks.longestTaskMs} ms: ${run.result}`,
      );
      if (round === 0) {
        context.off('response', onResponse);
        page.off('response', onResponse);
        out.firstUseFiles = [...fetched].sort().map((f) => sizeOf(options.dist, f));
      }
      if ((await section(page).getByRole('button', { name: 'Apply the new parameters' }).count()) === 0) {
        log('  no Apply offered: the fit is no better than the parameters in use');
        break;
      }
      for (const what of ['Apply', 'Revert'] as const) {
        log(`${what} (1× CPU; load ${load()}) …`);
        const r = await rebuildOnce(page, what);
        out.rebuild.push(r);
        log(`  ${r.ms} ms, longest task ${r.longTasks.longestTaskMs} ms`);
      }
    }
    return out;
  } finally {
    await close();
  }
}

/** The optimizer phase's lines for the table (details kept in `details.optimizer`). */
export async function optimizerFigures(
  options: Omit<OptimizerOptions, 'rounds'> & { details: Record<string, unknown> },
): Promise<Figure[]> {
  const { details, ...rest } = options;
  const r = await optimizerFigure({ ...rest, rounds: 2 });
  details.optimizer = r;
  const loads = (runs: Array<{ load: Load }>) => runs.map((x) => x.load).join(', ');
  const first = r.optimize.filter((o) => o.use === 'first use');
  const cached = r.optimize.filter((o) => o.use === 'cached');
  const split = (runs: OptimizeRun[]) =>
    runs
      .map(
        (o) =>
          `log read on the page ${o.readMs ?? '—'} ms, WebAssembly ready at ${o.fittingAtMs ?? '—'} ms, fit and evaluation ${o.fittingAtMs === null ? '—' : o.ms - o.fittingAtMs} ms`,
      )
      .join('; ');
  const apply = r.rebuild.filter((b) => b.what === 'Apply');
  const revert = r.rebuild.filter((b) => b.what === 'Revert');
  const bytes = r.firstUseFiles.reduce((n, f) => n + f.bytes, 0);
  const gzip = r.firstUseFiles.reduce((n, f) => n + f.gzip, 0);
  return [
    measured(
      'Optimize, first use: click → fitted parameters shown (1× CPU)',
      'ms',
      first.map((o) => o.ms),
      20_000,
      'max',
      `${r.cards} cards + ${r.reviews} reviews; ${split(first)}; load ${loads(first)}; "${first[0]?.result ?? ''}"`,
    ),
    measured(
      '  longest main-thread task meanwhile',
      'ms',
      first.map((o) => o.longTasks.longestTaskMs),
      200,
      'max',
    ),
    measured(
      'Optimize again, optimizer cached (1× CPU)',
      'ms',
      cached.map((o) => o.ms),
      20_000,
      'max',
      `${split(cached)}; load ${loads(cached)}`,
    ),
    measured(
      '  longest main-thread task meanwhile',
      'ms',
      cached.map((o) => o.longTasks.longestTaskMs),
      200,
      'max',
    ),
    single('Optimizer files fetched on first use, gzip', 'kB', kb(gzip), null, {
      note: `${kb(bytes)} kB as served: ${r.firstUseFiles.map((f) => `${f.file} ${kb(f.bytes)} kB (${kb(f.gzip)} kB gzip)`).join(', ') || 'nothing'}`,
    }),
    measured(
      'Apply: click → every schedule rebuilt (1× CPU)',
      'ms',
      apply.map((b) => b.ms),
      3_000,
      'max',
      `the progress bar on Settings while rebuildSchedules() replays the log with the new parameters; load ${loads(apply)}`,
    ),
    measured(
      '  longest main-thread task meanwhile',
      'ms',
      apply.map((b) => b.longTasks.longestTaskMs),
      200,
      'max',
    ),
    measured(
      'Revert: click → every schedule rebuilt (1× CPU)',
      'ms',
      revert.map((b) => b.ms),
      3_000,
      'max',
      `load ${loads(revert)}`,
    ),
    measured(
      '  longest main-thread task meanwhile',
      'ms',
      revert.map((b) => b.longTasks.longestTaskMs),
      200,
      'max',
    ),
  ];
}
