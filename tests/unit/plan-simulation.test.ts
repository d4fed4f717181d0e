// Plan simulation: stepping day by day to the interview, checked against grading through the scheduler.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Grade, KINDS, LEVELS, type Schedule } from '../../src/domain';
import type { CoverableCard, Interview } from '../../src/domain/interview';
import {
  forecastSentence,
  minutesNeeded,
  relearningReviews,
  type SimulationInput,
  seededRandom,
  simulatePlan,
} from '../../src/domain/plan-simulation';
import { defaultForgettingCurve, forecastScheduler, recallAt } from '../../src/domain/readiness';
import { createScheduler } from '../../src/domain/scheduler';
import { DAY, inTimeZone, MINUTE } from '../support/clock';

const NOW = Date.UTC(2026, 10, 2, 10, 0); // Monday 2 November 2026, 10:00 UTC; days start 04:00

inTimeZone('UTC');

const interview = (overrides: Partial<Interview> = {}): Interview => ({
  id: 'i1',
  name: 'Onsite',
  at: NOW + 20 * DAY,
  covers: {},
  dailyMinutes: 20,
  leadDays: 3,
  target: 0.9,
  createdAt: NOW - 10 * DAY,
  reachedReadiness: null,
  ...overrides,
});

/** A deck of `size` cards, the first `studied` of them with a history graded by a seeded hand. */
function deck(size: number, studied: number, seed: number) {
  const scheduler = createScheduler(DEFAULT_SETTINGS);
  const random = seededRandom(seed);
  const cards: CoverableCard[] = [];
  const schedules = new Map<string, Schedule>();
  for (let i = 0; i < size; i++) {
    const id = `amazon-engineer/${i}`;
    cards.push({
      id,
      deckId: 'amazon-engineer',
      level: LEVELS[i % 5] ?? 'mid',
      kind: KINDS[i % 4] ?? 'judgement',
      tags: [],
    });
    if (i >= studied) continue;
    let at = NOW - 30 * DAY + Math.floor(random() * 25) * DAY;
    let schedule = scheduler.newSchedule(id, at);
    while (at < NOW) {
      const rating: Grade = random() < 0.85 ? 3 : 1;
      schedule = scheduler.grade(schedule, rating, at).schedule;
      at = Math.max(schedule.due, at + MINUTE);
    }
    schedules.set(id, schedule);
  }
  return { cards, schedules };
}

const input = (overrides: Partial<SimulationInput> = {}): SimulationInput => ({
  ...deck(40, 25, 7),
  interview: interview(),
  settings: DEFAULT_SETTINGS,
  now: NOW,
  dailyMinutes: 20,
  mode: 'expected',
  ...overrides,
});

/** Grades every review the simulation made as Good through the scheduler, then reads recall at T. */
function gradedGood(sim: ReturnType<typeof simulatePlan>, given: SimulationInput): number {
  const scheduler = createScheduler(given.settings);
  const schedules = new Map(given.schedules);
  for (const r of sim.reviews) {
    const schedule = schedules.get(r.cardId) ?? scheduler.newSchedule(r.cardId, r.at);
    schedules.set(r.cardId, scheduler.grade(schedule, 3, r.at).schedule);
  }
  let sum = 0;
  for (const card of given.cards)
    sum += recallAt(schedules.get(card.id), given.interview.at, defaultForgettingCurve);
  return (100 * sum) / given.cards.length;
}

describe('simulatePlan', () => {
  it('told every review succeeds, predicts what grading those reviews Good through the scheduler gives', () => {
    const given = input({ alwaysRecalled: true });
    const sim = simulatePlan(given);
    expect(sim.reviews.length).toBeGreaterThan(40);
    expect(sim.reviews.every((r) => r.rating === 3)).toBe(true);
    expect(Math.abs(sim.percent - gradedGood(sim, given))).toBeLessThan(1);
  });

  it('the same holds for any deck, budget and interview', () => {
    fc.assert(
      fc.property(
        fc.noBias(fc.integer({ min: 1, max: 30 })),
        fc.noBias(fc.integer({ min: 0, max: 20 })),
        fc.noBias(fc.integer({ min: 1, max: 40 * 24 })),
        fc.noBias(fc.integer({ min: 0, max: 40 })),
        fc.integer(),
        (size, studied, hours, minutes, seed) => {
          const given = input({
            ...deck(size, Math.min(size, studied), seed),
            interview: interview({ at: NOW + hours * 60 * MINUTE }),
            dailyMinutes: minutes,
            alwaysRecalled: true,
          });
          const sim = simulatePlan(given);
          expect(Math.abs(sim.percent - gradedGood(sim, given))).toBeLessThan(1);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('for a fixed log and seed always gives the same answer, in both modes', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom<'expected' | 'monte-carlo'>('expected', 'monte-carlo'),
        (seed, mode) => {
          const given = input({ mode, seed, dailyMinutes: 30 });
          expect(simulatePlan(given)).toEqual(simulatePlan(given));
        },
      ),
      { numRuns: 10 },
    );
  });

  it('Monte Carlo draws outcomes from the seed: Again happens, and another seed follows another path', () => {
    const a = simulatePlan(input({ mode: 'monte-carlo', seed: 1, dailyMinutes: 40 }));
    const b = simulatePlan(input({ mode: 'monte-carlo', seed: 2, dailyMinutes: 40 }));
    expect(a.reviews.some((r) => r.rating === 1)).toBe(true);
    expect(a.reviews).not.toEqual(b.reviews);
  });

  it('expecting lapses predicts less than assuming every review succeeds', () => {
    const expected = simulatePlan(input({ dailyMinutes: 30 })).percent;
    const perfect = simulatePlan(input({ dailyMinutes: 30, alwaysRecalled: true })).percent;
    expect(expected).toBeLessThan(perfect);
    expect(expected).toBeGreaterThan(0);
  });

  it('never studies more in a day than the budget, and more time a day does not predict less', () => {
    let previous = -1;
    for (const minutes of [0, 5, 15, 30, 60, 120]) {
      const sim = simulatePlan(input({ dailyMinutes: minutes }));
      for (const day of sim.days) expect(day.minutes).toBeLessThanOrEqual(minutes);
      expect(sim.percent).toBeGreaterThanOrEqual(previous - 1e-9);
      previous = sim.percent;
    }
  });

  it('with time enough, introduces every covered new card at least `leadDays` before the interview', () => {
    const given = input({ dailyMinutes: 120, interview: interview({ leadDays: 3 }) });
    const sim = simulatePlan(given);
    const newIds = given.cards.filter((c) => !given.schedules.has(c.id)).map((c) => c.id);
    const firsts = newIds.map(
      (id) => sim.reviews.find((r) => r.cardId === id)?.at ?? Number.POSITIVE_INFINITY,
    );
    // The interview is on day 20 (counting today as 0): every first review by the end of day 16.
    const endOfDay16 = Date.UTC(2026, 10, 19, 4);
    for (const at of firsts) expect(at).toBeLessThan(endOfDay16);
    expect(sim.days.map((d) => d.newCards).reduce((a, b) => a + b, 0)).toBe(newIds.length);
  });

  it('offers boosters when the target is above the desired retention and time is left', () => {
    const sim = simulatePlan(input({ dailyMinutes: 60, interview: interview({ target: 0.97 }) }));
    expect(sim.days.some((d) => d.boosters > 0)).toBe(true);
    const without = simulatePlan(input({ dailyMinutes: 60, interview: interview({ target: 0.5 }) }));
    expect(without.days.every((d) => d.boosters === 0)).toBe(true);
    expect(sim.percent).toBeGreaterThan(without.percent);
  });

  it('charges a lapse its relearning reviews: one with the default relearning step 10m', () => {
    expect(relearningReviews(forecastScheduler(DEFAULT_SETTINGS), NOW)).toBe(1);
    expect(relearningReviews(forecastScheduler({ ...DEFAULT_SETTINGS, relearningSteps: [] }), NOW)).toBe(0);
  });

  it('a passed interview simulates nothing', () => {
    const sim = simulatePlan(input({ interview: interview({ at: NOW - DAY }) }));
    expect(sim.days).toEqual([]);
    expect(sim.reviews).toEqual([]);
  });
});

describe('minutesNeeded and the forecast sentence', () => {
  it('finds the smallest 5-minute budget that reaches the target', () => {
    const given = input();
    const needed = minutesNeeded(given, 80);
    expect(needed).not.toBeNull();
    const minutes = needed ?? 0;
    expect(minutes % 5).toBe(0);
    expect(simulatePlan({ ...given, dailyMinutes: minutes }).percent).toBeGreaterThanOrEqual(80);
    if (minutes > 5) expect(simulatePlan({ ...given, dailyMinutes: minutes - 5 }).percent).toBeLessThan(80);
  });

  it('is null when even 180 minutes a day do not reach it', () => {
    expect(minutesNeeded(input(), 100.5)).toBeNull();
  });

  it('says what the budget reaches and what the target needs, with dates formatted by the caller', () => {
    const format = () => 'Dec 15';
    const base = { dailyMinutes: 20, reachedPercent: 84.4, interviewAt: NOW, target: 0.9 };
    expect(forecastSentence({ ...base, minutesForTarget: 35 }, format)).toBe(
      'At 20 min a day you reach about 84% by Dec 15; 35 min a day reaches 90%.',
    );
    expect(forecastSentence({ ...base, minutesForTarget: null }, format)).toBe(
      'At 20 min a day you reach about 84% by Dec 15; even 180 min a day does not reach 90%.',
    );
    expect(forecastSentence({ ...base, reachedPercent: 91.2, minutesForTarget: 15 }, format)).toBe(
      'At 20 min a day you reach about 91% by Dec 15.',
    );
  });
});
