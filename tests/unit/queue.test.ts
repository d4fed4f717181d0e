// The review queue: order, daily limits, learning cards by the minute, and the counts on Home.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildQueue,
  countsForToday,
  learnAhead,
  learningAheadNow,
  nextDayStart,
  nextLearningDue,
  type QueueInput,
  type QueueSchedule,
  State,
  sessionCards,
} from '../../src/domain';
import { DAY, HOUR, inTimeZone, MINUTE } from '../support/clock';

const NOW = Date.UTC(2025, 4, 14, 10, 0); // Wednesday 14 May 2025, 10:00 UTC; the day ends 04:00 on the 15th

// Study days depend on the local zone: pin it so "later today" means the same on every machine.
inTimeZone('UTC');

const input = (overrides: Partial<QueueInput> = {}): QueueInput => ({
  now: NOW,
  dayStartHour: 4,
  newPerDay: 10,
  maxReviewsPerDay: 200,
  reviewedToday: 0,
  newIntroducedToday: 0,
  schedules: [],
  newCards: [],
  ...overrides,
});

const review = (cardId: string, due: number): QueueSchedule => ({ cardId, due, state: State.Review });
const learning = (cardId: string, due: number): QueueSchedule => ({ cardId, due, state: State.Learning });

describe('buildQueue', () => {
  it('shows learning cards whose minute has come, then due reviews most overdue first, then new cards', () => {
    const queue = buildQueue(
      input({
        schedules: [
          review('r-yesterday', NOW - DAY),
          review('r-last-week', NOW - 7 * DAY),
          learning('l-now', NOW - MINUTE),
          { cardId: 'relearning-now', due: NOW, state: State.Relearning },
          review('r-tonight', NOW + 12 * HOUR), // due before 04:00 tomorrow: due today
        ],
        newCards: ['n1', 'n2'],
      }),
    );
    expect(queue).toEqual(['l-now', 'relearning-now', 'r-last-week', 'r-yesterday', 'r-tonight', 'n1', 'n2']);
  });

  it('leaves reviews due after the study day ends, and learning cards due later today, for later', () => {
    const endOfDay = nextDayStart(NOW, 4);
    const queue = buildQueue(
      input({ schedules: [review('tomorrow', endOfDay), learning('in-4-min', NOW + 4 * MINUTE)] }),
    );
    expect(queue).toEqual([]);
  });

  it('orders reviews due at the same moment by card id, whatever the input order', () => {
    const schedules = [review('b', NOW - DAY), review('c', NOW - DAY), review('a', NOW - DAY)];
    expect(buildQueue(input({ schedules }))).toEqual(['a', 'b', 'c']);
    expect(buildQueue(input({ schedules: [...schedules].reverse() }))).toEqual(['a', 'b', 'c']);
  });

  it('counts the reviews and new cards already done today against the limits', () => {
    const schedules = ['a', 'b', 'c'].map((id, i) => review(id, NOW - (i + 1) * DAY));
    const queue = buildQueue(
      input({
        schedules,
        maxReviewsPerDay: 5,
        reviewedToday: 3,
        newPerDay: 3,
        newIntroducedToday: 2,
        newCards: ['n1', 'n2'],
      }),
    );
    expect(queue).toEqual(['c', 'b', 'n1']);
  });

  it('has no new cards once the limit is reached, but still brings learning cards back', () => {
    const queue = buildQueue(
      input({
        newPerDay: 5,
        newIntroducedToday: 5,
        maxReviewsPerDay: 0,
        schedules: [learning('l', NOW), review('r', NOW - DAY)],
        newCards: ['n1'],
      }),
    );
    expect(queue).toEqual(['l']);
  });

  it('never takes a started card as new, nor any card twice', () => {
    const queue = buildQueue(
      input({
        schedules: [
          review('a', NOW - DAY),
          review('a', NOW - 2 * DAY),
          { cardId: 'n1', due: 0, state: State.New },
        ],
        newCards: ['a', 'n1', 'n1', 'n2'],
      }),
    );
    expect(queue).toEqual(['a', 'n1', 'n2']);
  });

  it('leaves out excluded cards without spending the limits on them', () => {
    const queue = buildQueue(
      input({
        schedules: [review('a', NOW - DAY), review('b', NOW - DAY)],
        maxReviewsPerDay: 1,
        newPerDay: 1,
        newCards: ['n1', 'n2'],
        exclude: new Set(['a', 'n1']),
      }),
    );
    expect(queue).toEqual(['b', 'n2']);
  });
});

describe('nextLearningDue', () => {
  it('says when the next learning card comes back today', () => {
    const schedules = [
      learning('in-10', NOW + 10 * MINUTE),
      learning('in-4', NOW + 4 * MINUTE),
      learning('now', NOW),
      review('r', NOW + HOUR),
    ];
    expect(nextLearningDue(input({ schedules }))).toBe(NOW + 4 * MINUTE);
    expect(nextLearningDue(input({ schedules, exclude: new Set(['in-4']) }))).toBe(NOW + 10 * MINUTE);
  });

  it('is null when no learning card is left for today', () => {
    const tomorrow = nextDayStart(NOW, 4) + HOUR;
    expect(nextLearningDue(input({ schedules: [learning('l', tomorrow), review('r', NOW)] }))).toBeNull();
  });
});

describe('learnAhead', () => {
  const schedules = [
    learning('in-25', NOW + 25 * MINUTE),
    learning('in-20', NOW + 20 * MINUTE),
    learning('in-4', NOW + 4 * MINUTE),
    { cardId: 'relearning-in-10', due: NOW + 10 * MINUTE, state: State.Relearning },
    review('r-later', NOW + 5 * MINUTE + DAY),
  ];

  it('gives the learning cards due within the limit, earliest first, the limit included', () => {
    expect(learnAhead(input({ schedules }), 20)).toEqual(['in-4', 'relearning-in-10', 'in-20']);
    expect(learnAhead(input({ schedules, exclude: new Set(['in-4']) }), 5)).toEqual([]);
  });

  it('gives none with a limit of 0, nor past the end of the study day', () => {
    expect(learnAhead(input({ schedules }), 0)).toEqual([]);
    const lateNight = nextDayStart(NOW, 4) - 5 * MINUTE;
    const tomorrow = learning('after-day-start', lateNight + 10 * MINUTE);
    expect(learnAhead(input({ now: lateNight, schedules: [tomorrow] }), 20)).toEqual([]);
  });
});

describe('countsForToday', () => {
  it('gives Home what is due now, new left and learning later', () => {
    const counts = countsForToday(
      input({
        schedules: [
          learning('l-now', NOW),
          learning('l-later', NOW + 10 * MINUTE),
          review('r1', NOW - DAY),
          review('r2', NOW + HOUR),
          review('r-tomorrow', NOW + DAY),
        ],
        newPerDay: 10,
        newIntroducedToday: 8,
        newCards: ['n1', 'n2', 'n3'],
      }),
    );
    expect(counts).toEqual({ dueNow: 3, newLeft: 2, learningLater: 1 });
  });

  it('counts learning cards within the learn-ahead limit as due now once nothing else is left, as Start review shows them', () => {
    const schedules = [
      learning('in-4', NOW + 4 * MINUTE),
      learning('in-30', NOW + 30 * MINUTE),
      review('r-tomorrow', NOW + DAY),
    ];
    const nothingElse = input({ schedules });
    expect(countsForToday(nothingElse, 20)).toEqual({ dueNow: 1, newLeft: 0, learningLater: 1 });
    expect(learningAheadNow(nothingElse, 20)).toEqual(['in-4']);
    expect(sessionCards(nothingElse, 20)).toEqual(['in-4']);
    // Without a limit, or with a limit short of it, the card waits for its minute.
    expect(countsForToday(nothingElse)).toEqual({ dueNow: 0, newLeft: 0, learningLater: 2 });
    expect(countsForToday(nothingElse, 3)).toEqual({ dueNow: 0, newLeft: 0, learningLater: 2 });
    // With a new card left, that comes first: the learning card is still later.
    const withNew = input({ schedules, newCards: ['n1'] });
    expect(countsForToday(withNew, 20)).toEqual({ dueNow: 0, newLeft: 1, learningLater: 2 });
    expect(learningAheadNow(withNew, 20)).toEqual([]);
    expect(sessionCards(withNew, 20)).toEqual(['n1']);
  });
});

describe('queue properties', () => {
  const ids = Array.from({ length: 40 }, (_, i) => `deck/${i}`);
  const scheduleArb = fc.record({
    cardId: fc.constantFrom(...ids),
    due: fc.integer({ min: NOW - 10 * DAY, max: NOW + 3 * DAY }),
    state: fc.constantFrom<QueueSchedule['state']>(0, 1, 2, 3),
  });
  const inputArb = fc.record({
    schedules: fc.uniqueArray(scheduleArb, { selector: (s) => s.cardId, maxLength: 30 }),
    newCards: fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 30 }),
    newPerDay: fc.integer({ min: 0, max: 15 }),
    maxReviewsPerDay: fc.integer({ min: 0, max: 15 }),
    reviewedToday: fc.integer({ min: 0, max: 20 }),
    newIntroducedToday: fc.integer({ min: 0, max: 20 }),
    exclude: fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 5 }).map((a) => new Set(a)),
    learnAheadMinutes: fc.integer({ min: 0, max: 90 }),
  });

  it('keeps every rule of the queue for any cards and limits', () => {
    fc.assert(
      fc.property(inputArb, (partial) => {
        const { learnAheadMinutes: minutes, ...rest } = partial;
        const q = input(rest);
        const schedules = partial.schedules;
        const queue = buildQueue(q);
        const byId = new Map(schedules.map((s) => [s.cardId, s] as const));
        const started = (id: string) => (byId.get(id)?.state ?? 0) !== 0;
        const kindOf = (id: string) => {
          const s = byId.get(id);
          if (!s || s.state === State.New) return 'new';
          return s.state === State.Review ? 'review' : 'learning';
        };

        // No card twice, none excluded.
        expect(new Set(queue).size).toBe(queue.length);
        for (const id of queue) expect(q.exclude?.has(id)).toBeFalsy();

        // Learning, then reviews, then new: never out of those blocks.
        const kinds = queue.map(kindOf);
        const rank = { learning: 0, review: 1, new: 2 };
        for (let i = 1; i < kinds.length; i++) {
          expect(rank[kinds[i] as keyof typeof rank]).toBeGreaterThanOrEqual(
            rank[kinds[i - 1] as keyof typeof rank],
          );
        }

        // Never over the limits.
        const reviews = queue.filter((id) => kindOf(id) === 'review');
        const fresh = queue.filter((id) => kindOf(id) === 'new');
        expect(reviews.length).toBeLessThanOrEqual(Math.max(0, q.maxReviewsPerDay - q.reviewedToday));
        expect(fresh.length).toBeLessThanOrEqual(Math.max(0, q.newPerDay - q.newIntroducedToday));

        // Most overdue first, and no due review left out while there was room for it.
        const endOfDay = nextDayStart(NOW, 4);
        const dues = reviews.map((id) => byId.get(id)?.due ?? Number.NaN);
        for (let i = 1; i < dues.length; i++) expect(dues[i]).toBeGreaterThanOrEqual(dues[i - 1] ?? 0);
        const dueReviews = schedules.filter(
          (s) => s.state === State.Review && s.due < endOfDay && !q.exclude?.has(s.cardId),
        );
        expect(reviews.length).toBe(
          Math.min(dueReviews.length, Math.max(0, q.maxReviewsPerDay - q.reviewedToday)),
        );
        const lastTaken = dues.at(-1) ?? Number.NEGATIVE_INFINITY;
        for (const s of dueReviews) if (s.due < lastTaken) expect(reviews).toContain(s.cardId);

        // Learning cards only when their minute has come, and then all of them.
        const learningNow = schedules.filter(
          (s) =>
            (s.state === State.Learning || s.state === State.Relearning) &&
            s.due <= NOW &&
            !q.exclude?.has(s.cardId),
        );
        expect(queue.filter((id) => kindOf(id) === 'learning').sort()).toEqual(
          learningNow.map((s) => s.cardId).sort(),
        );

        // New cards: the first eligible ones, in deck order.
        const eligible = q.newCards.filter((id) => !started(id) && !q.exclude?.has(id));
        expect(fresh).toEqual(eligible.slice(0, fresh.length));
        expect(fresh.length).toBe(Math.min(eligible.length, Math.max(0, q.newPerDay - q.newIntroducedToday)));

        // Home's counts describe this very queue.
        const counts = countsForToday(q);
        expect(counts.dueNow + counts.newLeft).toBe(queue.length);
        expect(counts.newLeft).toBe(fresh.length);

        // With learn ahead, they describe what Start review shows: the queue, or when it is empty
        // the learning cards within the limit, no longer counted as later.
        const shown = sessionCards(q, minutes);
        const ahead = countsForToday(q, minutes);
        expect(ahead.dueNow + ahead.newLeft).toBe(shown.length);
        expect(shown).toEqual(queue.length > 0 ? queue : learnAhead(q, minutes));
        expect(ahead.learningLater + ahead.dueNow).toBe(counts.learningLater + counts.dueNow);
      }),
      { numRuns: 500 },
    );
  });
});
