// Retrievability shown on a card's page: none before the first review, then falling with time.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, Rating } from '../../src/domain';
import { createScheduler, retrievability } from '../../src/domain/scheduler';
import { DAY, MINUTE } from '../support/clock';

const T0 = Date.UTC(2025, 0, 6, 9, 0);

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
});
