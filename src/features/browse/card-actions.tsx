// A card's actions and the danger zone: edit, suspend, and reset or delete after a confirmation that says what is lost.

import type { Dispatch, SetStateAction } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { editHref } from '../../components/routes';
import type { Review } from '../../domain';
import { count, pluralWord } from '../../domain';
import { useDb } from '../../hooks/use-db';
import type { ScheduleRow, StoredCard } from '../../storage/db';
import { type DeletedCard, deleteCard, resetProgress, setSuspended } from '../../storage/repositories/cards';

export type Confirming = 'reset' | 'delete' | null;

export function CardActions({
  card,
  schedule,
  reviews,
  deckTitle,
  ownCard,
  busy,
  confirming,
  setConfirming,
  run,
  onDeleted,
}: {
  card: StoredCard;
  schedule: ScheduleRow | null;
  reviews: readonly Review[];
  deckTitle: string;
  ownCard: boolean;
  busy: boolean;
  confirming: Confirming;
  setConfirming: Dispatch<SetStateAction<Confirming>>;
  /** Runs one action; what it returns is the message shown once it is done. */
  run: (action: () => Promise<string | null>) => Promise<void>;
  onDeleted: (deleted: DeletedCard) => void;
}) {
  const db = useDb();
  return (
    <>
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
              onDeleted(await deleteCard(db, card.id));
              return null;
            })
          }
        >
          The card is removed with its schedule
          {reviews.length > 0 ? ` and its ${count(reviews.length, 'review')}` : ''}. You can undo this right
          after.
          {!ownCard &&
            ` A newer version of “${deckTitle}” may add it back as a new card: to stop seeing it, suspend it instead.`}
        </ConfirmDialog>
      )}
    </>
  );
}
