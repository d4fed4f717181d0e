// Storage of reviews: grading in one transaction, stale tabs, undo, replay, a full disk, and the counts Home shows.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Grade, Rating, type Review, type Settings, State } from '../../src/domain';
import { createScheduler } from '../../src/domain/scheduler';
import type { KeypointsDb, ScheduleRow } from '../../src/storage/db';
import { StaleCardError, StorageFullError, UndoConflictError } from '../../src/storage/errors';
import { upsertDeckFile } from '../../src/storage/repositories/decks';
import { cardReviews, homeStats, sessionQueue } from '../../src/storage/repositories/queries';
import {
  type GradeResult,
  gradeCard,
  rebuildSchedules,
  undoReview,
} from '../../src/storage/repositories/reviews';
import { DAY, MINUTE, MONDAY_MORNING } from '../support/clock';
import { freshDb } from '../support/db';
import { builtInDeck } from '../support/deck';

const T0 = MONDAY_MORNING;
const C11 = 'amazon-engineer/1.1';
const C12 = 'amazon-engineer/1.2';
const C13 = 'amazon-engineer/1.3';
const C21 = 'amazon-engineer/2.1';

const realDeck = builtInDeck;

const opened: KeypointsDb[] = [];
async function seededDb(seededAt = T0): Promise<KeypointsDb> {
  const db = freshDb();
  opened.push(db);
  await upsertDeckFile(db, realDeck(), seededAt);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function schedule(db: KeypointsDb, cardId: string): Promise<ScheduleRow> {
  const row = await db.schedules.get(cardId);
  if (!row) throw new Error(`no schedule for ${cardId}`);
  return row;
}

/** Grades a card as the review screen does: on top of the schedule as it is now. */
async function grade(
  db: KeypointsDb,
  cardId: string,
  rating: Grade,
  now: number,
  settings: Settings = DEFAULT_SETTINGS,
): Promise<GradeResult> {
  return gradeCard(db, settings, {
    cardId,
    shown: await schedule(db, cardId),
    rating,
    now,
    durationMs: 12_345,
    keyPointsRecalled: [2, 0],
    pitfallsFlagged: [1],
    notes: 'STAR, metrics, rollback',
  });
}

describe('gradeCard', () => {
  it('appends one review and writes the new schedule', async () => {
    const db = await seededDb();
    const before = await schedule(db, C11);

    const { review, after } = await grade(db, C11, 3, T0 + MINUTE);

    expect(await db.reviews.toArray()).toEqual([review]);
    expect(review).toMatchObject({
      cardId: C11,
      rating: Rating.Good,
      reviewedAt: T0 + MINUTE,
      durationMs: 12_345,
      keyPointsRecalled: [0, 2],
      pitfallsFlagged: [1],
      notes: 'STAR, metrics, rollback',
    });
    expect(review.log.state).toBe(State.New);
    const expected = createScheduler(DEFAULT_SETTINGS).grade(before, Rating.Good, T0 + MINUTE).schedule;
    expect(await schedule(db, C11)).toEqual({ ...before, ...expected });
    expect(after).toEqual({ ...before, ...expected });
    expect(after).toMatchObject({
      state: State.Learning,
      reps: 1,
      lastReview: T0 + MINUTE,
      due: T0 + 11 * MINUTE,
    });
  });

  it('writes in a single read-write IndexedDB transaction with strict durability', async () => {
    const db = await seededDb();
    const shown = await schedule(db, C11);
    // Dexie's lowest layer, just above IndexedDB's own db.transaction().
    const transaction = vi.spyOn(db.core, 'transaction');

    await gradeCard(db, DEFAULT_SETTINGS, {
      cardId: C11,
      shown,
      rating: Rating.Good,
      now: T0 + MINUTE,
      durationMs: 0,
      keyPointsRecalled: [],
      pitfallsFlagged: [],
      notes: '',
    });

    expect(transaction).toHaveBeenCalledTimes(1);
    const [stores, mode, options] = transaction.mock.calls[0] ?? [];
    expect([...(stores as Iterable<string>)].sort()).toEqual(['reviews', 'schedules']);
    expect(mode).toBe('readwrite');
    expect(options).toEqual({ durability: 'strict' });
  });

  it('refuses a second grade made on the same shown card (another tab graded it) and writes nothing', async () => {
    const db = await seededDb();
    const shown = await schedule(db, C11);
    const input = {
      cardId: C11,
      shown,
      now: T0 + MINUTE,
      durationMs: 1000,
      keyPointsRecalled: [],
      pitfallsFlagged: [],
      notes: '',
    };
    await gradeCard(db, DEFAULT_SETTINGS, { ...input, rating: Rating.Good });
    const afterFirst = await schedule(db, C11);

    await expect(
      gradeCard(db, DEFAULT_SETTINGS, { ...input, rating: Rating.Again, now: T0 + 2 * MINUTE }),
    ).rejects.toThrow(StaleCardError);
    expect(await db.reviews.count()).toBe(1);
    expect(await schedule(db, C11)).toEqual(afterFirst);
  });

  it('refuses a grade made on a card whose grade was undone meanwhile', async () => {
    const db = await seededDb();
    const first = await grade(db, C11, 3, T0 + MINUTE);
    const shownAfterFirst = await schedule(db, C11);
    await undoReview(db, DEFAULT_SETTINGS, first.review.id);
    await grade(db, C11, 4, T0 + 2 * MINUTE);

    // The other tab still shows the card as it was after the first grade (reps 1, its lastReview).
    await expect(
      gradeCard(db, DEFAULT_SETTINGS, {
        cardId: C11,
        shown: shownAfterFirst,
        rating: Rating.Good,
        now: T0 + 3 * MINUTE,
        durationMs: 0,
        keyPointsRecalled: [],
        pitfallsFlagged: [],
        notes: '',
      }),
    ).rejects.toThrow(StaleCardError);
    expect(await db.reviews.count()).toBe(1);
  });
});

describe('a full disk during a grade', () => {
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it('is reported as StorageFullError when the review cannot be added, and nothing is written', async () => {
    const db = await seededDb();
    const before = await schedule(db, C11);
    db.reviews.hook('creating', () => {
      throw quota();
    });

    await expect(grade(db, C11, 3, T0 + MINUTE)).rejects.toThrow(StorageFullError);
    expect(await db.reviews.count()).toBe(0);
    expect(await schedule(db, C11)).toEqual(before);
  });

  it('rolls back the review already added when the schedule cannot be written', async () => {
    const db = await seededDb();
    const before = await schedule(db, C11);
    vi.spyOn(db.schedules, 'put').mockRejectedValue(quota());

    const error = await grade(db, C11, 3, T0 + MINUTE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as StorageFullError).message).toMatch(/out of storage space.*nothing was changed/);
    vi.restoreAllMocks();
    expect(await db.reviews.count()).toBe(0);
    expect(await schedule(db, C11)).toEqual(before);
  });
});

describe('undoReview', () => {
  it('restores a new card’s schedule exactly as it was before its first grade and removes the review', async () => {
    const db = await seededDb();
    const before = await schedule(db, C11);
    const { review } = await grade(db, C11, 3, T0 + 5 * MINUTE);

    const restored = await undoReview(db, DEFAULT_SETTINGS, review.id);

    expect(restored).toEqual(before);
    expect(await schedule(db, C11)).toEqual(before);
    expect(await db.reviews.count()).toBe(0);
  });

  it('restores the schedule as it was before a later grade, keeping the earlier reviews', async () => {
    const db = await seededDb();
    await grade(db, C11, 3, T0 + MINUTE);
    await grade(db, C11, 3, T0 + 12 * MINUTE);
    const before = await schedule(db, C11);
    const { review } = await grade(db, C11, 1, T0 + 3 * DAY);

    const restored = await undoReview(db, DEFAULT_SETTINGS, review.id);

    expect(restored).toEqual(before);
    expect(await schedule(db, C11)).toEqual(before);
    expect((await cardReviews(db, C11)).map((r) => r.reviewedAt)).toEqual([T0 + MINUTE, T0 + 12 * MINUTE]);
  });

  it('walks back through every card of a session, last grade first', async () => {
    const db = await seededDb();
    const initial = await db.schedules.toArray();
    const ids: string[] = [];
    let t = T0;
    for (const [cardId, rating] of [
      [C11, 3],
      [C12, 1],
      [C13, 4],
      [C11, 3],
    ] as const) {
      t += 2 * MINUTE;
      ids.push((await grade(db, cardId, rating, t)).review.id);
    }
    for (const id of ids.reverse()) await undoReview(db, DEFAULT_SETTINGS, id);

    expect(await db.reviews.count()).toBe(0);
    expect(await db.schedules.toArray()).toEqual(initial);
  });

  it('refuses to undo a review that is no longer the card’s latest, and changes nothing', async () => {
    const db = await seededDb();
    const first = await grade(db, C11, 3, T0 + MINUTE);
    await grade(db, C11, 3, T0 + 12 * MINUTE);
    const current = await schedule(db, C11);

    await expect(undoReview(db, DEFAULT_SETTINGS, first.review.id)).rejects.toThrow(UndoConflictError);
    expect(await db.reviews.count()).toBe(2);
    expect(await schedule(db, C11)).toEqual(current);
  });

  it('refuses to undo a review that is already gone (undone in another tab)', async () => {
    const db = await seededDb();
    const { review } = await grade(db, C11, 3, T0 + MINUTE);
    await undoReview(db, DEFAULT_SETTINGS, review.id);
    await expect(undoReview(db, DEFAULT_SETTINGS, review.id)).rejects.toThrow(UndoConflictError);
  });
});

describe('rebuildSchedules', () => {
  it('replays the review log into exactly the schedules reached grade by grade', async () => {
    const db = await seededDb();
    // A few weeks of use across several cards: learning, graduating, lapsing, easy answers.
    const plan: Array<[string, Grade, number]> = [
      [C11, 3, T0 + MINUTE],
      [C12, 1, T0 + 2 * MINUTE],
      [C13, 4, T0 + 3 * MINUTE],
      [C12, 3, T0 + 4 * MINUTE],
      [C11, 3, T0 + 12 * MINUTE],
      [C12, 3, T0 + 15 * MINUTE],
      [C21, 2, T0 + 20 * MINUTE],
      [C11, 3, T0 + 2 * DAY],
      [C13, 1, T0 + 5 * DAY],
      [C13, 3, T0 + 5 * DAY + 11 * MINUTE],
      [C11, 4, T0 + 9 * DAY],
      [C12, 2, T0 + 9 * DAY + 1],
      [C11, 1, T0 + 30 * DAY],
    ];
    for (const [cardId, rating, now] of plan) await grade(db, cardId, rating, now);
    const stepByStep = await db.schedules.toArray();
    // Scramble the cache of every reviewed card so that only the log can bring it back.
    await db.schedules
      .where('cardId')
      .anyOf([C11, C12, C13, C21])
      .modify({ stability: 0, difficulty: 0, reps: 99, state: State.New, due: 0, lastReview: null });

    const result = await rebuildSchedules(db, DEFAULT_SETTINGS, { yieldEvery: 4 });

    expect(result).toEqual({ cards: 15, reviews: plan.length });
    expect(await db.schedules.toArray()).toEqual(stepByStep);
  });

  it('repairs a row that is off in a single field, among rows that already hold their replay', async () => {
    const db = await seededDb();
    await grade(db, C11, 3, T0 + MINUTE);
    await grade(db, C11, 3, T0 + 2 * DAY);
    await grade(db, C12, 1, T0 + 2 * MINUTE);
    const stepByStep = await db.schedules.toArray();
    // A reviewed card whose due is a millisecond off, a lapse miscounted, and a card never
    // reviewed whose row says it was: each differs from its replay in one field only.
    await db.schedules.update(C11, { due: (await schedule(db, C11)).due + 1 });
    await db.schedules.update(C12, { lapses: 7 });
    await db.schedules.update(C21, { reps: 1 });

    await rebuildSchedules(db, DEFAULT_SETTINGS);

    expect(await db.schedules.toArray()).toEqual(stepByStep);
  });

  it('replays reviews made at the same instant in the order of their ids, whatever the slices', async () => {
    const db = await seededDb();
    const at = T0 + MINUTE;
    const review = (id: string, cardId: string, rating: Grade, reviewedAt: number): Review => ({
      id,
      cardId,
      rating,
      reviewedAt,
      durationMs: 0,
      keyPointsRecalled: [],
      pitfallsFlagged: [],
      notes: '',
      log: {} as Review['log'],
    });
    // Three grades of one card in the same millisecond (two devices merged), added out of id
    // order; a card of its own, reviewed later; and reviews of a card this device no longer has.
    await db.reviews.bulkAdd([
      review('b', C11, Rating.Easy, at),
      review('c', C11, Rating.Good, at),
      review('a', C11, Rating.Again, at),
      review('d', C11, Rating.Good, at + DAY),
      review('e', C13, Rating.Hard, at + 2 * DAY),
      review('f', 'gone/1.1', Rating.Good, at),
    ]);
    const scheduler = createScheduler(DEFAULT_SETTINGS);
    const inIdOrder = scheduler.replay(C11, [
      { rating: Rating.Again, reviewedAt: at },
      { rating: Rating.Easy, reviewedAt: at },
      { rating: Rating.Good, reviewedAt: at },
      { rating: Rating.Good, reviewedAt: at + DAY },
    ]);
    const inAddedOrder = scheduler.replay(C11, [
      { rating: Rating.Easy, reviewedAt: at },
      { rating: Rating.Good, reviewedAt: at },
      { rating: Rating.Again, reviewedAt: at },
      { rating: Rating.Good, reviewedAt: at + DAY },
    ]);
    expect(inIdOrder).not.toEqual(inAddedOrder);
    const c13 = scheduler.replay(C13, [{ rating: Rating.Hard, reviewedAt: at + 2 * DAY }]);

    for (const yieldEvery of [1, 2, 100]) {
      const result = await rebuildSchedules(db, DEFAULT_SETTINGS, { yieldEvery });
      expect(result).toEqual({ cards: 15, reviews: 6 });
      expect(await schedule(db, C11)).toMatchObject(inIdOrder);
      expect(await schedule(db, C13)).toMatchObject(c13);
      expect(await db.schedules.get('gone/1.1')).toBeUndefined();
    }
  });

  it('leaves the schedules unchanged when nothing needs replaying', async () => {
    const db = await seededDb();
    await grade(db, C11, 3, T0 + MINUTE);
    const stepByStep = await db.schedules.toArray();
    await rebuildSchedules(db, DEFAULT_SETTINGS);
    expect(await db.schedules.toArray()).toEqual(stepByStep);
  });
});

describe('sessionQueue and homeStats', () => {
  it('offer a new user the first ten new cards, junior first', async () => {
    const db = await seededDb();
    const { queue, nextLearning } = await sessionQueue(db, DEFAULT_SETTINGS, T0);
    expect(queue).toEqual([
      'amazon-engineer/1.1',
      'amazon-engineer/1.2',
      'amazon-engineer/1.3',
      'amazon-engineer/2.1',
      'amazon-engineer/2.2',
      'amazon-engineer/2.3',
      'amazon-engineer/3.1',
      'amazon-engineer/3.2',
      'amazon-engineer/3.3',
      'amazon-engineer/4.1',
    ]);
    expect(nextLearning).toBeNull();
    expect(await homeStats(db, DEFAULT_SETTINGS, T0)).toEqual({
      dueNow: 0,
      newLeft: 10,
      learningLater: 0,
      reviewedToday: 0,
      streak: 0,
      nextDue: null,
      totalCards: 15,
      interviews: 0,
    });
  });

  it('count cards introduced today against the new-card limit and show when they come back', async () => {
    const db = await seededDb();
    await grade(db, C11, 3, T0 + MINUTE);
    await grade(db, C12, 3, T0 + 2 * MINUTE);
    await grade(db, C13, 3, T0 + 3 * MINUTE);

    const now = T0 + 4 * MINUTE;
    expect(await homeStats(db, DEFAULT_SETTINGS, now)).toMatchObject({
      dueNow: 0,
      newLeft: 7,
      learningLater: 3,
      reviewedToday: 3,
      streak: 1,
      nextDue: T0 + 11 * MINUTE,
    });
    const { queue, nextLearning } = await sessionQueue(db, DEFAULT_SETTINGS, now);
    expect(queue).toHaveLength(7);
    expect(queue).not.toContain(C11);
    expect(nextLearning).toBe(T0 + 11 * MINUTE);

    // Ten minutes later the learning cards are due again, before the new ones.
    const later = T0 + 14 * MINUTE;
    expect(await homeStats(db, DEFAULT_SETTINGS, later)).toMatchObject({ dueNow: 3, newLeft: 7 });
    expect((await sessionQueue(db, DEFAULT_SETTINGS, later)).queue.slice(0, 4)).toEqual([C11, C12, C13, C21]);
  });

  it('count a learning card within the learn-ahead limit as due now when nothing else is left, as the session shows it', async () => {
    const db = await seededDb();
    const settings = { ...DEFAULT_SETTINGS, newPerDay: 1 };
    await grade(db, C11, 3, T0); // Good: back in 10 minutes
    await grade(db, C12, 4, T0); // Easy: days away
    const now = T0 + MINUTE;
    const c12Due = (await schedule(db, C12)).due;

    expect((await sessionQueue(db, settings, now)).queue).toEqual([C11]);
    expect(await homeStats(db, settings, now)).toMatchObject({
      dueNow: 1,
      newLeft: 0,
      learningLater: 0,
      // The next card due after the one shown now.
      nextDue: c12Due,
    });

    // Beyond the limit, it comes back later, as the session waits for it.
    const shortLimit = { ...settings, learnAheadMinutes: 5 };
    expect((await sessionQueue(db, shortLimit, now)).queue).toEqual([]);
    expect(await homeStats(db, shortLimit, now)).toMatchObject({
      dueNow: 0,
      learningLater: 1,
      nextDue: T0 + 10 * MINUTE,
    });
  });

  it('respect a lower new-card limit, and a new study day resets what is left', async () => {
    const db = await seededDb();
    const settings = { ...DEFAULT_SETTINGS, newPerDay: 2 };
    expect((await homeStats(db, settings, T0)).newLeft).toBe(2);
    await grade(db, C11, 4, T0 + MINUTE, settings);
    await grade(db, C12, 4, T0 + 2 * MINUTE, settings);

    expect(await homeStats(db, settings, T0 + 3 * MINUTE)).toMatchObject({ newLeft: 0, reviewedToday: 2 });
    expect((await sessionQueue(db, settings, T0 + 3 * MINUTE)).queue).toEqual([]);

    // The next study day starts at 04:00: the limit applies afresh and yesterday's grades keep the streak.
    const tomorrow = new Date(2025, 0, 7, 5, 0).getTime();
    expect(await homeStats(db, settings, tomorrow)).toMatchObject({
      newLeft: 2,
      reviewedToday: 0,
      streak: 1,
    });
    expect((await sessionQueue(db, settings, tomorrow)).queue).toEqual([C13, C21]);
  });

  it('do not start a new study day before the day-start hour', async () => {
    const db = await seededDb();
    await grade(db, C11, 4, T0 + MINUTE);
    const earlyNextMorning = new Date(2025, 0, 7, 3, 30).getTime();
    expect(await homeStats(db, DEFAULT_SETTINGS, earlyNextMorning)).toMatchObject({
      reviewedToday: 1,
      newLeft: 9,
    });
  });

  it('cap due reviews at the daily review limit, counting reviews done today, most overdue first', async () => {
    const db = await seededDb();
    // Easy on a new card makes it a review card at once, due in days.
    await grade(db, C11, 4, T0);
    await grade(db, C12, 4, T0 + MINUTE);
    await grade(db, C13, 4, T0 + 2 * MINUTE);
    const settings = { ...DEFAULT_SETTINGS, maxReviewsPerDay: 2, newPerDay: 0 };
    const later = T0 + 90 * DAY;

    // Fuzz spreads the three intervals: the two due first come first.
    const byDue = (await db.schedules.bulkGet([C11, C12, C13]))
      .map((s) => ({ id: s?.cardId ?? '', due: s?.due ?? 0 }))
      .sort((a, b) => a.due - b.due)
      .map((s) => s.id);

    expect(await homeStats(db, settings, later)).toMatchObject({ dueNow: 2, newLeft: 0 });
    expect((await sessionQueue(db, settings, later)).queue).toEqual(byDue.slice(0, 2));

    await grade(db, byDue[0] ?? '', 3, later, settings);
    expect(await homeStats(db, settings, later + MINUTE)).toMatchObject({ dueNow: 1, reviewedToday: 1 });
    expect((await sessionQueue(db, settings, later + MINUTE)).queue).toEqual([byDue[1]]);
  });

  it('narrow by level and by kind', async () => {
    const db = await seededDb();
    const all = { ...DEFAULT_SETTINGS, newPerDay: 100 };
    const senior = await sessionQueue(db, all, T0, { levels: ['senior'] });
    expect(senior.queue).toEqual(['amazon-engineer/3.1', 'amazon-engineer/3.2', 'amazon-engineer/3.3']);

    const design = await homeStats(db, all, T0, { kinds: ['system-design'] });
    expect(design).toMatchObject({ newLeft: 4, totalCards: 4 });
    expect((await sessionQueue(db, all, T0, { kinds: ['system-design'] })).queue).toEqual([
      'amazon-engineer/2.1',
      'amazon-engineer/3.1',
      'amazon-engineer/4.1',
      'amazon-engineer/5.2',
    ]);

    const both = await sessionQueue(db, all, T0, { levels: ['mid', 'lead'], kinds: ['behavioral'] });
    expect(both.queue).toEqual(['amazon-engineer/2.2', 'amazon-engineer/4.2']);
  });

  it('keep the daily new-card limit across filters: cards introduced under one filter count for all', async () => {
    const db = await seededDb();
    const settings = { ...DEFAULT_SETTINGS, newPerDay: 3 };
    await grade(db, C11, 3, T0);
    await grade(db, C12, 3, T0 + MINUTE);
    expect((await homeStats(db, settings, T0 + 2 * MINUTE, { levels: ['principal'] })).newLeft).toBe(1);
  });
});
