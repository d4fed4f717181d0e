// Two devices that worked offline meet again: the union of their reviews, the same schedules, one
// version of a card edited on both (the other kept in its history), and a deletion that travels.
import { expect, type Page, test } from '@playwright/test';
import { type SyncServer, startSyncServer } from '../sync-server';
import { readStore } from './helpers/indexed-db';
import { waitForServiceWorkerControl } from './helpers/service-worker';
import {
  contentHash,
  device,
  expectAccessible,
  grade,
  reviewIds,
  turnOnSync,
  waitSynced,
} from './helpers/sync';

const PORT = 5996;
const DATABASE = 'kp-offline';
const SHARED_CARD = encodeURIComponent('amazon-engineer/1.3');
const OWN_QUESTION = 'How would you shard a write-heavy ledger?';

let server: SyncServer;
test.beforeAll(async () => {
  server = await startSyncServer({ port: PORT, databases: [DATABASE] });
});
test.afterAll(async () => {
  await server?.stop();
});

async function editQuestion(page: Page, cardId: string, question: string): Promise<void> {
  await page.goto(`/#/edit/${cardId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Edit card' })).toBeVisible();
  await page.getByLabel('Question', { exact: true }).fill(question);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(question);
}

async function addOwnCard(page: Page): Promise<string> {
  await page.goto('/#/new');
  await page.getByLabel('Question', { exact: true }).fill(OWN_QUESTION);
  await page.getByLabel('Key point 1', { exact: true }).fill('Partition by account');
  await page.getByRole('button', { name: 'Save card' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(OWN_QUESTION);
  return decodeURIComponent(/#\/card\/(.+)$/.exec(page.url())?.[1] ?? '');
}

async function cardIds(page: Page): Promise<string[]> {
  return (await readStore<{ id: string }>(page, 'cards')).map((c) => c.id).sort();
}

test('offline on both: the union of reviews, identical schedules, one winner for a card edited on both, a deletion that travels', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const config = { serverUrl: server.url, database: DATABASE };
  const a = await device(browser);
  const b = await device(browser);
  const ownId = await addOwnCard(a.page);
  await turnOnSync(a.page, config);
  await turnOnSync(b.page, config);
  expect(await cardIds(b.page)).toContain(ownId);
  // Offline, the app runs from its service worker, as it would for a user. Each page reloads on the
  // Sync screen to come under its control: the network goes only once that screen has loaded again,
  // its code now kept by the worker (the code was fetched before the worker was there).
  for (const page of [a.page, b.page]) {
    await waitForServiceWorkerControl(page);
    await expect(page.getByRole('heading', { name: 'Sync is on' })).toBeVisible();
  }

  await a.context.setOffline(true);
  await b.context.setOffline(true);
  // A grades the first two new cards; B a principal card and the first new card, the one A graded too.
  await grade(a.page, 2);
  await grade(b.page, 1, 'levels=principal');
  await grade(b.page, 1);
  // The same card edited on both, B's edit the later one; and A deletes its own card.
  await editQuestion(a.page, SHARED_CARD, 'Edited on A');
  await editQuestion(b.page, SHARED_CARD, 'Edited on B');
  await a.page.goto(`/#/card/${encodeURIComponent(ownId)}`);
  await a.page.getByRole('button', { name: 'Delete' }).click();
  await a.page.getByRole('button', { name: 'Delete card' }).click();
  await a.page.goto('/#/');
  await expect(a.page.getByTestId('sync-status-line')).toContainText(/waiting/);
  // The Sync screen opens offline too, from the code the worker kept.
  await b.page.goto('/#/sync');
  await expect(b.page.getByRole('heading', { name: 'Sync is on' })).toBeVisible();

  const before = new Set([...(await reviewIds(a.page)), ...(await reviewIds(b.page))]);
  expect(before.size).toBe(4);

  await a.context.setOffline(false);
  await b.context.setOffline(false);
  // No Sync now: coming back online wakes sync on both (the pages were reloaded since sync was turned
  // on, so it runs as it does at app start), and each hears the other's changes by its long-poll.
  const hashes = async () => [await contentHash(a.page), await contentHash(b.page)];
  await expect
    .poll(async () => new Set(await hashes()).size, { timeout: 30_000, message: 'both devices converge' })
    .toBe(1);
  await waitSynced(a.page);
  await waitSynced(b.page);

  expect(await reviewIds(a.page)).toEqual([...before].sort());
  expect(await reviewIds(b.page)).toEqual([...before].sort());
  expect(await contentHash(a.page)).toBe(await contentHash(b.page));

  // B's later edit won on both; A keeps its own version in the card's history.
  for (const page of [a.page, b.page]) {
    await page.goto(`/#/card/${SHARED_CARD}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edited on B');
  }
  await a.page.goto(`/#/card/${SHARED_CARD}`);
  const lost = a.page.getByTestId('lost-versions');
  await expect(lost).toContainText('changed on another device');
  await expect(lost).toContainText('Edited on A');
  await expectAccessible(a.page);

  // The deleted card is gone from B too.
  expect(await cardIds(b.page)).not.toContain(ownId);
  expect(await cardIds(a.page)).toEqual(await cardIds(b.page));

  await a.context.close();
  await b.context.close();
});
