// A bar per day, drawn in SVG and stretched to the width it is given; its numbers are in its name and in a table beside it.
import { type ReactNode, useState } from 'react';

export interface BarChartProps {
  values: readonly number[];
  /** What the chart shows, in words a screen reader reads instead of the bars. */
  label: string;
  /** Under the bars, at each end: the first day and the last. */
  from: string;
  to: string;
  /** The scale's top, in the chart's unit: "40 reviews". */
  top: string;
  tone?: 'accent' | 'muted';
}

export function BarChart({ values, label, from, to, top, tone = 'accent' }: BarChartProps) {
  const highest = Math.max(0, ...values);
  const n = Math.max(1, values.length);
  return (
    <figure className="kp-bars">
      <span className="kp-bars__top kp-muted" aria-hidden="true">
        {top}
      </span>
      <svg
        viewBox={`0 0 ${n} 100`}
        preserveAspectRatio="none"
        role="img"
        aria-label={label}
        className={`kp-bars__plot kp-bars__plot--${tone}`}
      >
        {values.map((v, i) => {
          const h = highest > 0 ? (v / highest) * 100 : 0;
          // biome-ignore lint/suspicious/noArrayIndexKey: one bar per day, in day order.
          return h > 0 ? <rect key={i} x={i + 0.12} width={0.76} y={100 - h} height={h} /> : null;
        })}
      </svg>
      <span className="kp-bars__axis kp-muted" aria-hidden="true">
        <span>{from}</span>
        <span>{to}</span>
      </span>
    </figure>
  );
}

/** A chart's numbers as a table, one tap away; rows are built only once it is opened. */
export function NumbersTable({
  summary,
  caption,
  head,
  rows,
}: {
  summary: string;
  caption: string;
  head: readonly string[];
  rows: () => ReactNode[][];
}) {
  const [open, setOpen] = useState(false);
  return (
    <details className="kp-numbers" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {open && (
        <table className="kp-table">
          <caption className="kp-visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows().map((cells, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are rebuilt whole, never reordered.
              <tr key={r}>
                {cells.map((cell, c) =>
                  c === 0 ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed.
                    <th key={c} scope="row">
                      {cell}
                    </th>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed.
                    <td key={c}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
