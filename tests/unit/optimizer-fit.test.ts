// The FSRS optimizer (fsrs-browser's WebAssembly, run here in Node) on a log simulated from known
// weights: the weights it fits predict the held-out newest reviews better than FSRS's defaults.
import { readFileSync } from 'node:fs';
import { default_w } from 'ts-fsrs';
import { beforeAll, describe, expect, it } from 'vitest';
import { optimize } from '../../src/domain/optimizer';
import { type FsrsModule, fsrsFit, runOptimize } from '../../src/features/settings/optimizer-run';
import { DAY, inTimeZone } from '../support/clock';
import { simulatedLog } from '../support/optimizer-log';

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

const START = new Date(2025, 0, 6, 12).getTime();
const cards = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
const simulated = (n: number, reviewsPerCard: number, seed: number) =>
  simulatedLog(cards(n), reviewsPerCard, seed, START);

describe('optimizing on a simulated log', () => {
  it('fits weights that predict the newest reviews better than the defaults', () => {
    const log = simulated(250, 8, 7);
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

  it('fits a log with learning steps: same-day repeats, and cards studied on one day only', () => {
    const MINUTE = 60_000;
    const log = simulated(250, 8, 7).flatMap((r, i, all) =>
      // A card's first review is followed by a Good ten minutes later, as a learning step would.
      i === 0 || all[i - 1]?.cardId !== r.cardId
        ? [r, { ...r, rating: 3 as const, reviewedAt: r.reviewedAt + 10 * MINUTE }]
        : [r],
    );
    // New cards met only today: Again, then Good a minute later.
    for (let i = 0; i < 20; i++) {
      const at = Math.max(...log.map((r) => r.reviewedAt)) + 2 * MINUTE;
      log.push(
        { cardId: `today${i}`, rating: 1, reviewedAt: at, durationMs: 20_000 },
        { cardId: `today${i}`, rating: 3, reviewedAt: at + MINUTE, durationMs: 20_000 },
      );
    }
    const now = Math.max(...log.map((r) => r.reviewedAt)) + DAY;
    const outcome = runOptimize({ log, now, dayStartHour: 4, current: null }, fsrs);
    expect(outcome).toMatchObject({ kind: 'fitted', fit: 'full', better: true });
  }, 120_000);

  it('with few reviews fits only the first four weights and says the fit is rough', () => {
    const log = simulated(12, 4, 11);
    const now = Math.max(...log.map((r) => r.reviewedAt)) + DAY;
    const outcome = optimize(log, { now, dayStartHour: 4, current: [...default_w], fit: fsrsFit(fsrs) });
    expect(outcome.kind).toBe('fitted');
    if (outcome.kind !== 'fitted') return;
    expect(outcome.fit).toBe('partial');
    expect(outcome.rough).toBe(true);
    expect(outcome.parameters.slice(4)).toEqual(default_w.slice(4));
  }, 120_000);

  it('with too few reviews keeps the defaults and says how many more are needed', () => {
    const log = simulated(3, 3, 5);
    const outcome = optimize(log, {
      now: Date.now() + 1000 * DAY,
      dayStartHour: 4,
      current: [...default_w],
      fit: () => {
        throw new Error('not called');
      },
    });
    expect(outcome).toMatchObject({ kind: 'too-few', reviews: 9 });
    // Six reviews after a first, on later days; twenty are needed, a fifth of them held out.
    if (outcome.kind === 'too-few') expect(outcome.needed).toBe(14);
  });
});
