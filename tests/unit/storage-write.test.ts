// Every storage write fails as a typed error in plain words, whatever shape the failure took, and writes nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SETTINGS,
  type DeckFile,
  type Review,
  ValidationError,
  validateDeckFile,
} from '../../src/domain';
import type { KeypointsDb, ScheduleRow } from '../../src/storage/db';
import {
  ReviewLogBusyError,
  StaleCardError,
  StorageClosedError,
  StorageFullError,
  StorageWriteError,
  toStorageError,
} from '../../src/storage/errors';
import { upsertDeckFile } from '../../src/storage/repositories/decks';
import { gradeCard, rebuildSchedules } from '../../src/storage/repositories/reviews';
import { getSettings } from '../../src/storage/repositories/settings';
import { saveSettings } from '../../src/storage/repositories/settings-save';
import { reviewLogMark, writeOverUnchangedReviews, writeTransaction } from '../../src/storage/write';
import { freshDb as newDb } from '../support/db';

const T0 = Date.UTC(2025, 0, 6, 9);
const CARD = 'amazon-engineer/1.1';

const opened: KeypointsDb[] = [];
function freshDb(): KeypointsDb {
  const db = newDb();
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function realDeck(): DeckFile {
  const text = readFileSync(join(process.cwd(), 'data/decks/amazon-engineer.json'), 'utf8');
  return validateDeckFile(JSON.parse(text));
}

async function seededDb(): Promise<KeypointsDb> {
  const db = freshDb();
  await upsertDeckFile(db, realDeck(), T0);
  return db;
}

/** Every row of every table: what "nothing was written" is checked against. */
async function contents(db: KeypointsDb): Promise<string> {
  const tables = [db.decks, db.cards, db.schedules, db.reviews, db.settings, db.meta];
  return JSON.stringify(await Promise.all(tables.map((t) => t.toArray())));
}

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const DECK = { id: 'extra', title: 'Extra', source: 'csv', description: '' } as const;

/**
 * A write of two tables that fails on the second with `failure`: the first write must not stay.
 * Rejecting the second request (rather than throwing) is how IndexedDB reports a refused write.
 */
async function failingWrite(db: KeypointsDb, failure: unknown): Promise<unknown> {
  vi.spyOn(db.meta, 'put').mockRejectedValue(failure);
  return writeTransaction(db, [db.decks, db.meta], async () => {
    await db.decks.put(DECK);
    await db.meta.put({ key: 'k', value: 1 });
  }).catch((e: unknown) => e);
}

describe('writeTransaction', () => {
  it('writes everything when nothing fails', async () => {
    const db = freshDb();
    const result = await writeTransaction(db, [db.decks, db.meta], async () => {
      await db.decks.put(DECK);
      await db.meta.put({ key: 'k', value: 1 });
      return 'done';
    });
    expect(result).toBe('done');
    expect(await db.decks.get('extra')).toEqual(DECK);
    expect(await db.meta.get('k')).toEqual({ key: 'k', value: 1 });
  });

  describe('a full disk, in each shape it reaches us, is a StorageFullError and nothing is half-written', () => {
    const shapes: Array<[string, () => unknown]> = [
      ['the browser’s QuotaExceededError itself', quota],
      ['Dexie’s QuotaExceededError wrapping it', () => new Dexie.QuotaExceededError('full', quota())],
      ['an aborted transaction with it as inner', () => new Dexie.AbortError('Transaction aborted', quota())],
      [
        'an aborted transaction wrapping Dexie’s wrapping of it',
        () => new Dexie.AbortError('Transaction aborted', new Dexie.QuotaExceededError('full', quota())),
      ],
      [
        'a BulkError listing it among the failures',
        () => new Dexie.BulkError('bulkPut failed', { 3: quota() }),
      ],
      [
        'a BulkError whose failure wraps it',
        () => new Dexie.BulkError('bulkAdd failed', { 0: new Dexie.AbortError('aborted', quota()) }),
      ],
      [
        'old Firefox’s NS_ERROR_DOM_QUOTA_REACHED',
        () => new DOMException('full', 'NS_ERROR_DOM_QUOTA_REACHED'),
      ],
    ];
    for (const [what, make] of shapes) {
      it(what, async () => {
        const db = freshDb();
        const before = await contents(db);
        const error = await failingWrite(db, make());
        expect(error).toBeInstanceOf(StorageFullError);
        expect((error as Error).message).toMatch(
          /out of storage space.*nothing was changed.*Free some space/,
        );
        vi.restoreAllMocks();
        expect(await contents(db)).toBe(before);
      });
    }
  });

  it('a write the browser refuses (a real BulkError: a key that exists) is a StorageWriteError, nothing written', async () => {
    const db = freshDb();
    await db.meta.put({ key: 'taken', value: 0 });
    const before = await contents(db);
    const error = await writeTransaction(db, [db.decks, db.meta], async () => {
      await db.decks.put(DECK);
      await db.meta.bulkAdd([
        { key: 'free', value: 1 },
        { key: 'taken', value: 2 },
      ]);
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageWriteError);
    expect((error as Error).message).toMatch(/could not save this change, so nothing was changed/);
    expect((error as Error).cause).toBeInstanceOf(Dexie.BulkError);
    expect(await contents(db)).toBe(before);
  });

  it('a refused single write (ConstraintError) is a StorageWriteError too', async () => {
    const db = freshDb();
    await db.meta.put({ key: 'taken', value: 0 });
    const error = await writeTransaction(db, db.meta, () => db.meta.add({ key: 'taken', value: 1 })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageWriteError);
    expect(await db.meta.get('taken')).toEqual({ key: 'taken', value: 0 });
  });

  it('a closed database (another tab upgraded it) is a StorageClosedError asking for a reload', async () => {
    const db = await seededDb();
    db.close();
    const error = await writeTransaction(db, db.meta, () => db.meta.put({ key: 'k', value: 1 })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageClosedError);
    expect((error as Error).message).toMatch(/updated or closed in another tab.*not saved.*Reload/);
    expect((error as Error).cause).toBeInstanceOf(Dexie.DatabaseClosedError);
    await db.open();
    expect(await db.meta.get('k')).toBeUndefined();
  });

  it('a connection that is closing (InvalidStateError) is a StorageClosedError, nothing written', async () => {
    const db = freshDb();
    const before = await contents(db);
    const error = await failingWrite(
      db,
      new DOMException('The database connection is closing.', 'InvalidStateError'),
    );
    expect(error).toBeInstanceOf(StorageClosedError);
    vi.restoreAllMocks();
    expect(await contents(db)).toBe(before);
  });

  it('passes the project’s own errors through unchanged, and writes nothing', async () => {
    const db = freshDb();
    const before = await contents(db);
    const stale = new StaleCardError(CARD);
    const error = await writeTransaction(db, [db.decks, db.meta], async () => {
      await db.decks.put(DECK);
      throw stale;
    }).catch((e: unknown) => e);
    expect(error).toBe(stale);
    const invalid = new ValidationError([{ field: 'title', message: 'no' }]);
    expect(await failingWrite(db, invalid)).toBe(invalid);
    vi.restoreAllMocks();
    expect(await contents(db)).toBe(before);
  });

  it('passes a bug (not a storage failure) through unchanged', async () => {
    const db = freshDb();
    const bug = new TypeError('x is undefined');
    expect(await failingWrite(db, bug)).toBe(bug);
  });

  it('inside another write it joins that transaction: its failure undoes the outer writes too', async () => {
    const db = freshDb();
    const before = await contents(db);
    vi.spyOn(db.meta, 'put').mockRejectedValue(quota());
    const error = await writeTransaction(db, [db.decks, db.meta], async () => {
      await db.decks.put(DECK);
      await writeTransaction(db, db.meta, () => db.meta.put({ key: 'k', value: 1 }));
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    vi.restoreAllMocks();
    expect(await contents(db)).toBe(before);
  });
});

describe('toStorageError', () => {
  it('recognises the shapes by name, also as plain objects', () => {
    expect(toStorageError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBeInstanceOf(
      StorageFullError,
    );
    expect(toStorageError({ name: 'BulkError', failures: [{ name: 'QuotaExceededError' }] })).toBeInstanceOf(
      StorageFullError,
    );
    expect(toStorageError({ name: 'Error', code: 22 })).toBeInstanceOf(StorageFullError);
    expect(toStorageError({ name: 'DatabaseClosedError' })).toBeInstanceOf(StorageClosedError);
    expect(toStorageError({ name: 'ModifyError', failures: [{ name: 'ConstraintError' }] })).toBeInstanceOf(
      StorageWriteError,
    );
    const notStorage = { name: 'PrematureCommitError' };
    expect(toStorageError(notStorage)).toBe(notStorage);
    expect(toStorageError('text')).toBe('text');
    expect(toStorageError(null)).toBe(null);
  });
});

describe('writes that had no error mapping', () => {
  it('saveSettings on a full disk: StorageFullError, settings as they were', async () => {
    const db = freshDb();
    await saveSettings(db, { newPerDay: 7 });
    vi.spyOn(db.settings, 'put').mockRejectedValue(quota());
    await expect(saveSettings(db, { newPerDay: 9 })).rejects.toBeInstanceOf(StorageFullError);
    vi.restoreAllMocks();
    expect((await getSettings(db)).newPerDay).toBe(7);
  });

  it('rebuildSchedules on a full disk: StorageFullError, not one schedule changed', async () => {
    const db = await seededDb();
    const shown = await db.schedules.get(CARD);
    if (!shown) throw new Error('no schedule');
    await gradeCard(db, DEFAULT_SETTINGS, {
      cardId: CARD,
      shown,
      rating: 3,
      now: T0 + 60_000,
      durationMs: 0,
      keyPointsRecalled: [],
      pitfallsFlagged: [],
      notes: '',
    });
    // Every stored row differs from its replay, so the rebuild has all of them to write (it skips
    // rows that already hold their replayed state): a half-written rebuild would show.
    await db.schedules.toCollection().modify({ reps: 99 });
    const before = await contents(db);
    const settings = { ...DEFAULT_SETTINGS, desiredRetention: 0.8 };
    // Some rows reach the table before the disk refuses the rest.
    const bulkPut = db.schedules.bulkPut.bind(db.schedules);
    const partly = async (rows: readonly ScheduleRow[]) => {
      await bulkPut(rows.slice(0, 5));
      throw quota();
    };
    vi.spyOn(db.schedules, 'bulkPut').mockImplementation(partly as unknown as typeof bulkPut);
    await expect(rebuildSchedules(db, settings)).rejects.toBeInstanceOf(StorageFullError);
    vi.restoreAllMocks();
    expect(await contents(db)).toBe(before);
  });
});

describe('writeOverUnchangedReviews', () => {
  const review = (id: string, reviewedAt: number): Review => ({
    id,
    cardId: CARD,
    rating: 3,
    reviewedAt,
    durationMs: 0,
    keyPointsRecalled: [],
    pitfallsFlagged: [],
    notes: '',
    log: {
      rating: 3,
      state: 0,
      due: reviewedAt,
      stability: 0,
      difficulty: 0,
      elapsed_days: 0,
      last_elapsed_days: 0,
      scheduled_days: 0,
      learning_steps: 0,
      review: reviewedAt,
    } as unknown as Review['log'],
  });

  it('reads and computes once, then writes, when the log stays as it was', async () => {
    const db = freshDb();
    await db.reviews.add(review('r1', T0));
    const prepare = vi.fn(async () => (await db.reviews.count()) * 10);
    const result = await writeOverUnchangedReviews(db, {
      tables: [db.meta],
      activity: 'the test ran',
      prepare,
      write: async (plan) => {
        await db.meta.put({ key: 'plan', value: plan });
        return plan;
      },
    });
    expect(result).toBe(10);
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(await db.meta.get('plan')).toEqual({ key: 'plan', value: 10 });
  });

  it('starts over when a grade lands while it computes, and writes from the new reading', async () => {
    const db = freshDb();
    let attempt = 0;
    const write = vi.fn(async (plan: number) => {
      await db.meta.put({ key: 'plan', value: plan });
      return plan;
    });
    const result = await writeOverUnchangedReviews(db, {
      tables: [db.meta],
      activity: 'the test ran',
      prepare: async () => {
        const seen = await db.reviews.count();
        // Another tab grades while this one computes, the first time only.
        if (attempt++ === 0) await db.reviews.add(review('other-tab', T0));
        return seen;
      },
      write,
    });
    expect(attempt).toBe(2);
    expect(write).toHaveBeenCalledTimes(1);
    expect(result).toBe(1);
  });

  it('notices an undo followed by a grade (same count, another newest review)', async () => {
    const db = freshDb();
    await db.reviews.add(review('r1', T0));
    const before = await reviewLogMark(db);
    await db.reviews.delete('r1');
    await db.reviews.add(review('r2', T0 + 1));
    const after = await reviewLogMark(db);
    expect(after.count).toBe(before.count);
    expect(after.newestId).not.toBe(before.newestId);
  });

  it('gives up after its attempts with a plain ReviewLogBusyError, having written nothing', async () => {
    const db = freshDb();
    const before = await contents(db);
    let n = 0;
    const write = vi.fn(async () => {
      await db.meta.put({ key: 'plan', value: 1 });
    });
    const error = await writeOverUnchangedReviews(db, {
      tables: [db.meta],
      activity: 'the backup was merged',
      attempts: 4,
      prepare: async () => {
        await db.reviews.add(review(`busy-${n++}`, T0 + n));
      },
      write,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReviewLogBusyError);
    expect((error as Error).message).toBe(
      'Reviews kept changing while the backup was merged. Close other Keypoints tabs and try again.',
    );
    expect(n).toBe(4);
    expect(write).not.toHaveBeenCalled();
    expect(await db.meta.count()).toBe(0);
    await db.reviews.clear();
    expect(await contents(db)).toBe(before);
  });

  it('maps a failure of its write like any other write, leaving nothing half-written', async () => {
    const db = freshDb();
    const before = await contents(db);
    vi.spyOn(db.meta, 'put').mockRejectedValue(new Dexie.BulkError('failed', { 0: quota() }));
    const error = await writeOverUnchangedReviews(db, {
      tables: [db.decks, db.meta],
      activity: 'the test ran',
      prepare: async () => DECK,
      write: async (deck) => {
        await db.decks.put(deck);
        await db.meta.put({ key: 'k', value: 1 });
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    vi.restoreAllMocks();
    expect(await contents(db)).toBe(before);
  });
});
