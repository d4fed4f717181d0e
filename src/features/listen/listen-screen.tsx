// The Listen screen: the session read aloud, graded by two big buttons or the headset's keys, hands and eyes free.
import { useEffect, useRef } from 'react';
import { count, Rating } from '../../domain';
import { useDb } from '../../hooks/use-db';
import { useLive } from '../../hooks/use-live';
import type { ListenSnapshot, ListenStep } from '../../session/listen';
import { getDeck } from '../../storage/repositories/decks';
import type { SessionFilter } from '../../storage/repositories/queries';
import { createMediaControls, type MediaControls } from './media';
import { useListenSession } from './use-listen-session';
import './listen.css';

const STEP_WORDS: Partial<Record<ListenStep, string>> = {
  ready: 'Ready to listen',
  question: 'Question',
  thinking: 'Think it through…',
  keyPoints: 'Key points',
  asking: 'How did you do?',
  grading: 'Saving your grade…',
};

function stepWords(s: ListenSnapshot): string {
  if (s.paused) return 'Paused';
  return STEP_WORDS[s.step] ?? '';
}

export function ListenScreen({ filter, onExit }: { filter: SessionFilter; onExit: () => void }) {
  const db = useDb();
  const { session, snapshot, unlockSpeech } = useListenSession(filter);
  const media = useRef<MediaControls | null>(null);
  const card = snapshot?.card ?? null;
  const deck = useLive(() => (card ? getDeck(db, card.deckId) : undefined), [db, card?.deckId]);

  // Media keys and the lock screen drive this session; leaving the screen lets go of them.
  useEffect(() => {
    if (!session) return;
    const controls = createMediaControls(session.mediaAction);
    media.current = controls;
    return () => {
      controls.stop();
      media.current = null;
    };
  }, [session]);

  const step = snapshot?.step;
  const paused = snapshot?.paused ?? false;
  useEffect(() => {
    const controls = media.current;
    if (!controls) return;
    if (step === 'stopped' || step === 'done' || step === 'error') controls.stop();
    else controls.show(card ? { title: card.question, album: deck?.title ?? '' } : null, !paused);
  }, [card, deck, paused, step]);

  if (!session || !snapshot) {
    return (
      <section className="kp-listen" aria-labelledby="kp-listen-title">
        <h1 id="kp-listen-title">Listen</h1>
        <p className="kp-muted">Getting the voice ready…</p>
      </section>
    );
  }

  const { study } = snapshot;
  const reading =
    card && !['ready', 'waiting', 'done', 'error', 'stopped', 'loading'].includes(snapshot.step);
  const start = () => {
    // All three from the tap itself: browsers only start sound and speech from a user gesture.
    unlockSpeech();
    media.current?.start();
    session.start();
  };
  const keyPoints = card ? card.keyPoints.slice(0, snapshot.keyPointsReached) : [];

  return (
    <section className="kp-listen" aria-labelledby="kp-listen-title">
      <h1 id="kp-listen-title">Listen</h1>
      <p className="kp-listen__safety" role="note">
        Listening is for passengers and walkers, not drivers.
      </p>
      {snapshot.notice && (
        <p className="kp-notice" role="status" data-testid="listen-notice">
          {snapshot.notice}
        </p>
      )}
      {study.message && (
        <p className="kp-notice" role="alert">
          {study.message}
        </p>
      )}
      {snapshot.step === 'loading' && <p className="kp-muted">Loading your cards…</p>}
      {snapshot.step === 'error' && study.phase.name === 'error' && (
        <p className="kp-alert" role="alert">
          {study.phase.message}
        </p>
      )}
      {snapshot.step === 'waiting' && (
        <p>A card you are learning comes back in a few minutes. Keep this screen open, or come back later.</p>
      )}
      {(snapshot.step === 'done' || snapshot.step === 'stopped') && (
        <div className="kp-listen__end">
          <h2>{snapshot.step === 'done' ? 'All caught up' : 'Listening stopped'}</h2>
          <p data-testid="listen-summary">
            {`Graded ${count(study.reviewedInSession, 'card')}`}
            {snapshot.skipped > 0 ? `; ${count(snapshot.skipped, 'card')} skipped, still due.` : '.'}
          </p>
        </div>
      )}
      {card && snapshot.step !== 'stopped' && (
        <article className="kp-listen__card" aria-labelledby="kp-listen-question">
          <p className="kp-listen__step" aria-live="polite" data-testid="listen-step">
            {stepWords(snapshot)}
          </p>
          <p id="kp-listen-question" className="kp-question">
            {card.question}
          </p>
          {snapshot.step !== 'ready' && card.context && study.settings?.listen.readContext && (
            <p className="kp-muted">{card.context}</p>
          )}
          {keyPoints.length > 0 && (
            <ol className="kp-listen__points" aria-label="Key points">
              {keyPoints.map((point, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: key points are a fixed list while the card is read.
                <li key={i} className={point === snapshot.line ? 'kp-listen__now' : undefined}>
                  {point}
                </li>
              ))}
            </ol>
          )}
        </article>
      )}
      {snapshot.step === 'ready' && (
        <button type="button" className="kp-button kp-button--primary kp-listen__start" onClick={start}>
          Start listening
        </button>
      )}
      {reading && (
        <fieldset className="kp-listen__grades" disabled={study.busy || snapshot.step === 'grading'}>
          <legend className="kp-visually-hidden">How did you do?</legend>
          <button
            type="button"
            className="kp-button kp-listen__grade"
            onClick={() => void session.grade(Rating.Again)}
          >
            Again
          </button>
          <button
            type="button"
            className="kp-button kp-listen__grade kp-listen__grade--good"
            onClick={() => void session.grade(Rating.Good)}
          >
            Good
          </button>
        </fieldset>
      )}
      <div className="kp-listen__controls">
        {reading &&
          (paused ? (
            <button type="button" className="kp-button" onClick={session.resume}>
              Resume
            </button>
          ) : (
            <button type="button" className="kp-button" onClick={session.pause}>
              Pause
            </button>
          ))}
        {snapshot.step !== 'stopped' && snapshot.step !== 'done' && (
          <button type="button" className="kp-button" onClick={session.stop}>
            Stop
          </button>
        )}
        <button
          type="button"
          className="kp-button"
          onClick={() => void session.undo()}
          disabled={!study.canUndo || study.busy || snapshot.step === 'stopped'}
        >
          Undo
        </button>
        <button type="button" className="kp-button" onClick={onExit}>
          Back to Home
        </button>
      </div>
    </section>
  );
}
