// Fixed moments and durations for tests: time is an input, never the machine's clock.

import { afterEach, beforeEach } from 'vitest';
import type { Timers } from '../../src/session/study-engine';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Monday 6 January 2025, 09:00 in the machine's time zone: days start at a local hour. */
export const MONDAY_MORNING = new Date(2025, 0, 6, 9, 0).getTime();

/** Wednesday 15 January 2025, 09:00 UTC: for code that does not care about the local day. */
export const MID_JANUARY_UTC = Date.UTC(2025, 0, 15, 9, 0, 0);

/**
 * Runs the calling file's (or describe block's) tests in `zone`, then puts it back. Node rereads TZ
 * whenever process.env.TZ is assigned, and each test file runs in its own worker.
 */
export function inTimeZone(zone: string): void {
  let previous: string | undefined;
  beforeEach(() => {
    previous = process.env.TZ;
    process.env.TZ = zone;
  });
  afterEach(() => {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  });
}

/** A clock and a timer queue that only move when the test says so. */
export function fakeTime(start: number) {
  let t = start;
  let nextHandle = 0;
  const pending = new Map<number, { at: number; run: () => void }>();
  const timers: Timers = {
    set(run, ms) {
      nextHandle += 1;
      pending.set(nextHandle, { at: t + ms, run });
      return nextHandle;
    },
    clear(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    now: () => t,
    timers,
    pending,
    /** Moves the clock on and runs the timers that came due. */
    tick(ms: number) {
      t += ms;
      for (const [handle, timer] of [...pending]) {
        if (timer.at <= t) {
          pending.delete(handle);
          timer.run();
        }
      }
    },
  };
}
