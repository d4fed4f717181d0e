// A full disk during an import, a restore or a merge: a plain message, and not one record half-written.
import { expect, type Page, test } from '@playwright/test';
import { BASE_URL } from '../../playwright.config';
import { createBackup, serializeBackup } from '../../src/domain/backup';
import type { BackupData } from '../../src/domain/backup-data';
import type { CardRecord } from '../../src/domain/card';
import { DEFAULT_SETTINGS } from '../../src/domain/settings';
import { readStore } from './helpers/indexed-db';

const STORES = ['decks', 'cards', 'schedules', 'reviews', 'settings'];

/** Record counts of every store, read with the native IndexedDB API (not through the app). */
async function storedCounts(page: Page): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of STORES) counts[name] = (await readStore(page, name)).length;
  return counts;
}

const ROWS = 3000;
/** Chromium compresses what IndexedDB stores, so the filler must not repeat itself. */
function filler(seed: number, words = 200): string {
  let x = seed * 2654435761 + 1;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out.push(x.toString(36));
  }
  return out.join(' ');
}

function bigCsv(): string {
  const lines = ['number,question,keyPoints,exampleAnswer,level'];
  for (let i = 1; i <= ROWS; i++)
    lines.push(`${i},Question number ${i}?,"${filler(i)}","${filler(-i)}",senior`);
  return lines.join('\n');
}

function bigBackup(): string {
  const now = Date.UTC(2025, 0, 6, 9);
  const cards: CardRecord[] = Array.from({ length: ROWS }, (_, i) => ({
    id: `big/${i + 1}`,
    deckId: 'big',
    number: String(i + 1),
    order: i,
    level: 'mid',
    kind: 'judgement',
    question: `Big question ${i + 1}?`,
    context: filler(i),
    keyPoints: [filler(i + ROWS)],
    pitfalls: [],
    exampleAnswer: filler(i + 2 * ROWS),
    skills: [],
    questionType: '',
    tags: [],
    suspended: false,
    retired: false,
    createdAt: now,
    updatedAt: now,
  }));
  const data: BackupData = {
    decks: [{ id: 'big', title: 'Big deck', source: 'csv', description: '' }],
    cards,
    schedules: [],
    reviews: [],
    settings: DEFAULT_SETTINGS,
  };
  return serializeBackup(createBackup(data, now, 'Keypoints test'));
}

test('a full disk stops an import, a restore and a merge cleanly, with words a user can act on', async ({
  page,
}) => {
  // Three writes of 3,000 cards each, two of them refused and rolled back: slow on a busy 2-core machine.
  test.setTimeout(240_000);
  // Chromium applies a quota override to an origin's storage opened after it, so it comes first.
  // 3 MB leaves room for the app (its precache and the built-in deck take under 1 MB), not for 3,000 big cards.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: BASE_URL, quotaSize: 3 * 1024 * 1024 });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

  const before = await storedCounts(page);
  expect(before.cards).toBe(15);

  await test.step('import of a large CSV', async () => {
    await page.goto('/#/import');
    await page.getByLabel('Choose a file').setInputFiles({
      name: 'big.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(bigCsv()),
    });
    await expect(page.getByTestId('import-diff')).toHaveText(
      `A new deck: adds ${ROWS.toLocaleString('en-US')} cards.`,
    );
    await page.getByRole('button', { name: /^Import \d/ }).click();
    await expect(page.getByRole('alert')).toContainText(
      'Your device is out of storage space for Keypoints, so nothing was changed.',
    );
    expect(await storedCounts(page)).toEqual(before);
  });

  const backup = { name: 'big-backup.json', mimeType: 'application/json', buffer: Buffer.from(bigBackup()) };

  await test.step('restore of a large backup', async () => {
    await page.goto('/#/data');
    await page.getByLabel('Choose a backup file').setInputFiles(backup);
    await expect(page.getByTestId('backup-summary')).toContainText('3,000 cards');
    await page.getByRole('button', { name: 'Replace everything with this backup…' }).click();
    await page.getByRole('button', { name: 'Yes, replace everything' }).click();
    await expect(page.getByRole('alert')).toContainText('out of storage space');
    // The restore cleared every table before adding: all of it was rolled back.
    expect(await storedCounts(page)).toEqual(before);
  });

  await test.step('merge of a large backup', async () => {
    await page.getByLabel('Choose a backup file').setInputFiles(backup);
    await page.getByRole('button', { name: 'Merge into this device' }).click();
    await expect(page.getByRole('alert')).toContainText('out of storage space');
    expect(await storedCounts(page)).toEqual(before);
  });

  await test.step('with room again, the same import goes through', async () => {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: BASE_URL });
    await page.goto('/#/import');
    await page.getByLabel('Choose a file').setInputFiles({
      name: 'big.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(bigCsv()),
    });
    await page.getByRole('button', { name: /^Import \d/ }).click();
    await expect(page.getByRole('status')).toContainText(`added ${ROWS.toLocaleString('en-US')} cards`);
    expect((await storedCounts(page)).cards).toBe(15 + ROWS);
  });
});
