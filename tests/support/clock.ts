// Fixed moments and durations for tests: time is an input, never the machine's clock.

import { afterAll, beforeAll } from 'vitest';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Monday 6 January 2025, 09:00 in the machine's time zone: days start at a local hour. */
export const MONDAY_MORNING = new Date(2025, 0, 6, 9, 0).getTime();

/** Wednesday 15 January 2025, 09:00 UTC: for code that does not care about the local day. */
export const MID_JANUARY_UTC = Date.UTC(2025, 0, 15, 9, 0, 0);

/** Runs the calling test file in `zone` (Node reads TZ whenever it changes), then puts it back. */
export function inTimeZone(zone: string): void {
  let previous: string | undefined;
  beforeAll(() => {
    previous = process.env.TZ;
    process.env.TZ = zone;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  });
}
