// Elapsed days reach FSRS as the user's study days (local time zone, day-start hour), not UTC dates.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Grade, type Schedule, type Settings } from '../../src/domain';
import { createScheduler, type Scheduler } from '../../src/domain/scheduler';
import { HOUR, inTimeZone, MINUTE } from '../support/clock';

const AGAIN: Grade = 1;
const GOOD: Grade = 3;
const EASY: Grade = 4;

/** An instant from local calendar fields (month 1–12) in whatever zone the test runs in. */
const local = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();

function scheduler(patch: Partial<Settings> = {}): Scheduler {
  return createScheduler({ ...DEFAULT_SETTINGS, enableFuzz: false, ...patch });
}

/** A card that graduated (Easy on a new card) at `at`: in Review state, last reviewed at `at`. */
function reviewedAt(s: Scheduler, at: number): Schedule {
  return s.grade(s.newSchedule('deck/1.1', at), EASY, at).schedule;
}

/** The elapsed days FSRS counted for a second review at `then` after a first at `first`. */
function elapsedDays(s: Scheduler, first: number, then: number): number {
  const card = reviewedAt(s, first);
  const { schedule, log } = s.grade(card, GOOD, then);
  expect(schedule.elapsedDays).toBe(log.elapsedDays);
  return log.elapsedDays;
}

describe('in any time zone', () => {
  it('counts 03:00 and 05:00 around a 04:00 day start as one day apart', () => {
    expect(elapsedDays(scheduler(), local(2025, 1, 6, 3), local(2025, 1, 6, 5))).toBe(1);
  });

  it('counts 05:00 and 03:00 the next morning as the same study day', () => {
    expect(elapsedDays(scheduler(), local(2025, 1, 6, 5), local(2025, 1, 7, 3))).toBe(0);
  });

  it('reads the day-start hour from the settings', () => {
    expect(elapsedDays(scheduler({ dayStartHour: 0 }), local(2025, 1, 6, 3), local(2025, 1, 6, 5))).toBe(0);
    expect(elapsedDays(scheduler({ dayStartHour: 0 }), local(2025, 1, 6, 23), local(2025, 1, 7, 1))).toBe(1);
  });

  it('stores real instants: the last review is the review time, whole days keep the time of day', () => {
    const at = local(2025, 1, 6, 9, 30);
    const card = reviewedAt(scheduler(), at);
    expect(card.lastReview).toBe(at);
    expect(card.scheduledDays).toBeGreaterThan(0);
    const due = new Date(card.due);
    expect([due.getHours(), due.getMinutes()]).toEqual([9, 30]);
    expect(Math.round((card.due - at) / (24 * HOUR))).toBe(card.scheduledDays);
  });
});

describe('UTC−8 (Los Angeles, winter)', () => {
  inTimeZone('America/Los_Angeles');

  it('counts 15:00 and 17:00 on the same local day as no day apart, though they are two UTC dates', () => {
    const first = local(2025, 1, 6, 15);
    const then = local(2025, 1, 6, 17);
    expect(new Date(first).getUTCDate()).not.toBe(new Date(then).getUTCDate());
    expect(elapsedDays(scheduler(), first, then)).toBe(0);
  });

  it('counts the next afternoon as one day', () => {
    expect(elapsedDays(scheduler(), local(2025, 1, 6, 15), local(2025, 1, 7, 15))).toBe(1);
  });

  it('replays to exactly the state that grading step by step reached, with fuzz on', () => {
    const s = createScheduler(DEFAULT_SETTINGS);
    const grades: Grade[] = [GOOD, GOOD, AGAIN, GOOD, EASY, GOOD];
    const times = [
      local(2025, 1, 6, 15),
      local(2025, 1, 6, 15, 1),
      local(2025, 1, 6, 17),
      local(2025, 1, 6, 23, 50),
      local(2025, 1, 7, 3),
      local(2025, 1, 12, 16),
    ];
    let card = s.newSchedule('deck/1.1', times[0] as number);
    const reviews = times.map((t, i) => ({ reviewedAt: t, rating: grades[i] as Grade }));
    for (const r of reviews) card = s.grade(card, r.rating, r.reviewedAt).schedule;
    expect(s.replay('deck/1.1', reviews)).toEqual(card);
  });
});

describe('UTC+9 (Tokyo)', () => {
  inTimeZone('Asia/Tokyo');

  it('counts late evening and the next morning as one day, though they share a UTC date', () => {
    const first = local(2025, 1, 6, 23);
    const then = local(2025, 1, 7, 8);
    expect(new Date(first).getUTCDate()).toBe(new Date(then).getUTCDate());
    expect(elapsedDays(scheduler(), first, then)).toBe(1);
  });

  it('counts 01:00 after a 23:00 review as the same study day (before the 04:00 start)', () => {
    expect(elapsedDays(scheduler(), local(2025, 1, 6, 23), local(2025, 1, 7, 1))).toBe(0);
  });
});

describe('a DST day (London, clocks forward on 30 March 2025)', () => {
  inTimeZone('Europe/London');

  it('counts 22:00 to 22:00 across the 23-hour day as one day', () => {
    const first = local(2025, 3, 29, 22);
    const then = local(2025, 3, 30, 22);
    expect(then - first).toBe(23 * HOUR);
    expect(elapsedDays(scheduler(), first, then)).toBe(1);
  });

  it('keeps the local time of day for a whole-day interval that crosses the change', () => {
    const at = local(2025, 3, 28, 10);
    const card = reviewedAt(scheduler(), at);
    expect(card.scheduledDays).toBeGreaterThan(2);
    expect(new Date(card.due).getHours()).toBe(10);
  });

  it('keeps a 10-minute learning step 10 real minutes across the jump', () => {
    const s = scheduler();
    const at = local(2025, 3, 30, 0, 55);
    const card = s.grade(s.newSchedule('deck/1.1', at), AGAIN, at).schedule;
    expect(card.due - at).toBe(MINUTE);
    const next = s.grade(card, GOOD, card.due).schedule;
    expect(next.due - card.due).toBe(10 * MINUTE);
  });
});

describe('a DST day (Los Angeles, clocks back on 2 November 2025)', () => {
  inTimeZone('America/Los_Angeles');

  it('counts 03:00 and 05:00 around the 04:00 start as one day on the 25-hour day', () => {
    expect(elapsedDays(scheduler(), local(2025, 11, 2, 3), local(2025, 11, 2, 5))).toBe(1);
  });

  it('never counts negative days in the hour that happens twice', () => {
    // 01:30 PDT, then 01:10 PST forty minutes later: the local clock went back.
    const first = Date.UTC(2025, 10, 2, 8, 30);
    const then = Date.UTC(2025, 10, 2, 9, 10);
    expect(new Date(then).getHours()).toBe(1);
    expect(elapsedDays(scheduler({ dayStartHour: 1 }), first, then)).toBe(0);
  });
});
