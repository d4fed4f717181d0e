// An interview ahead changes the day's session: boosters before their due and new cards past the limit; its forecast runs in a Web Worker.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { build } from 'vite';
import { PORT } from '../../playwright.config';
import { DAY, HOUR } from '../support/clock';
import type { ForecastRun } from './forecast-page/forecast-page';
import { readStore } from './helpers/indexed-db';
import { startReview } from './helpers/review';
import { type StaticServer, startStaticServer } from './helpers/static-server';

// Two above the preview server's port (the update flow takes the next one).
const FORECAST_PORT = Number(process.env.KP_FORECAST_PORT ?? PORT + 2);
const FORECAST_PAGE = fileURLToPath(new URL('./forecast-page/', import.meta.url));

/** Monday 6 January 2025, 09:00 on the machine's clock, which the browser shares. */
const DAY0 = new Date(2025, 0, 6, 9, 0).getTime();

const question = (page: Page) => page.getByRole('heading', { level: 1 });

/** Puts rows into a store of the app's database with the native IndexedDB API, as another tab would. */
function putRows(page: Page, store: string, rows: unknown[]): Promise<void> {
  return page.evaluate(
    ({ store, rows }) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('keypoints');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction(store, 'readwrite');
          for (const row of rows) tx.objectStore(store).put(row);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { store, rows },
  );
}

interface StoredSchedule {
  cardId: string;
  state: number;
  due: number;
}

/** Shows the answer and grades Easy by keyboard (nothing comes back today); returns the question graded. */
async function gradeEasy(page: Page): Promise<string> {
  await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();
  const graded = (await question(page).textContent()) ?? '';
  await page.keyboard.press('Space');
  await expect(page.getByRole('heading', { name: 'Key points' })).toBeVisible();
  await page.keyboard.press('4');
  await expect(question(page)).not.toHaveText(graded);
  return graded;
}

test('with an interview this afternoon, the session adds new cards past the daily limit, then boosters not yet due', async ({
  page,
}) => {
  // Day 0: ten new cards, each graded Easy: due again in about a week.
  await page.clock.install({ time: DAY0 });
  await page.goto('/');
  await startReview(page);
  for (let i = 0; i < 10; i++) await gradeEasy(page);
  await expect(question(page)).toHaveText('All caught up');
  const cards = await readStore<{ id: string; question: string }>(page, 'cards');
  const cardOf = new Map(cards.map((c) => [c.question, c.id]));
  const firstDay = new Set((await readStore<{ cardId: string }>(page, 'reviews')).map((r) => r.cardId));

  // Three days later: two new cards a day by the settings, and an interview at 17:00 aiming at 97%.
  const day3 = DAY0 + 3 * DAY;
  await page.clock.setSystemTime(day3);
  await putRows(page, 'settings', [{ key: 'settings', newPerDay: 2 }]);
  await putRows(page, 'interviews', [
    {
      id: 'onsite',
      name: 'Onsite',
      at: day3 + 8 * HOUR,
      covers: {},
      dailyMinutes: 30,
      leadDays: 3,
      target: 0.97,
      createdAt: day3,
      reachedReadiness: null,
    },
  ]);
  await page.goto('/');
  await expect(page.getByTestId('new-left')).toHaveText('2');
  await expect(page.getByTestId('due-now')).toHaveText('0');
  await startReview(page);

  // All five new cards left (the lead is past: every covered card now), then the boosters that fit
  // the half hour: cards studied on day 0, shown before their due.
  const shown: string[] = [];
  const boostedDues: number[] = [];
  while (await page.getByRole('button', { name: /Show answer/ }).isVisible()) {
    const cardId = cardOf.get((await question(page).textContent()) ?? '') ?? '';
    if (firstDay.has(cardId)) {
      const schedules = await readStore<StoredSchedule>(page, 'schedules');
      const schedule = schedules.find((s) => s.cardId === cardId);
      expect(schedule?.state).toBe(2);
      boostedDues.push((schedule?.due ?? 0) - (await page.evaluate(() => Date.now())));
    }
    shown.push(cardId);
    await gradeEasy(page);
    expect(shown.length).toBeLessThan(16);
  }
  await expect(question(page)).toHaveText('All caught up');
  await expect(page.getByRole('alert')).toHaveCount(0);

  const newOnes = shown.filter((id) => !firstDay.has(id));
  expect(newOnes).toEqual(['4.2', '4.3', '5.1', '5.2', '5.3'].map((n) => `amazon-engineer/${n}`));
  expect(shown.slice(0, 5)).toEqual(newOnes);
  expect(boostedDues.length).toBeGreaterThan(0);
  // Each booster was still days from its due date when shown.
  for (const ms of boostedDues) expect(ms).toBeGreaterThan(DAY);
  expect(new Set(shown).size).toBe(shown.length);
});

test.describe('the interview forecast', () => {
  let site: string;
  let server: StaticServer;

  test.beforeAll(async () => {
    site = await mkdtemp(join(tmpdir(), 'kp-forecast-'));
    // A page of its own: no screen shows the forecast yet. The same Dexie build as the app.
    await build({
      root: FORECAST_PAGE,
      base: './',
      configFile: false,
      // The page imports the in-thread computation itself, which Vite mentions: not a problem here.
      logLevel: 'error',
      resolve: { alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }] },
      build: { outDir: site, emptyOutDir: true, target: 'es2022' },
    });
    server = await startStaticServer(site, FORECAST_PORT);
  });

  test.afterAll(async () => {
    await server?.close();
    if (site) await rm(site, { recursive: true, force: true });
  });

  test('runs in a Web Worker in Chromium and gives what the same computation gives in the page, every time', async ({
    page,
  }) => {
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // The page's clock is not the worker's: the forecast is handed its moment.
    await page.clock.install({ time: DAY0 });
    await page.goto(`${server.url}/index.html`);
    const run = () =>
      page.evaluate((now) => {
        if (!window.kpForecast) throw new Error('the test page did not load');
        return window.kpForecast(now);
      }, DAY0);

    const first: ForecastRun = await run();
    expect(
      workers.filter((url) => /\/assets\/interview-forecast\.worker-[\w-]+\.js$/.test(url)),
    ).toHaveLength(1);
    expect(first.viaWorker).toEqual(first.inThread);
    expect(first.viaWorker.sentence).toMatch(/^At 20 min a day you reach about \d+% by .+\.$/);
    expect(first.viaWorker.reachedPercent).toBeGreaterThan(0);

    expect(await run()).toEqual(first);
    expect(workers).toHaveLength(2);
    expect(pageErrors).toEqual([]);
  });
});
