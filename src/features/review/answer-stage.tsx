// The answer stage of a card: key points to tick, pitfalls to flag, the example answer. Loaded just
// after the first card is painted, so the first card does not wait for it.
import type { ReviewSession } from './use-review-session';

export function AnswerStage({
  session,
  headingRef,
  playback,
}: {
  session: ReviewSession;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  /** The answer recorded during recall, if any: heard while ticking the key points. */
  playback?: React.ReactNode;
}) {
  const card = session.current?.card;
  if (!card) return null;
  return (
    <div className="kp-answer">
      <div className={`kp-answer__points${session.notes.trim() ? ' kp-answer__points--with-notes' : ''}`}>
        <section aria-labelledby="kp-keypoints-title">
          <h2 id="kp-keypoints-title" tabIndex={-1} ref={headingRef}>
            Key points
          </h2>
          <p className="kp-muted">Tick what you recalled.</p>
          {playback}
          <ul className="kp-checklist">
            {card.keyPoints.map((point, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: key points are a fixed list for this card.
              <li key={i}>
                <label className="kp-check">
                  <input
                    type="checkbox"
                    checked={session.ticks.has(i)}
                    onChange={() => session.toggleTick(i)}
                  />
                  <span>{point}</span>
                </label>
              </li>
            ))}
          </ul>
          <p className="kp-muted" aria-live="polite">
            Recalled {session.ticks.size} of {card.keyPoints.length}.
          </p>
        </section>
        {session.notes.trim() && (
          <aside className="kp-answer__notes" aria-labelledby="kp-notes-title">
            <h3 id="kp-notes-title">Your notes</h3>
            <p>{session.notes}</p>
          </aside>
        )}
      </div>
      {card.pitfalls.length > 0 && (
        <section aria-labelledby="kp-pitfalls-title">
          <h2 id="kp-pitfalls-title">What not to say</h2>
          <p className="kp-muted">Flag any you fell into.</p>
          <ul className="kp-checklist kp-checklist--pitfalls">
            {card.pitfalls.map((pitfall, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: pitfalls are a fixed list for this card.
              <li key={i}>
                <label className="kp-check">
                  <input
                    type="checkbox"
                    checked={session.flags.has(i)}
                    onChange={() => session.toggleFlag(i)}
                  />
                  <span>{pitfall}</span>
                </label>
              </li>
            ))}
          </ul>
        </section>
      )}
      {card.exampleAnswer && (
        <section aria-labelledby="kp-example-title">
          <h2 id="kp-example-title">Example answer</h2>
          <blockquote className="kp-example">{card.exampleAnswer}</blockquote>
        </section>
      )}
    </div>
  );
}
