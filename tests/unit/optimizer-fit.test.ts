// The FSRS optimizer (fsrs-browser's WebAssembly, run here in Node) on a log simulated from known
// weights: the weights it fits predict the held-out newest reviews better than FSRS's defaults.
import { readFileSync } from 'node:fs';
import { default_w } from 'ts-fsrs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Grade } from '../../src/domain';
import { type LogEntry, optimize } from '../../src/domain/optimizer';
import { memoryModel } from '../../src/domain/scheduler';
import { type FsrsModule, fsrsFit, runOptimize } from '../../src/features/settings/optimizer-run';
import { DAY, inTimeZone } from '../support/clock';

inTimeZone('Europe/Paris');

let fsrs: FsrsModule;

beforeAll(async () => {
  // The glue's thread-pool helper listens on `self` when loaded; Node has none (no pool is started).
  (globalThis as { self?: unknown }).self ??= new EventTarget();
  const module = await import('fsrs-browser');
  const wasm = readFileSync(new URL('../../node_modules/fsrs-browser/fsrs_browser_bg.wasm', import.meta.url));
  await module.default({ module_or_path: wasm });
  fsrs = module;
}, 60_000);

/** A seeded generator (mulberry32): the same log every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A learner who forgets much faster than FSRS's defaults assume.
const TRUE_W = [...default_w];
TRUE_W[0] = 0.1;
TRUE_W[1] = 0.3;
TRUE_W[2] = 0.6;
TRUE_W[3] = 2;
TRUE_W[8] = 1.1;

const START = new Date(2025, 0, 6, 12).getTime();

/** Reviews at noon on study days, intervals drawn around the true stability, outcomes drawn from the true recall. */
function simulatedLog(cards: number, reviewsPerCard: number, seed: number): LogEntry[] {
  const rand = random(seed);
  const model = memoryModel(TRUE_W);
  const log: LogEntry[] = [];
  for (let c = 0; c < cards; c++) {
    const first = Math.floor(rand() * 60);
    const history: Array<{ rating: Grade; deltaDays: number }> = [];
    let day = first;
    for (let r = 0; r < reviewsPerCard; r++) {
      let rating: Grade;
      let deltaDays = 0;
      if (r === 0) rating = (1 + Math.floor(rand() * 4)) as Grade;
      else {
        const { stability } = model.memory(history);
        deltaDays = Math.max(1, Math.round(stability * (0.5 + 2 * rand())));
        const recalled = rand() < model.recall(deltaDays, stability);
        rating = recalled ? ((rand() < 0.15 ? 2 : rand() < 0.9 ? 3 : 4) as Grade) : 1;
      }
      day += deltaDays;
      history.push({ rating, deltaDays });
      log.push({ cardId: `c${c}`, rating, reviewedAt: START + day * DAY, durationMs: 20_000 });
    }
  }
  return log;
}

describe('optimizing on a simulated log', () => {
  it('fits weights that predict the newest reviews better than the defaults', () => {
    const log = simulatedLog(250, 8, 7);
    const now = Math.max(...log.map((r) => r.reviewedAt)) + DAY;
    const outcome = runOptimize({ log, now, dayStartHour: 4, current: null }, fsrs);
    expect(outcome.kind).toBe('fitted');
    if (outcome.kind !== 'fitted') return;
    expect(outcome.fit).toBe('full');
    expect(outcome.rough).toBe(false);
    expect(outcome.parameters).toHaveLength(21);
    // The newest 20% of the 1,750 reviews after a first, and those on the cutoff's day with them.
    expect(outcome.candidate.count).toBeGreaterThanOrEqual(350);
    expect(outcome.candidate.count).toBeLessThan(400);
    expect(outcome.candidate.logLoss).toBeLessThan(outcome.current.logLoss);
    expect(outcome.better).toBe(true);
    // The fit finds a learner who forgets faster: a lower stability after a first Good.
    expect(outcome.parameters[2]).toBeLessThan(default_w[2] as number);
  }, 120_000);

  it('with few reviews fits only the first four weights and says the fit is rough', () => {
    const log = simulatedLog(12, 4, 11);
    const now = Math.max(...log.map((r) => r.reviewedAt)) + DAY;
    const outcome = optimize(log, { now, dayStartHour: 4, current: [...default_w], fit: fsrsFit(fsrs) });
    expect(outcome.kind).toBe('fitted');
    if (outcome.kind !== 'fitted') return;
    expect(outcome.fit).toBe('partial');
    expect(outcome.rough).toBe(true);
    expect(outcome.parameters.slice(4)).toEqual(default_w.slice(4));
  }, 120_000);

  it('with too few reviews keeps the defaults and says how many more are needed', () => {
    const log = simulatedLog(3, 3, 5);
    const outcome = optimize(log, {
      now: Date.now() + 1000 * DAY,
      dayStartHour: 4,
      current: [...default_w],
      fit: () => {
        throw new Error('not called');
      },
    });
    expect(outcome).toMatchObject({ kind: 'too-few', reviews: 9 });
    if (outcome.kind === 'too-few') expect(outcome.needed).toBeGreaterThan(0);
  });
});
