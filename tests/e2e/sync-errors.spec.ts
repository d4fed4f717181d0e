// What goes wrong says so in words, and never touches the cards and reviews on the device:
// wrong password, wrong passphrase, a missing database, a server answering 500 or garbage.
import { expect, type Page, test } from '@playwright/test';
import { type SyncServer, startSyncServer } from '../sync-server';
import { type FaultyProxy, startFaultyProxy } from './helpers/faulty-proxy';
import {
  contentHash,
  device,
  fillSyncForm,
  grade,
  type SyncFields,
  serverDocs,
  turnOnSync,
} from './helpers/sync';

const PORT = 5998;
const PROXY_PORT = 5999;
const DATABASE = 'kp-errors';
const ALICE = { user: 'alice', password: 'right password' };

let server: SyncServer;
let proxy: FaultyProxy;
test.beforeAll(async () => {
  server = await startSyncServer({ port: PORT, databases: [DATABASE], admin: ALICE });
  proxy = await startFaultyProxy(PROXY_PORT, server.url);
});
test.afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

/** Fills the form, presses `button`, and returns the alert's words. */
async function attempt(page: Page, fields: SyncFields, button: 'Test connection' | 'Turn on sync') {
  await fillSyncForm(page, fields);
  await page.getByRole('button', { name: button }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible({ timeout: 30_000 });
  return alert;
}

test('wrong password, wrong passphrase, no such database: said plainly, nothing changed on the device or the server', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const good = { serverUrl: server.url, database: DATABASE, user: 'alice', password: 'right password' };
  // A first device sets the database up, encrypted.
  const first = await device(browser);
  await turnOnSync(first.page, { ...good, passphrase: 'the passphrase' });
  const onServer = JSON.stringify(await serverDocs(server.url, DATABASE, ALICE));

  const b = await device(browser);
  await grade(b.page, 2);
  const hash = await contentHash(b.page);

  for (const button of ['Test connection', 'Turn on sync'] as const) {
    await expect(
      await attempt(b.page, { ...good, password: 'wrong', passphrase: 'the passphrase' }, button),
    ).toContainText(/password/i);
    await expect(await attempt(b.page, { ...good, passphrase: 'not the passphrase' }, button)).toContainText(
      /passphrase does not open/i,
    );
    await expect(await attempt(b.page, { ...good, passphrase: '' }, button)).toContainText(/passphrase/i);
    await expect(
      await attempt(b.page, { ...good, database: 'kp-missing', passphrase: 'the passphrase' }, button),
    ).toContainText(/database/i);
  }
  // Still off, data as it was, and the server's documents untouched.
  await expect(b.page.getByRole('heading', { name: 'Connect to your server' })).toBeVisible();
  expect(await contentHash(b.page)).toBe(hash);
  expect(JSON.stringify(await serverDocs(server.url, DATABASE, ALICE))).toBe(onServer);
  await first.context.close();
  await b.context.close();
});

test('a server answering 500 or garbage: said plainly on the Sync screen and on Home, the device keeps its data, and sync resumes', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const viaProxy = {
    serverUrl: proxy.url,
    database: DATABASE,
    user: 'alice',
    password: 'right password',
    passphrase: 'the passphrase',
  };
  const a = await device(browser);
  await turnOnSync(a.page, viaProxy);
  await grade(a.page, 1);
  const hash = await contentHash(a.page);

  proxy.mode = 'error-500';
  await a.page.goto('/#/sync');
  await a.page.getByRole('button', { name: 'Sync now' }).click();
  await expect(a.page.getByTestId('sync-error')).toContainText(/server/i, { timeout: 30_000 });
  await a.page.goto('/#/');
  await expect(a.page.getByTestId('sync-status-line')).toContainText('open Sync');

  proxy.mode = 'garbage';
  await a.page.goto('/#/sync');
  await a.page.getByRole('button', { name: 'Sync now' }).click();
  await expect(a.page.getByTestId('sync-error')).not.toContainText(/failed/i, { timeout: 30_000 });
  await expect(a.page.getByTestId('sync-error')).toBeVisible();
  expect(await contentHash(a.page)).toBe(hash);

  // A new device sees the same words before it turns anything on.
  const b = await device(browser);
  await expect(await attempt(b.page, viaProxy, 'Test connection')).toBeVisible();
  proxy.mode = 'error-500';
  await expect(await attempt(b.page, viaProxy, 'Turn on sync')).toContainText(/server/i);

  proxy.mode = 'pass';
  await a.page.getByRole('button', { name: 'Sync now' }).click();
  await expect(a.page.getByTestId('sync-error')).toHaveCount(0, { timeout: 30_000 });
  await expect(a.page.getByTestId('sync-status')).toContainText('No changes waiting');
  expect(await contentHash(a.page)).toBe(hash);
  await a.context.close();
  await b.context.close();
});
