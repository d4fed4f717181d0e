// Statistics after real reviews on the review screen, on a 360 px phone: the numbers a user checks, no sideways scroll, axe clean.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { DAY } from '../support/clock';
import { gradeShownCard, reviewCards, showAnswer, startReview } from './helpers/review';
import { waitForServiceWorkerControl } from './helpers/service-worker';

// A Monday morning, local time: the two study days of the test are well inside their days.
const T0 = new Date(2030, 2, 4, 9, 0).getTime();

test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

async function openStats(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stats' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Statistics' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Calendar' })).toBeVisible();
}

/** Opens every "numbers" table under the charts, so that they are laid out and checked too. */
async function openAllTables(page: Page): Promise<void> {
  const summaries = page.locator('details.kp-numbers:not([open]) > summary');
  while ((await summaries.count()) > 0) await summaries.first().click();
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
  expect(scroll, 'the page is no wider than the phone').toBeLessThanOrEqual(width);
}

const retentionRow = (page: Page, name: RegExp) =>
  page.getByRole('region', { name: 'True retention' }).getByRole('row', { name });

test('reviews made on the review screen show in the calendar, true retention and the card states', async ({
  page,
}) => {
  await page.clock.install({ time: T0 });
  await page.goto('/');
  // Day 1: four new cards, the last one forgotten.
  await startReview(page);
  await reviewCards(page, 3, '3');
  await showAnswer(page);
  await gradeShownCard(page, '1');

  await openStats(page);
  await expect(page.getByRole('img', { name: /^Today, .+: 4 reviews$/ })).toBeVisible();
  const calendar = page.getByRole('region', { name: 'Calendar' });
  await expect(calendar.getByText('Current streak').locator('+ dd')).toHaveText('1 day');
  // First reviews have no previous one: nothing counts toward true retention yet.
  await expect(retentionRow(page, /^All cards/).getByRole('cell')).toHaveText([
    '—no reviews',
    '—no reviews',
    '—no reviews',
  ]);

  // Day 3: the four cards, still learning, come first; three remembered, one forgotten. The one
  // forgotten on day 1 is a step behind: it stays learning, with the one forgotten today.
  await page.clock.setSystemTime(T0 + 2 * DAY);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await startReview(page);
  await reviewCards(page, 3, '3');
  await showAnswer(page);
  await gradeShownCard(page, '1');

  await openStats(page);
  await expect(page.getByRole('img', { name: /^Today, .+: 4 reviews$/ })).toBeVisible();
  // Day 1 and today: two days of four reviews; the day between has none.
  await expect(page.getByRole('img', { name: /: 4 reviews$/ })).toHaveCount(2);
  await expect(page.getByRole('img', { name: /: 0 reviews$/ })).toHaveCount(363);
  await expect(calendar.getByText('Current streak').locator('+ dd')).toHaveText('1 day');
  await expect(calendar.getByText('Reviews, 12 months').locator('+ dd')).toHaveText('8');
  await expect(page.getByRole('region', { name: 'True retention' })).toContainText('Desired retention: 90%');
  await expect(retentionRow(page, /^All cards/).getByRole('cell')).toHaveText([
    '75% of 4',
    '—no reviews',
    '75% of 4',
  ]);
  await expect(page.getByRole('region', { name: 'Cards by state' }).getByRole('listitem')).toHaveText([
    'New11 (73%)',
    'Learning2 (13%)',
    'Review2 (13%)',
    'Relearning0 (0%)',
    'Suspended0 (0%)',
  ]);

  await openAllTables(page);
  await expect(page.getByRole('table', { name: 'Reviews due per day' }).getByRole('row')).toHaveCount(31);
  await noSidewaysScroll(page);
  await page.getByRole('region', { name: 'Reviews and time' }).getByLabel('12 months').check();
  await noSidewaysScroll(page);

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(
      violations.map((v) => `${colorScheme}: ${v.id} — ${v.nodes.map((n) => n.target).join(' | ')}`),
    ).toEqual([]);
  }
});

/** Writes `count` reviews of the built-in deck's first card straight into IndexedDB: a long history, fast. */
async function writeLongLog(page: Page, count: number, today: number): Promise<void> {
  await page.evaluate(
    ({ count, today, day }) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('keypoints');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction('reviews', 'readwrite');
          const store = tx.objectStore('reviews');
          for (let i = 0; i < count; i++) {
            // 30 today, the rest spread over the 300 days before.
            const at = i < 30 ? today + i * 60_000 : today - (1 + (i % 300)) * day;
            store.add({
              id: `long-${String(i).padStart(6, '0')}`,
              cardId: 'amazon-engineer/1.1',
              rating: 3,
              reviewedAt: at,
              durationMs: 60_000,
              keyPointsRecalled: [],
              pitfallsFlagged: [],
              notes: '',
              log: {
                state: 2,
                due: at,
                stability: 10,
                difficulty: 5,
                elapsedDays: 1,
                lastElapsedDays: 1,
                scheduledDays: 30,
                learningSteps: 0,
              },
            });
          }
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { count, today, day: DAY },
  );
}

test('offline before any online visit, Statistics says it needs a connection once; after one, it counts a long log in its worker offline', async ({
  context,
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  const statsWorkers = () => workers.filter((url) => /\/assets\/stats\.worker-[\w-]+\.js$/.test(url));
  let loads = 0;
  page.on('load', () => {
    loads += 1;
  });

  await page.clock.install({ time: T0 });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await waitForServiceWorkerControl(page);
  await writeLongLog(page, 2_500, await page.evaluate(() => Date.now() - 60 * 60_000));

  // Statistics were never opened online: their code is not on the device yet.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  const loadsBefore = loads;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stats' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Statistics' })).toBeVisible();
  await expect(page.getByText('Statistics needs a connection once')).toBeVisible();
  // The page stays as it is (no reload) and the rest of the app goes on working.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await startReview(page);
  await showAnswer(page);
  expect(loads).toBe(loadsBefore);

  // Back online, its Reload fetches the screen and its worker, which stay on the device from then on.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stats' }).click();
  await expect(page.getByText('Statistics needs a connection once')).toBeVisible();
  await context.setOffline(false);
  // The screen hears the connection come back and says that a reload now opens it.
  await expect(
    page.getByText('Statistics could not be downloaded while the connection was away'),
  ).toBeVisible();
  await expect(page.getByText('You are online now: reload to open it.')).toBeVisible();
  await page.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Statistics' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Calendar' })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Today, .+: 30 reviews$/ })).toBeVisible();
  expect(statsWorkers()).toHaveLength(1);

  await context.setOffline(true);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await openStats(page);
  await expect(page.getByRole('img', { name: /^Today, .+: 30 reviews$/ })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Calendar' }).getByText('Reviews, 12 months').locator('+ dd'),
  ).toHaveText('2,500');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(statsWorkers()).toHaveLength(2);
  expect(pageErrors).toEqual([]);
});
