// The whole review log grouped by card, for replays of every card: read in one go, loaded only when needed.
import Dexie from 'dexie';
import type { Review } from '../domain';
import type { KeypointsDb } from './db';
import { REVIEW_ID_CUTS as CUTS } from './review-id-ranges';
import { fingerprintIds, type ReviewLogSnapshot } from './review-log-snapshot';

export type ReplayInput = Pick<Review, 'rating' | 'reviewedAt'>;

/**
 * Every review, grouped by card in primary-key order (the order replay keeps for reviews at the
 * same instant). All ranges are requested at once in one read transaction: the database reads the
 * next range while this thread decodes and groups the last, instead of waiting between pages. Each
 * range is decoded and grouped in its own task (ranges arrive in the order requested), so the page
 * stays responsive.
 */
export async function readReviewLog(
  db: KeypointsDb,
): Promise<{ byCard: Map<string, ReplayInput[]>; count: number }> {
  const bounds: unknown[] = [Dexie.minKey, ...CUTS, Dexie.maxKey];
  const byCard = new Map<string, ReplayInput[]>();
  let count = 0;
  await db.transaction('r', db.reviews, () =>
    Promise.all(
      CUTS.concat('').map((_, i) =>
        db.reviews
          .where('id')
          .between(bounds[i], bounds[i + 1], true, false)
          .toArray()
          .then((page) => {
            count += page.length;
            for (const r of page) {
              let list = byCard.get(r.cardId);
              if (!list) {
                list = [];
                byCard.set(r.cardId, list);
              }
              list.push({ rating: r.rating, reviewedAt: r.reviewedAt });
            }
          }),
      ),
    ),
  );
  return { byCard, count };
}

/** The log a worker read and packed (review-log-snapshot.ts), grouped by card as readReviewLog groups it. */
export function reviewLogFromSnapshot(snapshot: ReviewLogSnapshot): {
  byCard: Map<string, ReplayInput[]>;
  count: number;
} {
  const byCard = new Map<string, ReplayInput[]>();
  const lists: ReplayInput[][] = snapshot.cardIds.map((cardId) => {
    const list: ReplayInput[] = [];
    byCard.set(cardId, list);
    return list;
  });
  for (let i = 0; i < snapshot.count; i++)
    (lists[snapshot.card[i] as number] as ReplayInput[]).push({
      rating: snapshot.rating[i] as ReplayInput['rating'],
      reviewedAt: snapshot.reviewedAt[i] as number,
    });
  return { byCard, count: snapshot.count };
}

/**
 * Whether the review log is still the one `snapshot` holds: the same review ids, in a read of the keys
 * only. Run inside the write transaction that uses the snapshot, so nothing can change it in between.
 */
export async function snapshotHolds(db: KeypointsDb, snapshot: ReviewLogSnapshot): Promise<boolean> {
  const ids = (await db.reviews.toCollection().primaryKeys()) as string[];
  return ids.length === snapshot.count && fingerprintIds(ids) === snapshot.fingerprint;
}
