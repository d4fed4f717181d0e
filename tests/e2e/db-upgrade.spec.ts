// Two tabs on two database versions: the older steps aside and asks for a reload, nothing is stuck or lost.
import { expect, type Page, test } from '@playwright/test';
import { BASE_URL } from '../../playwright.config';
import { gradeShownCard, reviewCards, showAnswer, startReview } from './helpers/review';

// Dexie stores version N as native version 10·N: the app's schema version 4 is native version 40.
const APP_NATIVE_VERSION = 40;

interface Stored {
  /** How often the upgrade had to wait for another tab ('blocked' events). */
  blocked: number;
  reviews: { cardId: string }[];
  schedules: { cardId: string; reps: number }[];
}

/**
 * What a newer build does on start: open 'keypoints' at a higher version with a schema change (a new
 * store), then read what it found. Resolves only once the upgrade went through.
 */
function upgradeAsNewerBuild(page: Page, version: number): Promise<Stored> {
  return page.evaluate(
    (v) =>
      new Promise<Stored>((resolve, reject) => {
        let blocked = 0;
        const request = indexedDB.open('keypoints', v);
        request.onblocked = () => {
          blocked++;
        };
        request.onupgradeneeded = () => {
          request.result.createObjectStore('addedByNewerBuild', { keyPath: 'id' });
        };
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction(['reviews', 'schedules'], 'readonly');
          const reviews = tx.objectStore('reviews').getAll();
          const schedules = tx.objectStore('schedules').getAll();
          tx.oncomplete = () => {
            db.close();
            resolve({ blocked, reviews: reviews.result, schedules: schedules.result });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    version,
  );
}

/** A same-origin page that is not the app (the service worker is not installed yet, so it is served as is). */
async function openPlainPage(page: Page): Promise<void> {
  await page.goto(`${BASE_URL}/robots.txt`);
}

test('a newer build upgrading the database in another tab: this tab asks for a reload and keeps every grade', async ({
  context,
  page,
}) => {
  const newer = await context.newPage();
  await openPlainPage(newer);
  await page.goto('/');
  await startReview(page);
  await reviewCards(page, 1);
  await showAnswer(page);

  // The second grade and the other tab's upgrade race: the grade is either stored whole or not at all.
  const [, stored] = await Promise.all([
    gradeShownCard(page),
    upgradeAsNewerBuild(newer, APP_NATIVE_VERSION * 2),
  ]);

  await expect(page.getByRole('alert')).toContainText('Keypoints was updated in another tab');
  await expect(page.getByRole('alert').getByRole('button', { name: 'Reload' })).toBeVisible();

  expect([1, 2]).toContain(stored.reviews.length);
  for (const schedule of stored.schedules) {
    const reviews = stored.reviews.filter((r) => r.cardId === schedule.cardId).length;
    expect(schedule.reps, `schedule of ${schedule.cardId} matches its reviews`).toBe(reviews);
  }

  // After the reload this tab runs on the upgraded database and its session goes on.
  await page.getByRole('alert').getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();
  await page.getByRole('link', { name: 'Home' }).click();
  await expect(page.getByTestId('reviewed-today')).toHaveText(String(stored.reviews.length));
});

test('an older tab that holds the database open: this tab explains, then starts once it lets go', async ({
  context,
  page,
}) => {
  const older = await context.newPage();
  await openPlainPage(older);
  // An older schema, held by a tab that ignores the request to let go (a frozen tab, an old build).
  await older.evaluate(
    (v) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('keypoints', v);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const held = { db, askedToClose: false };
          db.onversionchange = () => {
            held.askedToClose = true;
          };
          (window as unknown as { held: typeof held }).held = held;
          resolve();
        };
      }),
    APP_NATIVE_VERSION / 2,
  );

  await page.goto('/');
  await expect(page.getByRole('alert')).toContainText('Reload or close the other Keypoints tabs');
  expect(
    await older.evaluate(() => (window as unknown as { held: { askedToClose: boolean } }).held.askedToClose),
  ).toBe(true);

  await older.evaluate(() => (window as unknown as { held: { db: IDBDatabase } }).held.db.close());
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('new-left')).toHaveText('10');
});
