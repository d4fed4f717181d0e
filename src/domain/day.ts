// Study days: a day starts at a chosen local hour (Anki-style, default 04:00), DST-proof.
//
// A study day is named by the calendar date on which it starts ("YYYY-MM-DD"). Its boundaries are
// built from local calendar fields with the Date constructor, never by adding 24 hours, so the
// days around a DST change last 23 or 25 hours as they really do. When the start hour does not
// exist (clocks jump over it), the day starts at the first instant after the jump; when it
// happens twice (clocks go back over it), at the first of the two.

interface CalendarDate {
  year: number;
  /** 0-based, as in Date. */
  month: number;
  day: number;
}

function localInstant(date: CalendarDate, hour: number): number {
  return new Date(date.year, date.month, date.day, hour).getTime();
}

// Pure calendar arithmetic in UTC, where no day is 23 or 25 hours long.
function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate() };
}

function studyDate(now: number, dayStartHour: number): CalendarDate {
  const t = new Date(now);
  const today: CalendarDate = { year: t.getFullYear(), month: t.getMonth(), day: t.getDate() };
  return now >= localInstant(today, dayStartHour) ? today : addDays(today, -1);
}

function formatKey(date: CalendarDate): string {
  const mm = String(date.month + 1).padStart(2, '0');
  const dd = String(date.day).padStart(2, '0');
  return `${String(date.year).padStart(4, '0')}-${mm}-${dd}`;
}

function parseKey(key: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]) - 1, day: Number(match[3]) };
}

/** The study day `now` belongs to, as 'YYYY-MM-DD'. `dayStartHour` is 0–23, local time. */
export function dayKey(now: number, dayStartHour: number): string {
  return formatKey(studyDate(now, dayStartHour));
}

/** The instant the study day containing `now` began. */
export function startOfStudyDay(now: number, dayStartHour: number): number {
  return localInstant(studyDate(now, dayStartHour), dayStartHour);
}

/** The instant the next study day begins (the end of the current one). */
export function nextDayStart(now: number, dayStartHour: number): number {
  return localInstant(addDays(studyDate(now, dayStartHour), 1), dayStartHour);
}

/** The study days on which reviews happened, as day keys: the input of `streak`. */
export function studyDayKeys(reviewTimes: Iterable<number>, dayStartHour: number): Set<string> {
  const keys = new Set<string>();
  for (const t of reviewTimes) keys.add(dayKey(t, dayStartHour));
  return keys;
}

/**
 * The current streak: consecutive study days with at least one review. It ends today if the user
 * has reviewed today; otherwise it ends yesterday, because today is not lost until it ends.
 * So a 5-day streak still shows 5 in the morning before the first review, and 0 only once a whole
 * study day has passed without one. `studyDays` holds day keys (see `studyDayKeys`).
 */
export function streak(studyDays: ReadonlySet<string>, now: number, dayStartHour: number): number {
  let date = studyDate(now, dayStartHour);
  if (!studyDays.has(formatKey(date))) date = addDays(date, -1);
  let count = 0;
  while (studyDays.has(formatKey(date))) {
    count += 1;
    date = addDays(date, -1);
  }
  return count;
}

/** The day key one study day before or after `key` (calendar arithmetic, no time zone involved). */
export function shiftDayKey(key: string, days: number): string {
  const date = parseKey(key);
  if (!date) throw new RangeError(`Not a day key: "${key}"`);
  return formatKey(addDays(date, days));
}

const HOUR_MS = 3_600_000;

/**
 * `t` on the study clock: an instant whose UTC calendar date is the study day `t` falls on, and
 * whose UTC time of day is the local time minus `dayStartHour`. Day counters that read UTC calendar
 * dates (ts-fsrs's elapsed days) then count the user's own days: 15:00 and 17:00 in Los Angeles are
 * one day, 03:00 and 05:00 around a 04:00 start are two. The offset is the one in force at `t`, so
 * the clock follows DST; in the hour that clocks go back it briefly runs backwards.
 */
export function toStudyClock(t: number, dayStartHour: number): number {
  return t - new Date(t).getTimezoneOffset() * 60_000 - dayStartHour * HOUR_MS;
}

/**
 * The real instant for a study-clock reading: the same local date and time of day. A time of day
 * that does not exist that date (clocks jump over it) moves past the jump; one that happens twice
 * is the first, as the Date constructor resolves them.
 */
export function fromStudyClock(v: number, dayStartHour: number): number {
  const wall = new Date(v + dayStartHour * HOUR_MS);
  const local = new Date(
    wall.getUTCFullYear(),
    wall.getUTCMonth(),
    wall.getUTCDate(),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    wall.getUTCMilliseconds(),
  );
  // Years 0–99 would be read as 1900–1999 by the constructor above.
  local.setFullYear(wall.getUTCFullYear());
  return local.getTime();
}
