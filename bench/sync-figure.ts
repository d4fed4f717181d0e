// Sync against a loopback pouchdb-server: the initial push of a seeded device (10k cards + 100k reviews)
// at 1× CPU with the page's longest task meanwhile, and one grade on device A → painted on device B.

import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';
import { startSyncServer } from '../tests/sync-server';
import { seededDevice } from './browser-figures';
import { startCapture, stopCapture, writeSummary } from './profile';

export interface SyncFigure {
  cards: number;
  reviews: number;
  /** Turn on sync tapped → the Sync screen says synced with nothing waiting (encrypted). */
  initialPushMs: number;
  /** The longest main-thread task (≥ 50 ms) from the tap to the end of the push; 0 when none. */
  longestTaskMs: number;
  longTasks: number;
  /** Documents on the server afterwards (records + the meta document). */
  serverDocs: number;
  /** The push's echo: the device pulling back its own documents, after the push (ms). */
  echoPullMs: number | null;
  /**
   * Where the push's time went: what the push loop waited for, summed per step over its pages
   * (read = the next page from IndexedDB, beyond what overlapped the previous POST).
   */
  pushSteps: Record<string, { ms: number; count: number }>;
  /** A grade on A (the key press) → B's Home shows it (painted), per run. */
  gradeToOtherMs: number[];
}

export interface SyncOptions {
  base: string;
  cards: number;
  reviews: number;
  port: number;
  runs: number;
  log: (message: string) => void;
  /** `--profile`: a CPU profile and trace around the push, summarised over its long tasks into `dir`. */
  profile?: { dist: string; dir: string };
}

const SLOW = 600_000;
const PASSPHRASE = 'bench passphrase';

async function fillAndTurnOn(page: Page, serverUrl: string, database: string): Promise<void> {
  await page.goto(`${page.url().split('#')[0]}#/sync`);
  await page.getByLabel('Server address', { exact: true }).fill(serverUrl);
  await page.getByLabel('Database', { exact: true }).fill(database);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
}

async function synced(page: Page, timeout = SLOW): Promise<void> {
  const status = page.getByTestId('sync-status');
  await status.getByText(/Last synced/).waitFor({ timeout });
  await status.getByText('No changes waiting').waitFor({ timeout });
}

/** Starts collecting long tasks in the page; `window.__kpLongTasks()` reports those since. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
    observer.observe({ type: 'longtask' });
    (window as unknown as { __kpLongTasks: () => Promise<[number, number][]> }).__kpLongTasks = async () => {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      seen.push(...observer.takeRecords());
      observer.disconnect();
      return seen.map((e) => [e.startTime, e.duration]);
    };
  });
}

/** A row of sync's state on the device, read with the native API (the app's own connection stays as it is). */
async function syncStateRow(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (k) =>
      new Promise<unknown>((resolve) => {
        const open = indexedDB.open('keypoints');
        open.onsuccess = () => {
          const get = open.result.transaction('syncState').objectStore('syncState').get(k);
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result?.value ?? null);
          };
        };
      }),
    key,
  );
}

/** Polls `done` every 100 ms; the time it took, or null after SLOW. */
async function until(page: Page, done: () => Promise<boolean>): Promise<number | null> {
  const t0 = Date.now();
  while (Date.now() - t0 < SLOW) {
    if (await done()) return Date.now() - t0;
    await page.waitForTimeout(100);
  }
  return null;
}

async function initialPush(options: SyncOptions, serverUrl: string) {
  const { base, log } = options;
  const { context, page, seed, close } = await seededDevice({ ...options, timeout: SLOW });
  try {
    await page.goto(`${base}/#/sync`);
    await page.getByRole('heading', { name: 'Connect to your server' }).waitFor();
    await fillAndTurnOn(page, serverUrl, 'kp-bench-push');
    await watchLongTasks(page);
    log('initial push (1× CPU, encrypted) …');
    const cdp = options.profile ? await context.newCDPSession(page) : null;
    const capture = cdp ? await startCapture(cdp, page) : null;
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Turn on sync' }).click();
    // The push is over when the device marks it done, right after the server stored the last page.
    await page.getByRole('heading', { name: 'Sync is on' }).waitFor();
    await until(page, async () => {
      const track = (await syncStateRow(page, 'track')) as { initialPushPending?: boolean } | null;
      return track?.initialPushPending === false;
    });
    const initialPushMs = Date.now() - t0;
    const windows = await page.evaluate(() =>
      (window as unknown as { __kpLongTasks: () => Promise<[number, number][]> }).__kpLongTasks(),
    );
    const tasks = windows.map(([, duration]) => Math.round(duration));
    if (cdp && capture && options.profile) {
      const recorded = await stopCapture(cdp, capture);
      const file = join(options.profile.dir, 'profile-sync-push.txt');
      writeSummary(
        file,
        `Initial push, 1× CPU, ${initialPushMs} ms: self time inside its ${tasks.length} long tasks`,
        recorded,
        options.profile.dist,
        windows.map(([start, duration]) => [start, start + duration]),
      );
      log(`  profile summary written to ${file}`);
    }
    const pushSteps = await page.evaluate(() => {
      const out: Record<string, { ms: number; count: number }> = {};
      for (const e of performance.getEntriesByType('measure')) {
        if (!e.name.startsWith('kp-sync ')) continue;
        const step = e.name.slice('kp-sync '.length);
        const sum = out[step] ?? { ms: 0, count: 0 };
        sum.ms += e.duration;
        sum.count += 1;
        out[step] = sum;
      }
      for (const sum of Object.values(out)) sum.ms = Math.round(sum.ms);
      return out;
    });
    log(
      `  push steps: ${Object.entries(pushSteps)
        .map(([step, { ms, count }]) => `${step} ${ms} ms/${count}`)
        .join(', ')}`,
    );
    const info = (await (await fetch(`${serverUrl}/kp-bench-push`)).json()) as {
      doc_count: number;
      update_seq: number | string;
    };
    // The long-poll then brings the device its own documents back (the server cannot tell whose they are).
    log(`  pushed in ${initialPushMs} ms; the echo pull of its own documents …`);
    const target = String(info.update_seq);
    const echoPullMs = await until(page, async () => (await syncStateRow(page, 'checkpoint')) === target);
    return {
      cards: seed.cards,
      reviews: seed.reviews,
      initialPushMs,
      longestTaskMs: Math.max(0, ...tasks),
      longTasks: tasks.length,
      serverDocs: info.doc_count,
      echoPullMs,
      pushSteps,
    };
  } finally {
    await close();
  }
}

/** Two fresh devices on a small database: A grades on the review screen, B watches its Home. */
async function gradeToOther(options: SyncOptions, serverUrl: string): Promise<number[]> {
  const { base, log } = options;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const a = await browser.newContext();
  const b = await browser.newContext();
  try {
    const pa = await a.newPage();
    const pb = await b.newPage();
    for (const page of [pa, pb]) {
      await page.goto(`${base}/#/`);
      await fillAndTurnOn(page, serverUrl, 'kp-bench-live');
      await page.getByRole('button', { name: 'Turn on sync' }).click();
      await synced(page, 60_000);
    }
    await pb.goto(`${base}/#/`);
    await pa.goto(`${base}/#/review`);
    log(`grade on A → painted on B ×${options.runs} …`);
    const out: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const before = Number(await pb.getByTestId('reviewed-today').textContent());
      await pb.evaluate((n) => {
        const w = window as unknown as { __kpSeenAt?: number };
        w.__kpSeenAt = 0;
        const observer = new MutationObserver(() => {
          if (Number(document.querySelector('[data-testid="reviewed-today"]')?.textContent) <= n) return;
          observer.disconnect();
          // After the frame that shows it.
          requestAnimationFrame(() => setTimeout(() => (w.__kpSeenAt = Date.now()), 0));
        });
        observer.observe(document, { childList: true, subtree: true, characterData: true });
      }, before);
      await pa.getByRole('button', { name: /Show answer/ }).click();
      await pa.getByRole('heading', { name: 'Key points' }).waitFor();
      // The key press's wall-clock time, read in A's page: both pages share this machine's clock.
      await pa.evaluate(() => {
        window.addEventListener(
          'keydown',
          () => {
            (window as unknown as { __kpGradedAt?: number }).__kpGradedAt = Date.now();
          },
          { once: true, capture: true },
        );
      });
      await pa.keyboard.press('3');
      await pb.waitForFunction(
        () => ((window as unknown as { __kpSeenAt?: number }).__kpSeenAt ?? 0) > 0,
        null,
        {
          timeout: 30_000,
        },
      );
      const gradedAt = await pa.evaluate(
        () => (window as unknown as { __kpGradedAt?: number }).__kpGradedAt ?? 0,
      );
      const seenAt = await pb.evaluate(() => (window as unknown as { __kpSeenAt?: number }).__kpSeenAt ?? 0);
      out.push(seenAt - gradedAt);
      // Let A's own echo settle before the next grade.
      await pa.waitForTimeout(1_500);
    }
    return out;
  } finally {
    await browser.close();
  }
}

export async function syncFigure(options: SyncOptions): Promise<SyncFigure> {
  const server = await startSyncServer({ port: options.port, databases: ['kp-bench-push', 'kp-bench-live'] });
  try {
    const push = await initialPush(options, server.url);
    const gradeToOtherMs = await gradeToOther(options, server.url);
    return { ...push, gradeToOtherMs };
  } finally {
    await server.stop();
  }
}
