// What the statistics are computed from, read with the bare IndexedDB API: the worker that reads it stays small.
//
// Dexie would add about 30 kB (gzip) to the worker and to the precache for a handful of plain reads.
// The stores and their records are Dexie's own (db.ts): Dexie keeps each table as an object store of
// the same name holding the records as they are, and a shipped version is never edited.
import type { Review } from '../domain/card';
import type { CardStanding, StatsCard, StatsReview } from '../domain/stats-model';
import type { ScheduleRow, StoredCard } from './db';
import { REVIEW_ID_CUTS } from './review-id-ranges';

export interface StatsSource {
  reviews: StatsReview[];
  cards: StatsCard[];
}

const STORES = ['reviews', 'schedules', 'cards'] as const;

export function result<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** The database as it is now, or null when there is none: opening must never create or upgrade it. */
export function openExisting(factory: IDBFactory, name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name);
    let missing = false;
    request.onupgradeneeded = () => {
      missing = true;
      request.transaction?.abort();
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = (event) => {
      if (!missing) return reject(request.error);
      event.preventDefault();
      resolve(null);
    };
    request.onblocked = () => reject(new Error('the database is being upgraded in another tab'));
  });
}

/** The few fields of a review the statistics read. A log edited by hand may lack its log fields. */
function slimReview(r: Review): StatsReview {
  const interval = r.log?.scheduledDays;
  return {
    cardId: r.cardId,
    reviewedAt: r.reviewedAt,
    rating: r.rating,
    durationMs: r.durationMs,
    intervalDays: typeof interval === 'number' && Number.isFinite(interval) ? interval : 0,
  };
}

/** The review store's key ranges, read side by side (review-id-ranges.ts). */
export function reviewRanges(): IDBKeyRange[] {
  const cuts = REVIEW_ID_CUTS;
  const ranges = [IDBKeyRange.upperBound(cuts[0], true)];
  for (let i = 1; i < cuts.length; i++) ranges.push(IDBKeyRange.bound(cuts[i - 1], cuts[i], false, true));
  ranges.push(IDBKeyRange.lowerBound(cuts[cuts.length - 1]));
  return ranges;
}

/**
 * Every review (its statistics fields only) and every card's schedule with its standing, in one
 * read transaction. The review ranges are requested at once, so the database reads the next while
 * this thread decodes the last. Cards set aside are looked up to tell suspended from retired.
 */
export async function readStatsSource(dbName: string, factory: IDBFactory = indexedDB): Promise<StatsSource> {
  const db = await openExisting(factory, dbName);
  if (!db) return { reviews: [], cards: [] };
  // Another tab upgrading the database must not wait for this read.
  db.onversionchange = () => db.close();
  try {
    if (!STORES.every((s) => db.objectStoreNames.contains(s))) return { reviews: [], cards: [] };
    const tx = db.transaction([...STORES], 'readonly');
    const reviews: StatsReview[] = [];
    const reviewStore = tx.objectStore('reviews');
    const reading = reviewRanges().map((range) =>
      result(reviewStore.getAll(range)).then((page) => {
        for (const r of page as Review[]) reviews.push(slimReview(r));
      }),
    );
    const rows = (await result(tx.objectStore('schedules').getAll())) as ScheduleRow[];
    const cardStore = tx.objectStore('cards');
    const cards = await Promise.all(
      rows.map(async (row): Promise<StatsCard> => {
        let standing: CardStanding = 'active';
        if (row.active !== 1) {
          const card = (await result(cardStore.get(row.cardId))) as StoredCard | undefined;
          standing = card?.retired ? 'retired' : 'suspended';
        }
        return {
          cardId: row.cardId,
          level: row.level,
          kind: row.kind,
          state: row.state,
          due: row.due,
          standing,
        };
      }),
    );
    await Promise.all(reading);
    return { reviews, cards };
  } finally {
    db.close();
  }
}
