// The whole review log grouped by card, for replays of every card: read in one go, loaded only when needed.
import Dexie from 'dexie';
import type { Review } from '../domain';
import type { KeypointsDb } from './db';
import { REVIEW_ID_CUTS as CUTS } from './review-id-ranges';

export type ReplayInput = Pick<Review, 'rating' | 'reviewedAt'>;

/**
 * Every review, grouped by card in primary-key order (the order replay keeps for reviews at the
 * same instant). All ranges are requested at once in one read transaction: the database reads the
 * next range while this thread decodes the last, instead of waiting between pages. Each range's
 * decoding is its own task, so the page stays responsive.
 */
export async function readReviewLog(
  db: KeypointsDb,
): Promise<{ byCard: Map<string, ReplayInput[]>; count: number }> {
  const bounds: unknown[] = [Dexie.minKey, ...CUTS, Dexie.maxKey];
  const pages = await db.transaction('r', db.reviews, () =>
    Promise.all(
      CUTS.concat('').map((_, i) =>
        db.reviews
          .where('id')
          .between(bounds[i], bounds[i + 1], true, false)
          .toArray(),
      ),
    ),
  );
  const byCard = new Map<string, ReplayInput[]>();
  let count = 0;
  for (const page of pages) {
    count += page.length;
    for (const r of page) {
      let list = byCard.get(r.cardId);
      if (!list) {
        list = [];
        byCard.set(r.cardId, list);
      }
      list.push({ rating: r.rating, reviewedAt: r.reviewedAt });
    }
  }
  return { byCard, count };
}

/** Cards per slice when the caller names none: about 2,500 reviews at ten a card, well under a frame budget's worth of work. */
const CARDS_PER_SLICE = 200;

/**
 * Every card's reviews, oldest first (reviews at the same instant in primary-key order, as
 * `readReviewLog` gives them), handed to `each` card by card while the log is still being read.
 * The [cardId+reviewedAt] index is read in slices of about `cardsPerSlice` cards (cut at the cards
 * the schedules table holds; reviews of any other card are read too), all requested at once in one
 * read transaction: the database reads the next slice while `each` works through the last, and
 * each slice is one task of its own, so the page stays responsive. `onSlice` reports the cards done.
 */
export async function eachCardReviews(
  db: KeypointsDb,
  each: (cardId: string, reviews: readonly ReplayInput[]) => void,
  options: { cardsPerSlice?: number; onSlice?: (cardsDone: number, cardsTotal: number) => void } = {},
): Promise<{ cards: number; count: number }> {
  const per = Math.max(1, options.cardsPerSlice ?? CARDS_PER_SLICE);
  return db.transaction('r', db.schedules, db.reviews, async () => {
    const ids = (await db.schedules.toCollection().primaryKeys()) as string[];
    const bounds: unknown[] = [Dexie.minKey];
    for (let i = per; i < ids.length; i += per) bounds.push(ids[i]);
    bounds.push(Dexie.maxKey);
    let cards = 0;
    let count = 0;
    const slices = bounds.slice(1).map((upper, i) =>
      db.reviews
        .where('[cardId+reviewedAt]')
        .between([bounds[i], Dexie.minKey], [upper, Dexie.minKey], true, false)
        .toArray()
        .then((page) => {
          count += page.length;
          // The index keeps each card's reviews together, in time order.
          let start = 0;
          for (let j = 1; j <= page.length; j++) {
            const cardId = (page[start] as Review).cardId;
            if (j < page.length && (page[j] as Review).cardId === cardId) continue;
            each(cardId, start === 0 && j === page.length ? page : page.slice(start, j));
            cards++;
            start = j;
          }
          options.onSlice?.(cards, ids.length);
        }),
    );
    await Promise.all(slices);
    return { cards, count };
  });
}
