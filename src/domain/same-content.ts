// Whether two cards say the same: the one rule behind an unchanged edit and an unchanged import. Its own
// module because deck seeding (on the way to the first card) needs it and the draft's validation must not follow.
import type { CardDraft } from './card-draft';

/** Whether two cards say the same: every field a user writes, lists item by item. */
export function sameDraftContent(a: CardDraft, b: CardDraft): boolean {
  const same = (x: readonly string[], y: readonly string[]) =>
    x.length === y.length && x.every((item, i) => item === y[i]);
  return (
    a.question === b.question &&
    a.context === b.context &&
    a.exampleAnswer === b.exampleAnswer &&
    a.level === b.level &&
    a.kind === b.kind &&
    same(a.keyPoints, b.keyPoints) &&
    same(a.pitfalls, b.pitfalls) &&
    same(a.tags, b.tags)
  );
}
