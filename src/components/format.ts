// How counts, dates and sizes read on screen: one home for every plural and every date format.

/** A whole number with thousands separators, the same on every device: "10,000". */
export function number(n: number): string {
  return n.toLocaleString('en-US');
}

/** The word that agrees with `n`: pluralWord(1, 'is', 'are') → "is". */
export function pluralWord(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** A count with its noun: count(1, 'card') → "1 card", count(1200, 'card') → "1,200 cards". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${number(n)} ${pluralWord(n, one, many)}`;
}

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
