// Merging a backup from another device: no review is ever doubled or lost, whichever side is "local".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { State } from '../../src/domain';
import { contentHash } from '../../src/domain/backup';
import { type BackupData, canonicalData } from '../../src/domain/backup-data';
import type { CardRecord, Deck, Review, Schedule } from '../../src/domain/card';
import { mergeBackups } from '../../src/domain/merge-backups';
import { DEFAULT_SETTINGS } from '../../src/domain/settings';
import { DAY, MID_JANUARY_UTC } from '../support/clock';

const NOW = MID_JANUARY_UTC;

function deck(id: string): Deck {
  return { id, title: `Deck ${id}`, source: 'builtin', description: '' };
}

function card(id: string, updatedAt: number, question = `Question ${id}?`): CardRecord {
  const [deckId = 'd', number = '1'] = id.split('/');
  return {
    id,
    deckId,
    number,
    order: Number(number),
    level: 'mid',
    kind: 'judgement',
    question,
    context: '',
    keyPoints: ['A point'],
    pitfalls: [],
    exampleAnswer: '',
    skills: [],
    questionType: '',
    tags: [],
    suspended: false,
    retired: false,
    createdAt: NOW - 30 * DAY,
    updatedAt,
  };
}

/** A review's content follows from its id, as it does for real (ids are random UUIDs). */
function review(n: number): Review {
  return {
    id: `review-${n}`,
    cardId: CARD_IDS[n % CARD_IDS.length] ?? 'd/1',
    rating: ((n % 4) + 1) as Review['rating'],
    reviewedAt: NOW - ((n * 7919) % 40) * DAY,
    durationMs: 1000 * n,
    keyPointsRecalled: [],
    pitfallsFlagged: [],
    notes: '',
    log: {
      state: State.New,
      due: NOW,
      stability: 0,
      difficulty: 0,
      elapsedDays: 0,
      lastElapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
    },
  };
}

function schedule(cardId: string, due: number): Schedule {
  return {
    cardId,
    due,
    stability: 1,
    difficulty: 5,
    elapsedDays: 0,
    scheduledDays: 1,
    learningSteps: 0,
    reps: 1,
    lapses: 0,
    state: State.Review,
    lastReview: NOW - DAY,
  };
}

const CARD_IDS = ['a/1', 'a/2', 'a/3', 'b/1', 'b/2'];

function data(over: Partial<BackupData> = {}): BackupData {
  return {
    decks: [deck('a'), deck('b')],
    cards: [],
    schedules: [],
    reviews: [],
    settings: DEFAULT_SETTINGS,
    ...over,
  };
}

/** One device's data: some of a shared pool of cards and reviews, as two devices of one user hold. */
const deviceData: fc.Arbitrary<BackupData> = fc
  .record({
    cards: fc.uniqueArray(
      fc.record({ id: fc.constantFrom(...CARD_IDS), updatedAt: fc.integer({ min: 0, max: 5 }) }),
      { selector: (c) => c.id, minLength: 1 },
    ),
    reviews: fc.uniqueArray(fc.nat(60)),
    scheduled: fc.subarray(CARD_IDS),
  })
  .map(({ cards, reviews, scheduled }) => ({
    ...data(),
    cards: cards.map((c) => card(c.id, NOW - c.updatedAt * DAY, `Q ${c.id} v${c.updatedAt}`)),
    reviews: reviews.map(review),
    schedules: scheduled.map((id) => schedule(id, NOW + DAY)),
  }));

const reviewIds = (d: BackupData) => new Set(d.reviews.map((r) => r.id));

describe('mergeBackups', () => {
  it('adds what the other device has and counts it', () => {
    const local = data({ decks: [deck('a')], cards: [card('a/1', NOW)], reviews: [review(1), review(2)] });
    const incoming = data({
      decks: [deck('a'), deck('b')],
      cards: [card('a/1', NOW), card('b/1', NOW)],
      reviews: [review(2), review(3), review(4)],
    });
    const { data: merged, added } = mergeBackups(local, incoming);
    expect(added).toEqual({ decks: 1, cards: 1, reviews: 2 });
    expect(merged.decks.map((d) => d.id)).toEqual(['a', 'b']);
    expect(merged.cards.map((c) => c.id)).toEqual(['a/1', 'b/1']);
    expect([...reviewIds(merged)].sort()).toEqual(['review-1', 'review-2', 'review-3', 'review-4']);
  });

  it('keeps the more recently edited copy of a card on both devices', () => {
    const local = data({ cards: [card('a/1', NOW - DAY, 'old wording'), card('a/2', NOW, 'edited here')] });
    const incoming = data({
      cards: [card('a/1', NOW, 'edited there'), card('a/2', NOW - DAY, 'old wording')],
    });
    const merged = mergeBackups(local, incoming).data;
    expect(merged.cards.map((c) => c.question)).toEqual(['edited there', 'edited here']);
  });

  it('keeps the local settings', () => {
    const local = data({ settings: { ...DEFAULT_SETTINGS, newPerDay: 3 } });
    const incoming = data({ settings: { ...DEFAULT_SETTINGS, newPerDay: 50 } });
    expect(mergeBackups(local, incoming).data.settings.newPerDay).toBe(3);
  });

  it('returns reviews in time order', () => {
    const merged = mergeBackups(
      data({ reviews: [review(5), review(1)] }),
      data({ reviews: [review(3)] }),
    ).data;
    const times = merged.reviews.map((r) => r.reviewedAt);
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });

  it('keeps local schedules and takes incoming ones only for cards local has none for', () => {
    const local = data({ schedules: [schedule('a/1', NOW + DAY)] });
    const incoming = data({ schedules: [schedule('a/1', NOW + 9 * DAY), schedule('a/2', NOW + 2 * DAY)] });
    const merged = mergeBackups(local, incoming).data;
    expect(merged.schedules.map((s) => [s.cardId, s.due])).toEqual([
      ['a/1', NOW + DAY],
      ['a/2', NOW + 2 * DAY],
    ]);
  });

  it('unites reviews the same way whichever device is local', () => {
    fc.assert(
      fc.property(deviceData, deviceData, (a, b) => {
        expect(mergeBackups(a, b).data.reviews).toEqual(mergeBackups(b, a).data.reviews);
      }),
      { numRuns: 200 },
    );
  });

  it('holds every review of both sides exactly once', () => {
    fc.assert(
      fc.property(deviceData, deviceData, (a, b) => {
        const { data: merged, added } = mergeBackups(a, b);
        const union = new Set([...reviewIds(a), ...reviewIds(b)]);
        expect(merged.reviews).toHaveLength(union.size);
        expect(reviewIds(merged)).toEqual(union);
        expect(added.reviews).toBe(union.size - reviewIds(a).size);
      }),
      { numRuns: 200 },
    );
  });

  it('changes nothing when merging data with itself', () => {
    fc.assert(
      fc.property(deviceData, (a) => {
        const { data: merged, added } = mergeBackups(a, a);
        expect(merged).toEqual(canonicalData(a));
        expect(added).toEqual({ decks: 0, cards: 0, reviews: 0 });
      }),
      { numRuns: 100 },
    );
  });

  it('adds nothing when the same backup is merged a second time', () => {
    fc.assert(
      fc.property(deviceData, deviceData, (a, b) => {
        const once = mergeBackups(a, b).data;
        const twice = mergeBackups(once, b);
        expect(contentHash(twice.data)).toBe(contentHash(once));
        expect(twice.added).toEqual({ decks: 0, cards: 0, reviews: 0 });
      }),
      { numRuns: 100 },
    );
  });

  it('keeps, for every card, the copy with the latest edit', () => {
    fc.assert(
      fc.property(deviceData, deviceData, (a, b) => {
        const merged = mergeBackups(a, b).data;
        for (const c of merged.cards) {
          const copies = [...a.cards, ...b.cards].filter((x) => x.id === c.id);
          expect(c.updatedAt).toBe(Math.max(...copies.map((x) => x.updatedAt)));
        }
        expect(merged.cards).toHaveLength(new Set([...a.cards, ...b.cards].map((x) => x.id)).size);
      }),
      { numRuns: 100 },
    );
  });
});
