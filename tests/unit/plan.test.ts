// The interview plan for today: durations from the log, new-card pace, boosters within the budget.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildQueue,
  DEFAULT_SETTINGS,
  type FsrsState,
  KINDS,
  LEVELS,
  nextDayStart,
  type Review,
  type Schedule,
  State,
} from '../../src/domain';
import type { CoverableCard, Interview } from '../../src/domain/interview';
import {
  boostersForToday,
  DEFAULT_STUDY_DURATIONS,
  dayGrid,
  dayOf,
  newCardPace,
  type PlanInput,
  placeBoosters,
  sameDayReviews,
  studyDurations,
  todayPlan,
  withPlan,
} from '../../src/domain/plan';
import { forecastScheduler } from '../../src/domain/readiness';
import { DAY, HOUR, inTimeZone, MINUTE } from '../support/clock';

const NOW = Date.UTC(2026, 10, 2, 10, 0); // Monday 2 November 2026, 10:00 UTC; days start 04:00

inTimeZone('UTC');

const interview = (overrides: Partial<Interview> = {}): Interview => ({
  id: 'i1',
  name: 'Onsite',
  at: NOW + 7 * DAY,
  covers: {},
  dailyMinutes: 60,
  leadDays: 3,
  target: 0.9,
  createdAt: NOW - 10 * DAY,
  reachedReadiness: null,
  ...overrides,
});

const card = (id: string, extra: Partial<CoverableCard> = {}): CoverableCard => ({
  id,
  deckId: 'amazon-engineer',
  level: 'senior',
  kind: 'behavioral',
  tags: [],
  ...extra,
});

const reviewed = (
  cardId: string,
  stability: number,
  lastReview: number,
  due: number,
  state: FsrsState = 2,
): Schedule => ({
  cardId,
  due,
  stability,
  difficulty: 5,
  elapsedDays: 0,
  scheduledDays: Math.max(0, Math.round((due - lastReview) / DAY)),
  learningSteps: 0,
  reps: 3,
  lapses: 0,
  state,
  lastReview,
});

const timed = (
  state: FsrsState,
  durationMs: number,
  reviewedAt: number,
): Pick<Review, 'durationMs' | 'reviewedAt' | 'log'> => ({
  durationMs,
  reviewedAt,
  log: {
    state,
    due: 0,
    stability: 0,
    difficulty: 0,
    elapsedDays: 0,
    lastElapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
  },
});

const planInput = (overrides: Partial<PlanInput> = {}): PlanInput => ({
  cards: [],
  schedules: new Map(),
  interview: interview(),
  settings: DEFAULT_SETTINGS,
  now: NOW,
  todayQueue: [],
  durations: DEFAULT_STUDY_DURATIONS,
  ...overrides,
});

describe('studyDurations', () => {
  it('falls back to 3 min for a first review and 1.5 min for any other before the log has timings', () => {
    expect(studyDurations([])).toEqual({ firstReviewMs: 180_000, reviewMs: 90_000 });
    expect(studyDurations([timed(0, 0, NOW), timed(2, -5, NOW)])).toEqual(DEFAULT_STUDY_DURATIONS);
  });

  it('takes the median of recent first reviews (log state New) apart from the others', () => {
    const log = [
      timed(0, 200_000, NOW),
      timed(0, 100_000, NOW + 1),
      timed(0, 400_000, NOW + 2),
      timed(1, 20_000, NOW + 3),
      timed(2, 40_000, NOW + 4),
      timed(3, 60_000, NOW + 5),
      timed(2, 3_600_000, NOW + 6), // left open during a call: the median ignores it
    ];
    expect(studyDurations(log)).toEqual({ firstReviewMs: 200_000, reviewMs: 50_000 });
  });

  it('reads only the latest reviews of each sort', () => {
    const log = [timed(2, 10_000, NOW), timed(2, 30_000, NOW + 2), timed(2, 50_000, NOW + 1)];
    expect(studyDurations(log, 2).reviewMs).toBe(40_000);
  });
});

describe('the pieces of the plan', () => {
  it('paces new cards to be all introduced `lead` days before: ceil(remaining / (days − lead))', () => {
    expect(newCardPace(20, 7, 3)).toBe(5);
    expect(newCardPace(21, 7, 3)).toBe(6);
    expect(newCardPace(20, 3, 3)).toBe(20);
    expect(newCardPace(0, 7, 3)).toBe(0);
  });

  it('counts a new card’s same-day reviews: with steps 1m, 10m, Good skips to 10m, then graduates', () => {
    expect(sameDayReviews(forecastScheduler(DEFAULT_SETTINGS), NOW)).toBe(2);
  });

  it('lays out the study days from today to the one holding the interview', () => {
    const grid = dayGrid(NOW, NOW + 7 * DAY, 4);
    expect(grid.last).toBe(7);
    expect(grid.starts[0]).toBe(Date.UTC(2026, 10, 2, 4));
    expect(dayOf(grid, NOW)).toBe(0);
    expect(dayOf(grid, NOW + 7 * DAY)).toBe(7);
    expect(dayOf(grid, NOW - DAY)).toBe(-1);
    expect(dayOf(grid, NOW + 30 * DAY)).toBe(8);
    expect(dayGrid(NOW, NOW - HOUR, 4).last).toBe(-1);
  });

  it('places boosters on the latest day with room, so only what does not fit later lands today', () => {
    const c = (cardId: string, latestDay: number, gain: number) => ({
      cardId,
      latestDay,
      gain,
      baseline: 0.5,
    });
    const capacity = [2, 1, 1];
    const today = placeBoosters(
      [c('a', 2, 0.1), c('b', 2, 0.3), c('c', 2, 0.2), c('d', 0, 0.05), c('e', 1, 0.01)],
      capacity,
      1,
    );
    // b (best) takes day 2, c day 1, a today, d today (its latest day), e finds no room.
    expect(today.map((x) => x.cardId)).toEqual(['a', 'd']);
    expect(capacity).toEqual([0, 0, 0]);
  });
});

describe('todayPlan', () => {
  const newDeck = Array.from({ length: 20 }, (_, i) => card(`n${String(i).padStart(2, '0')}`));

  it('with no interview, adds nothing: the queue is the plan', () => {
    const plan = todayPlan(planInput({ cards: newDeck, interview: null, todayQueue: ['n00'] }));
    expect(plan.newCards).toEqual([]);
    expect(plan.boosters).toEqual([]);
    // One new card in the queue: its first review (3 min) and its 10-minute step (1.5 min).
    expect(plan.estimateMinutes).toBe(4.5);
    expect(plan.line).toBe('No interview to prepare: your queue is today’s plan.');
  });

  it('introduces covered new cards at the pace, counting those already in the queue', () => {
    // 20 new cards, 7 study days to go, lead 3: ceil(20 / 4) = 5 a day; 2 are already queued.
    const plan = todayPlan(planInput({ cards: newDeck, todayQueue: ['n00', 'n01'] }));
    expect(plan.newCards).toEqual(['n02', 'n03', 'n04']);
    expect(plan.boosters).toEqual([]);
    expect(plan.estimateMinutes).toBe(5 * 4.5);
    expect(plan.line).toBe('For Onsite: your queue plus 3 new cards today, about 23 minutes.');
  });

  it('never goes over the budget by the estimate', () => {
    const plan = todayPlan(planInput({ cards: newDeck, interview: interview({ dailyMinutes: 10 }) }));
    expect(plan.newCards).toEqual(['n00', 'n01']);
    expect(plan.estimateMinutes).toBe(9);
  });

  it('boosts weak cards on the last days before the interview, today only what does not fit there', () => {
    // Interview the day after tomorrow, 10:00; target above the desired retention so cards due after it are weak.
    const at = NOW + 2 * DAY;
    const weak = ['w1', 'w2', 'w3', 'w4', 'w5'];
    const schedules = new Map<string, Schedule>(
      weak.map((id, i) => [id, reviewed(id, 4 + i, NOW - 2 * DAY, NOW + (5 + i) * DAY)]),
    );
    schedules.set('strong', reviewed('strong', 300, NOW - DAY, NOW + 200 * DAY));
    const input = planInput({
      cards: [...weak, 'strong'].map((id) => card(id)),
      schedules,
      interview: interview({ at, target: 0.97, dailyMinutes: 3 }),
    });
    const plan = todayPlan(input);
    // 3 minutes = 2 reviews a day: the two weakest (largest gain) take tomorrow, the next two today.
    expect(plan.boosters).toEqual(['w3', 'w4']);
    expect(plan.estimateMinutes).toBe(3);
    expect(plan.line).toBe('For Onsite: your queue plus 2 boosters today, about 3 minutes.');
    expect(boostersForToday(input)).toEqual(['w3', 'w4']);
  });

  it('leaves no booster to the interview’s own day: weak cards due after it are boosted by the day before (cards stood at 89% on its eve)', () => {
    const weak = ['w1', 'w2', 'w3', 'w4', 'w5'];
    const schedules = new Map<string, Schedule>(
      weak.map((id, i) => [id, reviewed(id, 4 + i, NOW - 2 * DAY, NOW + (5 + i) * DAY)]),
    );
    const input = (at: number) =>
      planInput({
        cards: weak.map((id) => card(id)),
        schedules,
        interview: interview({ at, target: 0.97, dailyMinutes: 3 }),
      });
    // Interview tomorrow 10:00: today is the eve, so the two largest gains come today, not at 04:00 tomorrow.
    expect(todayPlan(input(NOW + DAY)).boosters).toEqual(['w1', 'w2']);
    // On the interview's day itself (17:00 today), nothing earlier is left: today takes them.
    expect(todayPlan(input(NOW + 7 * HOUR)).boosters).toEqual(['w1', 'w2']);
  });

  it('made again later the same day, counts what was studied: no second day of new cards', () => {
    const first = todayPlan(planInput({ cards: newDeck }));
    expect(first.newCards).toEqual(['n00', 'n01', 'n02', 'n03', 'n04']);
    // All five studied (first review, then the 10-minute step still to come) and a review card done.
    const schedules = new Map<string, Schedule>(
      first.newCards.map((id) => [id, reviewed(id, 2, NOW, NOW + 10 * MINUTE, State.Learning)]),
    );
    schedules.set('r1', reviewed('r1', 3, NOW - HOUR, NOW + DAY));
    const studiedToday = [
      ...first.newCards.map((cardId) => ({ cardId, firstReview: true })),
      { cardId: 'r1', firstReview: false },
    ];
    const later = planInput({
      cards: [...newDeck, card('r1')],
      schedules,
      studiedToday,
      now: NOW + 15 * MINUTE,
      // The learning steps are back: their time was counted with the first reviews.
      todayQueue: first.newCards,
    });
    const again = todayPlan(later);
    expect(again.newCards).toEqual([]);
    expect(again.estimateMinutes).toBe(5 * 4.5 + 1.5);
    // Without knowing the day so far, the same moment would look like a fresh day.
    expect(todayPlan({ ...later, studiedToday: [] }).newCards).toEqual(['n05', 'n06', 'n07', 'n08']);
  });

  it('never boosts a card twice in a day: one studied today is left out', () => {
    // Reviewed an hour ago; at the interview this afternoon its recall is under a 99% target.
    const schedules = new Map([['r1', reviewed('r1', 2, NOW - HOUR, NOW + 5 * DAY)]]);
    const input = planInput({
      cards: [card('r1')],
      schedules,
      interview: interview({ at: NOW + 5 * HOUR, target: 0.99 }),
    });
    expect(todayPlan(input).boosters).toEqual(['r1']);
    expect(todayPlan({ ...input, studiedToday: [{ cardId: 'r1', firstReview: false }] }).boosters).toEqual(
      [],
    );
  });

  it('plans nothing once the interview has passed', () => {
    const plan = todayPlan(planInput({ cards: newDeck, interview: interview({ at: NOW - HOUR }) }));
    expect(plan.newCards).toEqual([]);
    expect(plan.boosters).toEqual([]);
    expect(plan.line).toBe('Onsite has passed: your queue is today’s plan.');
  });

  it('merges into the queue after it, never twice', () => {
    expect(withPlan(['a', 'b'], { newCards: ['c', 'a'], boosters: ['d', 'c'] })).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });
});

describe('todayPlan properties', () => {
  const arbitraryDay = fc.record({
    cards: fc.array(
      fc.record({
        level: fc.constantFrom(...LEVELS),
        kind: fc.constantFrom(...KINDS),
        state: fc.constantFrom<FsrsState>(0, 0, 1, 2, 2, 2, 3),
        // Unbiased whole hours and tenths: fast-check otherwise crowds numbers near 0 and the bounds,
        // where every card would be due today and no booster could ever be placed.
        stabilityTenths: fc.noBias(fc.integer({ min: 2, max: 1000 })),
        lastReviewHoursAgo: fc.noBias(fc.integer({ min: 0, max: 60 * 24 })),
        dueInHours: fc.noBias(fc.integer({ min: -5 * 24, max: 60 * 24 })),
      }),
      { minLength: 5, maxLength: 40 },
    ),
    // Often within three days, where boosters have few days left and land today.
    interviewInHours: fc.oneof(
      { arbitrary: fc.noBias(fc.integer({ min: 1, max: 48 })), weight: 3 },
      { arbitrary: fc.noBias(fc.integer({ min: -24, max: 30 * 24 })), weight: 1 },
    ),
    dailyMinutes: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 60 })),
    leadDays: fc.integer({ min: 0, max: 5 }),
    targetPercent: fc.noBias(fc.integer({ min: 80, max: 99 })),
    levels: fc.subarray([...LEVELS]),
    newPerDay: fc.integer({ min: 0, max: 10 }),
    maxReviewsPerDay: fc.integer({ min: 0, max: 30 }),
    // Reviews already made today (a plan made again later in the day).
    studied: fc.array(fc.record({ index: fc.nat(), firstReview: fc.boolean() }), { maxLength: 6 }),
  });

  type Day = typeof arbitraryDay extends fc.Arbitrary<infer V> ? V : never;

  const build = (day: Day) => {
    const cards = day.cards.map((c, i) => card(`c${i}`, { level: c.level, kind: c.kind }));
    const schedules = new Map<string, Schedule>();
    day.cards.forEach((c, i) => {
      if (c.state === State.New) return;
      const lastReview = NOW - c.lastReviewHoursAgo * HOUR;
      const due = Math.max(lastReview, NOW + c.dueInHours * HOUR);
      schedules.set(`c${i}`, reviewed(`c${i}`, c.stabilityTenths / 10, lastReview, due, c.state));
    });
    const settings = {
      ...DEFAULT_SETTINGS,
      newPerDay: day.newPerDay,
      maxReviewsPerDay: day.maxReviewsPerDay,
    };
    const todayQueue = buildQueue({
      now: NOW,
      dayStartHour: settings.dayStartHour,
      newPerDay: settings.newPerDay,
      maxReviewsPerDay: settings.maxReviewsPerDay,
      reviewedToday: 0,
      newIntroducedToday: 0,
      schedules: schedules.values(),
      newCards: cards.filter((c) => !schedules.has(c.id)).map((c) => c.id),
    });
    const i = interview({
      at: NOW + day.interviewInHours * HOUR,
      dailyMinutes: day.dailyMinutes,
      leadDays: day.leadDays,
      target: day.targetPercent / 100,
      covers: { levels: day.levels },
    });
    const studiedToday = day.studied.map((r) => ({
      cardId: `c${r.index % cards.length}`,
      firstReview: r.firstReview,
    }));
    return planInput({ cards, schedules, settings, todayQueue, interview: i, studiedToday });
  };

  it('never adds a card twice nor one already in the queue; boosters only ever come earlier than their due', () => {
    let withBoosters = 0;
    let withNewCards = 0;
    fc.assert(
      fc.property(arbitraryDay, (day) => {
        const input = build(day);
        const plan = todayPlan(input);
        const added = [...plan.newCards, ...plan.boosters];
        expect(new Set(added).size).toBe(added.length);
        for (const id of added) expect(input.todayQueue).not.toContain(id);
        const endOfToday = nextDayStart(NOW, DEFAULT_SETTINGS.dayStartHour);
        for (const id of plan.boosters) {
          const s = input.schedules.get(id);
          expect(s?.state).toBe(2);
          expect(s?.due).toBeGreaterThanOrEqual(endOfToday);
        }
        for (const id of plan.newCards) expect(input.schedules.has(id)).toBe(false);
        for (const r of input.studiedToday ?? []) expect(plan.boosters).not.toContain(r.cardId);
        // The queue itself is untouched: first, in its order, nothing removed or postponed.
        expect(withPlan(input.todayQueue, plan).slice(0, input.todayQueue.length)).toEqual(input.todayQueue);
        if (plan.boosters.length > 0) withBoosters += 1;
        if (plan.newCards.length > 0) withNewCards += 1;
      }),
      { numRuns: 150 },
    );
    // The generated days do exercise both (about one in ten has boosters).
    expect(withBoosters).toBeGreaterThan(0);
    expect(withNewCards).toBeGreaterThan(0);
  });

  it("never exceeds the day's budget by the estimate (the queue's own time counts first)", () => {
    fc.assert(
      fc.property(arbitraryDay, (day) => {
        const input = build(day);
        const plan = todayPlan(input);
        const queueOnly = todayPlan({ ...input, interview: null }).estimateMinutes;
        const budget = input.interview?.dailyMinutes ?? 0;
        expect(plan.estimateMinutes - queueOnly).toBeLessThanOrEqual(Math.max(0, budget - queueOnly) + 1e-9);
      }),
      { numRuns: 150 },
    );
  });

  it("with no interview, today's queue is exactly the queue", () => {
    fc.assert(
      fc.property(arbitraryDay, (day) => {
        const input = { ...build(day), interview: null };
        expect(withPlan(input.todayQueue, todayPlan(input))).toEqual(input.todayQueue);
        expect(boostersForToday(input)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
