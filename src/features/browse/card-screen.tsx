// A card's page: its content, its schedule in words, its review history, and what can be done to it.
import { useEffect, useRef, useState } from 'react';
import { BROWSE_HREF } from '../../components/routes';
import { count, errorWords, KIND_LABELS, LEVEL_LABELS, OWN_DECK, State } from '../../domain';
import { useDb } from '../../hooks/use-db';
import { useLive } from '../../hooks/use-live';
import { useNow } from '../../hooks/use-now';
import { useSettings } from '../../hooks/use-settings';
import { cardDetail, type DeletedCard, restoreDeletedCard } from '../../storage/repositories/cards';
import { cardVersionsLost } from '../../storage/repositories/sync-status';
import { CardActions, type Confirming } from './card-actions';
import { CardContent } from './card-content';
import { CardHistory } from './card-history';
import { CardProgress } from './card-progress';
import { CardRecordings } from './card-recordings';
import { stateLabel } from './state-label';
import './browse.css';

/** " with its 3 reviews and 1 recording", or nothing when it had neither. */
function withIts(reviews: number, recordings: number): string {
  const parts = [
    reviews > 0 ? count(reviews, 'review') : '',
    recordings > 0 ? count(recordings, 'recording') : '',
  ].filter(Boolean);
  return parts.length > 0 ? ` with its ${parts.join(' and ')}` : '';
}

export function CardScreen({ cardId }: { cardId: string }) {
  const db = useDb();
  const now = useNow();
  const settings = useSettings();
  // undefined while reading, null when there is no such card.
  const detail = useLive(() => cardDetail(db, cardId), [db, cardId]);
  const lost = useLive(() => cardVersionsLost(db, cardId), [db, cardId]);
  const [deleted, setDeleted] = useState<DeletedCard | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const view = detail ? 'card' : detail === null && deleted ? 'deleted' : 'other';

  // Whoever just deleted or undid lands on the heading that says what happened.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the page switches views.
  useEffect(() => {
    if (deleted) headingRef.current?.focus();
  }, [view]);

  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      setMessage(await action());
    } catch (e) {
      setError(errorWords(e));
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  };

  const alert = error && (
    <div className="kp-alert" role="alert">
      {error}
    </div>
  );

  // While a delete is in flight the card is gone before its snapshot is kept: not "not found".
  if (detail === undefined || (detail === null && busy && !deleted))
    return <p className="kp-muted">Loading the card…</p>;

  if (detail === null && deleted) {
    const reviews = deleted.reviews.length;
    return (
      <section className="kp-cardpage" aria-labelledby="kp-cardpage-title">
        <h1 id="kp-cardpage-title" tabIndex={-1} ref={headingRef}>
          Card deleted
        </h1>
        {alert}
        <div className="kp-notice kp-cardpage__undo" role="status">
          <p>
            “{deleted.card.question}” was deleted
            {withIts(reviews, deleted.recordings?.length ?? 0)}.
          </p>
          <button
            type="button"
            className="kp-button kp-button--primary"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                await restoreDeletedCard(db, deleted, Date.now());
                return reviews > 0 ? 'Card restored with its history.' : 'Card restored.';
              })
            }
          >
            Undo
          </button>
        </div>
        <p>
          <a href={BROWSE_HREF}>Back to Browse</a>
        </p>
      </section>
    );
  }

  if (!detail) {
    return (
      <section className="kp-cardpage" aria-labelledby="kp-cardpage-title">
        <h1 id="kp-cardpage-title">Card not found</h1>
        <p>There is no card “{cardId}” on this device. It may have been deleted, or the link is wrong.</p>
        <p>
          <a href={BROWSE_HREF}>Back to Browse</a>
        </p>
      </section>
    );
  }

  const { card, schedule, reviews, deck } = detail;
  const state = stateLabel(
    {
      state: schedule?.state ?? State.New,
      due: schedule?.due ?? 0,
      suspended: card.suspended,
      retired: card.retired,
    },
    now,
  );
  const ownCard = card.deckId === OWN_DECK.id;

  return (
    <article className="kp-cardpage" aria-labelledby="kp-cardpage-title">
      <p className="kp-cardpage__meta">
        <span className="kp-tag">{LEVEL_LABELS[card.level]}</span>
        <span className="kp-tag">{KIND_LABELS[card.kind]}</span>
        <span className={`kp-tag kp-state kp-state--${state.tone}`}>{state.text}</span>
      </p>
      <h1 id="kp-cardpage-title" className="kp-cardpage__question" tabIndex={-1} ref={headingRef}>
        {card.question}
      </h1>
      <p className="kp-muted kp-cardpage__deck">
        {deck?.title ?? card.deckId}
        {ownCard ? '' : ` · question ${card.number}`}
      </p>
      {alert}
      {message && (
        <p className="kp-notice" role="status">
          {message}
        </p>
      )}
      <CardActions
        card={card}
        schedule={schedule}
        reviews={reviews}
        deckTitle={deck?.title ?? card.deckId}
        ownCard={ownCard}
        busy={busy}
        confirming={confirming}
        setConfirming={setConfirming}
        run={run}
        onDeleted={setDeleted}
      />
      <CardContent card={card} />
      <CardProgress card={card} schedule={schedule} now={now} weights={settings?.fsrsParameters} />
      <CardRecordings cardId={card.id} />
      <CardHistory card={card} reviews={reviews} lost={lost ?? []} />
    </article>
  );
}
