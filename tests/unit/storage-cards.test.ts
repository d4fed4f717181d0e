// Storage of single cards: own cards, edits that keep history, suspend, reset, delete with undo, the browse index.
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CardDraft,
  cleanDraft,
  DEFAULT_SETTINGS,
  type Grade,
  normalizeForSearch,
  OWN_DECK,
  Rating,
  type Settings,
  State,
  ValidationError,
  validateCardDraft,
} from '../../src/domain';
import type { KeypointsDb, ScheduleRow } from '../../src/storage/db';
import { StaleCardError } from '../../src/storage/errors';
import { listBrowseIndex, readBrowseEntries } from '../../src/storage/repositories/browse-index';
import {
  CardNotFoundError,
  cardDetail,
  createOwnCard,
  deleteCard,
  RestoreConflictError,
  resetProgress,
  restoreDeletedCard,
  setSuspended,
  updateCard,
} from '../../src/storage/repositories/cards';
import { upsertDeckFile } from '../../src/storage/repositories/decks';
import { cardReviews, sessionQueue } from '../../src/storage/repositories/queries';
import { gradeCard, rebuildSchedules } from '../../src/storage/repositories/reviews';
import { DAY, MINUTE, MONDAY_MORNING } from '../support/clock';
import { freshDb } from '../support/db';
import { builtInDeck } from '../support/deck';

const T0 = MONDAY_MORNING;
const C21 = 'amazon-engineer/2.1';
const settings: Settings = { ...DEFAULT_SETTINGS, newPerDay: 100 };

const realDeck = builtInDeck;

const opened: KeypointsDb[] = [];
async function seededDb(): Promise<KeypointsDb> {
  const db = freshDb();
  opened.push(db);
  await upsertDeckFile(db, realDeck(), T0);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function draft(overrides: Partial<CardDraft> = {}): CardDraft {
  return {
    question: 'Tell me about a time you shipped under pressure.',
    context: 'Checks judgement under a deadline.',
    keyPoints: ['Situation: the launch date', 'Action: cut scope with the PM', 'Result: shipped on time'],
    pitfalls: ['Blaming the team'],
    exampleAnswer: 'At my last job…',
    level: 'senior',
    kind: 'judgement',
    tags: ['story'],
    ...overrides,
  };
}

async function schedule(db: KeypointsDb, cardId: string): Promise<ScheduleRow> {
  const row = await db.schedules.get(cardId);
  if (!row) throw new Error(`no schedule for ${cardId}`);
  return row;
}

async function grade(db: KeypointsDb, cardId: string, rating: Grade, now: number) {
  const shown = await schedule(db, cardId);
  return gradeCard(db, settings, {
    cardId,
    shown,
    rating,
    now,
    durationMs: 5000,
    keyPointsRecalled: [0],
    pitfallsFlagged: [],
    notes: 'my notes',
  });
}

describe('validating a draft', () => {
  it('asks for a question and at least one key point, in words', () => {
    const problems = validateCardDraft(cleanDraft(draft({ question: '   ', keyPoints: ['', '  '] })));
    expect(problems).toEqual([
      { field: 'question', message: 'Write the question.' },
      { field: 'keyPoints', message: 'Add at least one key point: what you must recall.' },
    ]);
  });

  it('refuses texts over 100,000 characters and names the key point', () => {
    const long = 'x'.repeat(100_001);
    const problems = validateCardDraft(draft({ exampleAnswer: long, keyPoints: ['ok', long] }));
    expect(problems.map((p) => p.message)).toEqual([
      'Key point 2 is too long: 100,001 characters, at most 100,000.',
      'The example answer is too long: 100,001 characters, at most 100,000.',
    ]);
    expect(validateCardDraft(draft({ question: 'x'.repeat(100_000) }))).toEqual([]);
  });

  it('cleaning trims texts and drops empty rows and repeated tags', () => {
    expect(
      cleanDraft(draft({ question: '  Q?  ', keyPoints: [' a ', '', 'b'], tags: ['Story', 'story', ' '] })),
    ).toMatchObject({ question: 'Q?', keyPoints: ['a', 'b'], tags: ['Story'] });
  });
});

describe('own cards', () => {
  it('go to the "My cards" deck, created on first use, as new active cards', async () => {
    const db = await seededDb();
    const first = await createOwnCard(db, draft(), T0);
    const second = await createOwnCard(db, draft({ question: 'Another story?' }), T0 + MINUTE);

    expect(await db.decks.get('own')).toEqual(OWN_DECK);
    expect(first.id).toMatch(/^own\/[0-9a-z]{10}$/);
    expect(second.id).not.toBe(first.id);
    expect([first.deckId, first.number, first.order]).toEqual(['own', '1', 0]);
    expect([second.number, second.order]).toEqual(['2', 1]);
    const [indexed] = await readBrowseEntries(db, [first.id]);
    expect(indexed?.searchText).toContain('cut scope with the pm');
    expect(await schedule(db, first.id)).toMatchObject({
      state: State.New,
      reps: 0,
      active: 1,
      deckId: 'own',
      level: 'senior',
      kind: 'judgement',
    });
  });

  it('a draft with problems writes nothing', async () => {
    const db = await seededDb();
    await expect(createOwnCard(db, draft({ keyPoints: [] }), T0)).rejects.toBeInstanceOf(ValidationError);
    expect(await db.decks.get('own')).toBeUndefined();
    expect(await db.cards.where('deckId').equals('own').count()).toBe(0);
  });

  it('come after the built-in cards of their level in a session', async () => {
    const db = await seededDb();
    const own = await createOwnCard(db, draft({ level: 'junior', kind: 'operational' }), T0);
    const { queue } = await sessionQueue(db, settings, T0, { levels: ['junior'] });
    expect(queue).toEqual(['amazon-engineer/1.1', 'amazon-engineer/1.2', 'amazon-engineer/1.3', own.id]);
  });
});

describe('editing a card', () => {
  it('keeps its id, reviews and FSRS state; the schedule follows the new level and kind', async () => {
    const db = await seededDb();
    await grade(db, C21, 3, T0);
    const before = await schedule(db, C21);

    const edited = await updateCard(
      db,
      C21,
      draft({ question: 'My own wording?', level: 'lead', kind: 'behavioral' }),
      T0 + DAY,
    );

    expect(edited.id).toBe(C21);
    expect(edited.updatedAt).toBe(T0 + DAY);
    const [indexed] = await readBrowseEntries(db, [C21]);
    expect(indexed?.searchText).toContain('my own wording?');
    expect(edited.number).toBe('2.1');
    expect(await cardReviews(db, C21)).toHaveLength(1);
    expect(await schedule(db, C21)).toEqual({ ...before, level: 'lead', kind: 'behavioral' });
  });

  it('an unchanged draft leaves the card as it was', async () => {
    const db = await seededDb();
    const own = await createOwnCard(db, draft(), T0);
    const again = await updateCard(db, own.id, draft(), T0 + DAY);
    expect(again.updatedAt).toBe(T0);
  });

  it('a card deleted meanwhile is reported, not re-created', async () => {
    const db = await seededDb();
    await expect(updateCard(db, 'own/gone', draft(), T0)).rejects.toBeInstanceOf(CardNotFoundError);
    expect(await db.cards.get('own/gone')).toBeUndefined();
  });
});

describe('suspending', () => {
  it('changes the card and its schedule together and takes it out of sessions until unsuspended', async () => {
    const db = await seededDb();
    await setSuspended(db, C21, true);
    expect((await db.cards.get(C21))?.suspended).toBe(true);
    expect((await schedule(db, C21)).active).toBe(0);
    expect((await sessionQueue(db, settings, T0)).queue).not.toContain(C21);

    await setSuspended(db, C21, false);
    expect((await schedule(db, C21)).active).toBe(1);
    expect((await sessionQueue(db, settings, T0)).queue).toContain(C21);
  });
});

describe('resetting progress', () => {
  it('makes the card new again, deletes its reviews, and survives a rebuild of all schedules', async () => {
    const db = await seededDb();
    await grade(db, C21, 3, T0);
    await grade(db, C21, 3, T0 + 10 * MINUTE);
    await grade(db, 'amazon-engineer/1.1', 4, T0);

    expect(await resetProgress(db, C21, T0 + DAY)).toEqual({ reviewsDeleted: 2 });
    expect(await schedule(db, C21)).toMatchObject({
      state: State.New,
      reps: 0,
      lapses: 0,
      lastReview: null,
      active: 1,
    });
    expect(await cardReviews(db, C21)).toEqual([]);

    await rebuildSchedules(db, settings);
    expect(await schedule(db, C21)).toMatchObject({ state: State.New, reps: 0, lastReview: null });
    expect((await schedule(db, 'amazon-engineer/1.1')).reps).toBe(1);
  });

  it('a tab still showing the card before the reset cannot grade the old state', async () => {
    const db = await seededDb();
    await grade(db, C21, 3, T0);
    const shown = await schedule(db, C21);
    await resetProgress(db, C21, T0 + MINUTE);
    await expect(
      gradeCard(db, settings, {
        cardId: C21,
        shown,
        rating: Rating.Good,
        now: T0 + 10 * MINUTE,
        durationMs: 1,
        keyPointsRecalled: [],
        pitfallsFlagged: [],
        notes: '',
      }),
    ).rejects.toBeInstanceOf(StaleCardError);
  });
});

describe('deleting and undoing', () => {
  it('removes the card with its schedule and reviews, and Undo brings all three back', async () => {
    const db = await seededDb();
    const own = await createOwnCard(db, draft(), T0);
    await grade(db, own.id, 3, T0 + MINUTE);
    const before = await cardDetail(db, own.id);

    const deleted = await deleteCard(db, own.id);
    expect(await cardDetail(db, own.id)).toBeNull();
    expect(await db.reviews.where('cardId').equals(own.id).count()).toBe(0);
    expect(await db.schedules.get(own.id)).toBeUndefined();
    expect((await listBrowseIndex(db)).map((e) => e.id)).not.toContain(own.id);

    await restoreDeletedCard(db, deleted, T0 + 2 * MINUTE);
    expect(await cardDetail(db, own.id)).toEqual(before);
  });

  it('Undo twice (two tabs) is refused the second time and changes nothing', async () => {
    const db = await seededDb();
    await grade(db, C21, 3, T0);
    const deleted = await deleteCard(db, C21);
    await restoreDeletedCard(db, deleted, T0);
    await expect(restoreDeletedCard(db, deleted, T0)).rejects.toBeInstanceOf(RestoreConflictError);
    expect(await cardReviews(db, C21)).toHaveLength(1);
  });
});

describe('the browse index', () => {
  it('lists every card in deck order with its state, suspended and due', async () => {
    const db = await seededDb();
    const own = await createOwnCard(db, draft({ level: 'junior' }), T0);
    await grade(db, C21, 3, T0);
    await setSuspended(db, 'amazon-engineer/1.2', true);

    const index = await listBrowseIndex(db);
    expect(index).toHaveLength(16);
    expect(index.slice(0, 4).map((e) => e.id)).toEqual([
      'amazon-engineer/1.1',
      'amazon-engineer/1.2',
      'amazon-engineer/1.3',
      own.id,
    ]);
    const c21 = index.find((e) => e.id === C21);
    expect(c21).toMatchObject({
      level: 'mid',
      kind: 'system-design',
      state: State.Learning,
      suspended: false,
    });
    expect(c21?.due).toBeGreaterThan(T0);
    expect(c21?.searchText).toContain(normalizeForSearch('cost‑efficient'));
    expect(index.find((e) => e.id === 'amazon-engineer/1.2')?.suspended).toBe(true);
  });

  it('reads past its first pages (more than 1,000 cards)', async () => {
    const db = await seededDb();
    const deck = realDeck();
    const base = deck.cards[0];
    if (!base) throw new Error('empty deck');
    const cards = Array.from({ length: 1200 }, (_, i) => ({
      ...base,
      id: `bulk/${i}`,
      deckId: 'bulk',
      number: String(i),
      order: i,
    }));
    await upsertDeckFile(db, { ...deck, deck: { ...deck.deck, id: 'bulk' }, cards }, T0);
    const index = await listBrowseIndex(db);
    expect(index).toHaveLength(1215);
    expect(new Set(index.map((e) => e.id)).size).toBe(1215);
  });
});
