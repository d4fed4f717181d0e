// The review screen: recall the key points, reveal, tick what came back, read the rubric, grade.
import { useEffect, useRef, useState } from 'react';
import { shortDay, timeOfDay } from '../../components/format';
import {
  answerTargetMs,
  count,
  formatInterval,
  GRADE_LABELS,
  GRADES,
  type Grade,
  KIND_LABELS,
  LEVEL_LABELS,
  minutesSeconds,
  overSeconds,
  paceText,
} from '../../domain';
import { useDb } from '../../hooks/use-db';
import { UpdatePrompt } from '../../pwa/update-prompt';
import type { SessionFilter } from '../../storage/repositories/queries';
import { type ReviewSession, useReviewSession } from './use-review-session';
import './review.css';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return (
    target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)
  );
}

function useReviewKeys(session: ReviewSession) {
  const ref = useRef(session);
  ref.current = session;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = ref.current;
      if (e.altKey || e.defaultPrevented) return;
      const typing = isTyping(e.target);
      const mod = e.ctrlKey || e.metaKey;
      if ((e.key === 'z' || e.key === 'Z') && !typing && !e.shiftKey && s.canUndo) {
        e.preventDefault();
        void s.undo();
        return;
      }
      if (mod || typing || !s.current || s.phase.name !== 'card') return;
      // Space and Enter on a link, a button or a checkbox keep their own meaning (follow, press, tick).
      const onControl =
        e.target instanceof Element &&
        e.target.closest('a[href], button, input, select, summary, [role="button"], [role="link"]') !== null;
      if (s.stage === 'recall' && (e.key === ' ' || e.key === 'Enter') && !onControl) {
        e.preventDefault();
        s.showAnswer();
      } else if (s.stage === 'answer' && ['1', '2', '3', '4'].includes(e.key)) {
        e.preventDefault();
        void s.grade(Number(e.key) as Grade);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * The answer timer: time left of the target, then time over it. A timer role is not live, so a
 * screen reader reads it when asked, never every second.
 */
export function PaceTimer({ since, targetMs }: { since: number; targetMs: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const text = paceText(now - since, targetMs);
  return (
    <span
      className={`kp-review__timer${overSeconds(now - since, targetMs) > 0 ? ' kp-review__timer--over' : ''}`}
      role="timer"
      aria-label={`Answer time, target ${minutesSeconds(targetMs / 1000)}: ${text}`}
    >
      {text}
    </span>
  );
}

function formatWhen(due: number, now: number): string {
  const ms = due - now;
  if (ms <= 60_000) return 'in under a minute';
  if (ms < 86_400_000) return `in ${formatInterval(ms)} (at ${timeOfDay(due)})`;
  return `in ${formatInterval(ms)} (${shortDay(due)})`;
}

type AnswerStageModule = typeof import('./answer-stage');
const ANSWER_STAGE_DELAY_MS = 500;
let answerStage: AnswerStageModule | null = null;
let answerStageLoading: Promise<AnswerStageModule> | null = null;

/**
 * What the answer needs, fetched once a card is on screen: the answer stage's code and the engine's
 * grading code (the scheduler over ts-fsrs, for the grade buttons' intervals). The first card paints
 * without them, and they are there (from the precache when offline) long before the user reveals.
 */
function useAnswerStage(wanted: boolean, prepareGrading: () => Promise<void>): AnswerStageModule | null {
  const [loaded, setLoaded] = useState(answerStage);
  const prepare = useRef(prepareGrading);
  prepare.current = prepareGrading;
  useEffect(() => {
    if (loaded || !wanted) return;
    let live = true;
    const load = () => {
      void prepare.current();
      answerStageLoading ??= import('./answer-stage').then((m) => {
        answerStage = m;
        return m;
      });
      answerStageLoading.then(
        (m) => live && setLoaded(m),
        () => {
          // Retried on the next card; the recall stage keeps working meanwhile.
          answerStageLoading = null;
        },
      );
    };
    // Well after the card on screen has been painted, so the first card never shares the network
    // or the main thread with this fetch; a reveal sooner than that shows "Opening the answer…".
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(load, ANSWER_STAGE_DELAY_MS);
    });
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [loaded, wanted]);
  return loaded;
}

type RehearseModule = typeof import('./rehearse');
let rehearseLoading: Promise<RehearseModule> | null = null;
/** A recording of the card shown at `key`, with the code that drives it. */
type Rehearsal = { key: string; take: import('./rehearse').Take; m: RehearseModule };

/**
 * Rehearsing out loud: the recorder's code loads on the first tap of Record. A take ends (and is
 * kept) when its recall stage does: on Show answer, on another card, on leaving the screen.
 */
function useRehearsal(cardKey: string, cardId: string | undefined, recalling: boolean) {
  const db = useDb();
  const [rehearsal, setRehearsal] = useState<Rehearsal | null>(null);
  useEffect(() => () => rehearsal?.take.stop(), [rehearsal]);
  useEffect(() => {
    if (!recalling || rehearsal?.key !== cardKey) rehearsal?.take.stop();
  }, [rehearsal, cardKey, recalling]);
  const record = () => {
    if (!cardId) return;
    rehearseLoading ??= import('./rehearse');
    rehearseLoading.then(
      (m) => {
        const take = m.createTake(db, cardId);
        setRehearsal({ key: cardKey, take, m });
        void take.start();
      },
      () => {
        rehearseLoading = null;
      },
    );
  };
  return { live: rehearsal?.key === cardKey ? rehearsal : null, record };
}

export function ReviewScreen({ filter, onExit }: { filter: SessionFilter; onExit: () => void }) {
  const session = useReviewSession(filter);
  useReviewKeys(session);
  const { phase, current, stage } = session;
  const questionRef = useRef<HTMLHeadingElement>(null);
  const answerRef = useRef<HTMLHeadingElement>(null);
  const cardKey = current ? `${current.card.id}@${current.shownAt}` : '';
  const answerModule = useAnswerStage(phase.name === 'card', session.prepareGrading);
  const { live, record } = useRehearsal(cardKey, current?.card.id, stage === 'recall');

  // Keyboard and screen-reader users start each card at its question.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the card on screen changes.
  useEffect(() => {
    if (!cardKey || stage !== 'recall') return;
    // The previous card was read further down: start this one at the top, then focus in place
    // (a scrolling focus would force a second layout on the path from grade to next card).
    if (window.scrollY > 0) window.scrollTo(0, 0);
    questionRef.current?.focus({ preventScroll: true });
  }, [cardKey]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the answer stage appears.
  useEffect(() => {
    if (stage !== 'answer') return;
    // Focus alone scrolls only as far as "just visible", which leaves the key points under the
    // sticky grade bar on short or zoomed screens: bring them to the top instead.
    answerRef.current?.focus({ preventScroll: true });
    answerRef.current?.scrollIntoView?.({ block: 'start' });
  }, [stage, answerModule]);

  const announcement =
    phase.name === 'card' && current
      ? `${stage === 'recall' ? 'Next card' : 'Answer shown'}: ${current.card.question}`
      : phase.name === 'done'
        ? 'All caught up'
        : '';

  return (
    <section className="kp-review" aria-label="Review">
      <div className="kp-visually-hidden" aria-live="polite">
        {announcement}
      </div>
      {session.message && (
        <div className="kp-notice kp-review__message" role="alert">
          <span>{session.message}</span>{' '}
          <button type="button" className="kp-button" onClick={session.dismissMessage}>
            Dismiss
          </button>
        </div>
      )}
      {phase.name === 'loading' && <p className="kp-muted">Loading your next card…</p>}
      {phase.name === 'error' && (
        <div className="kp-alert" role="alert">
          {phase.message}
        </div>
      )}
      {phase.name === 'waiting' && (
        <div className="kp-review__empty">
          <UpdatePrompt canShow />
          <h1>Next card soon</h1>
          <p>
            A card you are learning comes back {formatWhen(phase.until, Date.now())}. Keep this screen open,
            or come back later.
          </p>
          <SessionFooter session={session} onExit={onExit} />
        </div>
      )}
      {phase.name === 'done' && (
        <div className="kp-review__empty">
          <UpdatePrompt canShow />
          <h1>All caught up</h1>
          <p>
            {session.reviewedInSession > 0
              ? `You reviewed ${count(session.reviewedInSession, 'card')} in this session.`
              : 'Nothing is due right now.'}
          </p>
          <p>
            {phase.stats.nextDue !== null
              ? `Next card is due ${formatWhen(phase.stats.nextDue, Date.now())}.`
              : 'No reviews are scheduled yet.'}{' '}
            {phase.stats.learningLater > 0 &&
              `${count(phase.stats.learningLater, 'learning card comes', 'learning cards come')} back later today. `}
            Reviewed today: {phase.stats.reviewedToday}.
          </p>
          <SessionFooter session={session} onExit={onExit} />
        </div>
      )}
      {phase.name === 'card' && current && (
        <>
          <article className="kp-review__card" aria-labelledby="kp-question">
            <p className="kp-review__meta">
              <span className="kp-tag">{LEVEL_LABELS[current.card.level]}</span>
              <span className="kp-tag">{KIND_LABELS[current.card.kind]}</span>
              <span className="kp-muted">{session.left} left</span>
              {session.settings?.showTimer && (
                <PaceTimer
                  key={cardKey}
                  since={current.shownAt}
                  targetMs={answerTargetMs(session.settings, current.card.kind)}
                />
              )}
            </p>
            <h1 id="kp-question" className="kp-question" tabIndex={-1} ref={questionRef}>
              {current.card.question}
            </h1>
            {current.card.context && <p className="kp-review__context">{current.card.context}</p>}
            {stage === 'recall' ? (
              <>
                <div className="kp-field">
                  <label htmlFor="kp-notes">Your key points (optional)</label>
                  <textarea
                    id="kp-notes"
                    rows={4}
                    value={session.notes}
                    onChange={(e) => session.setNotes(e.target.value)}
                    placeholder="Jot what you would say…"
                  />
                </div>
                {live ? (
                  <live.m.RecordControls take={live.take} onRecordAgain={record} />
                ) : (
                  <button type="button" className="kp-button kp-review__record" onClick={record}>
                    Record your answer
                  </button>
                )}
              </>
            ) : answerModule ? (
              <answerModule.AnswerStage
                session={session}
                headingRef={answerRef}
                playback={live && <live.m.Playback take={live.take} />}
              />
            ) : (
              <p className="kp-muted" role="status">
                Opening the answer…
              </p>
            )}
          </article>
          <div className="kp-actionbar">
            {stage === 'recall' ? (
              <button
                type="button"
                className="kp-button kp-button--primary kp-button--block"
                onClick={session.showAnswer}
              >
                Show answer <span className="kp-key">Space</span>
              </button>
            ) : (
              <fieldset className="kp-grades" disabled={session.busy}>
                <legend className="kp-visually-hidden">Grade your answer</legend>
                {GRADES.map((g) => (
                  <button
                    key={g}
                    type="button"
                    className={`kp-button kp-grade kp-grade--${g}${session.suggested === g ? ' kp-grade--suggested' : ''}`}
                    onClick={() => void session.grade(g)}
                    aria-keyshortcuts={String(g)}
                    aria-describedby={session.suggested === g ? 'kp-suggested' : undefined}
                  >
                    <span className="kp-grade__label">{GRADE_LABELS[g]}</span>
                    <span className="kp-grade__interval">{current.previews?.[g].label}</span>
                    {session.suggested === g && (
                      <span className="kp-grade__badge" id="kp-suggested">
                        Suggested
                      </span>
                    )}
                  </button>
                ))}
              </fieldset>
            )}
            <div className="kp-actionbar__row">
              <button
                type="button"
                className="kp-button"
                onClick={() => void session.undo()}
                disabled={!session.canUndo}
              >
                Undo <span className="kp-key">Z</span>
              </button>
              <button type="button" className="kp-button" onClick={onExit}>
                End session
              </button>
            </div>
          </div>
        </>
      )}
    </section>
  );
}

function SessionFooter({ session, onExit }: { session: ReviewSession; onExit: () => void }) {
  return (
    <div className="kp-review__footer">
      <button type="button" className="kp-button kp-button--primary" onClick={onExit}>
        Back to Home
      </button>
      {session.canUndo && (
        <button type="button" className="kp-button" onClick={() => void session.undo()}>
          Undo last grade
        </button>
      )}
    </div>
  );
}
