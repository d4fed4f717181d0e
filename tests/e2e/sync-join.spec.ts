// Two devices through a real CouchDB-protocol server (pouchdb-server on loopback): a device with
// history syncs first, encrypted; a second joins by the setup link and its code; grades travel live.
import { expect, test } from '@playwright/test';
import { type SyncServer, startSyncServer } from '../sync-server';
import { readStore } from './helpers/indexed-db';
import {
  contentHash,
  device,
  expectAccessible,
  grade,
  reviewIds,
  serverDocs,
  turnOnSync,
  waitSynced,
} from './helpers/sync';

const PORT = 5995;
const DATABASE = 'kp-join';
const PASSPHRASE = 'correct horse battery staple';

let server: SyncServer;
test.beforeAll(async () => {
  server = await startSyncServer({ port: PORT, databases: [DATABASE] });
});
test.afterAll(async () => {
  await server?.stop();
});

test('a device with history syncs encrypted; another joins by the setup link, gets every review and the same schedules, and sees new grades live', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const a = await device(browser);
  await grade(a.page, 3);
  await turnOnSync(a.page, { serverUrl: server.url, database: DATABASE, passphrase: PASSPHRASE });
  expect(await reviewIds(a.page)).toHaveLength(3);

  // The server holds the meta document and 15 cards, a deck, the settings and 3 reviews, none readable.
  const docs = await serverDocs(server.url, DATABASE);
  expect(docs.length).toBeGreaterThanOrEqual(1 + 15 + 3);
  const stored = JSON.stringify(docs);
  const cards = await readStore<{ id: string; question: string }>(a.page, 'cards');
  expect(cards).toHaveLength(15);
  // Named lists, not the documents themselves: a failure says what leaked without printing the server's contents.
  const leaked = [
    ...cards.flatMap((c) => [c.id, c.question]),
    ...(await reviewIds(a.page)),
    'amazon-engineer',
    '"question"',
  ].filter((text) => stored.includes(text));
  expect(leaked).toEqual([]);

  // Add another device: the link and the one-time code, shown apart.
  await a.page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await a.page.getByRole('button', { name: 'Add another device' }).click();
  const link = (await a.page.getByTestId('setup-link').textContent()) ?? '';
  const code = (await a.page.getByTestId('setup-code').textContent()) ?? '';
  await expect(a.page.getByRole('img', { name: 'QR code of the setup link' })).toBeVisible();
  await expectAccessible(a.page);
  expect(link).toContain('#/sync/join?s=');
  expect(link).not.toContain(PASSPHRASE);
  expect(link).not.toContain(code);

  const b = await device(browser);
  await b.page.goto(link);
  await expect(b.page.getByRole('heading', { level: 1, name: 'Sync this device' })).toBeVisible();
  await b.page.getByLabel('One-time code', { exact: true }).fill('not the code');
  await b.page.getByRole('button', { name: 'Open the link' }).click();
  await expect(b.page.getByRole('alert')).toBeVisible();
  await b.page.getByLabel('One-time code', { exact: true }).fill(code);
  await b.page.getByRole('button', { name: 'Open the link' }).click();
  const target = b.page.getByTestId('join-target');
  await expect(target).toContainText(server.url);
  await expect(target).toContainText(DATABASE);
  await expect(target).not.toContainText(PASSPHRASE);
  await expectAccessible(b.page);
  await b.page.getByRole('button', { name: 'Turn on sync' }).click();
  await expect(b.page.getByRole('heading', { name: 'Sync is on' })).toBeVisible({ timeout: 30_000 });
  await waitSynced(b.page);

  expect(await reviewIds(b.page)).toEqual(await reviewIds(a.page));
  expect(await contentHash(b.page)).toBe(await contentHash(a.page));

  // A grade on A reaches B's Home by the long-poll, with no action on B.
  await b.page.goto('/#/');
  await expect(b.page.getByTestId('reviewed-today')).toHaveText('3');
  await expect(b.page.getByTestId('sync-status-line')).toContainText(/Synced/);
  await expectAccessible(b.page);
  await grade(a.page, 1);
  await expect(b.page.getByTestId('reviewed-today')).toHaveText('4');
  await waitSynced(a.page);
  await waitSynced(b.page);
  expect(await contentHash(b.page)).toBe(await contentHash(a.page));

  await a.context.close();
  await b.context.close();
});
