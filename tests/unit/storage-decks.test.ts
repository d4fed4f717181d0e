// Storage of decks: seeding the built-in deck, and a newer build that changes, keeps and retires cards.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type DeckFile, Rating, State } from '../../src/domain';
import type { KeypointsDb } from '../../src/storage/db';
import { upsertDeckFile } from '../../src/storage/repositories/decks';
import { homeStats, sessionQueue } from '../../src/storage/repositories/queries';
import { gradeCard } from '../../src/storage/repositories/reviews';
import { DAY, MONDAY_MORNING } from '../support/clock';
import { freshDb as newDb } from '../support/db';
import { builtInDeck } from '../support/deck';

const T0 = MONDAY_MORNING;

const realDeck = builtInDeck;

const opened: KeypointsDb[] = [];
function freshDb(): KeypointsDb {
  const db = newDb();
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

/** The deck as a newer build would ship it: one question reworded, key points edited, 5.3 gone. */
function newerBuild(deck: DeckFile): DeckFile {
  return {
    ...deck,
    cards: deck.cards
      .filter((c) => c.id !== 'amazon-engineer/5.3')
      .map((c) => {
        if (c.id === 'amazon-engineer/1.1')
          return { ...c, question: 'Reworded: how do you chase a 5xx spike?' };
        if (c.id === 'amazon-engineer/2.1') return { ...c, keyPoints: [...c.keyPoints, 'A new key point'] };
        return c;
      }),
  };
}

async function gradeNew(db: KeypointsDb, cardId: string, now: number) {
  const shown = await db.schedules.get(cardId);
  if (!shown) throw new Error(`no schedule for ${cardId}`);
  return gradeCard(db, DEFAULT_SETTINGS, {
    cardId,
    shown,
    rating: Rating.Good,
    now,
    durationMs: 5_000,
    keyPointsRecalled: [0],
    pitfallsFlagged: [],
    notes: 'my notes',
  });
}

describe('seeding the built-in deck', () => {
  it('stores its 15 cards, each with a new schedule due at once', async () => {
    const db = freshDb();
    const result = await upsertDeckFile(db, realDeck(), T0);

    expect(result).toEqual({ added: 15, updated: 0, retired: 0 });
    expect(await db.decks.toArray()).toEqual([realDeck().deck]);
    const cards = await db.cards.toArray();
    expect(cards).toHaveLength(15);
    for (const card of cards) expect(card).toMatchObject({ retired: false, suspended: false, createdAt: T0 });
    const schedules = await db.schedules.toArray();
    expect(schedules).toHaveLength(15);
    for (const s of schedules) {
      expect(s).toMatchObject({ state: State.New, reps: 0, lapses: 0, due: T0, lastReview: null, active: 1 });
    }
    expect(await db.reviews.count()).toBe(0);
  });

  it('copies level and kind onto the schedules so that sessions can be narrowed without the card texts', async () => {
    const db = freshDb();
    await upsertDeckFile(db, realDeck(), T0);
    expect(await db.schedules.get('amazon-engineer/2.1')).toMatchObject({
      deckId: 'amazon-engineer',
      level: 'mid',
      kind: 'system-design',
    });
    expect(await db.schedules.where('due').belowOrEqual(T0).count()).toBe(15);
  });

  it('changes nothing when the same build is seeded again', async () => {
    const db = freshDb();
    await upsertDeckFile(db, realDeck(), T0);
    const before = await db.cards.toArray();
    const result = await upsertDeckFile(db, realDeck(), T0 + DAY);
    expect(result).toEqual({ added: 0, updated: 0, retired: 0 });
    expect(await db.cards.toArray()).toEqual(before);
  });
});

describe('a newer build of the deck', () => {
  it('updates the card texts and keeps every schedule and review', async () => {
    const db = freshDb();
    await upsertDeckFile(db, realDeck(), T0);
    await gradeNew(db, 'amazon-engineer/1.1', T0 + 1000);
    await gradeNew(db, 'amazon-engineer/2.1', T0 + 2000);
    const schedulesBefore = await db.schedules.toArray();
    const reviewsBefore = await db.reviews.toArray();

    const result = await upsertDeckFile(db, newerBuild(realDeck()), T0 + DAY);

    expect(result).toEqual({ added: 0, updated: 2, retired: 1 });
    expect((await db.cards.get('amazon-engineer/1.1'))?.question).toBe(
      'Reworded: how do you chase a 5xx spike?',
    );
    expect((await db.cards.get('amazon-engineer/1.1'))?.updatedAt).toBe(T0 + DAY);
    expect((await db.cards.get('amazon-engineer/2.1'))?.keyPoints.at(-1)).toBe('A new key point');
    expect(await db.reviews.toArray()).toEqual(reviewsBefore);
    const schedulesAfter = await db.schedules.toArray();
    for (const before of schedulesBefore) {
      const after = schedulesAfter.find((s) => s.cardId === before.cardId);
      if (before.cardId === 'amazon-engineer/5.3') expect(after).toEqual({ ...before, active: 0 });
      else expect(after).toEqual(before);
    }
  });

  it('retires a card that is no longer in the deck: still stored, marked retired, out of sessions', async () => {
    const db = freshDb();
    await upsertDeckFile(db, realDeck(), T0);
    await upsertDeckFile(db, newerBuild(realDeck()), T0 + DAY);

    const retired = await db.cards.get('amazon-engineer/5.3');
    expect(retired).toMatchObject({ retired: true, updatedAt: T0 + DAY });
    expect(await db.cards.count()).toBe(15);
    expect(await db.schedules.get('amazon-engineer/5.3')).toMatchObject({ active: 0 });

    const settings = { ...DEFAULT_SETTINGS, newPerDay: 100 };
    const { queue } = await sessionQueue(db, settings, T0 + DAY);
    expect(queue).toHaveLength(14);
    expect(queue).not.toContain('amazon-engineer/5.3');
    expect((await homeStats(db, settings, T0 + DAY)).totalCards).toBe(14);
  });

  it('brings a retired card back with its history when a later build ships it again', async () => {
    const db = freshDb();
    await upsertDeckFile(db, realDeck(), T0);
    await gradeNew(db, 'amazon-engineer/5.3', T0 + 1000);
    const graded = await db.schedules.get('amazon-engineer/5.3');
    await upsertDeckFile(db, newerBuild(realDeck()), T0 + DAY);
    const result = await upsertDeckFile(db, realDeck(), T0 + 2 * DAY);

    expect(result.updated).toBeGreaterThanOrEqual(1);
    expect(await db.cards.get('amazon-engineer/5.3')).toMatchObject({ retired: false });
    expect(await db.schedules.get('amazon-engineer/5.3')).toEqual(graded);
    expect(await db.reviews.where('cardId').equals('amazon-engineer/5.3').count()).toBe(1);
  });

  it('keeps a card the user suspended suspended', async () => {
    const db = freshDb();
    await upsertDeckFile(db, realDeck(), T0);
    await db.cards.update('amazon-engineer/1.2', { suspended: true });
    await db.schedules.update('amazon-engineer/1.2', { active: 0 });

    await upsertDeckFile(db, newerBuild(realDeck()), T0 + DAY);

    expect(await db.cards.get('amazon-engineer/1.2')).toMatchObject({ suspended: true, retired: false });
    expect(await db.schedules.get('amazon-engineer/1.2')).toMatchObject({ active: 0 });
  });

  it('moves a card whose level changed into the new level’s filter', async () => {
    const db = freshDb();
    await upsertDeckFile(db, realDeck(), T0);
    const deck = realDeck();
    const moved: DeckFile = {
      ...deck,
      cards: deck.cards.map((c) => (c.id === 'amazon-engineer/1.1' ? { ...c, level: 'principal' } : c)),
    };
    await upsertDeckFile(db, moved, T0 + DAY);

    const settings = { ...DEFAULT_SETTINGS, newPerDay: 100 };
    const { queue } = await sessionQueue(db, settings, T0 + DAY, { levels: ['principal'] });
    expect(queue).toContain('amazon-engineer/1.1');
    expect(queue).toHaveLength(4);
  });
});
