// Grading advice: what the app suggests from the key points ticked and the pitfalls flagged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GRADE_LABELS, suggestGrade } from '../../src/domain';

const suggest = (keyPointsTotal: number, keyPointsRecalled: number, pitfallsFlagged = 0) =>
  GRADE_LABELS[suggestGrade({ keyPointsTotal, keyPointsRecalled, pitfallsFlagged })];

describe('suggestGrade', () => {
  it.each([
    [4, 0, 'Again'],
    [4, 1, 'Again'],
    [3, 1, 'Again'],
    [4, 2, 'Hard'],
    [3, 2, 'Hard'],
    [4, 3, 'Hard'],
    [4, 4, 'Good'],
    [1, 1, 'Good'],
    [1, 0, 'Again'],
  ])('%d key points, %d recalled → %s', (total, recalled, label) => {
    expect(suggest(total, recalled)).toBe(label);
  });

  it('lowers the suggestion one grade per pitfall flagged, never below Again', () => {
    expect(suggest(4, 4, 1)).toBe('Hard');
    expect(suggest(4, 4, 2)).toBe('Again');
    expect(suggest(4, 4, 5)).toBe('Again');
    expect(suggest(4, 2, 1)).toBe('Again');
  });

  it('suggests Good for a card without key points, unless a pitfall was flagged', () => {
    expect(suggest(0, 0)).toBe('Good');
    expect(suggest(0, 0, 1)).toBe('Hard');
  });

  it('never suggests Easy: how effortless the answer was is the user’s call', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.nat(20), fc.nat(3), (total, recalled, pitfalls) => {
        expect(
          suggestGrade({ keyPointsTotal: total, keyPointsRecalled: recalled, pitfallsFlagged: pitfalls }),
        ).not.toBe(4);
      }),
    );
  });

  it('never suggests a better grade for recalling less', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.nat(20),
        fc.nat(20),
        fc.nat(3),
        (total, a, b, pitfalls) => {
          const [less, more] = a <= b ? [a, b] : [b, a];
          const grade = (recalled: number) =>
            suggestGrade({
              keyPointsTotal: total,
              keyPointsRecalled: Math.min(recalled, total),
              pitfallsFlagged: pitfalls,
            });
          expect(grade(less)).toBeLessThanOrEqual(grade(more));
        },
      ),
    );
  });
});
