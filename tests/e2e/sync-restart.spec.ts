// The server goes down in the middle of a push, after it stored the documents but before the device
// heard back, and comes back: sync resumes by itself, with every review once and nothing lost.
//
// The server keeps its data in a directory (not in memory) so that a restart on the same port is the
// same database, as a real CouchDB restarting would be.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { type SyncServer, startSyncServer } from '../sync-server';
import { contentHash, device, grade, reviewIds, serverDocs, turnOnSync, waitSynced } from './helpers/sync';

const PORT = 5997;
const DATABASE = 'kp-restart';

let server: SyncServer;
let dir: string;
test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'keypoints-sync-'));
  server = await startSyncServer({ port: PORT, dataDir: dir, databases: [DATABASE] });
});
test.afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the server stopped mid-push and restarted: sync resumes, no review twice, nothing lost', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const a = await device(browser);
  await turnOnSync(a.page, { serverUrl: server.url, database: DATABASE });

  // The next push reaches the server, which then stops before the answer gets back.
  let cut = false;
  await a.page.route('**/_bulk_docs', async (route) => {
    if (cut) return route.continue();
    cut = true;
    await route.fetch();
    await server.stop();
    await route.abort('connectionreset');
  });
  await grade(a.page, 3);
  await a.page.goto('/#/sync');
  await expect(a.page.getByTestId('sync-error')).toBeVisible({ timeout: 30_000 });
  await expect(a.page.getByTestId('sync-status')).toContainText('waiting');

  // The same port and folder: the same database, as a real CouchDB restarting.
  server = await startSyncServer({ port: PORT, dataDir: dir });
  // No Sync now: the retry after the pause brings it back (the page's online event cannot help here).
  await waitSynced(a.page, 60_000);

  const local = await reviewIds(a.page);
  expect(local).toHaveLength(3);
  const docs = await serverDocs(server.url, DATABASE);
  const reviewDocs = docs.filter((d) => d.id.startsWith('review:'));
  expect(reviewDocs.map((d) => d.id.slice('review:'.length)).sort()).toEqual(local);

  // A second device gets exactly those reviews and the same schedules.
  const b = await device(browser);
  await turnOnSync(b.page, { serverUrl: server.url, database: DATABASE });
  expect(await reviewIds(b.page)).toEqual(local);
  expect(await contentHash(b.page)).toBe(await contentHash(a.page));
  await a.context.close();
  await b.context.close();
});
