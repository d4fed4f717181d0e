// What the statistics read, with the bare IndexedDB API: every review's few fields, every card's state and standing.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Grade, Rating, type Review, State } from '../../src/domain';
import type { KeypointsDb } from '../../src/storage/db';
import { setSuspended } from '../../src/storage/repositories/cards';
import { upsertDeckFile } from '../../src/storage/repositories/decks';
import { gradeCard } from '../../src/storage/repositories/reviews';
import { readStatsSource } from '../../src/storage/stats-source';
import { DAY, MINUTE, MONDAY_MORNING } from '../support/clock';
import { seededDb } from '../support/db';
import { builtInDeck } from '../support/deck';

const T0 = MONDAY_MORNING;
const C11 = 'amazon-engineer/1.1';
const C12 = 'amazon-engineer/1.2';
const C13 = 'amazon-engineer/1.3';

const opened: KeypointsDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function grade(db: KeypointsDb, cardId: string, rating: Grade, now: number, durationMs = 45_000) {
  const shown = (await db.schedules.get(cardId)) ?? { reps: 0, lastReview: null };
  return gradeCard(db, DEFAULT_SETTINGS, {
    cardId,
    shown,
    rating,
    now,
    durationMs,
    keyPointsRecalled: [],
    pitfallsFlagged: [],
    notes: '',
  });
}

describe('readStatsSource', () => {
  it('reads every review with its interval, and every card with its state and standing', async () => {
    const db = await seededDb(T0);
    opened.push(db);
    await grade(db, C11, Rating.Good, T0);
    await grade(db, C11, Rating.Good, T0 + 10 * MINUTE);
    const third = await grade(db, C11, Rating.Good, T0 + 3 * DAY, 80_000);
    await grade(db, C12, Rating.Again, T0 + MINUTE);
    await setSuspended(db, C12, true);
    // A newer deck without card 1.3: it is retired, its history kept.
    const deck = builtInDeck();
    deck.cards = deck.cards.filter((c) => c.id !== C13);
    await upsertDeckFile(db, deck, T0 + DAY);

    const source = await readStatsSource(db.name);

    expect(source.reviews).toHaveLength(4);
    const last = source.reviews.find((r) => r.reviewedAt === T0 + 3 * DAY);
    expect(last).toEqual({
      cardId: C11,
      reviewedAt: T0 + 3 * DAY,
      rating: Rating.Good,
      durationMs: 80_000,
      intervalDays: third.review.log.scheduledDays,
    });
    expect(third.review.log.scheduledDays).toBeGreaterThan(0);
    expect(source.cards).toHaveLength(builtInDeck().cards.length);
    const byId = new Map(source.cards.map((c) => [c.cardId, c]));
    expect(byId.get(C11)).toMatchObject({ level: 'junior', state: State.Review, standing: 'active' });
    expect(byId.get(C12)).toMatchObject({ state: State.Learning, standing: 'suspended' });
    expect(byId.get(C13)).toMatchObject({ state: State.New, standing: 'retired' });
    expect(byId.get('amazon-engineer/2.1')).toMatchObject({ state: State.New, standing: 'active' });
  });

  it('reads a review edited by hand without its log fields as one with no interval', async () => {
    const db = await seededDb(T0);
    opened.push(db);
    const bare = { id: 'hand-made', cardId: C11, rating: Rating.Hard, reviewedAt: T0, durationMs: 1_000 };
    await db.reviews.add(bare as unknown as Review);
    expect((await readStatsSource(db.name)).reviews).toEqual([
      { cardId: C11, reviewedAt: T0, rating: Rating.Hard, durationMs: 1_000, intervalDays: 0 },
    ]);
  });

  it('finds nothing, and creates nothing, where there is no database', async () => {
    const name = `absent-${T0}`;
    expect(await readStatsSource(name)).toEqual({ reviews: [], cards: [] });
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(name);
  });
});
