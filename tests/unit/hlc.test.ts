// The sync clock: every reading sorts after everything the device made or heard, whatever its wall clock says.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareHlc,
  hlcDevice,
  hlcFromTime,
  isHlc,
  nextHlc,
  OLDEST_HLC,
  receiveHlc,
} from '../../src/domain/hlc';
import { MINUTE, MID_JANUARY_UTC as NOW } from '../support/clock';

const time = fc.integer({ min: 0, max: 4_102_444_800_000 }); // up to 2100
const device = fc.stringMatching(/^[A-Za-z0-9_-]{1,22}$/);

describe('nextHlc', () => {
  it('reads the wall clock when it is ahead of the last reading', () => {
    const first = nextHlc(null, NOW, 'a');
    const second = nextHlc(first, NOW + 1, 'a');
    expect(compareHlc(first, second)).toBe(-1);
    expect(second).toBe(hlcFromTime(NOW + 1, 'a'));
    expect(isHlc(second)).toBe(true);
    expect(hlcDevice(second)).toBe('a');
  });

  it('still moves forward when the wall clock went back or stood still', () => {
    fc.assert(
      fc.property(time, fc.array(time, { minLength: 1, maxLength: 30 }), device, (start, nows, d) => {
        let last = nextHlc(null, start, d);
        for (const now of nows) {
          const next = nextHlc(last, now, d);
          expect(compareHlc(next, last)).toBe(1);
          expect(isHlc(next)).toBe(true);
          last = next;
        }
      }),
    );
  });

  it('keeps going past a full counter (many changes while the clock is behind)', () => {
    let last = nextHlc(null, NOW, 'a');
    for (let i = 0; i < 36 ** 4 + 5; i += 36 ** 3) {
      // Jump the counter close to its end, as a long stretch of changes would.
      last = `${last.slice(0, 14)}${Math.min(i, 36 ** 4 - 1)
        .toString(36)
        .padStart(4, '0')}-a`;
      expect(compareHlc(nextHlc(last, NOW - MINUTE, 'a'), last)).toBe(1);
    }
  });
});

describe('receiveHlc', () => {
  it('is after both the local and the remote reading, whatever the wall clock says', () => {
    fc.assert(
      fc.property(time, time, time, device, device, (l, r, now, d1, d2) => {
        const local = hlcFromTime(l, d1);
        const remote = hlcFromTime(r, d2);
        const after = receiveHlc(local, remote, now, d1);
        expect(compareHlc(after, local)).toBe(1);
        expect(after.slice(0, 18) > remote.slice(0, 18)).toBe(true);
        // And the next local change sorts after the remote one too.
        expect(compareHlc(nextHlc(after, now, d1), remote)).toBe(1);
      }),
    );
  });

  it('lets a device whose clock runs an hour behind still write after what it heard', () => {
    const heard = nextHlc(null, NOW, 'ahead');
    const mine = receiveHlc(null, heard, NOW - 60 * MINUTE, 'behind');
    const edit = nextHlc(mine, NOW - 59 * MINUTE, 'behind');
    expect(compareHlc(edit, heard)).toBe(1);
  });
});

describe('compareHlc and hlcFromTime', () => {
  it('orders readings by time first, then the device id breaks ties', () => {
    fc.assert(
      fc.property(time, time, device, device, (a, b, d1, d2) => {
        const x = hlcFromTime(a, d1);
        const y = hlcFromTime(b, d2);
        if (a !== b) expect(compareHlc(x, y)).toBe(a < b ? -1 : 1);
        else expect(compareHlc(x, y)).toBe(d1 < d2 ? -1 : d1 > d2 ? 1 : 0);
      }),
    );
  });

  it('puts a derived clock (no device) before any real change at the same moment, and the oldest first of all', () => {
    expect(compareHlc(hlcFromTime(NOW), hlcFromTime(NOW, 'a'))).toBe(-1);
    expect(compareHlc(OLDEST_HLC, nextHlc(null, 0, 'a'))).toBe(-1);
    expect(compareHlc(OLDEST_HLC, hlcFromTime(0))).toBe(0);
  });

  it('refuses text that is not a reading', () => {
    for (const bad of [
      null,
      3,
      '',
      'abc',
      '123-0000-a',
      `${'9'.repeat(13)}-00-a`,
      `${'1'.repeat(13)}-0000-a b`,
    ]) {
      expect(isHlc(bad)).toBe(false);
    }
  });
});
