// The review log as the optimizer reads it, with the bare IndexedDB API in the optimizer's worker:
// 100,000 reviews are read and decoded there, never on the page, and the worker stays without Dexie.
import type { Review } from '../domain/card';
import type { LogEntry } from '../domain/optimizer';
import { type ReviewLogSnapshot, SnapshotBuilder } from './review-log-snapshot';
import { openExisting, result, reviewRanges } from './stats-source';

/** Every review's card, grade, time and duration, in one read transaction; none when there is no database. */
export async function readOptimizerLog(dbName: string, factory: IDBFactory = indexedDB): Promise<LogEntry[]> {
  return (await readOptimizerInput(dbName, factory)).log;
}

/**
 * The optimizer's log and, read in the same transaction, the log packed for a replay of every card
 * (review-log-snapshot.ts): Apply rebuilds the schedules from it if the log has not changed since.
 */
export async function readOptimizerInput(
  dbName: string,
  factory: IDBFactory = indexedDB,
): Promise<{ log: LogEntry[]; snapshot: ReviewLogSnapshot | null }> {
  const db = await openExisting(factory, dbName);
  if (!db) return { log: [], snapshot: null };
  // Another tab upgrading the database must not wait for this read.
  db.onversionchange = () => db.close();
  try {
    if (!db.objectStoreNames.contains('reviews')) return { log: [], snapshot: null };
    const store = db.transaction('reviews', 'readonly').objectStore('reviews');
    // The ranges are requested at once: the database reads the next while this thread decodes the
    // last. Kept in key order, as a whole-table read gives them (same-instant reviews keep that order).
    // Requests of one transaction answer in the order they were made, so the pages arrive in key order.
    const log: LogEntry[] = [];
    const packed = new SnapshotBuilder();
    await Promise.all(
      reviewRanges().map((range) =>
        result(store.getAll(range)).then((page) => {
          for (const review of page as Review[]) {
            const { cardId, rating, reviewedAt, durationMs } = review;
            log.push({ cardId, rating, reviewedAt, durationMs });
            packed.add(review);
          }
        }),
      ),
    );
    return { log, snapshot: packed.finish() };
  } finally {
    db.close();
  }
}
