// What the Statistics screen watches: the sizes of the review log and of the schedules, re-read after any write to either.
import type { KeypointsDb } from '../db';

export interface StatsLogSize {
  reviews: number;
  cards: number;
}

/**
 * Counts only (no record is decoded). Read through a live query, it re-runs after every write to
 * reviews or schedules in any tab, which is when the statistics change: a grade, an undo, a
 * suspended card, an import.
 */
export async function statsLogSize(db: KeypointsDb): Promise<StatsLogSize> {
  const [reviews, cards] = await Promise.all([db.reviews.count(), db.schedules.count()]);
  return { reviews, cards };
}
