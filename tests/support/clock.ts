// Fixed moments and durations for tests: time is an input, never the machine's clock.

import { afterEach, beforeEach } from 'vitest';

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
