// The benchmark's figures: summary statistics, verdicts against budgets, and the printed table.

export type Verdict = 'pass' | 'FAIL' | 'info' | 'n/a';

export interface Figure {
  name: string;
  unit: 'ms' | 'kB' | 'MB' | '%' | 'score';
  median: number | null;
  p95?: number | null;
  min?: number | null;
  max?: number | null;
  n?: number;
  /** The budget as text, e.g. "≤ 50 (p95)". */
  budget: string;
  verdict: Verdict;
  /** Why a figure is missing or how it was measured, when the name does not say. */
  note?: string;
}

export interface Samples {
  median: number;
  p95: number;
  min: number;
  max: number;
  n: number;
}

/** Nearest-rank percentile of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export function samples(values: readonly number[]): Samples | null {
  if (values.length === 0) return null;
  return {
    median: percentile(values, 50),
    p95: percentile(values, 95),
    min: Math.min(...values),
    max: Math.max(...values),
    n: values.length,
  };
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A figure from repeated measurements, judged on `by` (median or p95) against `limit`. */
export function measured(
  name: string,
  unit: Figure['unit'],
  values: readonly number[],
  limit: number | null,
  by: 'median' | 'p95' | 'max' = 'median',
  note?: string,
): Figure {
  const s = samples(values);
  if (!s)
    return {
      name,
      unit,
      median: null,
      budget: budgetText(limit, by),
      verdict: 'n/a',
      note: note ?? 'no samples',
    };
  const judged = s[by];
  return {
    name,
    unit,
    median: round(s.median),
    p95: s.n > 1 ? round(s.p95) : null,
    min: s.n > 1 ? round(s.min) : null,
    max: s.n > 1 ? round(s.max) : null,
    n: s.n,
    budget: budgetText(limit, by),
    verdict: limit === null ? 'info' : judged <= limit ? 'pass' : 'FAIL',
    ...(note ? { note } : {}),
  };
}

/** A single value judged against a limit; `atLeast` for scores. */
export function single(
  name: string,
  unit: Figure['unit'],
  value: number | null,
  limit: number | null,
  options: { atLeast?: boolean; note?: string } = {},
): Figure {
  const ok = value === null || limit === null ? null : options.atLeast ? value >= limit : value <= limit;
  return {
    name,
    unit,
    median: value === null ? null : round(value),
    budget: limit === null ? '—' : `${options.atLeast ? '≥' : '≤'} ${limit}`,
    verdict: value === null ? 'n/a' : ok === null ? 'info' : ok ? 'pass' : 'FAIL',
    ...(options.note ? { note: options.note } : {}),
  };
}

function budgetText(limit: number | null, by: 'median' | 'p95' | 'max'): string {
  return limit === null ? '—' : `≤ ${limit}${by === 'median' ? '' : ` (${by})`}`;
}

function cell(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

/** A Markdown table, readable in a terminal and pasteable into the README. */
export function table(figures: readonly Figure[]): string {
  const rows = [
    ['figure', 'unit', 'median', 'p95', 'min', 'max', 'n', 'budget', 'verdict'],
    ...figures.map((f) => [
      f.name,
      f.unit,
      cell(f.median),
      cell(f.p95),
      cell(f.min),
      cell(f.max),
      cell(f.n),
      f.budget,
      f.verdict,
    ]),
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  const line = (r: string[]) => `| ${r.map((v, c) => v.padEnd(widths[c] ?? 0)).join(' | ')} |`;
  const [head, ...body] = rows;
  return [line(head ?? []), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join(
    '\n',
  );
}
