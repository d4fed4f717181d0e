// Home: what today holds (due, new, done, streak) and where a session starts, optionally narrowed.
import { lazy, Suspense, useState } from 'react';
import { DATA_HREF, NEW_INTERVIEW_HREF } from '../../components/routes';
import {
  count,
  formatInterval,
  KIND_LABELS,
  KINDS,
  type Kind,
  LEVEL_LABELS,
  LEVELS,
  type Level,
} from '../../domain';
import { useDb } from '../../hooks/use-db';
import { useLive } from '../../hooks/use-live';
import { useNow } from '../../hooks/use-now';
import { useSettings } from '../../hooks/use-settings';
import { shouldWarnIosEviction } from '../../pwa/persistence';
import { UpdatePrompt } from '../../pwa/update-prompt';
import { homeStats, type SessionFilter } from '../../storage/repositories/queries';
import { SyncStatusLine } from './sync-status-line';
import './home.css';

// Only a device with reviews has something to back up: a first visit never loads this.
const BackupReminder = lazy(() =>
  import('../../components/backup-reminder').then((m) => ({ default: m.BackupReminder })),
);

// Only a device with interviews shows their readiness: the first visit and the first card never load it.
const InterviewSummaries = lazy(() =>
  import('./interview-summaries').then((m) => ({ default: m.InterviewSummaries })),
);

export interface HomeScreenProps {
  initialFilter: SessionFilter;
  onStart: (filter: SessionFilter) => void;
  /** The same session, read aloud (listen mode). */
  onListen?: (filter: SessionFilter) => void;
}

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** When the next card comes due after those Start review shows now (`readyNow` of them). */
function nextDueText(nextDue: number | null, now: number, readyNow: number): string {
  if (nextDue === null) return readyNow > 0 ? 'No other review scheduled yet.' : 'No reviews scheduled yet.';
  const ms = nextDue - now;
  return ms <= 60_000 ? 'Next review: now.' : `Next review in ${formatInterval(ms)}.`;
}

export function HomeScreen({ initialFilter, onStart, onListen }: HomeScreenProps) {
  const db = useDb();
  const settings = useSettings();
  const now = useNow();
  const [levels, setLevels] = useState<Level[]>([...(initialFilter.levels ?? [])]);
  const [kinds, setKinds] = useState<Kind[]>([...(initialFilter.kinds ?? [])]);
  const filter: SessionFilter = { levels, kinds };
  const stats = useLive(
    () => (settings ? homeStats(db, settings, Date.now(), { levels, kinds }) : undefined),
    [db, settings, now, levels.join(), kinds.join()],
  );
  const [iosWarning] = useState(() => shouldWarnIosEviction());
  // Any card past new means reviews exist (new cards have none).
  const hasReviews =
    !!stats && (stats.nextDue !== null || stats.dueNow > 0 || stats.reviewedToday > 0 || stats.streak > 0);
  const narrowed = levels.length > 0 || kinds.length > 0;

  return (
    <section className="kp-home" aria-labelledby="kp-home-title">
      <UpdatePrompt canShow />
      <h1 id="kp-home-title">Today</h1>
      <SyncStatusLine now={now} />
      {iosWarning && (
        <p className="kp-notice" role="note">
          Safari may clear this site's data after 7 days without a visit. Add Keypoints to your Home Screen
          (Share → Add to Home Screen) to keep your reviews, and export a backup now and then.
        </p>
      )}
      {hasReviews && (
        <Suspense fallback={null}>
          <BackupReminder exportHref={DATA_HREF} />
        </Suspense>
      )}
      {!stats ? (
        <p className="kp-muted">Counting today's cards…</p>
      ) : (
        <>
          <dl className="kp-stats">
            <div>
              <dt>Due now</dt>
              <dd data-testid="due-now">{stats.dueNow}</dd>
            </div>
            <div>
              <dt>New left today</dt>
              <dd data-testid="new-left">{stats.newLeft}</dd>
            </div>
            <div>
              <dt>Reviewed today</dt>
              <dd data-testid="reviewed-today">{stats.reviewedToday}</dd>
            </div>
            <div>
              <dt>Streak</dt>
              <dd data-testid="streak">{count(stats.streak, 'day')}</dd>
            </div>
          </dl>
          <p className="kp-muted" data-testid="next-due">
            {stats.totalCards === 0
              ? narrowed
                ? 'No cards match these filters.'
                : 'No cards yet: add your own or import a page.'
              : stats.dueNow + stats.newLeft === 0
                ? `All caught up. ${stats.learningLater > 0 ? `${count(stats.learningLater, 'learning card comes', 'learning cards come')} back later today. ` : ''}${nextDueText(stats.nextDue, now, 0)}`
                : nextDueText(stats.nextDue, now, stats.dueNow)}
          </p>
          {stats.interviews > 0 ? (
            <Suspense fallback={null}>
              <InterviewSummaries now={now} />
            </Suspense>
          ) : (
            <p>
              <a href={NEW_INTERVIEW_HREF}>Add an interview</a>
            </p>
          )}
        </>
      )}
      <details className="kp-filter" open={narrowed}>
        <summary>Narrow this session{narrowed ? ' (filtered)' : ''}</summary>
        <fieldset>
          <legend>Levels</legend>
          {LEVELS.map((l) => (
            <label key={l} className="kp-chip">
              <input
                type="checkbox"
                checked={levels.includes(l)}
                onChange={() => setLevels((v) => toggle(v, l))}
              />
              {LEVEL_LABELS[l]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Kinds</legend>
          {KINDS.map((k) => (
            <label key={k} className="kp-chip">
              <input
                type="checkbox"
                checked={kinds.includes(k)}
                onChange={() => setKinds((v) => toggle(v, k))}
              />
              {KIND_LABELS[k]}
            </label>
          ))}
        </fieldset>
        {narrowed && (
          <button
            type="button"
            className="kp-button"
            onClick={() => {
              setLevels([]);
              setKinds([]);
            }}
          >
            Clear filters
          </button>
        )}
      </details>
      <div className="kp-home__start">
        <button
          type="button"
          className="kp-button kp-button--primary kp-button--block"
          onClick={() => onStart(filter)}
        >
          Start review
        </button>
        {onListen && (
          <button type="button" className="kp-button kp-button--block" onClick={() => onListen(filter)}>
            Listen
          </button>
        )}
      </div>
    </section>
  );
}
