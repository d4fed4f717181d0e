// Interviews: those ahead with days left and readiness, those past with the readiness reached on the day; add, edit, remove.
import { useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { dateTime } from '../../components/format';
import { daysLeftText, percentText } from '../../components/interview-words';
import { interviewHref, NEW_INTERVIEW_HREF } from '../../components/routes';
import { count, errorWords } from '../../domain';
import type { Interview } from '../../domain/interview';
import { useDb } from '../../hooks/use-db';
import { useLive } from '../../hooks/use-live';
import { useNow } from '../../hooks/use-now';
import { deleteInterview } from '../../storage/repositories/interviews';
import { interviewOverview, settlePastInterviews } from '../../storage/repositories/readiness-views';
import './interviews.css';

function Actions({
  interview,
  confirming,
  onRemove,
}: {
  interview: Interview;
  confirming: boolean;
  onRemove: () => void;
}) {
  const hidden = <span className="kp-visually-hidden"> {interview.name}</span>;
  return (
    <div className="kp-interviews__actions">
      <a className="kp-button" href={interviewHref(interview.id)}>
        Readiness{hidden}
      </a>
      <a className="kp-button" href={interviewHref(interview.id, 'edit')}>
        Edit{hidden}
      </a>
      <button
        type="button"
        className="kp-button kp-button--danger"
        aria-expanded={confirming}
        onClick={onRemove}
      >
        Remove{hidden}
      </button>
    </div>
  );
}

export function InterviewsScreen() {
  const db = useDb();
  const now = useNow();
  const overview = useLive(() => interviewOverview(db, now), [db, now]);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // An interview that has just passed keeps the readiness it reached; a failure is retried next time.
  useEffect(() => {
    settlePastInterviews(db, now).catch(() => undefined);
  }, [db, now]);

  const remove = async (interview: Interview) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await deleteInterview(db, interview.id);
      setMessage(`“${interview.name}” was removed. Your cards and their history are as they were.`);
      heading.current?.focus();
    } catch (e) {
      setError(errorWords(e, 'The interview could not be removed. Nothing was changed; try again.'));
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  };

  const confirm = (interview: Interview) =>
    confirming === interview.id && (
      <ConfirmDialog
        className="kp-interviews__confirm"
        actionsClassName="kp-interviews__actions"
        headingLevel={3}
        title={`Remove “${interview.name}”?`}
        confirmLabel="Remove interview"
        busy={busy}
        onCancel={() => setConfirming(null)}
        onConfirm={() => void remove(interview)}
      >
        The interview and its plan go. Your cards, their schedules and their review history stay as they are.
        This cannot be undone.
      </ConfirmDialog>
    );
  const toggle = (id: string) => setConfirming((c) => (c === id ? null : id));

  return (
    <section className="kp-interviews" aria-labelledby="kp-interviews-title">
      <div className="kp-interviews__head">
        <h1 id="kp-interviews-title" tabIndex={-1} ref={heading}>
          Interviews
        </h1>
        <a className="kp-button kp-button--primary" href={NEW_INTERVIEW_HREF}>
          Add interview
        </a>
      </div>
      {message && (
        <p className="kp-notice" role="status">
          {message}
        </p>
      )}
      {error && (
        <div className="kp-alert" role="alert">
          {error}
        </div>
      )}
      {!overview ? (
        <p className="kp-muted">Reading your interviews…</p>
      ) : overview.upcoming.length + overview.past.length === 0 ? (
        <p>
          No interviews yet. Add the date you must be ready by: Keypoints shows how ready you are for it, and
          what to study each day to get there.
        </p>
      ) : (
        <>
          <h2>Ahead</h2>
          {overview.upcoming.length === 0 ? (
            <p className="kp-muted">No interview ahead.</p>
          ) : (
            <ul className="kp-interviews__list">
              {overview.upcoming.map(({ interview, daysLeft, percent, cards }) => (
                <li key={interview.id} className="kp-card">
                  <h3>{interview.name}</h3>
                  <p className="kp-muted">
                    {dateTime(interview.at)} · {daysLeftText(daysLeft)}
                  </p>
                  <p>
                    Readiness <strong>{percentText(percent)}</strong> of {count(cards, 'card')}
                  </p>
                  <Actions
                    interview={interview}
                    confirming={confirming === interview.id}
                    onRemove={() => toggle(interview.id)}
                  />
                  {confirm(interview)}
                </li>
              ))}
            </ul>
          )}
          {overview.past.length > 0 && (
            <>
              <h2>Past</h2>
              <ul className="kp-interviews__list">
                {overview.past.map((interview) => (
                  <li key={interview.id} className="kp-card">
                    <h3>{interview.name}</h3>
                    <p className="kp-muted">{dateTime(interview.at)} · passed</p>
                    <p>
                      {interview.reachedReadiness === null ? (
                        'Working out the readiness it reached…'
                      ) : (
                        <>
                          Readiness reached on the day:{' '}
                          <strong>{percentText(interview.reachedReadiness)}</strong>
                        </>
                      )}
                    </p>
                    <Actions
                      interview={interview}
                      confirming={confirming === interview.id}
                      onRemove={() => toggle(interview.id)}
                    />
                    {confirm(interview)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
