// How dates and sizes read on screen: one home for every date format (counts and plurals: domain/words.ts).
// The statistics' calendar formats are in format-calendar.ts: this module is on the way to the first card.
// Months, which only lazy screens show, are in format-month.ts: this module is on the way to the first card.

/** A moment with its date and time, in the device's language: "12 Mar 2026, 14:05". */
export function dateTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The time of day only, for moments later today: "14:05". */
export function timeOfDay(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** A day within the coming weeks: "Thu 12 Mar". */
export function shortDay(ms: number): string {
  return new Date(ms).toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short' });
}

/** A storage size in binary units: "512 B", "1.5 KB", "20.0 MB". */
export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}
