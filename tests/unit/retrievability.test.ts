// Retrievability shown on a card's page: none before the first review, then falling with time.

import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, Rating } from '../../src/domain';
import {
  createScheduler,
  forgettingCurve,
  forgettingCurveFor,
  retrievability,
} from '../../src/domain/scheduler';
import { DAY, MINUTE } from '../support/clock';

const T0 = Date.UTC(2025, 0, 6, 9, 0);
// Fitted weights with a steeper decay (w20) than FSRS's default.
const FITTED = default_w.map((w, i) => (i === 20 ? 0.5 : i === 2 ? 0.6 : w));

describe('retrievability', () => {
  const s = createScheduler({ ...DEFAULT_SETTINGS, enableFuzz: false });

  it('is unknown (null) for a card never reviewed, not 0 %', () => {
    expect(retrievability(s.newSchedule('c', T0), T0 + DAY)).toBeNull();
  });

  it('is 1 right after a review and falls as days pass', () => {
    const learning = s.grade(s.newSchedule('c', T0), Rating.Good, T0).schedule;
    const review = s.grade(learning, Rating.Good, T0 + 10 * MINUTE).schedule;
    const at = (days: number) => retrievability(review, T0 + 10 * MINUTE + days * DAY) ?? Number.NaN;
    expect(at(0)).toBeCloseTo(1, 5);
    expect(at(1)).toBeLessThan(1);
    expect(at(30)).toBeLessThan(at(1));
    // At the scheduled interval the card is due: recall is about the desired retention.
    expect(at(review.scheduledDays)).toBeCloseTo(0.9, 1);
  });

  it('a clock behind the last review counts as no time passed', () => {
    const learning = s.grade(s.newSchedule('c', T0), Rating.Good, T0).schedule;
    expect(retrievability(learning, T0 - DAY)).toBeCloseTo(1, 5);
  });

  it('follows the weights scheduled with: a fitted lower stability forgets sooner', () => {
    const fitted = createScheduler({ ...DEFAULT_SETTINGS, enableFuzz: false, fsrsParameters: FITTED });
    const learning = fitted.grade(fitted.newSchedule('c', T0), Rating.Good, T0).schedule;
    const review = fitted.grade(learning, Rating.Good, T0 + 10 * MINUTE).schedule;
    const at = T0 + 10 * MINUTE + 5 * DAY;
    const own = retrievability(review, at, FITTED) ?? Number.NaN;
    expect(own).toBeCloseTo(forgettingCurveFor(FITTED)(5, review.stability), 2);
    expect(retrievability(review, at, null)).toBeCloseTo(forgettingCurve(5, review.stability), 2);
  });
});
