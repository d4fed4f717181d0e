// Grading, undoing and replaying: the only writers of the review log and of schedules' FSRS state.
import Dexie from 'dexie';
import {
  type Grade,
  type Review,
  type ReviewSource,
  type Schedule,
  type SchedulingSettings,
  type Settings,
  State,
} from '../../domain';
import { createScheduler, type Scheduler } from '../../domain/scheduler';
import type { KeypointsDb, ScheduleRow } from '../db';
import { NewCardLimitError, StaleCardError, UndoConflictError } from '../errors';
import { newId } from '../ids';
import type { ReviewLogSnapshot } from '../review-log-snapshot';
import { writeOverUnchangedReviews, writeTransaction } from '../write';
import { type CardForReview, cardReviews, todayReviews } from './queries';
import { getSettings } from './settings';

export interface GradeInput {
  cardId: string;
  /** The schedule as it was when the card was shown: a grade only applies on top of exactly it. */
  shown: Pick<Schedule, 'reps' | 'lastReview'>;
  rating: Grade;
  now: number;
  durationMs: number;
  /** The answer-time target in force, ms, kept with the review; absent when there was none. */
  targetMs?: number;
  /** Where the grade was made; left out of the record when on screen, as older reviews read. */
  source?: ReviewSource;
  keyPointsRecalled: number[];
  pitfallsFlagged: number[];
  notes: string;
  /** Injected for tests; a random id (see newId) otherwise. */
  reviewId?: string;
  /**
   * The day's new-card allowance, checked inside the grade's transaction when the card is new:
   * IndexedDB runs read-write transactions one at a time across tabs, so two tabs cannot both
   * take the last new card of the day.
   */
  newCardLimit?: { perDay: number; dayStartHour: number };
  /**
   * A card to read once the grade is written, in the same transaction: the card a session shows
   * next, there without a transaction of its own (and as fresh as one started after this grade).
   */
  readNext?: string;
}

export interface GradeResult {
  review: Review;
  before: ScheduleRow;
  after: ScheduleRow;
  /** `readNext`'s card and schedule as they are after the grade, when it was asked for. */
  next?: CardForReview;
}

const schedulers = new WeakMap<SchedulingSettings, Scheduler>();

/** One scheduler per settings object: building one validates and derives parameters each time. */
export function schedulerFor(settings: SchedulingSettings): Scheduler {
  let scheduler = schedulers.get(settings);
  if (!scheduler) {
    scheduler = createScheduler(settings);
    schedulers.set(settings, scheduler);
  }
  return scheduler;
}

function sameState(
  a: Pick<Schedule, 'reps' | 'lastReview'>,
  b: Pick<Schedule, 'reps' | 'lastReview'>,
): boolean {
  return a.reps === b.reps && a.lastReview === b.lastReview;
}

/**
 * One grade = one transaction: re-read the schedule, check nobody graded the card since it was
 * shown, append the review, write the new schedule. Durable (strict) when the promise resolves.
 */
export async function gradeCard(
  db: KeypointsDb,
  settings: SchedulingSettings,
  input: GradeInput,
): Promise<GradeResult> {
  const scheduler = schedulerFor(settings);
  const { readNext } = input;
  const tables = readNext === undefined ? [db.schedules, db.reviews] : [db.schedules, db.reviews, db.cards];
  return writeTransaction(db, tables, async () => {
    const before = await db.schedules.get(input.cardId);
    if (!before || !sameState(before, input.shown)) throw new StaleCardError(input.cardId);
    const limit = input.newCardLimit;
    if (limit && before.state === State.New) {
      const { introduced } = await todayReviews(db, input.now, limit.dayStartHour);
      if (introduced >= limit.perDay) throw new NewCardLimitError(input.cardId);
    }
    const { schedule, log } = scheduler.grade(before, input.rating, input.now);
    const review: Review = {
      id: input.reviewId ?? newId(),
      cardId: input.cardId,
      rating: input.rating,
      reviewedAt: input.now,
      durationMs: Math.max(0, Math.round(input.durationMs)),
      ...(input.targetMs !== undefined && { targetMs: input.targetMs }),
      ...(input.source !== undefined && input.source !== 'screen' && { source: input.source }),
      keyPointsRecalled: [...input.keyPointsRecalled].sort((a, b) => a - b),
      pitfallsFlagged: [...input.pitfallsFlagged].sort((a, b) => a - b),
      notes: input.notes,
      log,
    };
    const after: ScheduleRow = { ...before, ...schedule, cardId: before.cardId };
    // Requested together: the database runs them in this order without waiting on this thread.
    const [, , card, nextSchedule] = await Promise.all([
      db.reviews.add(review),
      db.schedules.put(after),
      readNext === undefined ? undefined : db.cards.get(readNext),
      readNext === undefined ? undefined : db.schedules.get(readNext),
    ]);
    if (readNext === undefined) return { review, before, after };
    return { review, before, after, next: { card, schedule: nextSchedule } };
  });
}

/**
 * Reverses one grade in one transaction: removes the review and rebuilds the card's schedule
 * from the reviews that remain. Refuses when the review is no longer the card's latest.
 */
export async function undoReview(
  db: KeypointsDb,
  settings: SchedulingSettings,
  reviewId: string,
): Promise<ScheduleRow> {
  const scheduler = schedulerFor(settings);
  return writeTransaction(db, [db.schedules, db.reviews], async () => {
    const review = await db.reviews.get(reviewId);
    if (!review) throw new UndoConflictError();
    const reviews = await cardReviews(db, review.cardId);
    const last = reviews[reviews.length - 1];
    if (!last || last.id !== reviewId) throw new UndoConflictError();
    const current = await db.schedules.get(review.cardId);
    if (!current) throw new UndoConflictError();
    const remaining = reviews.slice(0, -1);
    // Undoing a card's first grade: its log keeps the due the new card had (when it was added).
    const replayed = remaining.length
      ? scheduler.replay(review.cardId, remaining)
      : scheduler.newSchedule(review.cardId, review.log.due);
    const restored: ScheduleRow = { ...current, ...replayed, cardId: current.cardId };
    await db.reviews.delete(reviewId);
    await db.schedules.put(restored);
    return restored;
  });
}

export interface RebuildProgress {
  cardsDone: number;
  cardsTotal: number;
}

/** Whether `row` already holds exactly the FSRS state `fsrs`: such a row is not written again. */
function holds(row: ScheduleRow, fsrs: Schedule): boolean {
  for (const key of Object.keys(fsrs) as (keyof Schedule)[]) if (row[key] !== fsrs[key]) return false;
  return true;
}

/** Cards replayed in one task at most when the caller names no other number. */
const REBUILD_SLICE = 250;
/** Reviews replayed in one task at most (a card with more is replayed alone): tens of ms at 4× CPU. */
const REBUILD_SLICE_REVIEWS = 800;

/**
 * Rebuilds every schedule by replaying the review log (after a merge, or new parameters).
 * Reads the log (review-log.ts), then replays and writes in one transaction that first checks the
 * log did not change meanwhile (else starts over; see writeOverUnchangedReviews). Only rows whose
 * FSRS state differs from the replay are written: a rebuild that changes nothing writes nothing.
 */
export async function rebuildSchedules(
  db: KeypointsDb,
  settings: SchedulingSettings,
  options: {
    onProgress?: (p: RebuildProgress) => void;
    /** At most this many cards are replayed in one task (the page paints between). */
    yieldEvery?: number;
    /**
     * Stored over the settings in the same transaction as the schedules (new FSRS parameters), so
     * the schedules always come from the parameters the settings hold.
     */
    settingsPatch?: Partial<Settings>;
    /**
     * The log as the optimizer's worker read it: replayed instead of reading the log again, if the
     * review ids are still the same when the write begins (else the log is read as usual).
     */
    snapshot?: ReviewLogSnapshot | null;
  } = {},
): Promise<{ cards: number; reviews: number }> {
  // Loaded here, not on the way to the first card.
  const [{ fuzzOncePerReview }, { readReviewLog, reviewLogFromSnapshot, snapshotHolds }] = await Promise.all([
    import('../../domain/fuzz-once'),
    import('../review-log'),
  ]);
  const { snapshot } = options;
  const scheduler = createScheduler(settings, fuzzOncePerReview);
  const per = Math.max(1, options.yieldEvery ?? REBUILD_SLICE);
  const { settingsPatch, onProgress } = options;
  const result = await writeOverUnchangedReviews(db, {
    tables: settingsPatch ? [db.schedules, db.settings] : [db.schedules],
    activity: 'schedules were rebuilt',
    prepare: () => readReviewLog(db),
    reuse: snapshot
      ? { plan: () => reviewLogFromSnapshot(snapshot), holds: () => snapshotHolds(db, snapshot) }
      : undefined,
    write: async ({ byCard, count }) => {
      // The schedules are read here, slice by slice: card fields (suspended, level…) may have
      // changed since, so they are taken fresh and only the FSRS state comes from the replay. Every
      // slice is requested at once; each one is replayed, in a task of its own, as it arrives, and
      // its changed rows handed over at once: the database writes them while the next is replayed.
      const ids = (await db.schedules.toCollection().primaryKeys()) as string[];
      const bounds: unknown[] = [Dexie.minKey];
      let inSlice = 0;
      let reviewsInSlice = 0;
      for (const cardId of ids) {
        const reviews = byCard.get(cardId)?.length ?? 0;
        if (inSlice > 0 && (inSlice === per || reviewsInSlice + reviews > REBUILD_SLICE_REVIEWS)) {
          bounds.push(cardId);
          inSlice = 0;
          reviewsInSlice = 0;
        }
        inSlice++;
        reviewsInSlice += reviews;
      }
      bounds.push(Dexie.maxKey);
      let cards = 0;
      await Promise.all(
        bounds.slice(1).map((upper, i) =>
          db.schedules
            .where(':id')
            .between(bounds[i], upper, true, false)
            .toArray()
            .then((rows) => {
              const changed: ScheduleRow[] = [];
              for (const row of rows) {
                const reviews = byCard.get(row.cardId);
                const fsrs = reviews
                  ? scheduler.replay(row.cardId, reviews)
                  : scheduler.newSchedule(
                      row.cardId,
                      row.state === State.New ? row.due : (row.lastReview ?? row.due),
                    );
                if (!holds(row, fsrs)) changed.push({ ...row, ...fsrs, cardId: row.cardId });
              }
              cards += rows.length;
              onProgress?.({ cardsDone: cards, cardsTotal: ids.length });
              return changed.length > 0 ? db.schedules.bulkPut(changed) : undefined;
            }),
        ),
      );
      // The rest of the settings as they are now: another tab may have changed them meanwhile.
      if (settingsPatch)
        await db.settings.put({ ...(await getSettings(db)), ...settingsPatch, key: 'settings' });
      return { cards, reviews: count };
    },
  });
  onProgress?.({ cardsDone: result.cards, cardsTotal: result.cards });
  return result;
}
