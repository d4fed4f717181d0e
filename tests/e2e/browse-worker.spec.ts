// Browse's search runs in a Web Worker, kept from its first use (in the page until then), live to writes from other tabs.
import { expect, type Page, test } from '@playwright/test';
import { waitForServiceWorkerControl } from './helpers/service-worker';

const SEARCH_WORKER = /\/assets\/search\.worker-[\w-]+\.js$/;
// The same host in the page: loaded only when the worker cannot run.
const IN_THREAD_HOST = /\/assets\/in-thread-search-client-[\w-]+\.js$/;

/** Opens Browse from the nav and searches as a user does; the list must find the two cost cards. */
async function searchOffline(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Browse' }).click();
  // The offline notice is a status too: the count is the one inside Browse.
  const browse = page.getByRole('region', { name: 'Browse' });
  await expect(browse.getByRole('status')).toHaveText('15 cards');
  await page.getByLabel('Search cards', { exact: true }).fill('COST-efficient');
  await expect(browse.getByRole('status')).toHaveText('2 cards');
  await expect(browse.getByRole('list').getByRole('link')).toHaveCount(2);
  await expect(browse.getByRole('alert')).toHaveCount(0);
}

test('offline before Browse was ever opened, search still finds cards (in the page: the worker was never fetched)', async ({
  context,
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));

  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();

  await searchOffline(page);
  expect(requests.filter((url) => IN_THREAD_HOST.test(url))).toHaveLength(1);
  expect(pageErrors).toEqual([]);
});

test('once Browse was opened online, offline Browse searches in its worker, kept from then', async ({
  context,
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));

  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Browse' }).click();
  await expect(page.getByRole('region', { name: 'Browse' }).getByRole('status')).toHaveText('15 cards');

  await context.setOffline(true);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await searchOffline(page);
  // The worker was served from its cache and answered: the page never needed the in-thread host.
  expect(requests.filter((url) => SEARCH_WORKER.test(url))).toHaveLength(2);
  expect(requests.filter((url) => IN_THREAD_HOST.test(url))).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('a card suspended in another tab shows in an open Browse list at once', async ({ context, page }) => {
  await page.goto('/#/browse?state=suspended');
  await expect(page.getByText('No cards match with these filters.')).toBeVisible();

  const other = await context.newPage();
  await other.goto('/#/card/amazon-engineer%2F1.1');
  await other.getByRole('button', { name: 'Suspend' }).click();
  await expect(other.getByRole('button', { name: 'Unsuspend' })).toBeVisible();

  await expect(page.getByRole('status')).toHaveText('1 card');
  await expect(page.getByRole('list').getByRole('link')).toHaveText(/Suspended/);
});

test('leaving Browse ends its search worker, so the index does not stay in memory', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  const started = page.waitForEvent('worker', (worker) => SEARCH_WORKER.test(worker.url()));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Browse' }).click();
  const worker = await started;
  await expect(page.getByRole('region', { name: 'Browse' }).getByRole('status')).toHaveText('15 cards');

  const ended = worker.waitForEvent('close');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await ended;
});
