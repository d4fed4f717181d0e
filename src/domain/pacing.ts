// Answer pacing: a target time per answer, the countdown's words while answering and the overrun kept with a review.

/** 75 seconds → "1:15": whole seconds, as a clock shows them. */
export function minutesSeconds(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Whole seconds past the target; 0 or less while within it, 0 without a target (a review graded
 * before targets existed, or with the timer off). The countdown and the card's history both read
 * this, so "0:25 over" when grading is "over by 0:25" afterwards.
 */
export function overSeconds(elapsedMs: number, targetMs = elapsedMs): number {
  return Math.floor((elapsedMs - targetMs) / 1000);
}

/** The countdown's words: "1:12 left" within the target, "0:25 over" past it. */
export function paceText(elapsedMs: number, targetMs: number): string {
  const over = overSeconds(elapsedMs, targetMs);
  return over > 0
    ? `${minutesSeconds(over)} over`
    : `${minutesSeconds(Math.ceil((targetMs - elapsedMs) / 1000))} left`;
}
