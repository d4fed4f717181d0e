// Grading advice: a suggested grade from the key points ticked and the pitfalls flagged.
import { type Grade, Rating } from './card';

export interface GradeEvidence {
  keyPointsTotal: number;
  keyPointsRecalled: number;
  pitfallsFlagged: number;
}

/**
 * Only a suggestion: the user always picks the grade. With r = recalled / total:
 *
 * | evidence                      | suggestion |
 * |-------------------------------|------------|
 * | r < 0.5                       | Again      |
 * | 0.5 ≤ r < 1                   | Hard       |
 * | r = 1                         | Good       |
 * | no key points on the card     | Good       |
 * | each pitfall flagged          | one grade lower, never below Again |
 *
 * Why: in an interview, an answer missing half its points fails, so under half is Again; any
 * missing point should bring the card back sooner, which is Hard. Easy is never suggested: the
 * ticks show what was recalled, not how effortlessly, and FSRS stretches Easy intervals a lot, so
 * suggesting it for every complete answer would push retention below the desired one.
 */
export function suggestGrade({ keyPointsTotal, keyPointsRecalled, pitfallsFlagged }: GradeEvidence): Grade {
  let base: Grade = Rating.Good;
  if (keyPointsTotal > 0) {
    const r = Math.min(1, Math.max(0, keyPointsRecalled) / keyPointsTotal);
    base = r < 0.5 ? Rating.Again : r < 1 ? Rating.Hard : Rating.Good;
  }
  return Math.max(Rating.Again, base - Math.max(0, Math.floor(pitfallsFlagged))) as Grade;
}
