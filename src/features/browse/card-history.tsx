// A card's review history, newest first: grade, time over the answer target, key points recalled, pitfalls fallen into and notes.
import { dateTime } from '../../components/format';
import { count, GRADE_LABELS, minutesSeconds, overSeconds, type Review, reviewSource } from '../../domain';
import type { LostCardVersion } from '../../domain/union';
import type { StoredCard } from '../../storage/db';

function pointTexts(indices: readonly number[], list: readonly string[], what: string): string[] {
  return indices.map((i) => list[i] ?? `${what} ${i + 1} (no longer on the card)`);
}

/**
 * Versions of this card that another device's later edit replaced (sync keeps the later one on every
 * device): never silently lost, shown here newest first with what they said.
 */
function LostVersions({ lost }: { lost: readonly LostCardVersion[] }) {
  if (lost.length === 0) return null;
  const newestFirst = [...lost].sort((a, b) => b.lostAt - a.lostAt);
  return (
    <>
      <h3>Changed on another device</h3>
      <ol className="kp-history" data-testid="lost-versions">
        {newestFirst.map((version) => (
          <li key={version.id} className="kp-history__item">
            <p className="kp-history__head">
              <time dateTime={new Date(version.lostAt).toISOString()}>{dateTime(version.lostAt)}</time>
              <span className="kp-muted">changed on another device</span>
            </p>
            <p className="kp-history__label">
              This version was replaced by a later edit made on another device:
            </p>
            <p>{version.card.question}</p>
            {version.card.keyPoints.length > 0 && (
              <details>
                <summary>Its key points</summary>
                <ul>
                  {version.card.keyPoints.map((text, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: texts may repeat; order is fixed.
                    <li key={i}>{text}</li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

export function CardHistory({
  card,
  reviews,
  lost = [],
}: {
  card: StoredCard;
  reviews: readonly Review[];
  lost?: readonly LostCardVersion[];
}) {
  const newestFirst = [...reviews].reverse();
  return (
    <section aria-labelledby="kp-cardpage-history">
      <h2 id="kp-cardpage-history">History</h2>
      <LostVersions lost={lost} />
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
