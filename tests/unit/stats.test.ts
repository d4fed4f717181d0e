// Each statistic against a small log worked out by hand: study days cut at the start hour, DST days, young/mature, excluded cards.
import { describe, expect, it } from 'vitest';
import { type FsrsState, type Grade, type Kind, type Level, Rating, State } from '../../src/domain';
import {
  activityByDay,
  answerTimes,
  cardStates,
  datedReviews,
  lastDays,
  longestStreak,
  reviewForecast,
  statistics,
  trueRetention,
} from '../../src/domain/stats';
import { passRate, type StatsCard, type StatsReview, YEAR_DAYS } from '../../src/domain/stats-model';
import { DAY, HOUR, inTimeZone, MINUTE } from '../support/clock';

const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

function review(
  cardId: string,
  reviewedAt: number,
  rating: Grade = Rating.Good,
  more: Partial<StatsReview> = {},
) {
  return { cardId, reviewedAt, rating, durationMs: 60_000, intervalDays: 0, ...more } satisfies StatsReview;
}

function card(
  cardId: string,
  state: FsrsState,
  due: number,
  more: Partial<StatsCard> = {},
  level: Level = 'junior',
  kind: Kind = 'behavioral',
): StatsCard {
  return { cardId, level, kind, state, due, standing: 'active', ...more };
}

describe('reviews and minutes per study day (Europe/London, days start at 04:00)', () => {
  inTimeZone('Europe/London');

  it('counts a review at 03:59 on the day before and one at 04:00 on the new day; leaves out bad and future times', () => {
    // 10 June 2025 is summer time (UTC+1): 03:59 BST = 02:59 UTC.
    const now = utc(2025, 6, 11, 12);
    const log = datedReviews(
      [
        review('a', utc(2025, 6, 10, 20), Rating.Good, { durationMs: -5 }),
        review('a', utc(2025, 6, 10, 2, 59), Rating.Good, { durationMs: 60_000 }),
        review('b', utc(2025, 6, 10, 3, 0), Rating.Again, { durationMs: 90_000 }),
        review('b', now + MINUTE),
        review('c', Number.NaN),
      ],
      now,
      4,
    );
    expect(log.skipped).toBe(2);
    expect(log.reviews.map((r) => [r.day, r.reviewedAt])).toEqual([
      ['2025-06-09', utc(2025, 6, 10, 2, 59)],
      ['2025-06-10', utc(2025, 6, 10, 3, 0)],
      ['2025-06-10', utc(2025, 6, 10, 20)],
    ]);
    const days = lastDays(activityByDay(log.reviews), now, 4, 3);
    expect(days).toEqual([
      { day: '2025-06-09', reviews: 1, ms: 60_000, start: utc(2025, 6, 9, 3) },
      // A negative duration is no timing: the review counts, its time does not.
      { day: '2025-06-10', reviews: 2, ms: 90_000, start: utc(2025, 6, 10, 3) },
      { day: '2025-06-11', reviews: 0, ms: 0, start: utc(2025, 6, 11, 3) },
    ]);
  });

  it('keeps the 23-hour day of spring-forward: 03:30 BST on 30 March still belongs to the 29th', () => {
    // Clocks go 01:00 GMT → 02:00 BST on 30 March 2025: that study day starts at 04:00 BST = 03:00 UTC.
    const now = utc(2025, 3, 31, 12);
    const log = datedReviews(
      [
        review('a', utc(2025, 3, 29, 12)),
        review('a', utc(2025, 3, 30, 2, 30)), // 03:30 BST, before the 30th's start
        review('b', utc(2025, 3, 30, 3, 0)), // 04:00 BST
        review('b', utc(2025, 3, 31, 2, 59)), // 03:59 BST on the 31st: still the 30th
      ],
      now,
      4,
    );
    expect(lastDays(activityByDay(log.reviews), now, 4, 3)).toEqual([
      { day: '2025-03-29', reviews: 2, ms: 120_000, start: utc(2025, 3, 29, 4) },
      { day: '2025-03-30', reviews: 2, ms: 120_000, start: utc(2025, 3, 30, 3) },
      { day: '2025-03-31', reviews: 0, ms: 0, start: utc(2025, 3, 31, 3) },
    ]);
  });

  it('gives a year of days ending today, with the current and longest streak from the whole log', () => {
    const now = utc(2025, 6, 11, 12);
    const s = statistics({
      reviews: [
        // A 4-day streak long ago (across a month's end), then yesterday and today.
        review('a', utc(2025, 1, 30, 9)),
        review('a', utc(2025, 1, 31, 9)),
        review('a', utc(2025, 2, 1, 9)),
        review('a', utc(2025, 2, 2, 9)),
        review('a', utc(2025, 6, 10, 9)),
        review('a', utc(2025, 6, 11, 9)),
        review('a', utc(2025, 6, 11, 10)),
      ],
      cards: [],
      now,
      dayStartHour: 4,
    });
    expect(s.today).toBe('2025-06-11');
    expect(s.reviews).toBe(7);
    expect(s.days).toHaveLength(YEAR_DAYS);
    expect(s.days.at(-1)).toMatchObject({ day: '2025-06-11', reviews: 2 });
    expect(s.days[0]?.day).toBe('2024-06-12');
    expect(s.streak).toEqual({ current: 2, longest: 4 });
  });
});

describe('the longest streak', () => {
  it('runs across the end of a month and of a year, and is 0 for no study day', () => {
    expect(
      longestStreak(['2025-01-05', '2024-12-31', '2025-01-01', '2025-01-02', '2025-01-06', '2025-01-03']),
    ).toBe(4);
    expect(longestStreak(['2025-03-01', '2025-03-01'])).toBe(1);
    expect(longestStreak([])).toBe(0);
  });
});

describe('true retention (UTC, days start at 04:00)', () => {
  inTimeZone('UTC');
  const at = (day: number, hour: number, minute = 0) => Date.UTC(2025, 0, day, hour, minute);
  const cards = [
    card('A', State.Review, 0, {}, 'junior', 'behavioral'),
    card('B', State.Review, 0, {}, 'senior', 'system-design'),
  ];
  // Given out of time order: the statistics sort the log themselves.
  const reviews = [
    review('B', at(90, 12), Rating.Good, { intervalDays: 21 }), // mature (21 days exactly): pass
    review('A', at(1, 10)), // A's first review: no previous one
    review('A', at(1, 10, 10)), // same day: a learning step
    review('A', at(3, 9), Rating.Again, { intervalDays: 2 }), // young: fail
    review('A', at(3, 9, 10)), // same day: relearning step
    review('A', at(5, 9), Rating.Good, { intervalDays: 1 }), // young: pass
    review('A', at(6, 3), Rating.Hard, { intervalDays: 1 }), // 03:00 on the 6th is still the 5th's study day
    review('B', at(1, 12)),
    review('B', at(30, 12), Rating.Good, { intervalDays: 25 }), // mature: pass
    review('B', at(60, 12), Rating.Again, { intervalDays: 30 }), // mature: fail
    review('B', at(61, 12), Rating.Hard, { intervalDays: 20 }), // young (20 days): pass
    review('C', at(1, 8)), // C is no longer on the device: overall only
    review('C', at(2, 8), Rating.Easy, { intervalDays: 1 }), // young: pass
  ];

  it('counts only reviews a day or more after the previous one, split at 21 days, per level and kind', () => {
    const r = trueRetention(datedReviews(reviews, at(100, 12), 4).reviews, cards);
    expect(r.overall).toEqual({
      young: { passed: 3, total: 4 },
      mature: { passed: 2, total: 3 },
      all: { passed: 5, total: 7 },
    });
    expect(r.byLevel.junior).toEqual({
      young: { passed: 1, total: 2 },
      mature: { passed: 0, total: 0 },
      all: { passed: 1, total: 2 },
    });
    expect(r.byLevel.senior).toEqual({
      young: { passed: 1, total: 1 },
      mature: { passed: 2, total: 3 },
      all: { passed: 3, total: 4 },
    });
    expect(r.byKind.behavioral).toEqual(r.byLevel.junior);
    expect(r.byKind['system-design']).toEqual(r.byLevel.senior);
    expect(r.byLevel.principal.all).toEqual({ passed: 0, total: 0 });
    expect(passRate(r.overall.all)).toBeCloseTo(5 / 7);
    expect(passRate(r.byKind.operational.all)).toBeNull();
  });
});

describe('the forecast (Europe/London, days start at 04:00)', () => {
  inTimeZone('Europe/London');

  it('counts due reviews per study day: overdue and later-today learning cards today, nothing new or set aside', () => {
    const now = utc(2025, 6, 11, 12); // 13:00 BST; today ends at 04:00 BST = 03:00 UTC on the 12th
    const { days, overdue } = reviewForecast(
      [
        card('overdue', State.Review, now - 3 * DAY),
        card('learning', State.Learning, now + 2 * HOUR),
        card('small-hours', State.Review, utc(2025, 6, 12, 2, 59)), // 03:59 BST tomorrow: still today
        card('tomorrow', State.Relearning, utc(2025, 6, 12, 3, 0)), // 04:00 BST: tomorrow
        card('day-29', State.Review, now + 29 * DAY),
        card('day-40', State.Review, now + 40 * DAY),
        card('new', State.New, now - DAY),
        card('suspended', State.Review, now, { standing: 'suspended' }),
        card('retired', State.Review, now, { standing: 'retired' }),
      ],
      now,
      4,
    );
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual({ day: '2025-06-11', start: utc(2025, 6, 11, 3), due: 3 });
    expect(days[1]).toEqual({ day: '2025-06-12', start: utc(2025, 6, 12, 3), due: 1 });
    expect(days[29]).toMatchObject({ day: '2025-07-10', due: 1 });
    expect(days.reduce((n, d) => n + d.due, 0)).toBe(5);
    expect(overdue).toBe(1);
  });

  it('makes the fall-back day 25 hours long: 03:30 GMT on 26 October is still the 25th', () => {
    // Clocks go 02:00 BST → 01:00 GMT on 26 October 2025; the 26th starts at 04:00 GMT.
    const now = utc(2025, 10, 25, 12);
    const { days } = reviewForecast(
      [card('a', State.Review, utc(2025, 10, 26, 3, 30)), card('b', State.Review, utc(2025, 10, 26, 4, 0))],
      now,
      4,
      3,
    );
    expect(days).toEqual([
      { day: '2025-10-25', start: utc(2025, 10, 25, 3), due: 1 },
      { day: '2025-10-26', start: utc(2025, 10, 26, 4), due: 1 },
      { day: '2025-10-27', start: utc(2025, 10, 27, 4), due: 0 },
    ]);
  });
});

describe('cards by state', () => {
  it('counts active cards by FSRS state and set-aside cards by why, whatever their state', () => {
    expect(
      cardStates([
        card('a', State.Review, 0),
        card('b', State.Relearning, 0),
        card('c', State.New, 0),
        card('d', State.Learning, 0),
        card('e', State.Review, 0),
        card('f', State.Review, 0, { standing: 'suspended' }),
        card('g', State.New, 0, { standing: 'suspended' }),
        card('h', State.New, 0, { standing: 'retired' }),
      ]),
    ).toEqual({ new: 1, learning: 1, review: 2, relearning: 1, suspended: 2, retired: 1 });
  });
});

describe('answer time per kind', () => {
  const cards = [
    card('A', State.Review, 0, {}, 'junior', 'behavioral'),
    card('B', State.Review, 0, {}, 'senior', 'system-design'),
  ];
  const log = [
    ...[60_000, 30_000, 120_000, 0, Number.NaN, 90_000].map((durationMs) =>
      review('A', 0, Rating.Good, { durationMs }),
    ),
    ...[200_000, 100_000, 300_000].map((durationMs) => review('B', 0, Rating.Good, { durationMs })),
    review('gone', 0, Rating.Good, { durationMs: 5_000 }),
  ];

  it('takes the median of the timed reviews of each kind, with no target unless settings give one', () => {
    const times = answerTimes(log, cards);
    expect(times.behavioral).toEqual({ medianMs: 75_000, reviews: 4, targetMs: null, withinTarget: null });
    expect(times['system-design']).toEqual({
      medianMs: 200_000,
      reviews: 3,
      targetMs: null,
      withinTarget: null,
    });
    expect(times.judgement).toEqual({ medianMs: null, reviews: 0, targetMs: null, withinTarget: null });
  });

  it("counts the answers within a kind's target where there is one", () => {
    const times = answerTimes(log, cards, { behavioral: 70_000, operational: 180_000 });
    expect(times.behavioral).toMatchObject({ targetMs: 70_000, withinTarget: 2 });
    expect(times['system-design']).toMatchObject({ targetMs: null, withinTarget: null });
    expect(times.operational).toEqual({ medianMs: null, reviews: 0, targetMs: 180_000, withinTarget: 0 });
  });
});
