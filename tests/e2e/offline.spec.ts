// Offline-first: every screen works offline after one visit, nothing leaves the origin, storage is kept.
import { expect, type Page, test } from '@playwright/test';
import { BASE_URL } from '../../playwright.config';
import { readReviewCount } from './helpers/indexed-db';
import { recordRequests } from './helpers/requests';
import { reviewCards, startReview } from './helpers/review';
import { waitForServiceWorkerControl } from './helpers/service-worker';

const OFFLINE_NOTICE = 'Offline — your reviews are saved on this device';

/** Every screen reachable from the app, as the hash addresses a user can open (bookmarks, the nav). */
const SCREENS = [
  '#/',
  '#/browse',
  '#/card/amazon-engineer%2F1.1',
  '#/new',
  '#/import',
  '#/data',
  '#/settings',
  '#/interviews',
  '#/interviews/new',
  // The Readiness screen's code, even for an interview that is not there.
  '#/interviews/no-such-interview',
  // Fetched on first use: never opened online, it says it needs a connection once, and the app goes on.
  '#/stats',
];

/** Opens a screen by its address (same document, as the nav does) and waits until it has rendered. */
async function openScreen(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
  const main = page.locator('#kp-main');
  // A screen's code is a lazy chunk: if it could not load, React unmounts the app and #kp-main is gone.
  await expect(main).toBeVisible();
  await expect(main).not.toHaveText(/^(Loading…|Opening your deck…)$/);
  await expect(main).not.toBeEmpty();
}

test('after one visit, review, settings and every screen work offline; the reviews count once back online', async ({
  context,
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await expect(page.getByTestId('reviewed-today')).toHaveText('0');
  await expect(page.getByText(OFFLINE_NOTICE)).toHaveCount(0);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await expect(page.getByText(OFFLINE_NOTICE)).toBeVisible();

  await startReview(page);
  await reviewCards(page, 2);
  expect(await readReviewCount(page)).toBe(2);

  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByTestId('app-version')).toContainText('Keypoints version');
  for (const screen of SCREENS) await openScreen(page, screen);
  await expect(page.getByText(OFFLINE_NOTICE)).toBeVisible();

  await context.setOffline(false);
  await page.reload();
  await openScreen(page, '#/');
  await expect(page.getByTestId('reviewed-today')).toHaveText('2');
  await expect(page.getByText(OFFLINE_NOTICE)).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('the offline notice comes and goes with the network, without a reload', async ({ context, page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await expect(page.getByText(OFFLINE_NOTICE)).toHaveCount(0);
  await context.setOffline(true);
  await expect(page.getByText(OFFLINE_NOTICE)).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByText(OFFLINE_NOTICE)).toHaveCount(0);
});

test('in a whole session no request, from a page or the service worker, leaves the origin', async ({
  context,
  page,
}) => {
  const requests = recordRequests(context);
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await startReview(page);
  await reviewCards(page, 2);
  for (const screen of SCREENS) await openScreen(page, screen);
  await page.reload();
  await openScreen(page, '#/');
  await expect(page.getByTestId('reviewed-today')).toHaveText('2');

  // The recorder sees the service worker's own traffic (precaching), so its silence below means something.
  expect(requests.filter((r) => r.fromServiceWorker).length).toBeGreaterThan(0);
  const elsewhere = requests.filter((r) => new URL(r.url).origin !== BASE_URL).map((r) => r.url);
  expect(elsewhere).toEqual([]);
});

test('persistent storage is asked for after the first grade, not on load, and Settings shows the state', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const calls = { count: 0 };
    (window as unknown as { persistCalls: typeof calls }).persistCalls = calls;
    const persist = StorageManager.prototype.persist;
    StorageManager.prototype.persist = function (this: StorageManager) {
      calls.count++;
      return persist.call(this);
    };
  });
  const persistCalls = () =>
    page.evaluate(() => (window as unknown as { persistCalls: { count: number } }).persistCalls.count);

  await page.goto('/');
  await expect(page.getByTestId('reviewed-today')).toHaveText('0');
  expect(await persistCalls()).toBe(0);

  await startReview(page);
  expect(await persistCalls()).toBe(0);
  await reviewCards(page, 1);
  await expect.poll(persistCalls).toBe(1);
  await reviewCards(page, 1);
  expect(await persistCalls()).toBe(1);

  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('storage-persisted')).toHaveText(/^(Persistent|Not persistent)/);
  await expect(page.getByTestId('storage-usage')).toHaveText(
    /^Using \d+(\.\d)? [KMG]?B of \d+(\.\d)? [KMG]?B available\.$/,
  );
});

test('offline before any forecast was worked out online, the Readiness screen still gives the plan its words', async ({
  context,
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();

  await openScreen(page, '#/interviews/new');
  const inTwoWeeks = await page.evaluate(() => {
    const d = new Date(Date.now() + 14 * 86_400_000);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  await page.getByLabel('Name', { exact: true }).fill('Onsite loop');
  await page.getByLabel('Date', { exact: true }).fill(inTwoWeeks);
  await page.getByRole('button', { name: 'Save interview' }).click();
  await page.getByRole('link', { name: 'Readiness Onsite loop' }).click();
  // The forecast's worker is fetched on first use and this page has never had it: the page computes.
  const plan = page.getByRole('region', { name: 'Your plan' });
  await expect(plan.getByRole('status')).toContainText(/min a day/);
  await expect(plan).not.toContainText('could not be worked out');
  expect(pageErrors).toEqual([]);
});
