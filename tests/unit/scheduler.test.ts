// The scheduler over ts-fsrs: intervals on the grade buttons, grading, and replay of the review log.
import fc from 'fast-check';
import { createEmptyCard } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  formatInterval,
  GRADES,
  newCardSchedule,
  Rating,
  type Schedule,
  type SchedulingSettings,
  State,
  ValidationError,
} from '../../src/domain';
import { createScheduler, type Scheduler } from '../../src/domain/scheduler';
import { DAY, MINUTE } from '../support/clock';

const T0 = Date.UTC(2025, 0, 6, 9, 0); // a fixed clock: Monday 6 January 2025, 09:00 UTC

const settings = (overrides: Partial<SchedulingSettings> = {}): SchedulingSettings => ({
  ...DEFAULT_SETTINGS,
  ...overrides,
});

/** New → Good → Good 10 minutes later: graduates to a review card (state 2). */
function reviewCard(s: Scheduler, at = T0): Schedule {
  const learning = s.grade(s.newSchedule('amazon-engineer/1.1', at), Rating.Good, at).schedule;
  return s.grade(learning, Rating.Good, at + 10 * MINUTE).schedule;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('newSchedule', () => {
  it('is a new card available at once, with no history', () => {
    const s = createScheduler(DEFAULT_SETTINGS).newSchedule('deck/1.1', T0);
    expect(s).toMatchObject({
      cardId: 'deck/1.1',
      state: State.New,
      due: T0,
      reps: 0,
      lapses: 0,
      lastReview: null,
    });
  });

  it("is exactly ts-fsrs's empty card, so seeding a deck needs no scheduler (newCardSchedule)", () => {
    const empty = createEmptyCard(new Date(T0));
    expect(newCardSchedule('deck/1.1', T0)).toEqual({
      cardId: 'deck/1.1',
      due: empty.due.getTime(),
      stability: empty.stability,
      difficulty: empty.difficulty,
      elapsedDays: empty.elapsed_days,
      scheduledDays: empty.scheduled_days,
      learningSteps: empty.learning_steps,
      reps: empty.reps,
      lapses: empty.lapses,
      state: empty.state,
      lastReview: empty.last_review ?? null,
    });
  });
});

describe('preview', () => {
  it('shows the default learning steps on a new card: Again 1m, Hard 6m, Good 10m, Easy in days', () => {
    const s = createScheduler(DEFAULT_SETTINGS);
    const p = s.preview(s.newSchedule('c', T0), T0);
    expect(p[Rating.Again]).toMatchObject({ intervalMs: MINUTE, label: '1m' });
    expect(p[Rating.Hard]).toMatchObject({ intervalMs: 6 * MINUTE, label: '6m' });
    expect(p[Rating.Good]).toMatchObject({ intervalMs: 10 * MINUTE, label: '10m' });
    expect(p[Rating.Again].schedule.state).toBe(State.Learning);
    expect(p[Rating.Easy].schedule.state).toBe(State.Review);
    expect(p[Rating.Easy].intervalMs).toBeGreaterThanOrEqual(DAY);
  });

  it('gives a review card strictly increasing intervals, Again < Hard < Good < Easy', () => {
    const s = createScheduler(DEFAULT_SETTINGS);
    const card = reviewCard(s);
    const p = s.preview(card, card.due);
    expect(p[Rating.Again].intervalMs).toBeLessThan(p[Rating.Hard].intervalMs);
    expect(p[Rating.Hard].intervalMs).toBeLessThan(p[Rating.Good].intervalMs);
    expect(p[Rating.Good].intervalMs).toBeLessThan(p[Rating.Easy].intervalMs);
    // Again on a review card is a lapse: back to the 10-minute relearning step.
    expect(p[Rating.Again]).toMatchObject({ intervalMs: 10 * MINUTE, label: '10m' });
    expect(p[Rating.Again].schedule).toMatchObject({ state: State.Relearning, lapses: 1 });
  });

  it('measures the interval from now, so an overdue card shows its real next gap', () => {
    const s = createScheduler(settings({ enableFuzz: false }));
    const card = reviewCard(s);
    const late = card.due + 3 * DAY;
    const good = s.preview(card, late)[Rating.Good];
    expect(good.intervalMs).toBe(good.schedule.due - late);
    expect(good.label).toBe(formatInterval(good.schedule.due - late));
  });

  it('gives shorter intervals when the desired retention is higher', () => {
    const base = reviewCard(createScheduler(DEFAULT_SETTINGS));
    const goodDays = (desiredRetention: number) =>
      createScheduler(settings({ desiredRetention, enableFuzz: false })).preview(base, base.due)[Rating.Good]
        .intervalMs;
    expect(goodDays(0.95)).toBeLessThan(goodDays(0.9));
    expect(goodDays(0.9)).toBeLessThan(goodDays(0.8));
  });

  it('caps intervals at the maximum, Good and Easy only a day or two past it to keep them apart', () => {
    const capped = createScheduler(settings({ maximumIntervalDays: 10, enableFuzz: false }));
    const free = createScheduler(settings({ enableFuzz: false }));
    let card = reviewCard(free);
    card = free.grade(card, Rating.Good, card.due).schedule;
    expect(free.preview(card, card.due)[Rating.Hard].intervalMs).toBeGreaterThan(10 * DAY);
    const p = capped.preview(card, card.due);
    expect(p[Rating.Hard].intervalMs).toBe(10 * DAY);
    expect(p[Rating.Good].intervalMs).toBe(11 * DAY);
    expect(p[Rating.Easy].intervalMs).toBe(12 * DAY);
  });

  it('uses the configured steps, in minutes, hours or days', () => {
    const s = createScheduler(settings({ learningSteps: ['5m', '2h'], relearningSteps: ['1h'] }));
    const p = s.preview(s.newSchedule('c', T0), T0);
    expect(p[Rating.Again].label).toBe('5m');
    expect(p[Rating.Good].label).toBe('2h');
    const card = reviewCard(s);
    expect(s.preview(card, card.due)[Rating.Again].label).toBe('1h');
  });

  it('spreads cards with fuzz on, and repeats the same spread for the same card and time', () => {
    const fuzzy = createScheduler(DEFAULT_SETTINGS);
    const plain = createScheduler(settings({ enableFuzz: false }));
    const card = reviewCard(fuzzy);
    const goodAt = (s: Scheduler, offsetMs: number) =>
      s.preview(card, card.due + offsetMs)[Rating.Good].intervalMs;
    const offsets = Array.from({ length: 20 }, (_, i) => i * 1000);
    expect(new Set(offsets.map((o) => goodAt(fuzzy, o))).size).toBeGreaterThan(1);
    expect(new Set(offsets.map((o) => goodAt(plain, o))).size).toBe(1);
    expect(offsets.map((o) => goodAt(fuzzy, o))).toEqual(offsets.map((o) => goodAt(fuzzy, o)));
  });
});

describe('grade', () => {
  it('gives the schedule its preview promised, and logs the state before the review', () => {
    const s = createScheduler(DEFAULT_SETTINGS);
    const card = reviewCard(s);
    const now = card.due + DAY;
    for (const rating of GRADES) {
      const { schedule, log } = s.grade(card, rating, now);
      expect(schedule).toEqual(s.preview(card, now)[rating].schedule);
      expect(schedule.lastReview).toBe(now);
      expect(schedule.reps).toBe(card.reps + 1);
      expect(log).toMatchObject({
        state: card.state,
        stability: card.stability,
        difficulty: card.difficulty,
        scheduledDays: card.scheduledDays,
      });
    }
  });

  it('treats a clock that went backwards as no time passed instead of failing', () => {
    const s = createScheduler(DEFAULT_SETTINGS);
    const card = reviewCard(s);
    const { schedule } = s.grade(card, Rating.Good, (card.lastReview ?? T0) - 5 * DAY);
    expect(Number.isFinite(schedule.stability)).toBe(true);
    expect(schedule.due).toBeGreaterThan(card.lastReview ?? T0);
  });
});

describe('memoryAfter', () => {
  it('leaves exactly the stability and last review of the preview, in every state and time zone', () => {
    const settings = [DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, dayStartHour: 0, desiredRetention: 0.8 }];
    const previous = process.env.TZ;
    try {
      fc.assert(
        fc.property(
          fc.constantFrom('UTC', 'America/Los_Angeles', 'Asia/Kolkata'),
          fc.constantFrom(...settings),
          fc.array(
            fc.record({
              rating: fc.constantFrom(...GRADES),
              gapMs: fc.oneof(
                fc.integer({ min: 0, max: 20 * MINUTE }),
                fc.integer({ min: 1, max: 90 * DAY }),
              ),
            }),
            { maxLength: 8 },
          ),
          fc.oneof(fc.integer({ min: -DAY, max: 20 * MINUTE }), fc.integer({ min: 0, max: 200 * DAY })),
          fc.constantFrom(...GRADES),
          (zone, given, history, later, rating) => {
            process.env.TZ = zone;
            const s = createScheduler(given);
            let t = T0;
            let schedule = s.newSchedule('deck/1.1', T0);
            for (const step of history) {
              t += step.gapMs;
              schedule = s.grade(schedule, step.rating, t).schedule;
            }
            const at = t + later;
            const { stability, lastReview } = s.preview(schedule, at)[rating].schedule;
            expect(s.memoryAfter(schedule, rating, at)).toEqual({ stability, lastReview });
          },
        ),
        { numRuns: 400 },
      );
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });
});

describe('replay', () => {
  const reviewsArb = fc.array(
    fc.record({
      rating: fc.constantFrom(...GRADES),
      // From seconds (several grades inside one learning step) to months between reviews.
      gapMs: fc.oneof(fc.integer({ min: 1, max: 20 * MINUTE }), fc.integer({ min: 1, max: 120 * DAY })),
      // Where this review lands when the log arrives out of order (e.g. merged from two devices).
      arrival: fc.nat(),
    }),
    { minLength: 1, maxLength: 25 },
  );

  it('reaches exactly the state of grading step by step, with fuzz on', () => {
    const s = createScheduler(DEFAULT_SETTINGS);
    fc.assert(
      fc.property(reviewsArb, fc.integer({ min: 0, max: 30 * DAY }), (steps, createdBefore) => {
        let t = T0;
        let stepwise = s.newSchedule('deck/2.3', T0 - createdBefore);
        const reviews = steps.map(({ rating, gapMs, arrival }) => {
          t += gapMs;
          stepwise = s.grade(stepwise, rating, t).schedule;
          return { rating, reviewedAt: t, arrival };
        });
        const shuffled = [...reviews].sort((a, b) => a.arrival - b.arrival);
        expect(s.replay('deck/2.3', reviews)).toEqual(stepwise);
        expect(s.replay('deck/2.3', shuffled)).toEqual(stepwise);
      }),
      { numRuns: 300 },
    );
  });

  it('applies reviews made at the same instant in the order given', () => {
    const s = createScheduler(DEFAULT_SETTINGS);
    const againThenEasy = s.replay('c', [
      { rating: Rating.Again, reviewedAt: T0 },
      { rating: Rating.Easy, reviewedAt: T0 },
    ]);
    const easyThenAgain = s.replay('c', [
      { rating: Rating.Easy, reviewedAt: T0 },
      { rating: Rating.Again, reviewedAt: T0 },
    ]);
    expect(againThenEasy.state).toBe(State.Review);
    expect(easyThenAgain.state).toBe(State.Relearning);
  });

  it('gives a new card when there are no reviews (undoing the only grade)', () => {
    const s = createScheduler(DEFAULT_SETTINGS);
    expect(s.replay('c', [])).toMatchObject({ cardId: 'c', state: State.New, reps: 0, lastReview: null });
  });
});

describe('createScheduler', () => {
  it('rejects settings it cannot schedule with, naming each field', () => {
    const attempt = () =>
      createScheduler(
        settings({ desiredRetention: 0.5, learningSteps: ['1m', 'ten minutes'], relearningSteps: ['0m'] }),
      );
    const error = thrown(attempt);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems.map((p) => p.field)).toEqual([
      'desiredRetention',
      'learningSteps',
      'relearningSteps',
    ]);
  });

  it('accepts the edges of the retention range', () => {
    expect(() => createScheduler(settings({ desiredRetention: 0.7 }))).not.toThrow();
    expect(() => createScheduler(settings({ desiredRetention: 0.97 }))).not.toThrow();
    expect(() => createScheduler(settings({ desiredRetention: 0.98 }))).toThrow(ValidationError);
  });
});

describe('formatInterval', () => {
  it.each([
    [59_000, '<1m'],
    [MINUTE, '1m'],
    [10 * MINUTE, '10m'],
    [59.6 * MINUTE, '1h'],
    [90 * MINUTE, '2h'],
    [23 * 60 * MINUTE, '23h'],
    [23.6 * 60 * MINUTE, '1d'],
    [4 * DAY, '4d'],
    [29 * DAY, '29d'],
    [30 * DAY, '1mo'],
    [45 * DAY, '1.5mo'],
    [364 * DAY, '12mo'],
    [365 * DAY, '1y'],
    [840 * DAY, '2.3y'],
  ])('%d ms reads %s', (ms, label) => {
    expect(formatInterval(ms)).toBe(label);
  });
});
