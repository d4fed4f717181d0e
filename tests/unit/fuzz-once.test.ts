// Replaying with one fuzz draw per review (fuzz-once.ts) lands exactly where ts-fsrs's own fuzz does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, GRADES } from '../../src/domain';
import { fuzzOncePerReview } from '../../src/domain/fuzz-once';
import { createScheduler } from '../../src/domain/scheduler';

const MINUTE = 60_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 2, 1, 9);

describe('fuzzOncePerReview', () => {
  const reviewsArb = fc.array(
    fc.record({
      rating: fc.constantFrom(...GRADES),
      gapMs: fc.oneof(fc.integer({ min: 1, max: 20 * MINUTE }), fc.integer({ min: 1, max: 400 * DAY })),
    }),
    { minLength: 1, maxLength: 40 },
  );

  it.each([
    ['default settings', DEFAULT_SETTINGS],
    ['a short maximum interval', { ...DEFAULT_SETTINGS, maximumIntervalDays: 30 }],
    ['fuzz off', { ...DEFAULT_SETTINGS, enableFuzz: false }],
  ])('replays to the state the unchanged scheduler reaches (%s)', (_, settings) => {
    const stock = createScheduler(settings);
    const fast = createScheduler(settings, fuzzOncePerReview);
    fc.assert(
      fc.property(reviewsArb, (steps) => {
        let t = T0;
        const reviews = steps.map(({ rating, gapMs }) => {
          t += gapMs;
          return { rating, reviewedAt: t };
        });
        expect(fast.replay('deck/1.1', reviews)).toEqual(stock.replay('deck/1.1', reviews));
      }),
      { numRuns: 500 },
    );
  });
});
