// Backup, restore, merge and deck import against a real (in-memory) IndexedDB: bad input changes nothing, merges never lose or double a review.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type Card,
  DEFAULT_SETTINGS,
  type DeckFile,
  GRADES,
  type Grade,
  Rating,
  ValidationError,
} from '../../src/domain';
import { contentHash, createBackup, parseBackup, serializeBackup } from '../../src/domain/backup';
import type { BackupData } from '../../src/domain/backup-data';
import { createDb, type KeypointsDb } from '../../src/storage/db';
import { StorageFullError, toStorageError } from '../../src/storage/errors';
import { getLastBackupAt, recordBackup } from '../../src/storage/repositories/backup-meta';
import { createOwnCard } from '../../src/storage/repositories/cards';
import {
  exportAll,
  importDeck,
  mergeBackup,
  mergeBackupText,
  previewDeckImport,
  restoreAll,
  restoreBackupText,
} from '../../src/storage/repositories/data-transfer';
import { upsertDeckFile } from '../../src/storage/repositories/decks';
import { gradeCard, rebuildSchedules } from '../../src/storage/repositories/reviews';
import { getSettings } from '../../src/storage/repositories/settings';
import { saveSettings } from '../../src/storage/repositories/settings-save';
import { DAY, MINUTE, MONDAY_MORNING } from '../support/clock';
import { freshDb as newDb } from '../support/db';
import { builtInDeck } from '../support/deck';

const T0 = MONDAY_MORNING;

const BUILTIN = builtInDeck();
const CARD_IDS = BUILTIN.cards.map((c) => c.id);

const opened: KeypointsDb[] = [];
function freshDb(name?: string): KeypointsDb {
  const db = name === undefined ? newDb() : createDb(name);
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function grade(db: KeypointsDb, cardId: string, rating: Grade, now: number, reviewId?: string) {
  const shown = await db.schedules.get(cardId);
  if (!shown) throw new Error(`no schedule for ${cardId}`);
  return gradeCard(db, await getSettings(db), {
    cardId,
    shown,
    rating,
    now,
    durationMs: 4_000,
    keyPointsRecalled: [0],
    pitfallsFlagged: [],
    notes: `graded ${rating}`,
    ...(reviewId ? { reviewId } : {}),
  });
}

/** A device a user has used for a while: the built-in deck, own cards, reviews, changed settings. */
async function usedDevice(): Promise<KeypointsDb> {
  const db = freshDb();
  await upsertDeckFile(db, BUILTIN, T0 - 10 * DAY);
  await createOwnCard(
    db,
    {
      question: 'Tell me about a conflict you resolved.',
      context: 'My own story.',
      keyPoints: ['Situation', 'Action', 'Result'],
      pitfalls: ['Blaming the other person'],
      exampleAnswer: 'When …',
      level: 'senior',
      kind: 'behavioral',
      tags: ['story'],
    },
    T0 - 5 * DAY,
  );
  await saveSettings(db, { newPerDay: 25, desiredRetention: 0.85 });
  for (const [i, id] of CARD_IDS.slice(0, 6).entries()) {
    await grade(db, id, 3, T0 - 3 * DAY + i * MINUTE);
    await grade(db, id, ((i % 4) + 1) as Grade, T0 - DAY + i * MINUTE);
  }
  return db;
}

const hashOf = async (db: KeypointsDb) => contentHash(await exportAll(db));

async function backupText(db: KeypointsDb, now = T0): Promise<string> {
  return serializeBackup(createBackup(await exportAll(db), now, 'Keypoints test'));
}

async function counts(db: KeypointsDb) {
  return {
    decks: await db.decks.count(),
    cards: await db.cards.count(),
    schedules: await db.schedules.count(),
    reviews: await db.reviews.count(),
  };
}

describe('export and restore', () => {
  it('export → wipe → restore gives identical content, schedules and settings', async () => {
    const db = await usedDevice();
    const before = await exportAll(db);
    const text = await backupText(db);
    const name = db.name;
    await db.delete();
    opened.splice(opened.indexOf(db), 1);

    const wiped = freshDb(name);
    expect(await counts(wiped)).toEqual({ decks: 0, cards: 0, schedules: 0, reviews: 0 });
    await restoreBackupText(wiped, text, T0);

    const after = await exportAll(wiped);
    expect(contentHash(after)).toBe(contentHash(before));
    expect(after.schedules).toEqual(before.schedules);
    expect(after.settings.newPerDay).toBe(25);
    // The restored device reviews on: its queue rows carry the card fields the queue reads.
    const row = await wiped.schedules.get(CARD_IDS[0] ?? '');
    expect(row).toMatchObject({ deckId: 'amazon-engineer', level: 'junior', active: 1 });
  });

  it('restore replaces everything that was there', async () => {
    const source = await usedDevice();
    const text = await backupText(source);
    const target = freshDb();
    await upsertDeckFile(target, BUILTIN, T0);
    await grade(target, CARD_IDS[10] ?? '', 1, T0, 'only-on-target');

    await restoreBackupText(target, text, T0);
    expect(await target.reviews.get('only-on-target')).toBeUndefined();
    expect(await hashOf(target)).toBe(await hashOf(source));
  });

  it('keeps the time of the last backup export, which belongs to this device', async () => {
    const db = await usedDevice();
    await recordBackup(db, T0 - DAY);
    await restoreBackupText(db, await backupText(db), T0);
    expect(await getLastBackupAt(db)).toBe(T0 - DAY);
  });

  describe('a bad file changes nothing', () => {
    async function expectRefused(db: KeypointsDb, text: string, pattern?: RegExp) {
      const before = await hashOf(db);
      const beforeCounts = await counts(db);
      for (const attempt of [() => restoreBackupText(db, text, T0), () => mergeBackupText(db, text, T0)]) {
        const error = await attempt().then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ValidationError);
        if (pattern) expect((error as ValidationError).message).toMatch(pattern);
      }
      expect(await hashOf(db)).toBe(before);
      expect(await counts(db)).toEqual(beforeCounts);
    }

    it('random bytes', async () => {
      const db = await usedDevice();
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
          await expectRefused(db, new TextDecoder().decode(bytes));
        }),
        { numRuns: 40 },
      );
    });

    it('a truncated backup', async () => {
      const db = await usedDevice();
      const text = await backupText(db);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: text.length - 1 }), async (cut) => {
          await expectRefused(db, text.slice(0, cut), /damaged|not a Keypoints backup/);
        }),
        { numRuns: 30 },
      );
    });

    it('a backup of another version, or none', async () => {
      const db = await usedDevice();
      const raw = JSON.parse(await backupText(db)) as Record<string, unknown>;
      await expectRefused(db, JSON.stringify({ ...raw, version: 2 }), /newer version of Keypoints/);
      await expectRefused(db, JSON.stringify({ ...raw, version: 0 }), /no valid version/);
      await expectRefused(db, JSON.stringify({ ...raw, version: '1' }), /no valid version/);
      await expectRefused(db, JSON.stringify({ ...raw, format: 'anki' }), /not a Keypoints backup/);
    });

    it('duplicate ids, named by their place in the file', async () => {
      const db = await usedDevice();
      const raw = JSON.parse(await backupText(db)) as BackupData & Record<string, unknown>;
      const firstReview = raw.reviews[0];
      const firstCard = raw.cards[0];
      await expectRefused(
        db,
        JSON.stringify({ ...raw, reviews: [...raw.reviews, firstReview] }),
        /reviews\[12\]\.id/,
      );
      await expectRefused(
        db,
        JSON.stringify({ ...raw, cards: [...raw.cards, firstCard] }),
        /cards\[16\]\.id/,
      );
    });

    it('a review of a card the backup does not have', async () => {
      const db = await usedDevice();
      const raw = JSON.parse(await backupText(db)) as BackupData & Record<string, unknown>;
      const orphan = { ...raw.reviews[0], id: 'orphan', cardId: 'nowhere/1' };
      await expectRefused(db, JSON.stringify({ ...raw, reviews: [...raw.reviews, orphan] }), /nowhere\/1/);
    });
  });

  it('data that slipped past validation still leaves nothing half-written', async () => {
    const db = await usedDevice();
    const before = await hashOf(db);
    const data = await exportAll(await usedDevice());
    const broken: BackupData = { ...data, reviews: [...data.reviews, ...data.reviews.slice(0, 1)] };
    await expect(restoreAll(db, broken, T0)).rejects.toThrow();
    expect(await hashOf(db)).toBe(before);
  });

  it('a full disk during a restore: a plain message, and the old data intact', async () => {
    const db = await usedDevice();
    const before = await hashOf(db);
    const backup = parseBackup(await backupText(await usedDevice()));
    vi.spyOn(db.reviews, 'bulkAdd').mockRejectedValue(
      new DOMException('Quota exceeded', 'QuotaExceededError'),
    );
    const error = await restoreAll(db, backup, T0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as Error).message).toMatch(/out of storage space.*nothing was changed/i);
    vi.restoreAllMocks();
    expect(await hashOf(db)).toBe(before);
  });

  it('recognises a quota error in each shape IndexedDB and Dexie report it', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(toStorageError(quota)).toBeInstanceOf(StorageFullError);
    expect(toStorageError({ name: 'AbortError', inner: quota })).toBeInstanceOf(StorageFullError);
    expect(toStorageError({ name: 'BulkError', failures: [quota] })).toBeInstanceOf(StorageFullError);
    const other = new Error('something else');
    expect(toStorageError(other)).toBe(other);
  });
});

describe('merging another device’s backup', () => {
  /** Two devices that started from the same backup and were each used on their own since. */
  async function twoDevices(
    gradesA: Array<[number, Grade, number]>,
    gradesB: Array<[number, Grade, number]>,
  ) {
    const base = await usedDevice();
    const baseText = await backupText(base);
    const a = freshDb();
    const b = freshDb();
    await restoreBackupText(a, baseText, T0);
    await restoreBackupText(b, baseText, T0);
    for (const [device, grades] of [
      [a, gradesA],
      [b, gradesB],
    ] as const) {
      for (const [cardIndex, rating, minutes] of grades) {
        await grade(device, CARD_IDS[cardIndex % CARD_IDS.length] ?? '', rating, T0 + minutes * MINUTE);
      }
    }
    return { a, b };
  }

  const gradesArb = fc.array(
    fc.tuple(
      fc.integer({ min: 0, max: 14 }),
      fc.constantFrom(...GRADES),
      fc.integer({ min: 0, max: 60 * 24 * 20 }),
    ),
    { maxLength: 8 },
  );

  it('keeps every review once: the count is the size of the union of ids', async () => {
    await fc.assert(
      fc.asyncProperty(gradesArb, gradesArb, async (gradesA, gradesB) => {
        // Reviews of one card must be graded in time order on each device.
        const sorted = (g: typeof gradesA) => [...g].sort((x, y) => x[2] - y[2]);
        const { a, b } = await twoDevices(sorted(gradesA), sorted(gradesB));
        const idsA = (await a.reviews.toArray()).map((r) => r.id);
        const idsB = (await b.reviews.toArray()).map((r) => r.id);
        const union = new Set([...idsA, ...idsB]);

        const result = await mergeBackupText(a, await backupText(b), T0);
        expect(await a.reviews.count()).toBe(union.size);
        expect(new Set((await a.reviews.toArray()).map((r) => r.id))).toEqual(union);
        expect(result.added.reviews).toBe(union.size - idsA.length);

        // Merging the same backup again changes nothing.
        const hash = await hashOf(a);
        const again = await mergeBackupText(a, await backupText(b), T0);
        expect(again.added.reviews).toBe(0);
        expect(await hashOf(a)).toBe(hash);

        // The merge's schedules are what replaying the whole log gives.
        const merged = (await exportAll(a)).schedules;
        await rebuildSchedules(a, (await exportAll(a)).settings);
        expect((await exportAll(a)).schedules).toEqual(merged);

        // Either way round, the devices end up with the same reviews.
        await mergeBackupText(b, await backupText(a), T0);
        expect(await hashOf(b)).toBe(await hashOf(a));
        for (const db of [a, b]) await db.delete();
      }),
      { numRuns: 12 },
    );
  });

  it('brings the other device’s own cards and decks, with their history', async () => {
    const a = freshDb();
    await upsertDeckFile(a, BUILTIN, T0);
    const b = await usedDevice();
    const own = (await b.cards.where('deckId').equals('own').toArray())[0];
    if (!own) throw new Error('no own card');
    await grade(b, own.id, 3, T0, 'own-review');

    const result = await mergeBackupText(a, await backupText(b), T0 + MINUTE);
    expect(result.added.decks).toBe(1);
    expect(result.added.cards).toBe(1);
    expect(await a.cards.get(own.id)).toMatchObject({ question: own.question });
    expect(await a.reviews.get('own-review')).toBeDefined();
    expect((await a.schedules.get(own.id))?.reps).toBe(1);
    // This device's settings stay.
    expect((await exportAll(a)).settings.newPerDay).toBe(DEFAULT_SETTINGS.newPerDay);
  });

  it('a grade made in another tab while the merge computes is kept, and its card replayed', async () => {
    const { a, b } = await twoDevices([[0, 3, 10]], [[1, 3, 20]]);
    const cardId = CARD_IDS[1] ?? '';
    const shown = await a.schedules.get(cardId);
    const settings = await getSettings(a);
    if (!shown) throw new Error('no schedule');
    let graded = false;
    const result = await mergeBackup(a, await exportAll(b), T0, {
      yieldEvery: 1,
      onProgress: () => {
        if (graded) return;
        graded = true;
        // Started, not awaited, as another tab would: its transaction is queued before the merge's
        // write, so the merge must notice the changed log and start over.
        void gradeCard(a, settings, {
          cardId,
          shown,
          rating: Rating.Easy,
          now: T0 + 30 * MINUTE,
          durationMs: 1000,
          keyPointsRecalled: [],
          pitfallsFlagged: [],
          notes: '',
          reviewId: 'other-tab',
        });
      },
    });
    expect(graded).toBe(true);
    expect(await a.reviews.get('other-tab')).toBeDefined();
    expect(result.added.reviews).toBe(1);
    const merged = (await exportAll(a)).schedules;
    await rebuildSchedules(a, (await exportAll(a)).settings);
    expect((await exportAll(a)).schedules).toEqual(merged);
  });

  it('a full disk during a merge writes none of it', async () => {
    const { a, b } = await twoDevices([[0, 3, 10]], [[1, 3, 20]]);
    const before = await hashOf(a);
    const beforeSchedules = (await exportAll(a)).schedules;
    vi.spyOn(a.schedules, 'bulkPut').mockRejectedValue(
      new DOMException('Quota exceeded', 'QuotaExceededError'),
    );
    await expect(mergeBackupText(a, await backupText(b), T0)).rejects.toBeInstanceOf(StorageFullError);
    vi.restoreAllMocks();
    expect(await hashOf(a)).toBe(before);
    expect((await exportAll(a)).schedules).toEqual(beforeSchedules);
  });
});

describe('importing a deck', () => {
  function csvDeck(deckId: string, cards: number, question = (i: number) => `Question ${i}?`): DeckFile {
    return {
      format: 'keypoints-deck',
      version: 1,
      deck: { id: deckId, title: `Deck ${deckId}`, source: 'csv', description: '' },
      cards: Array.from(
        { length: cards },
        (_, i): Card => ({
          id: `${deckId}/${i + 1}`,
          deckId,
          number: String(i + 1),
          order: i,
          level: 'mid',
          kind: 'judgement',
          question: question(i),
          context: '',
          keyPoints: ['A point'],
          pitfalls: [],
          exampleAnswer: '',
          skills: [],
          questionType: '',
          tags: [],
        }),
      ),
    };
  }

  it('a re-import updates content, keeps history, and the preview counted it right', async () => {
    const db = freshDb();
    await importDeck(db, csvDeck('mine', 3), T0);
    await grade(db, 'mine/1', 3, T0 + MINUTE, 'kept');

    const next = csvDeck('mine', 4, (i) => (i === 0 ? 'Reworded?' : `Question ${i}?`));
    next.cards.splice(2, 1); // mine/3 is gone, mine/4 is new
    const preview = await previewDeckImport(db, next);
    expect(preview).toMatchObject({ added: 1, updated: 1, retired: 1, unchanged: 1, problems: [] });
    const result = await importDeck(db, next, T0 + DAY);
    expect(result).toEqual({ added: 1, updated: 1, retired: 1 });
    expect(await db.reviews.get('kept')).toBeDefined();
    expect((await db.schedules.get('mine/1'))?.reps).toBe(1);
    expect((await db.cards.get('mine/1'))?.question).toBe('Reworded?');
    expect((await db.cards.get('mine/3'))?.retired).toBe(true);
  });

  it('refuses to write over the built-in deck or another kind of deck, and changes nothing', async () => {
    const db = await usedDevice();
    const before = await hashOf(db);
    const overBuiltIn = {
      ...csvDeck('amazon-engineer', 2),
      deck: { ...csvDeck('x', 0).deck, id: 'amazon-engineer' },
    };
    await expect(importDeck(db, overBuiltIn, T0)).rejects.toThrow(/already exists \(the built-in deck/);
    const overOwn = { ...csvDeck('own', 1), deck: { ...csvDeck('x', 0).deck, id: 'own' } };
    await expect(importDeck(db, overOwn, T0)).rejects.toThrow(/cards you write yourself/);
    expect((await previewDeckImport(db, overOwn)).problems).toHaveLength(1);
    expect(await hashOf(db)).toBe(before);

    // The shipped deck file itself is the same kind of source: it may update the built-in deck.
    await expect(importDeck(db, BUILTIN, T0)).resolves.toEqual({ added: 0, updated: 0, retired: 0 });
  });

  it('refuses card ids outside the deck, which could overwrite another deck’s cards', async () => {
    const db = await usedDevice();
    const before = await hashOf(db);
    const file = csvDeck('sneaky', 1);
    file.cards[0] = { ...(file.cards[0] as Card), id: 'amazon-engineer/1.1' };
    await expect(importDeck(db, file, T0)).rejects.toThrow(/must start with "sneaky\/"/);
    expect(await hashOf(db)).toBe(before);
  });

  it('anything that is not a valid deck file changes nothing', async () => {
    const db = await usedDevice();
    const before = await hashOf(db);
    const nasty = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.string(),
      fc.constant(null),
      fc.constant(undefined),
    );
    const paths = [
      'deck',
      'deck.id',
      'deck.source',
      'cards',
      'cards.0',
      'cards.0.id',
      'cards.0.level',
      'cards.0.keyPoints',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), nasty, async (path, value) => {
        const file = structuredClone(csvDeck('fuzz', 2)) as unknown as Record<string, unknown>;
        const keys = path.split('.');
        let target = file as Record<string, unknown>;
        for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
        target[keys.at(-1) as string] = value;
        const outcome = await importDeck(db, file as unknown as DeckFile, T0).then(
          () => 'written',
          (e: unknown) => e,
        );
        if (outcome === 'written') {
          // It happened to be valid (e.g. a different text): undo by restoring for the next run.
          const ids = await db.cards.where('deckId').equals('fuzz').primaryKeys();
          await db.decks.delete('fuzz');
          await db.cards.bulkDelete(ids);
          await db.schedules.bulkDelete(ids);
        } else {
          expect(outcome).toBeInstanceOf(ValidationError);
        }
        expect(await hashOf(db)).toBe(before);
      }),
      { numRuns: 60 },
    );
  });
});
