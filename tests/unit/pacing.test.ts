// Answer pacing: the countdown's words while answering and the overrun a review keeps.
import { describe, expect, it } from 'vitest';
import { minutesSeconds, overSeconds, paceText } from '../../src/domain';

const SECOND = 1000;

describe('minutesSeconds', () => {
  it('reads whole seconds as a clock does', () => {
    expect([0, 9, 60, 75, 1800, 3599.9].map(minutesSeconds)).toEqual([
      '0:00',
      '0:09',
      '1:00',
      '1:15',
      '30:00',
      '59:59',
    ]);
    expect(minutesSeconds(-3)).toBe('0:00');
  });
});

describe('paceText', () => {
  const target = 120 * SECOND;

  it('counts down the time left, the whole target shown at first', () => {
    expect(paceText(0, target)).toBe('2:00 left');
    expect(paceText(500, target)).toBe('2:00 left');
    expect(paceText(48 * SECOND, target)).toBe('1:12 left');
    expect(paceText(target, target)).toBe('0:00 left');
    expect(paceText(target + 999, target)).toBe('0:00 left');
  });

  it('turns into the time over once past the target', () => {
    expect(paceText(target + SECOND, target)).toBe('0:01 over');
    expect(paceText(target + 25 * SECOND, target)).toBe('0:25 over');
    expect(paceText(target + 61.5 * SECOND, target)).toBe('1:01 over');
  });
});

describe('overSeconds', () => {
  it('is the whole seconds past the target, the same count the countdown shows', () => {
    expect(overSeconds(160 * SECOND, 120 * SECOND)).toBe(40);
    expect(overSeconds(120.9 * SECOND, 120 * SECOND)).toBe(0);
    expect(overSeconds(60 * SECOND, 120 * SECOND)).toBeLessThan(0);
    for (const elapsed of [121, 145, 300].map((s) => s * SECOND)) {
      expect(paceText(elapsed, 120 * SECOND)).toBe(
        `${minutesSeconds(overSeconds(elapsed, 120 * SECOND))} over`,
      );
    }
  });

  it('is 0 for a review kept without a target (graded before targets existed, or with the timer off)', () => {
    expect(overSeconds(600 * SECOND, undefined)).toBe(0);
  });
});
