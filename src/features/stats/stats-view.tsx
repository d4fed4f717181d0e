// The statistics in pictures, each with its numbers one tap away.
import { type ReactNode, useId, useState } from 'react';
import { calendarDay, monthName } from '../../components/format-calendar';
import { count, KIND_LABELS, KINDS, LEVEL_LABELS, LEVELS, number, type Settings } from '../../domain';
import { minutesSeconds } from '../../domain/pacing';
import {
  ACTIVITY_PERIODS,
  type ActivityPeriod,
  type CardStates,
  type DayRow,
  MATURE_DAYS,
  type PassCount,
  passRate,
  type RetentionRow,
  STATE_KEYS,
  type Statistics,
} from '../../domain/stats-model';
import { useDb } from '../../hooks/use-db';
import { useSettings } from '../../hooks/use-settings';
import { BarChart, NumbersTable } from './bar-chart';
import { HeatLegend, Heatmap } from './heatmap';
import type { CreateStatsClient } from './stats-client';
import { useReveal } from './use-reveal';
import { useStatistics } from './use-statistics';
import './stats.css';

const MINUTE = 60_000;

function Counting() {
  return (
    <p className="kp-muted" role="status">
      Counting your reviews…
    </p>
  );
}

function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

function minutes(ms: number): string {
  return `${number(Math.round(ms / MINUTE))} min`;
}

/** An answer time as a clock reads it: "1:35". */
function clockTime(ms: number): string {
  return minutesSeconds(Math.round(ms / 1000));
}

const PERIOD_WORDS: Record<ActivityPeriod, string> = { 30: '30 days', 90: '90 days', 365: '12 months' };

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="kp-statistics__section kp-card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="kp-statistics__facts">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function busiestDay(days: readonly DayRow[], of: (d: DayRow) => number): DayRow | null {
  let best: DayRow | null = null;
  for (const d of days) if (of(d) > 0 && (!best || of(d) >= of(best))) best = d;
  return best;
}

function Calendar({ s }: { s: Statistics }) {
  const studied = s.days.filter((d) => d.reviews > 0).length;
  const total = s.days.reduce((n, d) => n + d.reviews, 0);
  const byMonth = () => {
    const months = new Map<string, { start: number; reviews: number; days: number }>();
    for (const d of s.days) {
      const key = d.day.slice(0, 7);
      const m = months.get(key) ?? { start: d.start, reviews: 0, days: 0 };
      m.reviews += d.reviews;
      if (d.reviews > 0) m.days++;
      months.set(key, m);
    }
    return [...months.values()]
      .reverse()
      .map((m) => [monthName(m.start, true), number(m.reviews), number(m.days)]);
  };
  return (
    <Section title="Calendar">
      <Facts
        items={[
          ['Current streak', count(s.streak.current, 'day')],
          ['Longest streak', count(s.streak.longest, 'day')],
          ['Days studied, 12 months', number(studied)],
          ['Reviews, 12 months', number(total)],
        ]}
      />
      <Heatmap days={s.days} today={s.today} label="Reviews per day over the last 12 months" />
      <HeatLegend />
      <NumbersTable
        summary="Reviews by month"
        caption="Reviews and days studied per month, newest first"
        head={['Month', 'Reviews', 'Days studied']}
        rows={byMonth}
      />
    </Section>
  );
}

function Activity({ s }: { s: Statistics }) {
  const [period, setPeriod] = useState<ActivityPeriod>(30);
  const name = useId();
  const days = s.days.slice(-period);
  const reviews = days.reduce((n, d) => n + d.reviews, 0);
  const ms = days.reduce((n, d) => n + d.ms, 0);
  const studied = days.filter((d) => d.reviews > 0).length;
  const words = PERIOD_WORDS[period];
  const first = days[0];
  const from = first ? calendarDay(first.start) : '';
  const most = busiestDay(days, (d) => d.reviews);
  const longest = busiestDay(days, (d) => d.ms);
  const topReviews = most?.reviews ?? 0;
  const topMinutes = Math.round((longest?.ms ?? 0) / MINUTE);
  return (
    <Section title="Reviews and time">
      <fieldset className="kp-statistics__periods">
        <legend>Period</legend>
        {ACTIVITY_PERIODS.map((p) => (
          <label key={p} className="kp-statistics__period">
            <input type="radio" name={name} checked={period === p} onChange={() => setPeriod(p)} />
            {PERIOD_WORDS[p]}
          </label>
        ))}
      </fieldset>
      <Facts
        items={[
          ['Reviews', number(reviews)],
          ['Time studied', minutes(ms)],
          ['Days studied', `${number(studied)} of ${number(days.length)}`],
          ['Reviews a day', (reviews / Math.max(1, days.length)).toFixed(1)],
        ]}
      />
      <h3>Reviews per day</h3>
      <BarChart
        values={days.map((d) => d.reviews)}
        label={`Reviews per day, last ${words}: ${number(reviews)} in all${most ? `; the most, ${count(most.reviews, 'review')}, on ${calendarDay(most.start)}` : ''}.`}
        from={from}
        to="Today"
        top={count(topReviews, 'review')}
      />
      <h3>Minutes studied per day</h3>
      <BarChart
        values={days.map((d) => d.ms)}
        label={`Minutes studied per day, last ${words}: ${minutes(ms)} in all${longest ? `; the most, ${minutes(longest.ms)}, on ${calendarDay(longest.start)}` : ''}.`}
        from={from}
        to="Today"
        top={`${number(topMinutes)} min`}
        tone="muted"
      />
      <NumbersTable
        summary={`Reviews and minutes per day, last ${words}`}
        caption={`Days with reviews in the last ${words}, newest first`}
        head={['Day', 'Reviews', 'Minutes']}
        rows={() =>
          days
            .filter((d) => d.reviews > 0)
            .reverse()
            .map((d) => [
              d.day === s.today ? `Today, ${calendarDay(d.start)}` : calendarDay(d.start),
              number(d.reviews),
              number(Math.round(d.ms / MINUTE)),
            ])
        }
      />
    </Section>
  );
}

function Rate({ count: c }: { count: PassCount }) {
  if (c.total === 0)
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="kp-visually-hidden">no reviews</span>
      </>
    );
  return (
    <>
      {percent(passRate(c))} <span className="kp-muted">of {number(c.total)}</span>
    </>
  );
}

function RetentionRows({ title, rows }: { title?: string; rows: [string, RetentionRow][] }) {
  return (
    <tbody>
      {title && (
        <tr>
          <th scope="rowgroup" colSpan={4} className="kp-table__group">
            {title}
          </th>
        </tr>
      )}
      {rows.map(([label, row]) => (
        <tr key={label}>
          <th scope="row">{label}</th>
          <td>
            <Rate count={row.young} />
          </td>
          <td>
            <Rate count={row.mature} />
          </td>
          <td>
            <Rate count={row.all} />
          </td>
        </tr>
      ))}
    </tbody>
  );
}

function Retention({ s, desired }: { s: Statistics; desired: number }) {
  const r = s.retention;
  return (
    <Section title="True retention">
      <p>
        Desired retention: <strong>{percent(desired)}</strong>. True retention is the share of reviews graded
        anything but Again, of those made a day or more after the card's previous review. Young: an interval
        under {MATURE_DAYS} days; mature: {MATURE_DAYS} days or more.
      </p>
      <table className="kp-table">
        <caption className="kp-visually-hidden">True retention by level and kind: young, mature, all</caption>
        <thead>
          <tr>
            <th scope="col">Cards</th>
            <th scope="col">Young</th>
            <th scope="col">Mature</th>
            <th scope="col">All</th>
          </tr>
        </thead>
        <RetentionRows rows={[['All cards', r.overall]]} />
        <RetentionRows title="By level" rows={LEVELS.map((l) => [LEVEL_LABELS[l], r.byLevel[l]])} />
        <RetentionRows title="By kind" rows={KINDS.map((k) => [KIND_LABELS[k], r.byKind[k]])} />
      </table>
    </Section>
  );
}

function Forecast({ s }: { s: Statistics }) {
  const days = s.forecast.days;
  const sum = (n: number) => days.slice(0, n).reduce((t, d) => t + d.due, 0);
  const today = days[0]?.due ?? 0;
  const last = days[days.length - 1];
  const top = Math.max(0, ...days.map((d) => d.due));
  return (
    <Section title={`Due in the next ${days.length} days`}>
      <Facts
        items={[
          [
            'Today',
            `${number(today)}${s.forecast.overdue > 0 ? ` (${number(s.forecast.overdue)} overdue)` : ''}`,
          ],
          ['Tomorrow', number(days[1]?.due ?? 0)],
          ['Next 7 days', number(sum(7))],
          [`Next ${days.length} days`, number(sum(days.length))],
        ]}
      />
      <BarChart
        values={days.map((d) => d.due)}
        label={`Reviews due per day, today and the next ${days.length - 1} days: ${number(today)} today, ${number(sum(days.length))} in all. New and suspended cards are not counted.`}
        from="Today"
        to={last ? calendarDay(last.start) : ''}
        top={count(top, 'review')}
      />
      <NumbersTable
        summary="Reviews due per day"
        caption="Reviews due per day"
        head={['Day', 'Reviews due']}
        rows={() =>
          days.map((d, i) => [
            i === 0 ? `Today, ${calendarDay(d.start)}` : calendarDay(d.start),
            number(d.due),
          ])
        }
      />
    </Section>
  );
}

const STATE_LABELS: Record<(typeof STATE_KEYS)[number], string> = {
  new: 'New',
  learning: 'Learning',
  review: 'Review',
  relearning: 'Relearning',
  suspended: 'Suspended',
};

function States({ states }: { states: CardStates }) {
  const total = STATE_KEYS.reduce((n, k) => n + states[k], 0);
  let x = 0;
  return (
    <Section title="Cards by state">
      <svg className="kp-statebar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
        {STATE_KEYS.map((k) => {
          const width = total > 0 ? (states[k] / total) * 100 : 0;
          const rect = <rect key={k} x={x} width={width} height={8} className={`kp-state-fill--${k}`} />;
          x += width;
          return rect;
        })}
      </svg>
      <ul className="kp-statistics__states">
        {STATE_KEYS.map((k) => (
          <li key={k}>
            <svg viewBox="0 0 10 10" width="12" height="12" aria-hidden="true">
              <rect width="10" height="10" rx="2" className={`kp-state-fill--${k}`} />
            </svg>
            <span>{STATE_LABELS[k]}</span>
            <span className="kp-statistics__count">
              {number(states[k])}
              <span className="kp-muted"> ({percent(total > 0 ? states[k] / total : null)})</span>
            </span>
          </li>
        ))}
      </ul>
      {states.retired > 0 && (
        <p className="kp-muted">
          Not counted: retired cards (no longer in their deck), {number(states.retired)}.
        </p>
      )}
    </Section>
  );
}

function AnswerTimes({ s }: { s: Statistics }) {
  const times = s.answerTimes;
  const targets = KINDS.some((k) => times[k].targetMs !== null);
  return (
    <Section title="Answer time">
      <p className="kp-muted">The median time from a card's question to its grade.</p>
      <table className="kp-table">
        <caption className="kp-visually-hidden">Median answer time per kind</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Median</th>
            {targets && <th scope="col">Target</th>}
            {targets && <th scope="col">Within target</th>}
            <th scope="col">Reviews</th>
          </tr>
        </thead>
        <tbody>
          {KINDS.map((k) => {
            const t = times[k];
            return (
              <tr key={k}>
                <th scope="row">{KIND_LABELS[k]}</th>
                <td>{t.medianMs === null ? '—' : clockTime(t.medianMs)}</td>
                {targets && <td>{t.targetMs === null ? '—' : clockTime(t.targetMs)}</td>}
                {targets && (
                  <td>
                    {t.withinTarget === null || t.reviews === 0 ? '—' : percent(t.withinTarget / t.reviews)}
                  </td>
                )}
                <td>{number(t.reviews)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}

function StatsBody({ s, settings }: { s: Statistics; settings: Settings }) {
  // The calendar first, the sections under it a frame apart.
  const shown = useReveal(4);
  return (
    <>
      {s.reviews === 0 && (
        <p className="kp-notice">No reviews yet: review a few cards and your statistics appear here.</p>
      )}
      {s.skipped > 0 && (
        <p className="kp-notice">Left out: reviews with a missing or future time, {number(s.skipped)}.</p>
      )}
      <Calendar s={s} />
      {shown > 1 && <Activity s={s} />}
      {shown > 2 && <Retention s={s} desired={settings.desiredRetention} />}
      {shown > 3 && (
        <>
          <Forecast s={s} />
          <States states={s.states} />
          <AnswerTimes s={s} />
        </>
      )}
    </>
  );
}

export interface StatsViewProps {
  /** Where the statistics are computed: chosen by the log's size unless a test provides one. */
  createStatsClient?: CreateStatsClient;
}

export function StatsView({ createStatsClient }: StatsViewProps) {
  const db = useDb();
  const settings = useSettings();
  const { statistics, error } = useStatistics(db, settings, createStatsClient);
  if (error)
    return (
      <div className="kp-alert" role="alert">
        The statistics could not be counted ({error}). Your reviews are safe: reload the page to try again.
      </div>
    );
  if (!statistics || !settings) return <Counting />;
  return <StatsBody s={statistics} settings={settings} />;
}
