// A card's schedule in words: state, when it is due, stability, difficulty, recall chance, reviews and lapses.
import { dateTime } from '../../components/format';
import { formatInterval, State } from '../../domain';
import { retrievability } from '../../domain/scheduler';
import type { ScheduleRow, StoredCard } from '../../storage/db';
import { STATE_WORDS } from './state-label';

function dueText(schedule: ScheduleRow, now: number): string {
  if (schedule.state === State.New) return 'When a session introduces it';
  const ms = schedule.due - now;
  if (ms <= 0) return `Now (since ${dateTime(schedule.due)})`;
  return `In ${formatInterval(ms)} (${dateTime(schedule.due)})`;
}

export function CardProgress({
  card,
  schedule,
  now,
  weights,
}: {
  card: StoredCard;
  schedule: ScheduleRow | null;
  now: number;
  /** The FSRS weights scheduled with (settings.fsrsParameters); FSRS's defaults when absent. */
  weights?: readonly number[] | null;
}) {
  const studied = schedule !== null && schedule.state !== State.New;
  const r = schedule ? retrievability(schedule, now, weights) : null;
  const flags = [card.suspended && 'suspended', card.retired && 'retired (no longer in its deck)'].filter(
    Boolean,
  );
  const rows: Array<[string, string]> = [
    ['State', `${STATE_WORDS[schedule?.state ?? State.New]}${flags.length ? `, ${flags.join(', ')}` : ''}`],
    ['Due', schedule ? dueText(schedule, now) : '—'],
    ['Stability', studied ? `${schedule.stability.toFixed(1)} days` : '—'],
    ['Difficulty', studied ? `${schedule.difficulty.toFixed(1)} of 10` : '—'],
    ['Recall chance now', r === null ? '—' : `${Math.round(r * 100)}%`],
    ['Reviews', String(schedule?.reps ?? 0)],
    ['Lapses', String(schedule?.lapses ?? 0)],
  ];
  return (
    <section aria-labelledby="kp-cardpage-progress">
      <h2 id="kp-cardpage-progress">Progress</h2>
      <dl className="kp-cardpage__facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
