// One interview's readiness: the number, its breakdown, a histogram, the weakest cards, the trend, and how it is computed.
import { useEffect, useState } from 'react';
import { dateTime } from '../../components/format';
import { daysLeftText, percentText } from '../../components/interview-words';
import { cardHref, interviewHref } from '../../components/routes';
import { count, KIND_LABELS, KINDS, LEVEL_LABELS, LEVELS, number } from '../../domain';
import type { ReadinessGroup } from '../../domain/readiness';
import { useDb } from '../../hooks/use-db';
import { useLive } from '../../hooks/use-live';
import { interviewReadiness, settlePastInterviews } from '../../storage/repositories/readiness-views';
import { type ForecastLoader, PlanForecast } from './plan-forecast';
import { ReadinessTrend, RecallHistogram } from './readiness-charts';
import './readiness.css';

export interface ReadinessScreenProps {
  interviewId: string;
  /** Works out the plan's forecast sentence; without it the screen has no forecast section. */
  forecast?: ForecastLoader;
}

function Breakdown<K extends string>({
  title,
  id,
  column,
  keys,
  labels,
  groups,
}: {
  title: string;
  id: string;
  column: string;
  keys: readonly K[];
  labels: Record<K, string>;
  groups: Record<K, ReadinessGroup>;
}) {
  const rows = keys.filter((k) => groups[k].cards > 0);
  return (
    <section className="kp-readiness__section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <table className="kp-readiness__table">
        <thead>
          <tr>
            <th scope="col">{column}</th>
            <th scope="col">Cards</th>
            <th scope="col">Readiness</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((k) => (
            <tr key={k}>
              <th scope="row">{labels[k]}</th>
              <td>{number(groups[k].cards)}</td>
              <td>{percentText(groups[k].percent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ReadinessScreen({ interviewId, forecast }: ReadinessScreenProps) {
  const db = useDb();
  // One moment for the whole page: the numbers it shows all agree with each other.
  const [now] = useState(() => Date.now());
  const view = useLive(() => interviewReadiness(db, interviewId, now), [db, interviewId, now]);

  useEffect(() => {
    settlePastInterviews(db, now).catch(() => undefined);
  }, [db, now]);

  if (view === undefined) return <p className="kp-muted">Working out your readiness…</p>;
  if (view === null) {
    return (
      <section className="kp-readiness" aria-labelledby="kp-readiness-title">
        <h1 id="kp-readiness-title">Interview not found</h1>
        <p>This interview is not on this device any more. It may have been removed, or the link is wrong.</p>
        <p>
          <a href={interviewHref()}>Back to Interviews</a>
        </p>
      </section>
    );
  }

  const { interview, readiness, weakest, trend, reached, daysLeft } = view;
  const passed = reached !== null;
  return (
    <section className="kp-readiness" aria-labelledby="kp-readiness-title">
      <h1 id="kp-readiness-title">Readiness for {interview.name}</h1>
      <p className="kp-muted">
        {dateTime(interview.at)} · {passed ? 'passed' : daysLeftText(daysLeft)} ·{' '}
        <a href={interviewHref(interview.id, 'edit')}>Edit</a> · <a href={interviewHref()}>All interviews</a>
      </p>
      <div className="kp-readiness__headline">
        <p className="kp-readiness__percent" data-testid="readiness-percent">
          {percentText(passed ? reached : readiness.percent)}
        </p>
        <p>
          {passed
            ? 'Readiness reached on the day, from your reviews up to the interview. Normal scheduling has resumed; your history is kept.'
            : `Predicted recall at the interview, on average over ${count(readiness.cards, 'card')}${
                readiness.newCards > 0 ? `, ${number(readiness.newCards)} not studied yet` : ''
              }.`}
        </p>
      </div>

      {/* The plan's forecast sentence: shown when the app passes its computation (a worker). */}
      {forecast && !passed && <PlanForecast load={forecast} interview={interview} now={now} />}

      {!passed && readiness.cards > 0 && (
        <>
          <Breakdown
            title="By level"
            id="kp-readiness-levels"
            column="Level"
            keys={LEVELS}
            labels={LEVEL_LABELS}
            groups={readiness.byLevel}
          />
          <Breakdown
            title="By kind"
            id="kp-readiness-kinds"
            column="Kind"
            keys={KINDS}
            labels={KIND_LABELS}
            groups={readiness.byKind}
          />
          <section className="kp-readiness__section" aria-labelledby="kp-readiness-histogram">
            <h2 id="kp-readiness-histogram">How well each card is held</h2>
            <p className="kp-muted">Covered cards by their predicted recall at the interview.</p>
            <RecallHistogram bins={readiness.histogram} />
          </section>
          <section className="kp-readiness__section" aria-labelledby="kp-readiness-weakest">
            <h2 id="kp-readiness-weakest">Weakest cards</h2>
            <ol className="kp-readiness__weakest">
              {weakest.map((w) => (
                <li key={w.cardId}>
                  <a href={cardHref(w.cardId)}>{w.question}</a>
                  <span className="kp-readiness__meta">
                    {w.isNew ? 'Not studied yet' : `${percentText(w.recall * 100)} predicted`} ·{' '}
                    {LEVEL_LABELS[w.level]} · {KIND_LABELS[w.kind]}
                  </span>
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
      {!passed && readiness.cards === 0 && (
        <p className="kp-notice">
          No card matches what this interview covers.{' '}
          <a href={interviewHref(interview.id, 'edit')}>Edit it</a> to cover more.
        </p>
      )}

      {trend.length > 0 && (
        <section className="kp-readiness__section" aria-labelledby="kp-readiness-trend">
          <h2 id="kp-readiness-trend">Day by day</h2>
          <p className="kp-muted">
            Readiness as it stood at the end of each day, worked out again from your review log.
          </p>
          <ReadinessTrend points={trend} target={interview.target} />
        </section>
      )}

      <section className="kp-readiness__section" aria-labelledby="kp-readiness-how">
        <h2 id="kp-readiness-how">How it is computed</h2>
        <p>
          Readiness is the average, over the cards this interview covers, of the chance that you recall each
          one at the moment of the interview. The chance comes from the same forgetting curve that schedules
          your reviews (FSRS, with your settings):
        </p>
        <ul>
          <li>
            A card not due before the interview counts with its chance of recall at that moment, from how long
            ago you last reviewed it and how firmly you held it then.
          </li>
          <li>
            A card due before the interview counts as if you review it when it is due: the chance you recall
            it then, times its recall at the interview after a Good, plus the chance you forget it, times its
            recall at the interview after an Again.
          </li>
          <li>A card you have not studied yet counts 0 until you study it.</li>
        </ul>
        <p>
          Nothing of this is stored: the trend is replayed from your reviews each time, and once the interview
          has passed, the readiness reached on its day is kept for you to see.
        </p>
      </section>
    </section>
  );
}
