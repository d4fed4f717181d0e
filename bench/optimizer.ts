// Settings' optimizer over 10k cards and 100k reviews at 1× CPU, as a user runs it: Optimize clicked →
// the fitted parameters shown (first use, then again with the optimizer's files cached), Apply →
// every schedule rebuilt, Revert the same way; the longest main-thread task during each, and the
// optimizer's files fetched on first use.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CDPSession, Page, Response } from '@playwright/test';
import type { LongTasks } from './bench-api';
import { appReady, frameWhen, loadBenchModule, seededDevice, throttle } from './browser-figures';
import { kb, precache, sizeOf } from './build-sizes';
import { startCapture, stopCapture, writeSummary } from './profile';
import { type Figure, measured, single } from './report';

/** The machine's load (1-minute average) when a figure was taken: other work shares these cores. */
export type Load = number;

export interface OptimizeRun {
  /** 'first use' downloads and compiles the WebAssembly; 'cached' has it from the first. */
  use: 'first use' | 'cached';
  /** Optimize clicked → the fitted parameters (the comparison table) painted. */
  ms: number;
  /** Clicked → the worker's first word (it has started and begins reading the log). */
  startedMs: number | null;
  /** Clicked → the worker has read the log (and waits for its WebAssembly, fetched meanwhile). */
  readMs: number | null;
  /** Clicked → the worker began fitting (the WebAssembly ready). */
  fittingAtMs: number | null;
  /** Clicked → the worker's answer arrived (fitted and judged). */
  answeredMs: number | null;
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
  /** rebuildSchedules() called alone on the same device after the rounds (kpBench.rebuild): what Apply costs beyond it is the screen's. */
  bareRebuild: Array<{ ms: number; longTasks: LongTasks; load: Load }>;
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
  /** `--profile`: a CPU profile and trace around each click, summarised over its long tasks into `dir`. */
  profile?: { dir: string };
}

/** A fit of 100k reviews on a shared machine, and the rebuilds. */
const SLOW = 300_000;
const load = (): Load => Math.round((loadavg()[0] ?? 0) * 100) / 100;

const section = (page: Page) => page.getByRole('region', { name: 'Your own parameters' });

type Probed = Window & {
  /** [stage, performance.now()] of each message the optimizer's worker sent the page. */
  __kpWorkerSaid?: Array<[string, number]>;
  __kpTasks?: Array<[number, number]>;
  __kpTaskObserver?: PerformanceObserver;
};

/**
 * Stamps every message a Worker sends the page, on arrival (the optimizer's worker says when it
 * reads the log, loads its WebAssembly, fits, and answers): the split of the time, without touching
 * the app. Installed before the app's code runs.
 */
function workerStamps(): void {
  const w = window as Probed;
  w.__kpWorkerSaid = [];
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener('message', (e: MessageEvent<{ type?: string; stage?: string }>) =>
        w.__kpWorkerSaid?.push([e.data?.stage ?? e.data?.type ?? '?', performance.now()]),
      );
    }
  };
}

/** Collects long tasks (start, duration) from now on. */
function watchTasks(): void {
  const w = window as Probed;
  w.__kpTaskObserver?.disconnect();
  const tasks: Array<[number, number]> = [];
  w.__kpTasks = tasks;
  w.__kpTaskObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push([e.startTime, e.duration]);
  });
  w.__kpTaskObserver.observe({ type: 'longtask' });
}

/** The long tasks that started at or after `from`, once the ones just ended have been delivered. */
async function tasksSince(page: Page, from: number): Promise<Array<[number, number]>> {
  return page.evaluate(async (f) => {
    const w = window as Probed;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (const e of w.__kpTaskObserver?.takeRecords() ?? []) w.__kpTasks?.push([e.startTime, e.duration]);
    w.__kpTaskObserver?.disconnect();
    return (w.__kpTasks ?? []).filter(([start]) => start >= f);
  }, from);
}

const summary = (tasks: Array<[number, number]>): LongTasks => ({
  longestTaskMs: Math.round(Math.max(0, ...tasks.map(([, d]) => d))),
  longTasks: tasks.length,
});

async function clickTimed(page: Page, name: string): Promise<number> {
  await page.evaluate(() => {
    window.__kpKeyAt = 0;
    window.addEventListener('click', (e) => (window.__kpKeyAt = e.timeStamp), { capture: true, once: true });
  });
  await section(page).getByRole('button', { name }).click();
  return page.evaluate(() => window.__kpKeyAt ?? 0);
}

interface Profiling {
  cdp: CDPSession;
  dist: string;
  dir: string;
}

/** Runs `measure` inside a CPU profile and trace when profiling, summarised over its long tasks. */
async function profiled<T extends { longTasks: LongTasks }>(
  page: Page,
  profiling: Profiling | null,
  name: string,
  measure: () => Promise<T & { tasks: Array<[number, number]> }>,
): Promise<T> {
  const capture = profiling ? await startCapture(profiling.cdp, page) : null;
  const { tasks, ...result } = await measure();
  if (profiling && capture) {
    const recorded = await stopCapture(profiling.cdp, capture);
    const file = join(profiling.dir, `profile-${name}.txt`);
    const windows = tasks.map(([start, d]) => [start, start + d] as [number, number]);
    writeSummary(
      file,
      `${name}: the main thread's long tasks (${tasks.map(([, d]) => Math.round(d)).join(', ') || 'none'} ms)`,
      recorded,
      profiling.dist,
      windows.length ? windows : [[0, 0]],
    );
  }
  return result as unknown as T;
}

async function optimizeOnce(
  page: Page,
  use: OptimizeRun['use'],
  profiling: Profiling | null,
): Promise<OptimizeRun> {
  return profiled(page, profiling, `optimize-${use.replace(' ', '-')}`, async () => {
    await page.evaluate(() => {
      (window as Probed).__kpWorkerSaid = [];
    });
    await page.evaluate(watchTasks);
    const clicked = await clickTimed(page, 'Optimize');
    const shown = await frameWhen(
      page,
      () =>
        document.querySelector(
          '[data-testid="optimizer-result"], [aria-labelledby="kp-optimizer-title"] .kp-alert',
        ) !== null && performance.now(),
    );
    const tasks = await tasksSince(page, clicked);
    const said = new Map(await page.evaluate(() => (window as Probed).__kpWorkerSaid ?? []));
    const result =
      (await section(page).locator('[data-testid="optimizer-result"], .kp-alert').first().textContent()) ??
      '';
    const since = (t: number | undefined) => (t === undefined ? null : Math.round(t - clicked));
    return {
      use,
      ms: Math.round(shown - clicked),
      startedMs: since(said.get('reading')),
      readMs: since(said.get('loading')),
      fittingAtMs: since(said.get('fitting')),
      answeredMs: since(said.get('done') ?? said.get('error')),
      longTasks: summary(tasks),
      tasks,
      result: result.trim(),
      load: load(),
    };
  });
}

async function rebuildOnce(
  page: Page,
  what: RebuildRun['what'],
  profiling: Profiling | null,
  round: number,
): Promise<RebuildRun> {
  return profiled(page, profiling, `${what.toLowerCase()}-${round + 1}`, async () => {
    const button = what === 'Apply' ? 'Apply the new parameters' : 'Revert to the previous parameters';
    const words =
      what === 'Apply' ? 'Applied: every schedule was rebuilt' : 'Reverted: every schedule was rebuilt';
    await page.evaluate(watchTasks);
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
    const tasks = await tasksSince(page, clicked);
    return { what, ms: Math.round(painted - clicked), longTasks: summary(tasks), tasks, load: load() };
  });
}

export async function optimizerFigure(options: OptimizerOptions): Promise<OptimizerFigure> {
  const { base, log } = options;
  const { context, page, seed, close } = await seededDevice({ ...options, timeout: SLOW }, (context) =>
    context.addInitScript(workerStamps),
  );
  try {
    // As on a device where the app is installed: the service worker controls the page, so the
    // optimizer's files are fetched through it (and kept), and its precache is not counted below.
    log('installing the service worker …');
    await page.goto(`${base}/#/settings`);
    await appReady(page);
    const installed = await page.evaluate(() =>
      Promise.race([
        navigator.serviceWorker.ready.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 30_000)),
      ]),
    );
    if (!installed) throw new Error('The service worker did not install');
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await appReady(page);
    await section(page).waitFor();
    // The app registers its service worker again a moment after each start (its code fetched then):
    // that is not the optimizer's, so counting starts after it.
    await page.waitForFunction(
      () => performance.getEntriesByType('resource').some((e) => /\/assets\/register-/.test(e.name)),
      null,
      { timeout: 30_000 },
    );
    const cdp = await context.newCDPSession(page);
    await throttle(cdp, 1);
    const profiling = options.profile ? { cdp, dist: options.dist, dir: options.profile.dir } : null;

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
      bareRebuild: [],
      firstUseFiles: [],
    };
    for (let round = 0; round < options.rounds; round++) {
      const use = round === 0 ? 'first use' : 'cached';
      log(`Optimize (${use}, 1× CPU; load ${load()}) …`);
      const run = await optimizeOnce(page, use, profiling);
      out.optimize.push(run);
      log(
        `  ${run.ms} ms (worker started ${run.startedMs}, log read ${run.readMs}, WebAssembly ready ${run.fittingAtMs}, answered ${run.answeredMs} ms), long tasks ${run.longTasks.longTasks}, longest ${run.longTasks.longestTaskMs} ms: ${run.result}`,
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
        const r = await rebuildOnce(page, what, profiling, round);
        out.rebuild.push(r);
        log(`  ${r.ms} ms, long tasks ${r.longTasks.longTasks}, longest ${r.longTasks.longestTaskMs} ms`);
      }
    }
    await loadBenchModule(page);
    for (let i = 0; i < 2; i++) {
      log(`rebuildSchedules() alone, for comparison (1× CPU; load ${load()}) …`);
      const r = await page.evaluate(() => (window.kpBench as NonNullable<Window['kpBench']>).rebuild());
      out.bareRebuild.push({ ms: r.ms, longTasks: r, load: load() });
      log(`  ${r.ms} ms, long tasks ${r.longTasks}, longest ${r.longestTaskMs} ms`);
    }
    return out;
  } finally {
    await close();
  }
}

/**
 * The commit before the optimizer came (the Settings section, its repository module, its worker):
 * the precache is compared with that commit's, built the same way, for DESIGN's "precache grows by
 * ≤ 5 kB gzip". Later changes to the app count too: the figure drifts as the app grows.
 */
export const BEFORE_OPTIMIZER = '099bc2f';

/** The precache (gzip bytes) of `commit`'s production build, built once in a scratch directory and kept. */
function precacheAt(commit: string, log: (m: string) => void): { gzip: number; files: number } {
  const kept = join('bench', 'results', `precache-${commit}.json`);
  if (existsSync(kept)) return JSON.parse(readFileSync(kept, 'utf8')) as { gzip: number; files: number };
  log(`building ${commit} to read its precache (kept in ${kept}) …`);
  const dir = mkdtempSync(join(tmpdir(), 'kp-precache-'));
  try {
    const archive = spawnSync('git', ['archive', '--format=tar', commit], { maxBuffer: 1 << 30 });
    if (archive.status !== 0) throw new Error(`git archive ${commit} failed`);
    const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
    if (untar.status !== 0) throw new Error('tar failed');
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
    const build = spawnSync(
      join(dir, 'node_modules/.bin/vite'),
      ['build', '--outDir', 'dist', '--logLevel', 'error'],
      { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (build.status !== 0) throw new Error(`vite build of ${commit} failed`);
    const sized = precache(join(dir, 'dist'));
    const result = { gzip: sized.gzip, files: sized.files.length };
    mkdirSync(join('bench', 'results'), { recursive: true });
    writeFileSync(kept, `${JSON.stringify(result)}\n`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
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
          `worker started at ${o.startedMs ?? '—'} ms, log read in it by ${o.readMs ?? '—'} ms, WebAssembly ready at ${o.fittingAtMs ?? '—'} ms, fitted and judged by ${o.answeredMs ?? '—'} ms`,
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
    precacheGrowth(options.dist, options.log),
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
    measured(
      '  rebuildSchedules() alone on the same device (1× CPU)',
      'ms',
      r.bareRebuild.map((b) => b.ms),
      3_000,
      'max',
      `kpBench.rebuild() in the page after the rounds, no screen (the seeded phase's figure); load ${loads(r.bareRebuild)}`,
    ),
    measured(
      '  longest main-thread task meanwhile',
      'ms',
      r.bareRebuild.map((b) => b.longTasks.longestTaskMs),
      200,
      'max',
    ),
  ];
}

function precacheGrowth(dist: string, log: (m: string) => void): Figure {
  const now = precache(dist);
  const before = precacheAt(BEFORE_OPTIMIZER, log);
  const stats = now.files.filter((f) => /^assets\/stats[-.]/.test(f.file));
  return single(
    `Precache growth since before the optimizer (${BEFORE_OPTIMIZER}), gzip`,
    'kB',
    kb(now.gzip - before.gzip),
    5,
    {
      note: `${kb(before.gzip)} → ${kb(now.gzip)} kB (${before.files} → ${now.files.length} files), later changes included; the optimizer's worker and WebAssembly are fetched on first use, never precached. The Statistics screen, which came before, has ${kb(stats.reduce((n, f) => n + f.gzip, 0))} kB in the precache: ${stats.map((f) => `${f.file} ${kb(f.gzip)} kB`).join(', ')}`,
    },
  );
}
