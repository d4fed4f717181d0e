// Browse's search runs in a Web Worker: precached with the app (so it works offline) and live to writes from other tabs.
import { expect, test } from '@playwright/test';
import { waitForServiceWorkerControl } from './helpers/service-worker';

test('once the service worker controls the page, Browse searches offline (its worker is precached)', async ({
  context,
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));

  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Browse' }).click();
  // The offline notice is a status too: the count is the one inside Browse.
  const browse = page.getByRole('region', { name: 'Browse' });
  await expect(browse.getByRole('status')).toHaveText('15 cards');
  await page.getByLabel('Search cards', { exact: true }).fill('COST-efficient');
  await expect(browse.getByRole('status')).toHaveText('2 cards');
  await expect(browse.getByRole('list').getByRole('link')).toHaveCount(2);
  await expect(browse.getByRole('alert')).toHaveCount(0);

  expect(workers.filter((url) => /\/assets\/search\.worker-[\w-]+\.js$/.test(url))).toHaveLength(1);
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
  const started = page.waitForEvent('worker', (worker) => worker.url().includes('search.worker'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Browse' }).click();
  const worker = await started;
  await expect(page.getByRole('region', { name: 'Browse' }).getByRole('status')).toHaveText('15 cards');

  const ended = worker.waitForEvent('close');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await ended;
});
