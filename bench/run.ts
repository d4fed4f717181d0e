// `npm run bench`: builds, serves the production build on 127.0.0.1, measures DESIGN.md §7's figures, prints one table.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';
import {
  coldVisitsSlow4g,
  firstCardJsOnFirstVisit,
  importFigure,
  PHONE_VIEWPORT,
  seededFigures,
} from './browser-figures';
import {
  FIRST_CARD_JS_BUDGET_KB,
  firstCardPathJs,
  kb,
  type PathJs,
  PRECACHE_BUDGET_KB,
  precache,
} from './build-sizes';
import { interviewFigures } from './interview-figures';
import { runLighthouse } from './lighthouse-run';
import { listenFigure } from './listen-figure';
import { optimizerFigures } from './optimizer';
import { type Figure, measured, round, single, table } from './report';
import { statsFigure } from './stats-figure';
import { syncFigure } from './sync-figure';

const PORT = Number(process.env.KP_BENCH_PORT ?? 4344);
const DEVTOOLS_PORT = Number(process.env.KP_BENCH_DEVTOOLS_PORT ?? 4345);
const DIST = process.env.KP_BENCH_DIST ?? 'dist-bench';
/** The loopback pouchdb-server the sync phase starts and stops. */
const SYNC_PORT = Number(process.env.KP_BENCH_SYNC_PORT ?? 5995);
const BASE = `http://127.0.0.1:${PORT}`;
const RESULTS = 'bench/results/latest.json';
const CARDS = 10_000;
const REVIEWS = 100_000;
const SKIP_BUILD = process.argv.includes('--no-build');
/** `--profile`: source maps in the build, CPU profile + trace summaries in bench/results/ (figures then carry the profiler's overhead). */
const PROFILE = process.argv.includes('--profile');

const started = Date.now();
const log = (message: string) =>
  console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

function run(command: string, args: string[], env: Record<string, string> = {}): void {
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status})`);
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

async function startPreview(): Promise<ChildProcess> {
  // A server left on the port would be measured instead of this build.
  if (await answers(BASE)) throw new Error(`Something already answers on ${BASE}: stop it first.`);
  const server = spawn(
    'node_modules/.bin/vite',
    ['preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort', '--outDir', DIST],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 200; i++) {
    if (server.exitCode !== null)
      throw new Error(`vite preview exited (${server.exitCode}); is port ${PORT} free?`);
    if (await answers(BASE)) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`vite preview did not answer on ${BASE}`);
}

function machine(chromiumVersion: string) {
  const cpu = cpus();
  return {
    cores: cpu.length,
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    memoryGb: round(totalmem() / 1024 ** 3),
    chromium: chromiumVersion,
    node: process.version,
  };
}

const PHASES = [
  'first-visit',
  'cold',
  'seeded',
  'import',
  'interview',
  'stats',
  'listen',
  'sync',
  'optimizer',
  'lighthouse',
] as const;
type Phase = (typeof PHASES)[number];

/** `--only seeded,import` runs part of the benchmark (while working on one figure). */
function phases(): Set<Phase> {
  const arg = process.argv.find((a) => a.startsWith('--only='));
  if (!arg) return new Set(PHASES);
  const wanted = arg.slice('--only='.length).split(',');
  for (const w of wanted)
    if (!(PHASES as readonly string[]).includes(w)) throw new Error(`Unknown phase ${w}`);
  return new Set(wanted as Phase[]);
}

function mb(n: number): string {
  return `${round(n / 1048576)} MB`;
}

async function main(): Promise<void> {
  const only = phases();
  if (!SKIP_BUILD) {
    log(`building the app into ${DIST}/ and the bench page into ${DIST}/__bench/ …`);
    const maps = PROFILE ? ['--sourcemap'] : [];
    run('node_modules/.bin/vite', ['build', '--outDir', DIST, '--manifest', '--logLevel', 'warn', ...maps]);
    run('node_modules/.bin/vite', ['build', '--config', 'bench/vite.bench.config.ts', ...maps], {
      KP_BENCH_DIST: DIST,
    });
  }
  const figures: Figure[] = [];
  const notes: string[] = [];
  const details: Record<string, unknown> = {};

  const staticJs = firstCardPathJs(DIST);
  details.firstCardJsManifest = staticJs;
  details.precache = precache(DIST);
  figures.push(
    single(
      'JS open → Home → Start review → first card, gzip (build manifest)',
      'kB',
      kb(staticJs.gzip),
      FIRST_CARD_JS_BUDGET_KB,
      {
        note: 'entry + Home + Review + what they load on the way (deck seeding), each with its static imports',
      },
    ),
  );

  const server = await startPreview();
  let chromiumVersion = 'unknown';
  try {
    chromiumVersion = await measure(only, figures, notes, details, staticJs);
  } finally {
    server.kill('SIGTERM');
  }
  report(chromiumVersion, figures, notes, details);
}

async function measure(
  only: Set<Phase>,
  figures: Figure[],
  notes: string[],
  details: Record<string, unknown>,
  staticJs: PathJs,
): Promise<string> {
  const cache = precache(DIST);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const chromiumVersion = browser.version();
  try {
    if (only.has('first-visit')) {
      log('first visit, cold cache: JS fetched on open → Home → Start review → first card …');
      const loaded = await firstCardJsOnFirstVisit(browser, BASE, DIST);
      details.firstCardJsFetched = loaded.js;
      const inStatic = new Set(staticJs.files.map((f) => f.file));
      const fetched = new Set(loaded.js.files.map((f) => f.file));
      const extra = loaded.js.files.filter((f) => !inStatic.has(f.file));
      const unfetched = staticJs.files.filter((f) => !fetched.has(f.file));
      const list = (files: { file: string; gzip: number }[]) =>
        files.map((f) => `${f.file} ${kb(f.gzip)} kB`).join(', ') || 'nothing';
      figures.push(
        single(
          'JS fetched until the first card, first visit, gzip',
          'kB',
          kb(loaded.js.gzip),
          FIRST_CARD_JS_BUDGET_KB,
          {
            note: `beyond the build-manifest set: ${list(extra)}; in it but not fetched: ${list(unfetched)}`,
          },
        ),
      );
    }
    figures.push(
      single('Service-worker precache, total, gzip', 'kB', kb(cache.gzip), PRECACHE_BUDGET_KB, {
        note: `${cache.files.length} files listed in sw.js (sw.js and the workbox runtime not counted)`,
      }),
    );

    if (only.has('cold')) {
      log('cold first visits on slow 4G (150 ms RTT, 1.6 Mbps down, 750 Kbps up, 4× CPU) ×3 …');
      const cold = await coldVisitsSlow4g(browser, BASE, 3);
      details.coldSlow4gMs = cold;
      figures.push(measured('Cold first visit, slow 4G + 4× CPU → first card', 'ms', cold, null));
    }
    await browser.close();

    if (only.has('seeded')) {
      const seeded = await seededFigures({
        base: BASE,
        cards: CARDS,
        reviews: REVIEWS,
        warmStarts: 5,
        grades: 200,
        gradesUnthrottled: 100,
        searchText: 'idempotent retry',
        rebuildCpuRates: [1, 4],
        log,
        ...(PROFILE ? { profile: { dist: DIST, dir: 'bench/results' } } : {}),
      });
      details.seeded = seeded;
      notes.push(...seeded.notes);
      figures.push(
        measured(
          'Offline warm start → first card visible (4× CPU)',
          'ms',
          seeded.warmStartMs,
          1000,
          'median',
        ),
        measured(
          'Grade → next card painted (4× CPU)',
          'ms',
          seeded.gradeMs,
          50,
          'p95',
          'key 3 (Good) → new question painted',
        ),
        measured(
          '  the same with no CPU throttle',
          'ms',
          seeded.gradeMsUnthrottled,
          null,
          'p95',
          'the next 100 grades at full speed: how much of the time is CPU (throttled) rather than I/O',
        ),
        seeded.searchMs
          ? measured(
              'Search keystroke → results painted (4× CPU)',
              'ms',
              seeded.searchMs,
              100,
              'p95',
              seeded.searchNote,
            )
          : single('Search keystroke → results painted (4× CPU)', 'ms', null, 100, {
              note: seeded.searchNote,
            }),
      );
      for (const r of seeded.rebuild) {
        figures.push(
          single(
            `Rebuild all schedules from the review log (${r.cpu}× CPU)`,
            'ms',
            r.ms,
            r.cpu === 1 ? 3000 : null,
            {
              note: `${r.cards} cards, ${r.reviews} reviews, rebuildSchedules() in the app page`,
            },
          ),
          single(
            `  longest main-thread task meanwhile (${r.cpu}× CPU)`,
            'ms',
            r.longestTaskMs,
            r.cpu === 1 ? 200 : null,
          ),
        );
      }
      const { firstCard, after } = seeded.heapMb;
      const a20 = after[20] ?? null;
      const a200 = after[200] ?? null;
      const rawGrowth = a20 !== null && a200 !== null ? ((a200 - a20) / a20) * 100 : null;
      const objects = seeded.heapObjectsMb;
      const growth =
        objects.after20 !== null && objects.afterAll !== null
          ? ((objects.afterAll - objects.after20) / objects.after20) * 100
          : null;
      figures.push(
        single('JS heap on the review screen, first card (after GC)', 'MB', firstCard, 40),
        single('JS heap after 200 grades (after GC)', 'MB', a200, 40),
        single('JS heap objects growth, 20 → 200 grades', '%', growth, 10, {
          note: `heap-snapshot objects without compiled code and DOM: ${round(objects.after20 ?? 0, 2)} → ${round(objects.afterAll ?? 0, 2)} MB`,
        }),
        single('  JSHeapUsedSize growth, 20 → 200 grades', '%', rawGrowth, null, {
          note: `after GC: ${Object.entries(after)
            .map(([n, v]) => `${n} grades ${round(v, 2)} MB`)
            .join(
              ', ',
            )}; includes the JIT's optimised code, which grows while it warms up (flat with --no-maglev --no-turbofan)`,
        }),
      );
      const { storage, storageAtEnd, seed } = seeded;
      figures.push(
        single(
          `IndexedDB, ${seed.cards} cards + ${seed.reviews} reviews`,
          'MB',
          storage.indexedDbMb ?? storage.usageMb,
          60,
          {
            note: `${storage.indexedDbMb === null ? 'whole-origin usage' : 'usageDetails.indexedDB'} once settled after seeding (${round(storage.firstMb)} MB right after the writes, settled within ${storage.waitedS} s); ${round(storageAtEnd.indexedDbMb ?? storageAtEnd.usageMb)} MB after grading and two rebuilds; stored as JSON: cards ${mb(seed.jsonBytes.cards)}, reviews ${mb(seed.jsonBytes.reviews)}`,
          },
        ),
      );
    }

    if (only.has('import')) {
      const imports = await importFigure(BASE, CARDS, [1, 4], log);
      details.imports = imports;
      for (const r of imports) {
        const via = r.via === 'screen' ? 'on #/import' : 'via the storage layer';
        figures.push(
          single(`Import ${r.cards} cards ${via} (${r.cpu}× CPU)`, 'ms', r.ms, r.cpu === 1 ? 3000 : null, {
            note: `${r.note}${r.previewMs !== null ? `; before it, file chosen → Import enabled (preview) took ${r.previewMs} ms, longest task ${r.preview?.longestTaskMs ?? 0} ms` : ''}`,
          }),
          single(
            `  longest main-thread task meanwhile (${r.cpu}× CPU)`,
            'ms',
            r.longestTaskMs,
            r.cpu === 1 ? 200 : null,
          ),
        );
      }
    }
    if (only.has('interview')) {
      const r = await interviewFigures({
        base: BASE,
        readinessCards: CARDS,
        readinessRuns: 10,
        forecastCards: 1_000,
        forecastDays: 60,
        log,
      });
      details.interview = r;
      const first = r.readiness.ms[0] ?? null;
      figures.push(
        measured(
          `Readiness, ${r.readiness.cards} covered cards (${r.readiness.cpu}× CPU)`,
          'ms',
          r.readiness.ms,
          50,
          'median',
          `readiness() in the page, ${r.readiness.ms.length} runs (the first ${first === null ? '—' : round(first)} ms); interview in 14 days, ${r.readiness.dueBeforeInterview} cards due before it`,
        ),
        single(
          `Plan forecast, ${r.forecast.cards} cards × ${r.forecast.days} days, in its worker`,
          'ms',
          r.forecast.ms,
          1000,
          {
            note: `forecastInterview(): one read, then in the worker the plan simulated at 20 min a day and the search for the minutes the target needs (about 7 simulations); "${r.forecast.sentence}"`,
          },
        ),
        single(
          `  longest main-thread task meanwhile (${r.forecast.cpu}× CPU)`,
          'ms',
          r.forecast.longestTaskMs,
          50,
        ),
      );
    }
    if (only.has('stats')) {
      const stats = await statsFigure({ base: BASE, cards: CARDS, reviews: REVIEWS, runs: 5, log });
      details.stats = stats;
      const counted = `${stats.cards} cards + ${stats.reviews} reviews; opened from Home ×${stats.firstPaintMs.length} after a first, untimed opening (which downloads the screen's code)`;
      figures.push(
        measured(
          'Statistics: tap Stats → screen painted (4× CPU)',
          'ms',
          stats.firstPaintMs,
          300,
          'median',
          counted,
        ),
        measured(
          '  → statistics painted (calendar with every count)',
          'ms',
          stats.paintedMs,
          null,
          'median',
          'the log is read and counted in a Web Worker, which the CPU throttle does not slow',
        ),
        measured('  longest main-thread task meanwhile (4× CPU)', 'ms', stats.longestTaskMs, 50, 'max'),
      );
    }
    if (only.has('listen')) {
      const listen = await listenFigure({ base: BASE, cards: CARDS, reviews: REVIEWS, runs: 10, log });
      details.listen = listen;
      figures.push(
        measured(
          'Listen: tap Start listening → speech starts, warm offline start (4× CPU)',
          'ms',
          listen.speakMs,
          300,
          'p95',
          `${listen.cards} cards + ${listen.reviews} reviews; ${listen.speakMs.length} warm starts under the service worker, offline, each Home → Listen → Start listening; from the click's timeStamp to the first speechSynthesis.speak() with text. A fake synthesizer replaces the platform's engine (headless Chromium has no voices), so the figure is the app's own latency up to handing the text to the engine, not the engine's time to sound`,
        ),
        measured(
          '  → the Question step painted',
          'ms',
          listen.paintedMs,
          null,
          'median',
          'the first frame whose step line reads "Question"',
        ),
      );
    }
    if (only.has('sync')) {
      const sync = await syncFigure({
        base: BASE,
        cards: CARDS,
        reviews: REVIEWS,
        port: SYNC_PORT,
        runs: 5,
        log,
        ...(PROFILE ? { profile: { dist: DIST, dir: 'bench/results' } } : {}),
      });
      details.sync = sync;
      figures.push(
        single(
          'Sync: initial push to a loopback pouchdb-server (1× CPU, encrypted)',
          'ms',
          sync.initialPushMs,
          60_000,
          {
            note: `${sync.cards} cards + ${sync.reviews} reviews, ${sync.serverDocs} documents on the server afterwards; Turn on sync tapped → the Sync screen says synced with nothing waiting. Then the long-poll brings the device its own documents back: ${sync.echoPullMs === null ? 'not finished in 10 min' : `${round(sync.echoPullMs / 1000)} s`} more, in the background`,
          },
        ),
        single('  longest main-thread task meanwhile', 'ms', sync.longestTaskMs, 200, {
          note: `${sync.longTasks} tasks ≥ 50 ms during the push; the push waited for: ${Object.entries(
            sync.pushSteps,
          )
            .map(([step, { ms, count }]) => `${step} ${round(ms / 1000)} s (${count}×)`)
            .join(', ')}`,
        }),
        measured(
          'Sync: a grade on A → painted on B (long-poll)',
          'ms',
          sync.gradeToOtherMs,
          2000,
          'max',
          "two devices on a small database; from the grade key on A to the frame after B's Home count changed (debounce 0.6 s, push, B's long-poll, pull, apply)",
        ),
      );
    }
    if (only.has('optimizer'))
      figures.push(
        ...(await optimizerFigures({
          base: BASE,
          dist: DIST,
          cards: CARDS,
          reviews: REVIEWS,
          details,
          log,
          ...(PROFILE ? { profile: { dir: 'bench/results' } } : {}),
        })),
      );
  } finally {
    if (browser.isConnected()) await browser.close();
  }

  if (only.has('lighthouse')) {
    log('Lighthouse 12 (mobile) on Home and Review …');
    const scores = await runLighthouse([`${BASE}/`, `${BASE}/#/review`], DEVTOOLS_PORT);
    details.lighthouse = scores;
    for (const s of scores) {
      const page = s.url.endsWith('/#/review') ? 'Review' : 'Home';
      figures.push(
        single(`Lighthouse ${page}: performance`, 'score', s.performance, 95, { atLeast: true }),
        single(`Lighthouse ${page}: accessibility`, 'score', s.accessibility, 100, { atLeast: true }),
        single(`Lighthouse ${page}: best practices`, 'score', s.bestPractices, 100, { atLeast: true }),
      );
      const m = s.metrics;
      notes.push(
        `Lighthouse ${page}: FCP ${m.fcp} ms, LCP ${m.lcp} ms, TBT ${m.tbt} ms, CLS ${m.cls}${s.failing.length ? `; audits below 100: ${s.failing.join(', ')}` : ''}`,
      );
    }
  }
  return chromiumVersion;
}

function report(
  chromiumVersion: string,
  figures: Figure[],
  notes: string[],
  details: Record<string, unknown>,
): void {
  const info = machine(chromiumVersion);
  const header = `Keypoints benchmark, ${new Date().toISOString().slice(0, 10)}: ${info.cores} cores (${info.cpu}), ${info.memoryGb} GB RAM, Chromium ${info.chromium}, Node ${info.node}; ${CARDS} cards + ${REVIEWS} reviews; viewport ${PHONE_VIEWPORT.width}×${PHONE_VIEWPORT.height}; took ${Math.round((Date.now() - started) / 1000)} s`;
  for (const f of figures) if (f.note) notes.push(`${f.name.trim()}: ${f.note}`);
  const text = [
    header,
    '',
    table(figures),
    ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : []),
  ].join('\n');
  console.log(text);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify({ header, machine: info, figures, notes, details }, null, 2)}\n`);
  console.error(`\nwritten to ${RESULTS}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
