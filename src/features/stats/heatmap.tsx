// The calendar heatmap: a year of study days in week columns, coloured by reviews, each day named with its count.

import { calendarDay, monthName } from '../../components/format-calendar';
import { count } from '../../domain';
import type { DayRow } from '../../domain/stats-model';
import { useReveal } from './use-reveal';

const PITCH = 12;
const CELL = 10;
const LABEL_ROW = 12;
/** Weeks per row of the calendar: a year in two rows fits a 360 px phone with days still tappable. */
const BLOCK_WEEKS = 27;
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
  return `${day.day === today ? 'Today, ' : ''}${calendarDay(day.start)}: ${count(day.reviews, 'review')}`;
}

interface Block {
  cells: { day: DayRow; x: number; y: number }[];
  labels: { x: number; text: string }[];
}

/** The days in rows of BLOCK_WEEKS week columns (Monday on top), each row with its month names. */
function layout(days: readonly DayRow[]): Block[] {
  const offset = days[0] ? weekday(days[0].start) : 0;
  const weeks = Math.ceil((days.length + offset) / 7);
  const blocks: Block[] = Array.from({ length: Math.max(1, Math.ceil(weeks / BLOCK_WEEKS)) }, () => ({
    cells: [],
    labels: [],
  }));
  days.forEach((day, i) => {
    const slot = i + offset;
    const week = Math.floor(slot / 7);
    const block = blocks[Math.floor(week / BLOCK_WEEKS)] as Block;
    const x = (week % BLOCK_WEEKS) * PITCH;
    block.cells.push({ day, x, y: LABEL_ROW + (slot % 7) * PITCH });
    // A month's name over the week its first day falls in; none in a row's last week (it would be
    // cut off), and a row starting without one is named by its first day's month.
    const first = block.cells.length === 1;
    const monthStarts = new Date(day.start).getDate() === 1 && week % BLOCK_WEEKS < BLOCK_WEEKS - 1;
    if (monthStarts) {
      const early = block.labels[0];
      if (early?.x === 0 && x < 3 * PITCH) block.labels.shift();
      block.labels.push({ x, text: monthName(day.start) });
    } else if (first) block.labels.push({ x: 0, text: monthName(day.start) });
  });
  return blocks;
}

/** The heatmap, one SVG per row of weeks: the row holding today is drawn first, older ones after (useReveal). */
export function Heatmap({ days, today, label }: { days: readonly DayRow[]; today: string; label: string }) {
  const busiest = Math.max(0, ...days.map((d) => d.reviews));
  const blocks = layout(days);
  const shown = useReveal(blocks.length);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset groups form controls; these are images of days.
    <div className="kp-heatmap" role="group" aria-label={label}>
      {blocks.map((block, b) => (
        // biome-ignore lint/a11y/noSvgWithoutTitle: a row is only the canvas of its days, each a named image.
        <svg
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are fixed by position.
          key={b}
          className="kp-heatmap__row"
          viewBox={`0 0 ${BLOCK_WEEKS * PITCH} ${BLOCK_HEIGHT}`}
        >
          {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG group is not focusable; each day's name already says its date. */}
          <g aria-hidden="true">
            {block.labels.map((l) => (
              <text key={l.x} x={l.x} y={LABEL_ROW - 3} className="kp-chart__label">
                {l.text}
              </text>
            ))}
          </g>
          {b >= blocks.length - shown &&
            block.cells.map(({ day, x, y }) => (
              // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG rect is not interactive; each day is an image named by its count.
              <rect
                key={day.day}
                x={x}
                y={y}
                width={CELL}
                height={CELL}
                className={`kp-heat kp-heat--${heatLevel(day.reviews, busiest)}${day.day === today ? ' kp-heat--today' : ''}`}
                role="img"
                aria-label={dayName(day, today)}
              />
            ))}
        </svg>
      ))}
    </div>
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
