// The review log as the optimizer reads it, with the bare IndexedDB API in the optimizer's worker:
// 100,000 reviews are read and decoded there, never on the page, and the worker stays without Dexie.
import type { Review } from '../domain/card';
import type { LogEntry } from '../domain/optimizer';
import { openExisting, result, reviewRanges } from './stats-source';

/** Every review's card, grade, time and duration, in one read transaction; none when there is no database. */
export async function readOptimizerLog(dbName: string, factory: IDBFactory = indexedDB): Promise<LogEntry[]> {
  const db = await openExisting(factory, dbName);
  if (!db) return [];
  // Another tab upgrading the database must not wait for this read.
  db.onversionchange = () => db.close();
  try {
    if (!db.objectStoreNames.contains('reviews')) return [];
    const store = db.transaction('reviews', 'readonly').objectStore('reviews');
    // The ranges are requested at once: the database reads the next while this thread decodes the
    // last. Kept in key order, as a whole-table read gives them (same-instant reviews keep that order).
    const pages = await Promise.all(
      reviewRanges().map((range) =>
        result(store.getAll(range)).then((page) =>
          (page as Review[]).map(({ cardId, rating, reviewedAt, durationMs }) => ({
            cardId,
            rating,
            reviewedAt,
            durationMs,
          })),
        ),
      ),
    );
    const log: LogEntry[] = pages.flat();
    return log;
  } finally {
    db.close();
  }
}
