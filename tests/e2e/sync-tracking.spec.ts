// Sync's change tracking in Chromium's own IndexedDB: with sync on, a grade and its outbox row are stored together; the built-in deck is not a change.
import { expect, type Page, test } from '@playwright/test';
import { readStore } from './helpers/indexed-db';
import { reviewCards, startReview } from './helpers/review';

interface OutboxRow {
  key: string;
  hlc: string;
}

/** Writes (or deletes, with value undefined) one row of the app's database with the native API, as another tab would. */
function writeRow(page: Page, store: string, row: unknown, deleteKey?: string): Promise<void> {
  return page.evaluate(
    ({ store, row, deleteKey }) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('keypoints');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction(store, 'readwrite');
          if (deleteKey !== undefined) tx.objectStore(store).delete(deleteKey);
          else tx.objectStore(store).put(row);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { store, row, deleteKey },
  );
}

/** Sync turned on as another tab would leave it: the tracking row only (no server is needed to track). */
const syncOn = (page: Page) =>
  writeRow(page, 'syncState', {
    key: 'track',
    value: { on: true, device: 'e2e-device', clock: null, initialPushPending: true },
  });

test('with sync on, each grade leaves its outbox row in the same write; a reinstalled built-in deck leaves none', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  expect(await readStore(page, 'outbox')).toEqual([]);

  // Sync turned on while this tab is open: its next write sees it.
  await syncOn(page);
  await startReview(page);
  await reviewCards(page, 2);
  const reviews = await readStore<{ id: string }>(page, 'reviews');
  const outbox = await readStore<OutboxRow>(page, 'outbox');
  expect(reviews).toHaveLength(2);
  expect(outbox.map((r) => r.key).sort()).toEqual(reviews.map((r) => `review:${r.id}`).sort());
  expect(outbox.every((r) => /^\d{13}-[0-9a-z]{4}-e2e-device$/.test(r.hlc))).toBe(true);

  // A start that reinstalls the built-in deck (as after a restore) writes every card, untracked.
  await writeRow(page, 'meta', null, 'builtin-deck-url');
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await expect
    .poll(async () => (await readStore<{ key: string }>(page, 'meta')).map((m) => m.key))
    .toContain('builtin-deck-url');
  expect((await readStore<OutboxRow>(page, 'outbox')).map((r) => r.key).sort()).toEqual(
    outbox.map((r) => r.key).sort(),
  );

  // Sync off: grades are no longer tracked.
  await writeRow(page, 'syncState', {
    key: 'track',
    value: { on: false, device: 'e2e-device', clock: null },
  });
  await startReview(page);
  await reviewCards(page, 1);
  expect(await readStore(page, 'reviews')).toHaveLength(3);
  expect(await readStore(page, 'outbox')).toHaveLength(2);
});
