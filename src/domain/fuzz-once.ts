// For replaying a whole review log: ts-fsrs's fuzz with one draw per review instead of one per interval it fuzzes.
import { type FSRS, get_fuzz_range, type int } from 'ts-fsrs';

/** Mash (Johannes Baagøe, public domain), as ts-fsrs 5 ships it: `n` is the state it carries between calls. */
function mash(n: number, data: string): { n: number; value: number } {
  for (let i = 0; i < data.length; i++) {
    n += data.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * 4294967296;
  }
  return { n, value: (n >>> 0) * 2.3283064365386963e-10 };
}

// Alea(seed) starts with s0, s1, s2 = three mashes of ' ', which never change: worked out once.
const SPACE_1 = mash(4022871197, ' ');
const AFTER_SPACES = mash(mash(SPACE_1.n, ' ').n, ' ').n;

/**
 * The first value of Alea(`seed`) (Johannes Baagøe, public domain, as ts-fsrs 5 ships it; ts-fsrs
 * does not export it), all its fuzz uses. That value depends on s0 alone, which takes one mash of
 * the seed: Alea's constructor mashes the seed twice more, for s1 and s2, which it never reaches.
 */
function firstDraw(seed: string): number {
  let s0 = SPACE_1.value - mash(AFTER_SPACES, seed).value;
  if (s0 < 0) s0 += 1;
  // Alea's next(): the third state word after one step (c starts at 1).
  const t = 2091639 * s0 + 2.3283064365386963e-10;
  return t - (t | 0);
}

type Fuzzing = FSRS & { _seed?: string };

/**
 * Makes `f` fuzz as ts-fsrs does, but hashing each review's seed once: ts-fsrs seeds a fresh
 * generator for every interval it fuzzes (up to three a review: Hard, Good, Easy), and that hashing
 * is the larger part of a replay. The unit tests check replays against the unchanged scheduler.
 */
export function fuzzOncePerReview(f: FSRS): void {
  let seed: string | undefined;
  let draw = 0;
  const fuzzing = f as Fuzzing;
  fuzzing.apply_fuzz = (ivl: number, elapsedDays: number): int => {
    if (!f.parameters.enable_fuzz || ivl < 2.5) return Math.round(ivl) as int;
    if (fuzzing._seed !== seed) {
      seed = fuzzing._seed;
      draw = firstDraw(String(seed));
    }
    const { min_ivl, max_ivl } = get_fuzz_range(ivl, elapsedDays, f.parameters.maximum_interval);
    return Math.floor(draw * (max_ivl - min_ivl + 1) + min_ivl) as int;
  };
}
