// The one way storage writes: a Dexie `rw` transaction whose failures reach screens as typed errors.
import type { Table } from 'dexie';
import type { KeypointsDb } from './db';
import { ReviewLogBusyError, toStorageError } from './errors';

/** The tables a write locks: every table it reads or writes inside the transaction. */
export type WriteTables = Table | readonly Table[];

/**
 * Runs `write` in one `rw` transaction over `tables`: all of it is stored, or (on any error)
 * none of it. A full disk, a closed database or a refused write is rethrown as the matching
 * error of `./errors`; the project's own errors thrown by `write` pass through unchanged. Called
 * inside another write transaction over the same tables, it joins that one.
 */
export async function writeTransaction<T>(
  db: KeypointsDb,
  tables: WriteTables,
  write: () => Promise<T> | T,
): Promise<T> {
  try {
    return await db.transaction('rw', Array.isArray(tables) ? tables : [tables as Table], write);
  } catch (error) {
    throw toStorageError(error);
  }
}

/** What tells, cheaply, whether the review log changed: its size and its newest review. */
export interface ReviewLogMark {
  count: number;
  newestId: string | null;
}

export async function reviewLogMark(db: KeypointsDb): Promise<ReviewLogMark> {
  const [count, newest] = await Promise.all([db.reviews.count(), db.reviews.orderBy('reviewedAt').last()]);
  return { count, newestId: newest?.id ?? null };
}

/** Attempts before a write over a review log that keeps changing gives up. */
export const REVIEW_LOG_ATTEMPTS = 3;

export interface WriteOverReviews<Plan, T> {
  /** Tables `write` locks (the reviews table is added). */
  tables: readonly Table[];
  /** Reads and computes what to write, outside any transaction, so it may yield to the UI as it goes. */
  prepare: () => Promise<Plan>;
  /** Writes the plan, inside the write transaction, once the log is known to be unchanged. */
  write: (plan: Plan) => Promise<T>;
  /** What was under way, for the error: "Reviews kept changing while <activity>." */
  activity: string;
  attempts?: number;
  /**
   * A plan computed earlier from a log read elsewhere (Apply after Optimize): tried first, written
   * only if `holds` (run inside the write transaction) says the log is still the one it came from;
   * otherwise the log is read as usual.
   */
  reuse?: { plan: () => Plan; holds: () => Promise<boolean> };
}

/**
 * For writes computed from the review log over many tasks (a replay of every card, a merge): the
 * log is marked before `prepare` reads it, and the write transaction first checks the mark still
 * holds. If another tab graded or undid meanwhile, the plan is stale: read and compute again.
 * After `attempts` tries it gives up with a ReviewLogBusyError, having written nothing.
 */
export async function writeOverUnchangedReviews<Plan, T>(
  db: KeypointsDb,
  { tables, prepare, write, activity, attempts = REVIEW_LOG_ATTEMPTS, reuse }: WriteOverReviews<Plan, T>,
): Promise<T> {
  const locked = tables.includes(db.reviews) ? tables : [...tables, db.reviews];
  if (reuse) {
    const plan = reuse.plan();
    const outcome = await writeTransaction(db, locked, async () =>
      (await reuse.holds()) ? { value: await write(plan) } : null,
    );
    if (outcome) return outcome.value;
  }
  for (let attempt = 0; attempt < attempts; attempt++) {
    const mark = await reviewLogMark(db);
    const plan = await prepare();
    const outcome = await writeTransaction(db, locked, async () => {
      const now = await reviewLogMark(db);
      if (now.count !== mark.count || now.newestId !== mark.newestId) return null;
      return { value: await write(plan) };
    });
    if (outcome) return outcome.value;
  }
  throw new ReviewLogBusyError(activity);
}
