// A review log simulated from known FSRS weights (a learner who forgets much faster than FSRS's
// defaults assume): what the optimizer should recover. Seeded: the same log every run.
import { default_w } from 'ts-fsrs';
import type { Grade } from '../../src/domain';
import type { LogEntry } from '../../src/domain/optimizer';
import { memoryModel } from '../../src/domain/scheduler';
import { DAY } from './clock';

export const TRUE_W: number[] = default_w.map((w, i) => ({ 0: 0.1, 1: 0.3, 2: 0.6, 3: 2, 8: 1.1 })[i] ?? w);

const MAX_INTERVAL_DAYS = 120;

/** A seeded generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `reviewsPerCard` reviews of each card, the first on one of 60 days from `start`, then at
 * intervals drawn around the true stability (at most 120 days), each remembered with the true recall: Again when
 * forgotten, mostly Good otherwise. Reviews fall at `start`'s time of day.
 */
export function simulatedLog(
  cardIds: readonly string[],
  reviewsPerCard: number,
  seed: number,
  start: number,
): LogEntry[] {
  const rand = random(seed);
  const model = memoryModel(TRUE_W);
  const log: LogEntry[] = [];
  for (const cardId of cardIds) {
    const history: Array<{ rating: Grade; deltaDays: number }> = [];
    let day = Math.floor(rand() * 60);
    for (let r = 0; r < reviewsPerCard; r++) {
      let rating: Grade;
      let deltaDays = 0;
      if (r === 0) rating = (1 + Math.floor(rand() * 4)) as Grade;
      else {
        const { stability } = model.memory(history);
        // Capped as a scheduler's maximum interval would: no review decades later.
        deltaDays = Math.min(MAX_INTERVAL_DAYS, Math.max(1, Math.round(stability * (0.5 + 2 * rand()))));
        const recalled = rand() < model.recall(deltaDays, stability);
        rating = recalled ? ((rand() < 0.15 ? 2 : rand() < 0.9 ? 3 : 4) as Grade) : 1;
      }
      day += deltaDays;
      history.push({ rating, deltaDays });
      log.push({ cardId, rating, reviewedAt: start + day * DAY, durationMs: 20_000 });
    }
  }
  return log;
}
