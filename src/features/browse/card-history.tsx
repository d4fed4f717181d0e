// A card's review history, newest first: grade, time over the answer target, key points recalled, pitfalls fallen into and notes.
import { dateTime } from '../../components/format';
import { count, GRADE_LABELS, minutesSeconds, overSeconds, type Review, reviewSource } from '../../domain';
import type { StoredCard } from '../../storage/db';

function pointTexts(indices: readonly number[], list: readonly string[], what: string): string[] {
  return indices.map((i) => list[i] ?? `${what} ${i + 1} (no longer on the card)`);
}

export function CardHistory({ card, reviews }: { card: StoredCard; reviews: readonly Review[] }) {
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
            const over = overSeconds(review.durationMs, review.targetMs);
            return (
              <li key={review.id} className="kp-history__item">
                <p className="kp-history__head">
                  <time dateTime={new Date(review.reviewedAt).toISOString()}>
                    {dateTime(review.reviewedAt)}
                  </time>
                  {reviewSource(review) === 'listening' && (
                    <span className="kp-muted kp-history__source">by ear</span>
                  )}
                  {over > 0 && (
                    <span className="kp-muted kp-history__over">over by {minutesSeconds(over)}</span>
                  )}
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
