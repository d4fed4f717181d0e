// The median of a list of numbers: the one home for every "typical duration" the app shows or plans with.

/** The middle value (the mean of the two middle ones for an even count); null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  // A typed array sorts numerically and without a comparator call per pair: 100,000 durations at once.
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}
