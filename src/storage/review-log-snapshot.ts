// The review log as a worker read it, packed to cross to the page for nothing: after Optimize, Apply
// replays every card from the log the optimizer's worker already read, instead of reading it again.
// Plain code with no Dexie: the worker imports it too.

/**
 * Every review's card, grade and time, in the review store's key order, and what identifies that
 * log: its size and a fingerprint of its review ids. Reviews are never edited (a grade undone is a
 * review deleted), so the same ids mean the same log.
 */
export interface ReviewLogSnapshot {
  count: number;
  fingerprint: string;
  /** Each card id once; `card[i]` indexes it for review i. */
  cardIds: string[];
  card: Uint32Array;
  rating: Uint8Array;
  reviewedAt: Float64Array;
}

const FNV_PRIME = 0x01000193;

/**
 * A fingerprint of review ids in key order: two 32-bit FNV-1a hashes with different seeds over every
 * id and a separator. Not for secrecy, only to tell whether the log changed since it was read.
 */
export class IdFingerprint {
  private a = 0x811c9dc5;
  private b = 0x2c1b3c6d;
  private n = 0;

  add(id: string): void {
    let { a, b } = this;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      a = Math.imul(a ^ c, FNV_PRIME);
      b = Math.imul(b ^ c, FNV_PRIME);
    }
    // A separator no id contains, so that ["ab", "c"] and ["a", "bc"] differ.
    this.a = Math.imul(a ^ 0xffff, FNV_PRIME);
    this.b = Math.imul(b ^ 0xfffe, FNV_PRIME);
    this.n += 1;
  }

  get count(): number {
    return this.n;
  }

  digest(): string {
    return `${this.n}:${(this.a >>> 0).toString(16)}:${(this.b >>> 0).toString(16)}`;
  }
}

export function fingerprintIds(ids: Iterable<string>): string {
  const f = new IdFingerprint();
  for (const id of ids) f.add(id);
  return f.digest();
}

/**
 * Packs reviews as they are read (in key order). A review the packing cannot hold exactly (a grade
 * that is not a small whole number, a time that is not a number: edited by hand) makes the whole
 * snapshot unusable, and Apply reads the log itself as before.
 */
export class SnapshotBuilder {
  private readonly ids = new IdFingerprint();
  private readonly cardIndex = new Map<string, number>();
  private readonly cardIds: string[] = [];
  private readonly card: number[] = [];
  private readonly rating: number[] = [];
  private readonly reviewedAt: number[] = [];
  private usable = true;

  add(review: { id: string; cardId: string; rating: unknown; reviewedAt: unknown }): void {
    if (!this.usable) return;
    const { id, cardId, rating, reviewedAt } = review;
    if (
      typeof id !== 'string' ||
      typeof cardId !== 'string' ||
      typeof rating !== 'number' ||
      !Number.isInteger(rating) ||
      rating < 0 ||
      rating > 255 ||
      typeof reviewedAt !== 'number'
    ) {
      this.usable = false;
      return;
    }
    let index = this.cardIndex.get(cardId);
    if (index === undefined) {
      index = this.cardIds.length;
      this.cardIndex.set(cardId, index);
      this.cardIds.push(cardId);
    }
    this.ids.add(id);
    this.card.push(index);
    this.rating.push(rating);
    this.reviewedAt.push(reviewedAt);
  }

  finish(): ReviewLogSnapshot | null {
    if (!this.usable) return null;
    return {
      count: this.ids.count,
      fingerprint: this.ids.digest(),
      cardIds: this.cardIds,
      card: Uint32Array.from(this.card),
      rating: Uint8Array.from(this.rating),
      reviewedAt: Float64Array.from(this.reviewedAt),
    };
  }
}

/** The buffers a snapshot's postMessage hands over instead of copying. */
export function snapshotTransfer(snapshot: ReviewLogSnapshot | null): ArrayBuffer[] {
  if (!snapshot) return [];
  return [snapshot.card.buffer, snapshot.rating.buffer, snapshot.reviewedAt.buffer] as ArrayBuffer[];
}
