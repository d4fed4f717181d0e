// Home's interview block: for each interview ahead, days left, readiness and what to do today (a lazy chunk).
import { useEffect } from 'react';
import { daysLeftText, percentText } from '../../components/interview-words';
import { interviewHref, NEW_INTERVIEW_HREF } from '../../components/routes';
import { useDb } from '../../hooks/use-db';
import { useLive } from '../../hooks/use-live';
import { interviewOverview, settlePastInterviews } from '../../storage/repositories/readiness-views';

export function InterviewSummaries({ now }: { now: number }) {
  const db = useDb();
  const overview = useLive(() => interviewOverview(db, now), [db, now]);
  // An interview that has just passed keeps the readiness it reached; a failure is retried next time.
  useEffect(() => {
    settlePastInterviews(db, now).catch(() => undefined);
  }, [db, now]);
  if (!overview) return null;
  return (
    <section className="kp-interviews-home" aria-labelledby="kp-interviews-home-title">
      <h2 id="kp-interviews-home-title">Interviews</h2>
      {overview.upcoming.length === 0 ? (
        <p className="kp-muted">No interview ahead.</p>
      ) : (
        <ul className="kp-interviews-home__list">
          {overview.upcoming.map(({ interview, daysLeft, percent, line }) => (
            <li key={interview.id} className="kp-card" data-testid="interview-summary">
              <h3>
                <a href={interviewHref(interview.id)}>{interview.name}</a>
              </h3>
              <p className="kp-interviews-home__numbers">
                <span>{daysLeftText(daysLeft)}</span>
                <span>
                  Readiness <strong>{percentText(percent)}</strong>
                </span>
              </p>
              <p>{line}</p>
            </li>
          ))}
        </ul>
      )}
      <p className="kp-interviews-home__links">
        <a href={interviewHref()}>All interviews</a>
        <a href={NEW_INTERVIEW_HREF}>Add an interview</a>
      </p>
    </section>
  );
}
