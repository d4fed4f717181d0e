// The calendar heatmap: a year of study days in week columns, coloured by reviews, each day named with its count.
import { shortDay } from '../../components/format';
import { monthName } from '../../components/format-month';
import { count } from '../../domain';
import type { DayRow } from '../../domain/stats-model';

const PITCH = 12;
const CELL = 10;
const LABEL_ROW = 12;
/** Weeks per row of the calendar: a year in two rows fits a 360 px phone with days still tappable. */
const BLOCK_WEEKS = 27;
const BLOCK_GAP = 8;
const BLOCK_HEIGHT = LABEL_ROW + 7 * PITCH;
export const HEAT_LEVELS = 5;

/** 0 for no review, else 1–4 by share of the busiest day. */
export function heatLevel(reviews: number, busiest: number): number {
  if (reviews <= 0 || busiest <= 0) return 0;
  return Math.min(HEAT_LEVELS - 1, Math.ceil((reviews / busiest) * (HEAT_LEVELS - 1)));
}

/** Monday first. */
function weekday(ms: number): number {
  return (new Date(ms).getDay() + 6) % 7;
}

export function dayName(day: DayRow, today: string): string {
  return `${day.day === today ? 'Today, ' : ''}${shortDay(day.start)}: ${count(day.reviews, 'review')}`;
}

export function Heatmap({ days, today, label }: { days: readonly DayRow[]; today: string; label: string }) {
  const busiest = Math.max(0, ...days.map((d) => d.reviews));
  const offset = days[0] ? weekday(days[0].start) : 0;
  const weeks = Math.ceil((days.length + offset) / 7);
  const blocks = Math.max(1, Math.ceil(weeks / BLOCK_WEEKS));
  const height = blocks * BLOCK_HEIGHT + (blocks - 1) * BLOCK_GAP;
  const place = (i: number) => {
    const slot = i + offset;
    const week = Math.floor(slot / 7);
    const block = Math.floor(week / BLOCK_WEEKS);
    return {
      x: (week % BLOCK_WEEKS) * PITCH,
      top: block * (BLOCK_HEIGHT + BLOCK_GAP),
      y: block * (BLOCK_HEIGHT + BLOCK_GAP) + LABEL_ROW + (slot % 7) * PITCH,
      week,
    };
  };
  // A month's name over the week its first day falls in, and over a row that starts without one.
  const labels: { x: number; y: number; text: string }[] = [];
  const labelled = new Set<number>();
  days.forEach((d, i) => {
    const { x, top, week } = place(i);
    // A name needs about two weeks of room: none on a row's last week, where it would be cut off.
    if (new Date(d.start).getDate() !== 1 || week % BLOCK_WEEKS > BLOCK_WEEKS - 2) return;
    labels.push({ x, y: top + LABEL_ROW - 3, text: monthName(d.start) });
    if (week % BLOCK_WEEKS < 3) labelled.add(Math.floor(week / BLOCK_WEEKS));
  });
  for (let block = 0; block < blocks; block++) {
    const first = Math.max(0, block * BLOCK_WEEKS * 7 - offset);
    const day = days[first];
    if (day && !labelled.has(block)) {
      labels.push({ x: 0, y: place(first).top + LABEL_ROW - 3, text: monthName(day.start) });
    }
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset cannot hold SVG; the days are a group of images.
    <svg
      className="kp-heatmap"
      viewBox={`0 0 ${BLOCK_WEEKS * PITCH} ${height}`}
      role="group"
      aria-label={label}
    >
      {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG group is not focusable; each day's name already says its date. */}
      <g aria-hidden="true">
        {labels.map((l) => (
          <text key={`${l.x},${l.y}`} x={l.x} y={l.y} className="kp-chart__label">
            {l.text}
          </text>
        ))}
      </g>
      {days.map((d, i) => {
        const { x, y } = place(i);
        const level = heatLevel(d.reviews, busiest);
        return (
          // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG rect is not interactive; each day is an image named by its count.
          <rect
            key={d.day}
            x={x}
            y={y}
            width={CELL}
            height={CELL}
            rx={2}
            className={`kp-heat kp-heat--${level}${d.day === today ? ' kp-heat--today' : ''}`}
            role="img"
            aria-label={dayName(d, today)}
          />
        );
      })}
    </svg>
  );
}

/** The colour scale, less to more. */
export function HeatLegend() {
  return (
    <p className="kp-heat-legend" aria-hidden="true">
      Less
      <svg
        viewBox={`0 0 ${HEAT_LEVELS * PITCH} ${CELL}`}
        width={HEAT_LEVELS * PITCH}
        height={CELL}
        aria-hidden="true"
      >
        {Array.from({ length: HEAT_LEVELS }, (_, level) => (
          <rect
            // biome-ignore lint/suspicious/noArrayIndexKey: the levels are fixed.
            key={level}
            x={level * PITCH}
            width={CELL}
            height={CELL}
            rx={2}
            className={`kp-heat kp-heat--${level}`}
          />
        ))}
      </svg>
      More
    </p>
  );
}
