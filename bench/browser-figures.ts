// The figures measured in headless Chromium: first card, grade and search latency, heap, storage, import, rebuild.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';
import type { LongTasks, Painted, SeedResult, Timed } from './bench-api';
import { type SizeSum, sizeOf } from './build-sizes';
import { startCapture, stopCapture, writeSummary } from './profile';
import { syntheticDeck } from './synthetic';

export const PHONE_VIEWPORT = { width: 412, height: 915 };
const BENCH_MODULE = '/__bench/seed.js';
const DAY = 86_400_000;
/** Long enough for 10k cards, 100k reviews or a throttled replay; a hang still ends the run. */
const SLOW = 180_000;

/** Records on `window.__kpFirstCard` when the first question has been painted (time since navigation start). */
function firstCardProbe(): void {
  const observer = new MutationObserver(() => {
    const question = document.getElementById('kp-question');
    if (!question?.textContent) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      // A message posted from rAF runs after that frame's paint.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        window.__kpFirstCard = performance.now();
      };
      channel.port2.postMessage(0);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** Remembers when the last key went down (KeyboardEvent.timeStamp is on the performance.now() clock). */
function keyClock(): void {
  window.__kpKeyAt = 0;
  window.addEventListener('keydown', (e) => (window.__kpKeyAt = e.timeStamp), { capture: true });
}

/** Resolves once a different question has been painted, or null when the session ends instead. */
function armNextQuestion(): void {
  window.__kpNext = new Promise<Painted | null>((resolve) => {
    const main = document.getElementById('kp-main');
    const before = document.getElementById('kp-question')?.textContent;
    if (!main) return resolve(null);
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve(null);
    }, 30_000);
    const observer = new MutationObserver(() => {
      const question = document.getElementById('kp-question');
      if (!question) {
        if (document.querySelector('.kp-review__empty')) {
          observer.disconnect();
          clearTimeout(timer);
          resolve(null);
        }
        return;
      }
      if (question.textContent === before) return;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ painted: performance.now(), key: window.__kpKeyAt ?? 0 });
        channel.port2.postMessage(0);
      });
    });
    observer.observe(main, { subtree: true, childList: true, characterData: true });
  });
}

/**
 * Resolves when #kp-main has had no DOM change for `quietMs`, with the time the last change was
 * painted: for screens that render results in steps (deferred values, busy flags).
 */
function armSettled(quietMs: number): void {
  window.__kpNext = new Promise<Painted | null>((resolve) => {
    const main = document.getElementById('kp-main');
    if (!main) return resolve(null);
    const armed = performance.now();
    let lastChange = 0;
    let painted = 0;
    const observer = new MutationObserver(() => {
      lastChange = performance.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (painted = performance.now());
        channel.port2.postMessage(0);
      });
    });
    observer.observe(main, { subtree: true, childList: true, characterData: true, attributes: true });
    const poll = () => {
      const now = performance.now();
      const quiet = now - Math.max(lastChange, armed) > quietMs;
      if (quiet && painted >= lastChange) {
        observer.disconnect();
        resolve(lastChange > 0 ? { painted, key: window.__kpKeyAt ?? 0 } : null);
      } else if (now - armed > 20_000) {
        observer.disconnect();
        resolve(null);
      } else setTimeout(poll, 25);
    };
    setTimeout(poll, 25);
  });
}

/**
 * tsx compiles this file with esbuild's keepNames, which wraps named functions in `__name(…)`; the
 * functions passed to page.evaluate run in the page, where that helper must exist too.
 */
async function prepare(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
}

export async function throttle(cdp: CDPSession, rate: number): Promise<void> {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
  if (used === undefined) throw new Error('CDP reported no JSHeapUsedSize');
  return used / 1024 / 1024;
}

async function storageEstimate(page: Page): Promise<StorageFigure> {
  return page.evaluate(async () => {
    const e = (await navigator.storage.estimate()) as StorageEstimate & {
      usageDetails?: { indexedDB?: number };
    };
    const idb = e.usageDetails?.indexedDB;
    return { usageMb: (e.usage ?? 0) / 1048576, indexedDbMb: idb ? idb / 1048576 : null };
  });
}

/**
 * The store's size once the database's background compaction has settled: right after a big write
 * the on-disk logs still hold every batch written, so a single early reading says more about
 * timing than about the data. Reads every 2 s for up to 30 s until a reading repeats.
 */
async function settledStorageEstimate(
  page: Page,
): Promise<StorageFigure & { firstMb: number; waitedS: number }> {
  const first = await storageEstimate(page);
  const size = (f: StorageFigure) => f.indexedDbMb ?? f.usageMb;
  let last = first;
  let waited = 0;
  for (; waited < 30; waited += 2) {
    await page.waitForTimeout(2000);
    const next = await storageEstimate(page);
    const settled = Math.abs(size(next) - size(last)) < 0.05;
    last = next;
    if (settled) break;
  }
  return { ...last, firstMb: size(first), waitedS: waited + 2 };
}

/**
 * The heap's objects without V8's compiled code (from a heap snapshot after GC). Optimised code
 * grows for a while as the JIT warms up; a leak shows in the objects. Native (DOM) nodes are left
 * out too, as JSHeapUsedSize leaves them out.
 */
async function heapObjectsMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const snapshot = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  const skip = new Set([types.indexOf('code'), types.indexOf('native')]);
  let bytes = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    if (!skip.has(snapshot.nodes[i + typeAt] as number)) bytes += snapshot.nodes[i + sizeAt] as number;
  }
  return bytes / 1024 / 1024;
}

async function firstCardTime(page: Page): Promise<number> {
  await page.waitForFunction(() => window.__kpFirstCard !== undefined, null, { timeout: SLOW });
  return page.evaluate(() => window.__kpFirstCard as number);
}

/** The app has opened its storage and the screen's chunk has rendered. */
export async function appReady(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const main = document.getElementById('kp-main');
    return !!main?.textContent && !/Opening your deck|^Loading…$/.test(main.textContent.trim());
  });
}

export async function loadBenchModule(page: Page): Promise<void> {
  await page.evaluate(async (url) => {
    if (!window.kpBench) await import(/* @vite-ignore */ url);
  }, BENCH_MODULE);
}

export async function persistentContext(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'kp-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: PHONE_VIEWPORT,
  });
  await prepare(context);
  return {
    context,
    close: async () => {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface LoadedJs {
  firstCardMs: number;
  js: SizeSum;
}

/** How long a user looks at Home before pressing Start review: longer than the app's idle-time work waits. */
const HOME_GLANCE_MS = 3000;

/**
 * A first visit with a cold HTTP cache on the budgeted path: open the app, Home, Start review, first
 * card. Every JS response the page received until the first card was painted is counted (the service
 * worker is allowed, as on a phone; its own precache fetches are not the page's and are not counted).
 */
export async function firstCardJsOnFirstVisit(
  browser: Browser,
  base: string,
  dist: string,
): Promise<LoadedJs> {
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT });
  try {
    await prepare(context);
    await context.addInitScript(firstCardProbe);
    const page = await context.newPage();
    const fetched: string[] = [];
    let counting = true;
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname.slice(1);
      if (counting && path.endsWith('.js')) fetched.push(path);
    });
    await page.goto(`${base}/`);
    const start = page.getByRole('button', { name: 'Start review' });
    await start.waitFor({ timeout: SLOW });
    await page.waitForTimeout(HOME_GLANCE_MS);
    await start.click();
    const firstCardMs = await firstCardTime(page);
    counting = false;
    const sized = [...new Set(fetched)].sort().map((f) => sizeOf(dist, f));
    return { firstCardMs, js: { files: sized, gzip: sized.reduce((n, f) => n + f.gzip, 0) } };
  } finally {
    await context.close();
  }
}

/** Cold first visits on an emulated slow 4G phone: navigation start → first question painted. */
export async function coldVisitsSlow4g(browser: Browser, base: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: PHONE_VIEWPORT });
    try {
      await prepare(context);
      await context.addInitScript(firstCardProbe);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 150,
        downloadThroughput: (1.6 * 1024 * 1024) / 8,
        uploadThroughput: (750 * 1024) / 8,
      });
      await throttle(cdp, 4);
      await page.goto(`${base}/#/review`, { waitUntil: 'commit' });
      times.push(await firstCardTime(page));
    } finally {
      await context.close();
    }
  }
  return times;
}

export interface StorageFigure {
  usageMb: number;
  indexedDbMb: number | null;
}

export interface SeededFigures {
  seed: SeedResult;
  /** Right after seeding, and at the end (after grading and the rebuilds). */
  storage: StorageFigure & { firstMb: number; waitedS: number };
  storageAtEnd: StorageFigure;
  warmStartMs: number[];
  gradeMs: number[];
  /** JSHeapUsedSize after GC: on the first card, then after 20, 110 and 200 grades. */
  heapMb: { firstCard: number; after: Record<number, number> };
  /** The heap's objects without compiled code (heap snapshot), after 20 and after all grades. */
  heapObjectsMb: { after20: number | null; afterAll: number | null };
  /** Grades timed with no CPU throttle, after the throttled ones: splits CPU time from I/O. */
  gradeMsUnthrottled: number[];
  searchMs: number[] | null;
  searchNote: string;
  rebuild: Array<Timed & { cpu: number; cards: number; reviews: number }>;
  notes: string[];
}

export interface SeededOptions {
  base: string;
  cards: number;
  reviews: number;
  warmStarts: number;
  grades: number;
  gradesUnthrottled: number;
  searchText: string;
  rebuildCpuRates: readonly number[];
  log: (message: string) => void;
  /**
   * Records a CPU profile and a trace around the throttled grades and each rebuild, summarised into
   * `dir` (source maps from `dist`). Heap readings are skipped then: they would show in the profile.
   */
  profile?: { dist: string; dir: string };
}

/** Grades one card by keyboard (Space, then 3 = Good); the time from the 3 key to the next question painted. */
async function gradeOnce(page: Page, windows?: Array<[number, number]>): Promise<number | null> {
  await page.getByRole('button', { name: /^Show answer/ }).waitFor({ timeout: SLOW });
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: /^Good/ }).waitFor({ timeout: SLOW });
  await page.evaluate(armNextQuestion);
  await page.keyboard.press('3');
  const next = await page.evaluate(() => window.__kpNext ?? null);
  if (next) windows?.push([next.key, next.painted]);
  return next ? next.painted - next.key : null;
}

/** Fills the page's origin with `cards` cards and `reviews` reviews, a year of them ending yesterday. */
export async function seedDevice(
  page: Page,
  base: string,
  cards: number,
  reviews: number,
): Promise<SeedResult> {
  // Seeding happens before the app ever runs here, so no service worker can answer this page.
  await page.goto(`${base}/__bench/seed.html`);
  await page.waitForFunction(() => window.kpBench !== undefined);
  const today = Math.floor(Date.now() / DAY) * DAY;
  return page.evaluate((o) => (window.kpBench as NonNullable<Window['kpBench']>).seed(o), {
    cards,
    reviews,
    today,
  });
}

/** What a phase needs to seed its own device. */
export interface DeviceSeed {
  base: string;
  cards: number;
  reviews: number;
  log: (message: string) => void;
  /** The page's default wait (180 s unless the phase needs longer). */
  timeout?: number;
}

/**
 * A fresh device (its own browser profile) with its page seeded through src/storage. `before` runs
 * first, on the page before any navigation (init scripts: probes, a fake voice). The caller closes it.
 */
export async function seededDevice(
  options: DeviceSeed,
  before?: (context: BrowserContext, page: Page) => Promise<unknown>,
): Promise<{ context: BrowserContext; page: Page; seed: SeedResult; close: () => Promise<void> }> {
  const { context, close } = await persistentContext();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(options.timeout ?? SLOW);
    await before?.(context, page);
    options.log(`seeding ${options.cards} cards and ${options.reviews} reviews through src/storage …`);
    const seed = await seedDevice(page, options.base, options.cards, options.reviews);
    options.log(`  seeded in ${seed.generateMs + seed.writeMs} ms (${seed.dueAtNine} cards due)`);
    return { context, page, seed, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * One device profile with 10k cards and 100k reviews written by the app's own storage code, then:
 * offline warm starts, grading, heap, search, and a full rebuild of the schedules.
 */
export async function seededFigures(options: SeededOptions): Promise<SeededFigures> {
  const { base, log } = options;
  const notes: string[] = [];
  const { context, page, seed, close } = await seededDevice(options, async (context) => {
    await context.addInitScript(firstCardProbe);
    await context.addInitScript(keyClock);
  });
  try {
    log('waiting for the stored size to settle …');
    const storage = await settledStorageEstimate(page);

    log('installing the service worker …');
    await page.goto(`${base}/#/review`);
    await page.locator('#kp-question').waitFor();
    const ready = await page.evaluate(() =>
      Promise.race([
        navigator.serviceWorker.ready.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 30_000)),
      ]),
    );
    if (!ready) throw new Error('The service worker did not install');
    // The first page is not controlled (no clients.claim); the next load is.
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await throttle(cdp, 4);
    await context.setOffline(true);
    log(`offline warm starts ×${options.warmStarts} (4× CPU) …`);
    const warmStartMs: number[] = [];
    for (let i = 0; i < options.warmStarts; i++) {
      await page.reload({ waitUntil: 'commit' });
      warmStartMs.push(await firstCardTime(page));
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
    }

    log(`grading ${options.grades} cards by keyboard (4× CPU) …`);
    const heap: SeededFigures['heapMb'] = { firstCard: await heapMb(cdp), after: {} };
    const heapObjects: SeededFigures['heapObjectsMb'] = { after20: null, afterAll: null };
    const heapAt = new Set([20, Math.round((20 + options.grades) / 2), options.grades]);
    const gradeMs: number[] = [];
    const profiling = options.profile;
    const windows: Array<[number, number]> = [];
    const capture = profiling ? await startCapture(cdp, page) : null;
    for (let i = 0; i < options.grades; i++) {
      const ms = await gradeOnce(page, windows);
      if (ms === null) {
        notes.push(`The session ran out of cards after ${i} grades.`);
        break;
      }
      gradeMs.push(ms);
      if (profiling) continue;
      if (heapAt.has(gradeMs.length)) heap.after[gradeMs.length] = await heapMb(cdp);
      if (gradeMs.length === 20) heapObjects.after20 = await heapObjectsMb(cdp);
    }
    if (profiling && capture) {
      const recorded = await stopCapture(cdp, capture);
      const file = join(profiling.dir, 'profile-grade-4x.txt');
      writeSummary(
        file,
        `Grade → next card painted, 4× CPU, ${windows.length} grades`,
        recorded,
        profiling.dist,
        windows,
      );
      log(`  profile summary written to ${file}`);
    } else if (gradeMs.length === options.grades) heapObjects.afterAll = await heapObjectsMb(cdp);
    log(`grading ${options.gradesUnthrottled} more with no CPU throttle …`);
    await throttle(cdp, 1);
    const gradeMsUnthrottled: number[] = [];
    for (let i = 0; i < options.gradesUnthrottled; i++) {
      const ms = await gradeOnce(page);
      if (ms === null) break;
      gradeMsUnthrottled.push(ms);
    }
    await throttle(cdp, 4);
    await context.setOffline(false);

    log('search on #/browse (4× CPU) …');
    const { searchMs, searchNote } = await measureSearch(page, options.searchText);

    const rebuild: SeededFigures['rebuild'] = [];
    await page.goto(`${base}/#/settings`);
    await appReady(page);
    await loadBenchModule(page);
    for (const rate of options.rebuildCpuRates) {
      log(`rebuilding all schedules from the review log (${rate}× CPU) …`);
      await throttle(cdp, rate);
      const capture = options.profile ? await startCapture(cdp, page) : null;
      const r = await page.evaluate(() => (window.kpBench as NonNullable<Window['kpBench']>).rebuild());
      rebuild.push({ ...r, cpu: rate });
      if (options.profile && capture) {
        const recorded = await stopCapture(cdp, capture);
        const file = join(options.profile.dir, `profile-rebuild-${rate}x.txt`);
        writeSummary(
          file,
          `Rebuild all schedules, ${rate}× CPU, ${r.ms} ms`,
          recorded,
          options.profile.dist,
          null,
        );
        log(`  profile summary written to ${file}`);
      }
    }
    await throttle(cdp, 1);
    const storageAtEnd = await storageEstimate(page);
    return {
      seed,
      storage,
      storageAtEnd,
      warmStartMs,
      gradeMs,
      gradeMsUnthrottled,
      heapMb: heap,
      heapObjectsMb: heapObjects,
      searchMs,
      searchNote,
      rebuild,
      notes,
    };
  } finally {
    await close();
  }
}

async function measureSearch(
  page: Page,
  text: string,
): Promise<{ searchMs: number[] | null; searchNote: string }> {
  await page.goto(`${page.url().split('#')[0]}#/browse`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  const box = page.getByRole('searchbox', { name: /search/i });
  try {
    await box.waitFor({ timeout: 15_000 });
  } catch {
    return { searchMs: null, searchNote: '#/browse has no searchbox named "Search…" yet' };
  }
  // Let the index load and the first list render before timing keystrokes.
  await page.getByRole('status').first().waitFor();
  await page.evaluate(armSettled, 1_000);
  await page.evaluate(() => window.__kpNext);
  await box.focus();
  const times: number[] = [];
  for (const ch of text) {
    await page.evaluate(armSettled, 500);
    await page.keyboard.type(ch);
    const settled = await page.evaluate(() => window.__kpNext ?? null);
    if (settled && settled.key > 0) times.push(settled.painted - settled.key);
  }
  return { searchMs: times, searchNote: `typing "${text}" one key at a time into the search box` };
}

export interface ImportFigure extends Timed {
  cards: number;
  cpu: number;
  via: 'screen' | 'storage';
  /** Screen only: the file input's change event → the Import button enabled (read, parse, validate, preview). */
  previewMs: number | null;
  /** Screen only: long tasks while the preview was prepared. */
  preview: LongTasks | null;
  note: string;
}

/**
 * Imports a 10k-card deck file on a fresh device: through #/import when the screen has a file
 * input (choose the file, wait for the preview, press Import), else through the storage layer in
 * the app's page (JSON.parse + importDeck). Long tasks are watched over the whole import.
 */
export async function importFigure(
  base: string,
  cards: number,
  cpuRates: readonly number[],
  log: (m: string) => void,
): Promise<ImportFigure[]> {
  const out: ImportFigure[] = [];
  const json = JSON.stringify(syntheticDeck(cards, 3, 'bench-import'));
  for (const cpu of cpuRates) {
    const { context, close } = await persistentContext();
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(SLOW);
      await page.goto(`${base}/#/import`);
      await appReady(page);
      const cdp = await context.newCDPSession(page);
      await loadBenchModule(page);
      const screen = (await page.locator('input[type="file"]').count()) > 0;
      log(`importing ${cards} cards ${screen ? 'on #/import' : 'through the storage layer'} (${cpu}× CPU) …`);
      await throttle(cdp, cpu);
      if (screen) {
        const r = await importThroughScreen(page, json);
        out.push({ ...r, cards, cpu, via: 'screen', note: 'press Import → “Imported …” painted' });
        continue;
      }
      const r = await page.evaluate(
        ({ n }) => {
          const bench = window.kpBench as NonNullable<Window['kpBench']>;
          return bench.importDeckJson(bench.deckJson(n, 'bench-import'));
        },
        { n: cards },
      );
      out.push({
        ...r,
        cards,
        cpu,
        via: 'storage',
        previewMs: null,
        preview: null,
        note: 'no import screen: JSON.parse + importDeck() (validates, one transaction) in the app page',
      });
    } finally {
      await close();
    }
  }
  return out;
}

/** The value of `probe` in the first frame where it is truthy (probes return performance.now() or false). */
export async function frameWhen(page: Page, probe: () => number | false): Promise<number> {
  const handle = await page.waitForFunction(probe, null, { polling: 'raf', timeout: SLOW });
  return (await handle.jsonValue()) as number;
}

type Watching = Window & { __kpStop?: (from?: number) => Promise<LongTasks> };

export async function startWatching(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as Watching).__kpStop = (window.kpBench as NonNullable<Window['kpBench']>).watchLongTasks();
  });
}

export async function stopWatching(page: Page, from?: number): Promise<LongTasks> {
  return page.evaluate((f) => (window as Watching).__kpStop?.(f) ?? { longestTaskMs: 0, longTasks: 0 }, from);
}

async function importThroughScreen(
  page: Page,
  json: string,
): Promise<Timed & { previewMs: number; preview: LongTasks }> {
  await page.evaluate(() => {
    window.addEventListener('click', (e) => (window.__kpKeyAt = e.timeStamp), { capture: true });
    window.addEventListener('change', (e) => (window.__kpChangeAt = e.timeStamp), { capture: true });
  });
  await startWatching(page);
  await page
    .locator('input[type="file"]')
    .first()
    .setInputFiles({ name: 'bench-import.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  const ready = await frameWhen(
    page,
    () =>
      [...document.querySelectorAll('button')].some(
        (b) => /^Import [\d,]+ cards?$/.test(b.textContent ?? '') && !b.disabled,
      ) && performance.now(),
  );
  // Playwright builds the 28 MB File in the page in the task that fires change: the app's work starts after it.
  const preview = await stopWatching(page, await page.evaluate(() => window.__kpChangeAt ?? 0));
  await startWatching(page);
  await page.getByRole('button', { name: /^Import [\d,]+ cards?$/ }).click();
  const done = await frameWhen(
    page,
    () =>
      [...document.querySelectorAll('[role=status]')].some((s) =>
        (s.textContent ?? '').startsWith('Imported'),
      ) && performance.now(),
  );
  const write = await stopWatching(page);
  const [pressed, chosen] = await page.evaluate(() => [window.__kpKeyAt ?? 0, window.__kpChangeAt ?? 0]);
  return { ms: Math.round(done - pressed), previewMs: Math.round(ready - chosen), preview, ...write };
}
