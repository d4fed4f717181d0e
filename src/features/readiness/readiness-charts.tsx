// The readiness screen's two charts, drawn by hand in SVG, each followed by the same numbers as a table.
import type { ReactNode } from 'react';
import { shortDay } from '../../components/format';
import { percentText } from '../../components/interview-words';
import { number } from '../../domain';
import type { TrendPoint } from '../../domain/readiness';

const WIDTH = 200;
const HEIGHT = 100;

/** The drawing area both charts share: scaled to the figure's width, hidden from screen readers (each has a table). */
function ChartCanvas({ children }: { children: ReactNode }) {
  return (
    <svg
      className="kp-readiness__chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <line className="kp-readiness__axis" x1="0" y1={HEIGHT} x2={WIDTH} y2={HEIGHT} />
      {children}
    </svg>
  );
}

/** "2026-12-15" → "Tue 15 Dec" (the study day's date at noon, clear of any day-start hour). */
function dayLabel(key: string): string {
  const [y, m, d] = key.split('-').map(Number);
  return shortDay(new Date(y ?? 0, (m ?? 1) - 1, d ?? 1, 12).getTime());
}

/** Cards per tenth of predicted recall: bars, then a table for anyone who cannot see them. */
export function RecallHistogram({ bins }: { bins: readonly number[] }) {
  const most = Math.max(1, ...bins);
  const slot = WIDTH / bins.length;
  const label = (i: number) => `${i * 10}–${(i + 1) * 10}%`;
  return (
    <figure className="kp-readiness__figure">
      <ChartCanvas>
        {bins.map((n, i) => {
          const h = (n / most) * (HEIGHT - 4);
          return (
            <rect
              // biome-ignore lint/suspicious/noArrayIndexKey: a bin is its position.
              key={i}
              className="kp-readiness__bar"
              x={i * slot + 1}
              y={HEIGHT - h}
              width={slot - 2}
              height={h}
            />
          );
        })}
      </ChartCanvas>
      <figcaption className="kp-readiness__scale" aria-hidden="true">
        <span>0%</span>
        <span>predicted recall</span>
        <span>100%</span>
      </figcaption>
      <details className="kp-readiness__details">
        <summary>Histogram as a table</summary>
        <table className="kp-readiness__table">
          <caption className="kp-visually-hidden">Covered cards by predicted recall at the interview</caption>
          <thead>
            <tr>
              <th scope="col">Predicted recall</th>
              <th scope="col">Cards</th>
            </tr>
          </thead>
          <tbody>
            {bins.map((n, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a bin is its position.
              <tr key={i}>
                <th scope="row">{label(i)}</th>
                <td>{number(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** Readiness day by day, as a line over 0–100% with the target marked, then the days as a table. */
export function ReadinessTrend({ points, target }: { points: readonly TrendPoint[]; target: number }) {
  const x = (i: number) => (points.length <= 1 ? WIDTH / 2 : (i / (points.length - 1)) * WIDTH);
  const y = (percent: number) => HEIGHT - (percent / 100) * HEIGHT;
  const line = points.map((p, i) => `${x(i)},${y(p.percent)}`).join(' ');
  const first = points[0];
  const last = points.at(-1);
  return (
    <figure className="kp-readiness__figure">
      <ChartCanvas>
        <line
          className="kp-readiness__target"
          x1="0"
          y1={y(target * 100)}
          x2={WIDTH}
          y2={y(target * 100)}
          vectorEffect="non-scaling-stroke"
        />
        {points.length > 1 ? (
          <polyline className="kp-readiness__line" points={line} vectorEffect="non-scaling-stroke" />
        ) : (
          last && <circle className="kp-readiness__dot" cx={x(0)} cy={y(last.percent)} r="2" />
        )}
      </ChartCanvas>
      {first && last && (
        <figcaption className="kp-readiness__scale" aria-hidden="true">
          <span>{dayLabel(first.day)}</span>
          <span>dashed: target {percentText(target * 100)}</span>
          <span>{dayLabel(last.day)}</span>
        </figcaption>
      )}
      <details className="kp-readiness__details">
        <summary>Day by day as a table</summary>
        <table className="kp-readiness__table">
          <caption className="kp-visually-hidden">Readiness at the end of each day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Readiness</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.day}>
                <th scope="row">{dayLabel(p.day)}</th>
                <td>{percentText(p.percent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
