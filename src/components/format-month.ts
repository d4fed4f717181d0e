// Months as calendars show them: the date formats of format.ts that the first card never needs, kept off its way.

/** A month, for calendars and their tables: "Mar", or "Mar 2026" with its year. */
export function monthName(ms: number, withYear = false): string {
  return new Date(ms).toLocaleDateString([], { month: 'short', year: withYear ? 'numeric' : undefined });
}
