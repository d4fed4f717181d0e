// A grade is durable once the next card shows: SIGKILL the whole browser right then, relaunch, the review is there.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, expect, type Page, test } from '@playwright/test';
import { BASE_URL, CHROMIUM, CHROMIUM_ARGS } from '../../playwright.config';
import { MINUTE } from '../support/clock';
import { readStore } from './helpers/indexed-db';

// A fixed morning (local time) so that every round falls in one study day.
const T0 = new Date(2030, 2, 4, 9, 0).getTime();
// Each round starts 15 minutes after the last (on the page's clock): the card learnt in the previous
// round (back after 10 minutes) is due again, so rounds alternate a new card and its second step,
// and 20 rounds fit the 10 new cards a day.
const ROUND_GAP = 15 * MINUTE;

interface Running {
  browser: Browser;
  child: ChildProcess;
  page: Page;
}

/** Waits for a condition that the browser reports through its profile folder, failing with words after a while. */
async function until<T>(what: string, check: () => Promise<T | undefined>, child: ChildProcess): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (child.exitCode !== null) throw new Error(`Chromium exited (${child.exitCode}) before ${what}`);
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts Chromium ourselves (not through Playwright's launcher) so that we own its process and can
 * SIGKILL it, and connects to it over CDP. /usr/bin/chromium execs the real binary: the PID is the browser's.
 */
async function launch(profile: string, round: number, offline: boolean): Promise<Running> {
  const portFile = join(profile, 'DevToolsActivePort');
  await rm(portFile, { force: true });
  const child = spawn(
    CHROMIUM,
    [
      ...CHROMIUM_ARGS,
      '--headless',
      `--user-data-dir=${profile}`,
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0',
      'about:blank',
    ],
    // Its own process group, so that the kill reaches every Chromium process (renderers, storage, GPU).
    { detached: true, stdio: 'ignore' },
  );
  const port = await until(
    'its DevTools port',
    async () => {
      const text = await readFile(portFile, 'utf8').catch(() => '');
      const line = text.split('\n')[0]?.trim();
      return line ? Number(line) : undefined;
    },
    child,
  );
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0];
  if (!context) throw new Error('Chromium has no default context');
  await context.clock.install({ time: T0 + round * ROUND_GAP });
  if (offline) await context.setOffline(true);
  const page = context.pages()[0] ?? (await context.newPage());
  return { browser, child, page };
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILL: no unload, no flush, no goodbye. Waits until no process of that Chromium is left. */
async function hardKill({ browser, child }: Running): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) throw new Error('Chromium has no PID');
  const disconnected = new Promise((resolve) => browser.once('disconnected', resolve));
  process.kill(-pid, 'SIGKILL');
  await until('Chromium to be gone', async () => (groupAlive(pid) ? undefined : true), child);
  await disconnected;
}

/** The questions of all stored reviews in the order they were made, read with the native IndexedDB API. */
async function reviewedQuestions(page: Page): Promise<string[]> {
  const reviews = await readStore<{ cardId: string; reviewedAt: number }>(page, 'reviews');
  const cards = await readStore<{ id: string; question: string }>(page, 'cards');
  const question = new Map(cards.map((c) => [c.id, c.question]));
  return reviews.sort((x, y) => x.reviewedAt - y.reviewedAt).map((r) => question.get(r.cardId) ?? r.cardId);
}

const question = (page: Page) => page.getByRole('heading', { level: 1 });

/** Shows the answer and grades Good by keyboard; returns the question graded once the grade has responded. */
async function gradeOne(page: Page): Promise<string> {
  await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();
  const graded = (await question(page).textContent()) ?? '';
  await page.keyboard.press('Space');
  await expect(page.getByRole('heading', { name: 'Key points' })).toBeVisible();
  await page.keyboard.press('3');
  // The grade has responded once its answer stage is gone: the next card (which, with learn ahead,
  // may be this same card back for its next step) or the waiting screen.
  await expect(page.getByRole('heading', { name: 'Key points' })).toBeHidden();
  return graded;
}

async function killRounds(rounds: number, offline: boolean): Promise<void> {
  const profile = await mkdtemp(join(tmpdir(), 'kp-durable-'));
  let running: Running | undefined;
  try {
    const graded: string[] = [];
    for (let round = 0; round <= rounds; round++) {
      running = await launch(profile, round, offline && round > 0);
      const { page } = running;
      if (round === 0 && offline) {
        // First visit online; once the service worker controls the page, the network goes away.
        await page.goto(`${BASE_URL}/`);
        await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
        await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
        await page.reload();
        await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
        await page.context().setOffline(true);
      }
      await page.goto(`${BASE_URL}/#/review`);
      if (round > 0) {
        expect(await reviewedQuestions(page), `after kill ${round}, every grade so far is stored`).toEqual(
          graded,
        );
      }
      if (round === rounds) break;
      graded.push(await gradeOne(page));
      await hardKill(running);
      running = undefined;
    }
    expect(graded).toHaveLength(rounds);
  } finally {
    if (running) await hardKill(running);
    await rm(profile, { recursive: true, force: true });
  }
}

// Each round starts a browser: about 3 s on an idle 2-core machine (20 + 10 rounds ≈ 1.6 min), more when
// it is shared, hence timeouts well above that.
test('20 grades each followed at once by SIGKILL of the browser: none is lost', async () => {
  test.setTimeout(240_000);
  await killRounds(20, false);
});

test('offline: 10 grades each followed at once by SIGKILL of the browser: none is lost', async () => {
  test.setTimeout(180_000);
  await killRounds(10, true);
});
