// What the optimizer reads in its worker, with the bare IndexedDB API: every review's card, grade,
// time and duration, in the order of the review store's keys.
import { afterEach, describe, expect, it } from 'vitest';
import { Rating, type Review } from '../../src/domain';
import type { KeypointsDb } from '../../src/storage/db';
import { readOptimizerLog } from '../../src/storage/optimizer-source';
import { MONDAY_MORNING } from '../support/clock';
import { seededDb } from '../support/db';

const T0 = MONDAY_MORNING;
const C11 = 'amazon-engineer/1.1';

const opened: KeypointsDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

describe('readOptimizerLog', () => {
  it('reads every review across the id ranges, in key order, a hand-edited one as it is', async () => {
    const db = await seededDb(T0);
    opened.push(db);
    // Ids on both sides of every cut, added out of order.
    const ids = ['zz-last', '0-first', 'M-middle', 'b-lower', '7-seven'];
    const reviews = ids.map(
      (id, i) =>
        ({
          id,
          cardId: C11,
          rating: Rating.Good,
          reviewedAt: T0 + i,
          durationMs: 1_000,
          notes: 'x',
        }) as Review,
    );
    // A review edited by hand: no grade the optimizer knows, no duration. Skipped later, read here.
    reviews.push({ id: 'Q-hand', cardId: C11, rating: 9, reviewedAt: T0 } as unknown as Review);
    await db.reviews.bulkAdd(reviews);

    const log = await readOptimizerLog(db.name);

    expect(log).toEqual(
      [...reviews]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map(({ cardId, rating, reviewedAt, durationMs }) => ({ cardId, rating, reviewedAt, durationMs })),
    );
  });

  it('finds nothing, and creates nothing, where there is no database', async () => {
    const name = `absent-optimizer-${T0}`;
    expect(await readOptimizerLog(name)).toEqual([]);
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
  });
});
