// The hybrid logical clock of sync: readings as text that sorts in time order, ahead of anything seen.
import type { Hlc } from './sync';

/**
 * A reading is `<13-digit ms>-<4-char base-36 counter>-<device>`: text order is time order, then
 * counter, then device id (the tie-break). The counter counts changes within one millisecond, or
 * while the wall clock is behind a reading already made or heard.
 */
const MS_DIGITS = 13;
const COUNTER_DIGITS = 4;
const COUNTER_MAX = 36 ** COUNTER_DIGITS - 1;
const MS_MAX = 10 ** MS_DIGITS - 1;

interface Reading {
  ms: number;
  counter: number;
}

function format({ ms, counter }: Reading, device: string): Hlc {
  return `${String(ms).padStart(MS_DIGITS, '0')}-${counter.toString(36).padStart(COUNTER_DIGITS, '0')}-${device}`;
}

function parse(hlc: Hlc): Reading {
  return {
    ms: Number(hlc.slice(0, MS_DIGITS)),
    counter: Number.parseInt(hlc.slice(MS_DIGITS + 1, MS_DIGITS + 1 + COUNTER_DIGITS), 36),
  };
}

function wall(now: number): number {
  return Math.min(MS_MAX, Math.max(0, Math.floor(now)));
}

/** The reading one step after `r` in the same millisecond; a full counter moves on a millisecond. */
function after(r: Reading): Reading {
  return r.counter < COUNTER_MAX ? { ms: r.ms, counter: r.counter + 1 } : { ms: r.ms + 1, counter: 0 };
}

/** Whether `hlc` is a well-formed reading (pulled records are checked with it). */
export function isHlc(hlc: unknown): hlc is Hlc {
  return typeof hlc === 'string' && /^\d{13}-[0-9a-z]{4}-[^\s]{0,200}$/.test(hlc);
}

/** The device id inside a reading ('' for a clock derived from a record's time). */
export function hlcDevice(hlc: Hlc): string {
  return hlc.slice(MS_DIGITS + COUNTER_DIGITS + 2);
}

/** The reading for a local change at `now`: later than `last` even when the wall clock went back. */
export function nextHlc(last: Hlc | null, now: number, device: string): Hlc {
  const ms = wall(now);
  if (last === null) return format({ ms, counter: 0 }, device);
  const l = parse(last);
  return format(ms > l.ms ? { ms, counter: 0 } : after(l), device);
}

/** The local clock after hearing `remote`: later than both, so the next change sorts after it. */
export function receiveHlc(last: Hlc | null, remote: Hlc, now: number, device: string): Hlc {
  const ms = wall(now);
  const r = parse(remote);
  const l = last === null ? r : parse(last);
  const top = l.ms > r.ms || (l.ms === r.ms && l.counter >= r.counter) ? l : r;
  return format(ms > top.ms ? { ms, counter: 0 } : after(top), device);
}

export function compareHlc(a: Hlc, b: Hlc): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The clock of a record written without one (before sync was on, or read from a backup): its own
 * time, counter 0. Derived clocks use the device id '' so that any real change at the same
 * millisecond sorts after them.
 */
export function hlcFromTime(ms: number, device = ''): Hlc {
  return format({ ms: wall(ms), counter: 0 }, device);
}

/** The oldest reading there is: a record nobody ever changed (a built-in card as shipped). */
export const OLDEST_HLC: Hlc = hlcFromTime(0);
