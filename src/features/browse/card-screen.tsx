// A card's page: its content, its schedule in words, its review history, and what can be done to it.
import { useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { count, dateTime, pluralWord } from '../../components/format';
import { BROWSE_HREF, editHref } from '../../components/routes';
import {
  errorWords,
  formatInterval,
  GRADE_LABELS,
  KIND_LABELS,
  LEVEL_LABELS,
  OWN_DECK,
  type Review,
  retrievability,
  State,
} from '../../domain';
import { useDb } from '../../hooks/use-db';
import { useLive } from '../../hooks/use-live';
import { useNow } from '../../hooks/use-now';
import type { ScheduleRow, StoredCard } from '../../storage/db';
import {
  cardDetail,
  type DeletedCard,
  deleteCard,
  resetProgress,
  restoreDeletedCard,
  setSuspended,
} from '../../storage/repositories/cards';
import { STATE_WORDS, stateLabel } from './state-label';
import './browse.css';

type Confirming = 'reset' | 'delete' | null;

export function CardScreen({ cardId }: { cardId: string }) {
  const db = useDb();
  const now = useNow();
  // undefined while reading, null when there is no such card.
  const detail = useLive(() => cardDetail(db, cardId), [db, cardId]);
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
            {reviews > 0 ? ` with its ${count(reviews, 'review')}` : ''}.
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
      <div className="kp-cardpage__actions">
        <a className="kp-button" href={editHref(card.id)}>
          Edit
        </a>
        <button
          type="button"
          className="kp-button"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              await setSuspended(db, card.id, !card.suspended);
              return card.suspended
                ? 'Unsuspended: the card is back in your sessions.'
                : 'Suspended: the card stays out of sessions until you unsuspend it. Its history is kept.';
            })
          }
        >
          {card.suspended ? 'Unsuspend' : 'Suspend'}
        </button>
        <button
          type="button"
          className="kp-button"
          disabled={busy || (reviews.length === 0 && (schedule?.state ?? 0) === 0)}
          aria-expanded={confirming === 'reset'}
          onClick={() => setConfirming((c) => (c === 'reset' ? null : 'reset'))}
        >
          Reset progress
        </button>
        <button
          type="button"
          className="kp-button kp-button--danger"
          disabled={busy}
          aria-expanded={confirming === 'delete'}
          onClick={() => setConfirming((c) => (c === 'delete' ? null : 'delete'))}
        >
          Delete
        </button>
      </div>
      {confirming === 'reset' && (
        <ConfirmDialog
          className="kp-cardpage__confirm"
          actionsClassName="kp-cardpage__actions"
          title="Reset progress?"
          confirmLabel="Reset progress"
          busy={busy}
          onCancel={() => setConfirming(null)}
          onConfirm={() =>
            void run(async () => {
              const { reviewsDeleted } = await resetProgress(db, card.id, Date.now());
              const gone = pluralWord(reviewsDeleted, 'was', 'were');
              return `Progress reset: the card is new again${reviewsDeleted ? ` and its ${count(reviewsDeleted, 'review')} ${gone} deleted` : ''}.`;
            })
          }
        >
          The card becomes new again, as if never studied, and{' '}
          {reviews.length > 0
            ? `its ${count(reviews.length, 'review')} below ${pluralWord(reviews.length, 'is', 'are')} deleted from the history`
            : 'its schedule starts over'}
          . This cannot be undone. The card's text stays as it is.
        </ConfirmDialog>
      )}
      {confirming === 'delete' && (
        <ConfirmDialog
          className="kp-cardpage__confirm"
          actionsClassName="kp-cardpage__actions"
          title="Delete this card?"
          confirmLabel="Delete card"
          busy={busy}
          onCancel={() => setConfirming(null)}
          onConfirm={() =>
            void run(async () => {
              setDeleted(await deleteCard(db, card.id));
              return null;
            })
          }
        >
          The card is removed with its schedule
          {reviews.length > 0 ? ` and its ${count(reviews.length, 'review')}` : ''}. You can undo this right
          after.
          {!ownCard &&
            ` A newer version of “${deck?.title ?? card.deckId}” may add it back as a new card: to stop seeing it, suspend it instead.`}
        </ConfirmDialog>
      )}
      <CardContent card={card} />
      <Progress card={card} schedule={schedule} now={now} />
      <History card={card} reviews={reviews} />
    </article>
  );
}

function CardContent({ card }: { card: StoredCard }) {
  return (
    <>
      {card.context && <p className="kp-cardpage__context">{card.context}</p>}
      <section aria-labelledby="kp-cardpage-keypoints">
        <h2 id="kp-cardpage-keypoints">Key points</h2>
        <ol className="kp-cardpage__list">
          {card.keyPoints.map((point, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a card's key points are a fixed list.
            <li key={i}>{point}</li>
          ))}
        </ol>
      </section>
      {card.pitfalls.length > 0 && (
        <section aria-labelledby="kp-cardpage-pitfalls">
          <h2 id="kp-cardpage-pitfalls">What not to say</h2>
          <ul className="kp-cardpage__list">
            {card.pitfalls.map((pitfall, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a card's pitfalls are a fixed list.
              <li key={i}>{pitfall}</li>
            ))}
          </ul>
        </section>
      )}
      {card.exampleAnswer && (
        <section aria-labelledby="kp-cardpage-example">
          <h2 id="kp-cardpage-example">Example answer</h2>
          <blockquote className="kp-cardpage__example">{card.exampleAnswer}</blockquote>
        </section>
      )}
      {card.tags.length > 0 && (
        <p className="kp-cardpage__tags">
          <span className="kp-muted">Tags: </span>
          {card.tags.map((tag) => (
            <span key={tag} className="kp-tag">
              {tag}
            </span>
          ))}
        </p>
      )}
    </>
  );
}

function dueText(schedule: ScheduleRow, now: number): string {
  if (schedule.state === State.New) return 'When a session introduces it';
  const ms = schedule.due - now;
  if (ms <= 0) return `Now (since ${dateTime(schedule.due)})`;
  return `In ${formatInterval(ms)} (${dateTime(schedule.due)})`;
}

function Progress({ card, schedule, now }: { card: StoredCard; schedule: ScheduleRow | null; now: number }) {
  const studied = schedule !== null && schedule.state !== State.New;
  const r = schedule ? retrievability(schedule, now) : null;
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

function pointTexts(indices: readonly number[], list: readonly string[], what: string): string[] {
  return indices.map((i) => list[i] ?? `${what} ${i + 1} (no longer on the card)`);
}

function History({ card, reviews }: { card: StoredCard; reviews: readonly Review[] }) {
  const newestFirst = [...reviews].reverse();
  return (
    <section aria-labelledby="kp-cardpage-history">
      <h2 id="kp-cardpage-history">History</h2>
      {newestFirst.length === 0 ? (
        <p className="kp-muted">Not reviewed yet.</p>
      ) : (
        <ol className="kp-history">
          {newestFirst.map((review) => {
            const recalled = pointTexts(review.keyPointsRecalled, card.keyPoints, 'Key point');
            const flagged = pointTexts(review.pitfallsFlagged, card.pitfalls, 'Pitfall');
            return (
              <li key={review.id} className="kp-history__item">
                <p className="kp-history__head">
                  <time dateTime={new Date(review.reviewedAt).toISOString()}>
                    {dateTime(review.reviewedAt)}
                  </time>
                  <span className={`kp-tag kp-history__grade kp-history__grade--${review.rating}`}>
                    {GRADE_LABELS[review.rating]}
                  </span>
                </p>
                <p className="kp-history__label">
                  {recalled.length === 0
                    ? 'No key points ticked.'
                    : `Recalled ${count(recalled.length, 'key point')}:`}
                </p>
                {recalled.length > 0 && (
                  <ul>
                    {recalled.map((text, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: texts may repeat; order is fixed.
                      <li key={i}>{text}</li>
                    ))}
                  </ul>
                )}
                {flagged.length > 0 && (
                  <>
                    <p className="kp-history__label">Fell into {count(flagged.length, 'pitfall')}:</p>
                    <ul>
                      {flagged.map((text, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: texts may repeat; order is fixed.
                        <li key={i}>{text}</li>
                      ))}
                    </ul>
                  </>
                )}
                {review.notes.trim() && (
                  <div className="kp-history__notes">
                    <p className="kp-history__label">Your notes:</p>
                    <p>{review.notes}</p>
                  </div>
                )}
                {card.updatedAt > review.reviewedAt && (
                  <p className="kp-muted kp-history__edited">
                    The card was edited after this review: ticks are shown against its key points as they read
                    now.
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
