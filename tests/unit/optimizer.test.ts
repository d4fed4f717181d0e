// Preparing the review log for the FSRS optimizer and judging parameter sets: worked out by hand.
import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { Rating } from '../../src/domain';
import {
  evaluate,
  FULL_FIT_PREDICTIONS,
  fitPlan,
  isBetter,
  type LogEntry,
  MIN_PREDICTIONS,
  partialFit,
  ROUGH_FIT_REVIEWS,
  splitNewest,
  type TrainingReview,
  trainingItems,
  trainingLog,
} from '../../src/domain/optimizer';
import { DAY, HOUR, inTimeZone } from '../support/clock';

inTimeZone('America/New_York');

const local = (month: number, day: number, hour: number) => new Date(2025, month, day, hour).getTime();
const NOW = local(5, 1, 12);
const entry = (cardId: string, rating: number, reviewedAt: number, durationMs = 20_000): LogEntry =>
  ({ cardId, rating, reviewedAt, durationMs }) as LogEntry;

describe('trainingLog', () => {
  it('counts elapsed days in the user’s days, which start at the start hour', () => {
    const { histories } = trainingLog(
      [
        // 03:00 and 05:00 on the same date, around a 04:00 start: two study days.
        entry('a', Rating.Good, local(0, 10, 3)),
        entry('a', Rating.Good, local(0, 10, 5)),
        // 23:00 then 02:00: the same study day.
        entry('a', Rating.Hard, local(0, 12, 23)),
        entry('a', Rating.Again, local(0, 13, 2)),
      ],
      NOW,
      4,
    );
    expect(histories).toEqual([
      [
        { rating: Rating.Good, deltaDays: 0, reviewedAt: local(0, 10, 3) },
        { rating: Rating.Good, deltaDays: 1, reviewedAt: local(0, 10, 5) },
        { rating: Rating.Hard, deltaDays: 2, reviewedAt: local(0, 12, 23) },
        { rating: Rating.Again, deltaDays: 0, reviewedAt: local(0, 13, 2) },
      ],
    ]);
  });

  it('counts a DST day (23 hours) as one day', () => {
    // Clocks went forward on 9 March 2025 in New York.
    const { histories } = trainingLog(
      [entry('a', Rating.Good, local(2, 8, 9)), entry('a', Rating.Good, local(2, 9, 9))],
      NOW,
      4,
    );
    expect(local(2, 9, 9) - local(2, 8, 9)).toBe(23 * HOUR);
    expect(histories[0]?.[1]?.deltaDays).toBe(1);
  });

  it('sorts each card’s reviews by time and keeps cards apart', () => {
    const { histories, reviews } = trainingLog(
      [
        entry('a', Rating.Good, local(0, 12, 9)),
        entry('b', Rating.Easy, local(0, 11, 9)),
        entry('a', Rating.Again, local(0, 10, 9)),
      ],
      NOW,
      4,
    );
    expect(reviews).toBe(3);
    expect(histories.map((h) => h.map((r) => [r.rating, r.deltaDays]))).toEqual([
      [
        [Rating.Again, 0],
        [Rating.Good, 2],
      ],
      [[Rating.Easy, 0]],
    ]);
  });

  it('skips bad entries with a count instead of failing', () => {
    const { histories, reviews, skipped } = trainingLog(
      [
        entry('a', Rating.Good, local(0, 10, 9)),
        entry('a', 7, local(0, 11, 9)),
        entry('a', Rating.Good, Number.NaN),
        entry('a', Rating.Good, NOW + DAY),
        entry('a', Rating.Good, local(0, 12, 9), Number.NaN),
        entry('a', Rating.Good, local(0, 13, 9), -5),
        entry('a', Rating.Again, local(0, 14, 9)),
      ],
      NOW,
      4,
    );
    expect(skipped).toEqual({ rating: 1, time: 2, duration: 2 });
    expect(reviews).toBe(2);
    expect(histories[0]?.map((r) => r.deltaDays)).toEqual([0, 4]);
  });
});

const review = (rating: number, deltaDays: number, reviewedAt: number) =>
  ({ rating, deltaDays, reviewedAt }) as TrainingReview;

describe('trainingItems', () => {
  it('gives one item per review after the first: the history up to it, flattened', () => {
    const items = trainingItems([[review(3, 0, 1), review(3, 2, 2), review(1, 5, 3)], [review(4, 0, 4)]]);
    expect(Array.from(items.lengths)).toEqual([2, 3]);
    expect(Array.from(items.ratings)).toEqual([3, 3, 3, 3, 1]);
    expect(Array.from(items.deltaDays)).toEqual([0, 2, 0, 2, 5]);
  });

  it('makes no item of a same-day repeat (learning steps), which stays in the later items’ history', () => {
    // Again then Good on the first day, Good two days later, Hard the same day after it.
    const items = trainingItems([[review(1, 0, 1), review(3, 0, 1.1), review(3, 2, 3), review(2, 0, 3.1)]]);
    expect(Array.from(items.lengths)).toEqual([3]);
    expect(Array.from(items.ratings)).toEqual([1, 3, 3]);
    expect(Array.from(items.deltaDays)).toEqual([0, 0, 2]);
    // A card studied on one day only gives nothing to learn from.
    expect(trainingItems([[review(1, 0, 1), review(3, 0, 1.1)]]).lengths).toHaveLength(0);
  });

  it('orders the items by their review’s time across cards, oldest first', () => {
    const items = trainingItems([
      [review(3, 0, 1), review(3, 4, 5)],
      [review(1, 0, 2), review(3, 1, 3)],
    ]);
    expect(Array.from(items.lengths)).toEqual([2, 2]);
    expect(Array.from(items.ratings)).toEqual([1, 3, 3, 3]);
    expect(Array.from(items.deltaDays)).toEqual([0, 1, 0, 4]);
  });
});

describe('splitNewest', () => {
  it('holds out the newest 20% of reviews across days, fitting on the rest', () => {
    // Ten predictions (reviews after a first, on a later day) at times 1–10 over two cards, plus
    // one same-day review, which is never a prediction.
    const a = [review(3, 0, 0), ...[1, 3, 5, 7, 9].map((t) => review(3, 1, t))];
    const b = [review(3, 0, 0), review(3, 0, 0.5), ...[2, 4, 6, 8, 10].map((t) => review(3, 1, t))];
    const split = splitNewest([a, b]);
    expect(split.cutoff).toBe(9);
    expect(split.test.map((p) => p.target.reviewedAt)).toEqual([9, 10]);
    // The held-out predictions see the whole history before them.
    expect(split.test[0]?.history).toHaveLength(5);
    expect(split.train.flat().every((r) => r.reviewedAt < 9)).toBe(true);
    expect(split.trainPredictions).toBe(8);
  });
});

describe('fitPlan', () => {
  it('keeps the defaults with too few reviews, saying how many more are needed', () => {
    expect(fitPlan(MIN_PREDICTIONS - 3, 40)).toEqual({ kind: 'too-few', needed: 3 });
  });
  it('fits only the first weights with few, and warns below about 400 reviews', () => {
    expect(fitPlan(MIN_PREDICTIONS, 40)).toEqual({ kind: 'partial', rough: true });
    expect(fitPlan(FULL_FIT_PREDICTIONS, ROUGH_FIT_REVIEWS - 1)).toEqual({ kind: 'full', rough: true });
    expect(fitPlan(FULL_FIT_PREDICTIONS, ROUGH_FIT_REVIEWS)).toEqual({ kind: 'full', rough: false });
  });
  it('a partial fit changes the first four weights only', () => {
    const fitted = default_w.map((w) => w + 1);
    const result = partialFit(fitted, default_w);
    expect(result.slice(0, 4)).toEqual(fitted.slice(0, 4));
    expect(result.slice(4)).toEqual(default_w.slice(4));
  });
});

describe('evaluate', () => {
  // Default FSRS-6 weights: after one Good, stability w2 = 2.3065 days; decay w20 = 0.1542, so
  // factor = 0.9^(−1/0.1542) − 1 = 0.980346 and R(t) = (1 + 0.980346·t/2.3065)^−0.1542:
  // R(2) = 0.909493 (recalled), R(4) = 0.857986 (forgotten).
  const test = [
    { history: [review(3, 0, 0)], target: review(3, 2, 1) },
    { history: [review(3, 0, 0)], target: review(1, 4, 2) },
  ];

  it('log loss and RMSE over bins of a hand-computed case', () => {
    const result = evaluate(test);
    // −(ln 0.909493 + ln(1 − 0.857986)) / 2
    expect(result.logLoss).toBeCloseTo(1.023348, 5);
    // Two bins (0.90–0.95 and 0.85–0.90), one review each: √(((0.909493 − 1)² + 0.857986²) / 2)
    expect(result.rmseBins).toBeCloseTo(0.610054, 5);
    expect(result.count).toBe(2);
  });

  it('weights that forget faster predict this forgotten card better', () => {
    const fastForgetting = [...default_w];
    fastForgetting[2] = 0.5;
    const current = evaluate(test);
    const faster = evaluate(test, fastForgetting);
    expect(faster.logLoss).toBeLessThan(current.logLoss);
    expect(isBetter(faster, current)).toBe(true);
    expect(isBetter(current, faster)).toBe(false);
  });

  it('a gain below the precision shown is no gain', () => {
    const current = evaluate(test);
    expect(isBetter({ ...current, logLoss: current.logLoss - 1e-9 }, current)).toBe(false);
    expect(isBetter({ ...current, logLoss: current.logLoss - 2e-4 }, current)).toBe(true);
  });

  it('nothing to judge on gives no figures and is never better', () => {
    const none = evaluate([]);
    expect(none.count).toBe(0);
    expect(isBetter(none, evaluate(test))).toBe(false);
  });
});
