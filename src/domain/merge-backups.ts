// Merging another device's backup into this device's data: reviews united by id, never doubled or lost.
import { type BackupData, canonicalData } from './backup-data';
import type { Interview } from './interview';

export interface MergeResult {
  data: BackupData;
  /** What `incoming` brought that `local` did not have. */
  added: { decks: number; cards: number; reviews: number };
}

/**
 * Unites two devices' data. Reviews are united by id, so nothing is doubled or lost and the result
 * does not depend on which side is local; a card on both sides keeps the more recently updated
 * copy (local on a tie); decks and settings stay local. Schedules are NOT merged: the result keeps
 * local's, plus incoming's for cards local has none for, and the caller must rebuild every
 * schedule by replaying the merged reviews. Interviews are united by id, the newer copy kept (see
 * `mergeInterview`); one removed on a device comes back from a backup that still has it.
 */
export function mergeBackups(local: BackupData, incoming: BackupData): MergeResult {
  const decks = new Map(local.decks.map((d) => [d.id, d]));
  const cards = new Map(local.cards.map((c) => [c.id, c]));
  const reviews = new Map(local.reviews.map((r) => [r.id, r]));
  const schedules = new Map(local.schedules.map((s) => [s.cardId, s]));
  const added = { decks: 0, cards: 0, reviews: 0 };

  for (const d of incoming.decks) {
    if (decks.has(d.id)) continue;
    decks.set(d.id, d);
    added.decks++;
  }
  for (const c of incoming.cards) {
    const mine = cards.get(c.id);
    if (!mine) added.cards++;
    if (!mine || c.updatedAt > mine.updatedAt) cards.set(c.id, c);
  }
  for (const r of incoming.reviews) {
    if (reviews.has(r.id)) continue;
    reviews.set(r.id, r);
    added.reviews++;
  }
  for (const s of incoming.schedules) {
    if (!schedules.has(s.cardId)) schedules.set(s.cardId, s);
  }
  const interviews = new Map((local.interviews ?? []).map((i) => [i.id, i]));
  for (const i of incoming.interviews ?? []) {
    const mine = interviews.get(i.id);
    interviews.set(i.id, mine ? mergeInterview(mine, i) : i);
  }

  const data = canonicalData({
    decks: [...decks.values()],
    cards: [...cards.values()],
    schedules: [...schedules.values()],
    reviews: [...reviews.values()],
    settings: local.settings,
    interviews: [...interviews.values()],
  });
  return { data, added };
}

/**
 * One interview held by both sides: the copy saved last from the editor (`mine` on a tie). The
 * readiness reached on the day is worked out from the review log, so when the kept copy has none
 * yet and the other has one for the same moment, it is carried over.
 */
export function mergeInterview(mine: Interview, theirs: Interview): Interview {
  const saved = (i: Interview) => i.updatedAt ?? i.createdAt;
  const [kept, other] = saved(theirs) > saved(mine) ? [theirs, mine] : [mine, theirs];
  if (kept.reachedReadiness === null && other.reachedReadiness !== null && other.at === kept.at) {
    return { ...kept, reachedReadiness: other.reachedReadiness };
  }
  return kept;
}
