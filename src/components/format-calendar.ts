// Dates as the statistics' calendar shows them: days with their year, and months. Off the way to the
// first card (format.ts is on it), and each with one formatter made on first use: toLocaleDateString
// with options builds a new one per call, about 40 ms for a year of days on a fast machine.

let dayFormat: Intl.DateTimeFormat | undefined;
const monthFormats = new Map<boolean, Intl.DateTimeFormat>();

/** A day of the last year: "Mon, Mar 4, 2030" (in the device's language). */
export function calendarDay(ms: number): string {
  dayFormat ??= new Intl.DateTimeFormat([], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  return dayFormat.format(ms);
}

/** A month, for calendars and their tables: "Mar", or "Mar 2026" with its year. */
export function monthName(ms: number, withYear = false): string {
  let format = monthFormats.get(withYear);
  if (!format) {
    format = new Intl.DateTimeFormat([], { month: 'short', year: withYear ? 'numeric' : undefined });
    monthFormats.set(withYear, format);
  }
  return format.format(ms);
}
