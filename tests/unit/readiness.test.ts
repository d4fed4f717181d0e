// Interview readiness: coverage, predicted recall at the interview against hand-worked FSRS values, and the trend.
import { describe, expect, it } from 'vitest';
import {
  type Card,
  DEFAULT_SETTINGS,
  type Grade,
  type Kind,
  type Level,
  Rating,
  type Schedule,
  State,
} from '../../src/domain';
import { type CoverableCard, covers, type Interview, settleInterview } from '../../src/domain/interview';
import {
  defaultForgettingCurve,
  forecastScheduler,
  powerForgettingCurve,
  predictedRecall,
  readiness,
  readinessTrend,
  recallAt,
} from '../../src/domain/readiness';
import { createScheduler, retrievability } from '../../src/domain/scheduler';
import { DAY, inTimeZone, MINUTE } from '../support/clock';

const NOW = Date.UTC(2026, 10, 2, 10, 0); // Monday 2 November 2026, 10:00 UTC
const T = Date.UTC(2026, 10, 30, 9, 0); // the interview: Monday 30 November, 09:00 UTC

inTimeZone('UTC');

const interview = (overrides: Partial<Interview> = {}): Interview => ({
  id: 'i1',
  name: 'Onsite',
  at: T,
  covers: {},
  dailyMinutes: 20,
  leadDays: 3,
  target: 0.9,
  createdAt: NOW - 10 * DAY,
  reachedReadiness: null,
  ...overrides,
});

const card = (
  id: string,
  level: Level = 'senior',
  kind: Kind = 'behavioral',
  extra: Partial<Card> = {},
): CoverableCard => ({
  id,
  deckId: 'amazon-engineer',
  level,
  kind,
  tags: [],
  ...extra,
});

/** A review card as FSRS leaves it: stability S, last reviewed at `lastReview`, due at `due`. */
const reviewed = (cardId: string, stability: number, lastReview: number, due: number): Schedule => ({
  cardId,
  due,
  stability,
  difficulty: 5,
  elapsedDays: 0,
  scheduledDays: Math.round((due - lastReview) / DAY),
  learningSteps: 0,
  reps: 3,
  lapses: 0,
  state: State.Review,
  lastReview,
});

/*
 * FSRS-6's forgetting curve with the default decay 0.1542:
 *   factor = 0.9^(−1/0.1542) − 1 = e^(0.1053605 / 0.1542) − 1 = e^0.6832718 − 1 = 0.9803465
 *   R(t, S) = (1 + factor·t/S)^(−0.1542)
 */
const DECAY = 0.1542;
const FACTOR = 0.9803465;

describe('the forgetting curve', () => {
  it('works out by hand from the formula', () => {
    const r = powerForgettingCurve(DECAY);
    expect(0.9 ** (-1 / DECAY) - 1).toBeCloseTo(FACTOR, 6);
    // t = S: 1 + factor = 0.9^(−1/decay), so R = 0.9 for any decay.
    expect(r(10, 10)).toBeCloseTo(0.9, 10);
    // t = 20, S = 5: 1 + 4·0.9803465 = 4.921386; ln 4.921386 = 1.593590; × −0.1542 = −0.245732; e^… = 0.782132
    expect(r(20, 5)).toBeCloseTo(0.782132, 6);
    // t = 3, S = 30: 1 + 0.1·0.9803465 = 1.0980346; ln = 0.0935219; × −0.1542 = −0.0144211; e^… = 0.985682
    expect(r(3, 30)).toBeCloseTo(0.985682, 6);
    expect(r(0, 5)).toBe(1);
  });

  it("the default is the scheduler's own curve: ts-fsrs's FSRS-6 default decay, at whole and fractional days", () => {
    const r = powerForgettingCurve(DECAY);
    for (const [t, s] of [
      [20, 5],
      [3.7, 2.1],
      [0.25, 0.4],
      [400, 12],
    ] as const) {
      expect(defaultForgettingCurve(t, s)).toBeCloseTo(r(t, s), 7);
    }
    const schedule = reviewed('c', 5, NOW, NOW + 5 * DAY);
    expect(defaultForgettingCurve(20, 5)).toBeCloseTo(retrievability(schedule, NOW + 20 * DAY) ?? 0, 7);
  });

  it('counts elapsed time in fractional days, since the interview has a time of day', () => {
    const schedule = reviewed('c', 5, NOW, NOW + 5 * DAY);
    const r = powerForgettingCurve(DECAY);
    expect(recallAt(schedule, NOW + 2.5 * DAY, r)).toBeCloseTo(r(2.5, 5), 12);
    expect(recallAt(schedule, NOW - DAY, r)).toBe(1);
  });
});

describe('covers', () => {
  it('covers everything when no filter is set, or every filter is empty', () => {
    expect(covers(interview(), card('a'))).toBe(true);
    expect(covers(interview({ covers: { deckIds: [], levels: [], kinds: [], tags: [] } }), card('a'))).toBe(
      true,
    );
  });

  it('matches within a field by any value and across fields by all', () => {
    const i = interview({ covers: { levels: ['senior', 'lead'], kinds: ['system-design'] } });
    expect(covers(i, card('a', 'senior', 'system-design'))).toBe(true);
    expect(covers(i, card('b', 'lead', 'system-design'))).toBe(true);
    expect(covers(i, card('c', 'senior', 'behavioral'))).toBe(false);
    expect(covers(i, card('d', 'junior', 'system-design'))).toBe(false);
  });

  it('matches decks and tags (any one tag suffices)', () => {
    const i = interview({ covers: { deckIds: ['amazon-engineer'], tags: ['aws', 'leadership'] } });
    expect(covers(i, card('a', 'senior', 'behavioral', { tags: ['leadership'] }))).toBe(true);
    expect(covers(i, card('b', 'senior', 'behavioral', { tags: ['frontend'] }))).toBe(false);
    expect(covers(i, card('c', 'senior', 'behavioral', { deckId: 'own', tags: ['aws'] }))).toBe(false);
  });
});

describe('readiness', () => {
  const r = powerForgettingCurve(DECAY);

  it('is the mean predicted recall at the interview, worked out by hand; a new card counts 0', () => {
    // a: S = 10, last review 10 days before T, due after T: R(10, 10) = 0.9
    // b: S = 5, last review 20 days before T, due after T:   R(20, 5) = 0.782132
    // c: never studied: 0
    // readiness = (0.9 + 0.782132 + 0) / 3 = 0.560711 → 56.0711 %
    const schedules = new Map<string, Schedule>([
      ['a', reviewed('a', 10, T - 10 * DAY, T + DAY)],
      ['b', reviewed('b', 5, T - 20 * DAY, T + 2 * DAY)],
    ]);
    const result = readiness({
      cards: [card('a', 'senior'), card('b', 'lead'), card('c', 'lead')],
      schedules,
      interview: interview(),
      now: NOW,
      settings: DEFAULT_SETTINGS,
      curve: r,
    });
    expect(result.percent).toBeCloseTo(56.0711, 3);
    expect(result.cards).toBe(3);
    expect(result.newCards).toBe(1);
    expect(result.byLevel.senior).toEqual({ percent: expect.closeTo(90, 6), cards: 1 });
    // lead: (0.782132 + 0) / 2 = 39.1066 %
    expect(result.byLevel.lead.percent).toBeCloseTo(39.1066, 3);
    expect(result.byLevel.junior).toEqual({ percent: 0, cards: 0 });
    expect(result.byKind.behavioral.cards).toBe(3);
    // Bins of a tenth: 0 → [0, 0.1); 0.782 → [0.7, 0.8); 0.9 → [0.9, 1].
    expect(result.histogram).toEqual([1, 0, 0, 0, 0, 0, 0, 1, 0, 1]);
    expect(result.weakest.map((w) => w.cardId)).toEqual(['c', 'b', 'a']);
  });

  it('a card due before the interview is the expectation over that review: p·R(after Good) + (1 − p)·R(after Again)', () => {
    // Due 10 days before T, S = 8, last review 8 days before its due: at its due p = R(8, 8) = 0.9.
    const due = T - 10 * DAY;
    const schedule = reviewed('a', 8, due - 8 * DAY, due);
    const scheduler = forecastScheduler(DEFAULT_SETTINGS);
    const outcomes = scheduler.preview(schedule, due);
    const good = outcomes[3].schedule;
    const again = outcomes[1].schedule;
    const expected =
      0.9 * r((T - (good.lastReview ?? 0)) / DAY, good.stability) +
      0.1 * r((T - (again.lastReview ?? 0)) / DAY, again.stability);
    expect(predictedRecall(schedule, T, NOW, scheduler, r)).toBeCloseTo(expected, 10);
    // Good makes it much stronger than Again, so the expectation sits between the two, near Good.
    expect(good.stability).toBeGreaterThan(again.stability);
    expect(expected).toBeLessThan(r((T - due) / DAY, good.stability));
    expect(expected).toBeGreaterThan(r((T - due) / DAY, again.stability));
  });

  it('an overdue card is expected to be reviewed now, not at its past due', () => {
    const schedule = reviewed('a', 3, NOW - 10 * DAY, NOW - 7 * DAY);
    const scheduler = forecastScheduler(DEFAULT_SETTINGS);
    const p = r(10, 3);
    const outcomes = scheduler.preview(schedule, NOW);
    const expected =
      p * recallAt(outcomes[3].schedule, T, r) + (1 - p) * recallAt(outcomes[1].schedule, T, r);
    expect(predictedRecall(schedule, T, NOW, scheduler, r)).toBeCloseTo(expected, 10);
  });

  it('once the interview has passed, recall is read at its moment with no review expected', () => {
    const schedule = reviewed('a', 3, T - 10 * DAY, T - 7 * DAY);
    const scheduler = forecastScheduler(DEFAULT_SETTINGS);
    expect(predictedRecall(schedule, T, T + DAY, scheduler, r)).toBeCloseTo(r(10, 3), 10);
  });

  it('leaves uncovered cards out and reads 0 with no covered card', () => {
    const result = readiness({
      cards: [card('a', 'junior')],
      schedules: new Map(),
      interview: interview({ covers: { levels: ['principal'] } }),
      now: NOW,
      settings: DEFAULT_SETTINGS,
    });
    expect(result.cards).toBe(0);
    expect(result.percent).toBe(0);
    expect(result.weakest).toEqual([]);
  });

  it('lists only the weakest N, lowest first and ties by id', () => {
    const cards = ['d', 'c', 'b', 'a'].map((id) => card(id));
    const result = readiness({
      cards,
      schedules: new Map(),
      interview: interview(),
      now: NOW,
      settings: DEFAULT_SETTINGS,
      weakest: 2,
    });
    expect(result.weakest.map((w) => w.cardId)).toEqual(['a', 'b']);
  });
});

describe('settleInterview', () => {
  it('keeps the readiness reached once the moment has passed, and only once', () => {
    const i = interview();
    expect(settleInterview(i, 81, T - MINUTE)).toBe(i);
    const settled = settleInterview(i, 81, T);
    expect(settled.reachedReadiness).toBe(81);
    expect(settleInterview(settled, 50, T + DAY).reachedReadiness).toBe(81);
  });
});

describe('readinessTrend', () => {
  const scheduler = createScheduler(DEFAULT_SETTINGS);
  const cards = [card('a'), card('b'), card('c', 'lead'), card('x', 'junior')];
  const log: { cardId: string; rating: Grade; reviewedAt: number }[] = [
    { cardId: 'a', rating: Rating.Good, reviewedAt: NOW },
    { cardId: 'a', rating: Rating.Good, reviewedAt: NOW + 10 * MINUTE },
    { cardId: 'b', rating: Rating.Again, reviewedAt: NOW + DAY },
    { cardId: 'b', rating: Rating.Good, reviewedAt: NOW + DAY + 10 * MINUTE },
    { cardId: 'a', rating: Rating.Good, reviewedAt: NOW + 3 * DAY },
    { cardId: 'x', rating: Rating.Good, reviewedAt: NOW + DAY },
  ];
  const i = interview({ covers: { levels: ['senior', 'lead'] } });

  it('is, for each study day, the readiness of the schedules that replaying the log up to its end gives', () => {
    const trend = readinessTrend({
      cards,
      reviews: [...log].reverse(),
      interview: i,
      settings: DEFAULT_SETTINGS,
      dayStartHour: 4,
      from: NOW,
      to: NOW + 4 * DAY,
    });
    expect(trend.map((p) => p.day)).toEqual([
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
    ]);
    trend.forEach((point, d) => {
      const end = Date.UTC(2026, 10, 3 + d, 4);
      const schedules = new Map<string, Schedule>();
      for (const id of ['a', 'b', 'c']) {
        const mine = log.filter((l) => l.cardId === id && l.reviewedAt < end);
        if (mine.length > 0) schedules.set(id, scheduler.replay(id, mine));
      }
      const expected = readiness({ cards, schedules, interview: i, now: end, settings: DEFAULT_SETTINGS });
      expect(point.percent).toBeCloseTo(expected.percent, 10);
    });
    expect(trend[0]?.percent).toBeGreaterThan(0);
  });

  it('stops at the day holding the interview, read at its moment', () => {
    const trend = readinessTrend({
      cards,
      reviews: log,
      interview: i,
      settings: DEFAULT_SETTINGS,
      dayStartHour: 4,
      from: T - 2 * DAY,
      to: T + 5 * DAY,
    });
    expect(trend.map((p) => p.day)).toEqual(['2026-11-28', '2026-11-29', '2026-11-30']);
  });
});
