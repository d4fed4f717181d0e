// A card's text on its own page: context, key points, what not to say, example answer and tags.
import type { StoredCard } from '../../storage/db';

export function CardContent({ card }: { card: StoredCard }) {
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
