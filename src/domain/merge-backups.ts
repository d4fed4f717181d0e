// Merging another device's backup into this device's data: reviews united by id, never doubled or lost.
import { type BackupData, canonicalData } from './backup-data';
import type { Interview } from './interview';
import { newerCard, newerInterview, uniteById } from './union';

export interface MergeResult {
  data: BackupData;
  /** What `incoming` brought that `local` did not have. */
  added: { decks: number; cards: number; reviews: number };
}

/**
 * Unites two devices' data by the union rules sync follows too (union.ts). Reviews are united by
 * id, so nothing is doubled or lost and the result does not depend on which side is local; a card
 * on both sides keeps the more recently edited copy (local on a tie; a card never edited since it
 * was added counts as the oldest); decks and settings stay local. Schedules are NOT merged: the result keeps
 * local's, plus incoming's for cards local has none for, and the caller must rebuild every
 * schedule by replaying the merged reviews. Interviews are united by id, the newer copy kept (see
 * `mergeInterview`); one removed on a device comes back from a backup that still has it.
 */
export function mergeBackups(local: BackupData, incoming: BackupData): MergeResult {
  const decks = uniteById(local.decks, incoming.decks);
  const reviews = uniteById(local.reviews, incoming.reviews);
  const cards = new Map(local.cards.map((c) => [c.id, c]));
  const schedules = new Map(local.schedules.map((s) => [s.cardId, s]));
  const added = { decks: decks.added, cards: 0, reviews: reviews.added };

  for (const c of incoming.cards) {
    const mine = cards.get(c.id);
    if (!mine) added.cards++;
    cards.set(c.id, mine ? (newerCard(mine, c).kept.value ?? mine) : c);
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
    decks: [...decks.united.values()],
    cards: [...cards.values()],
    schedules: [...schedules.values()],
    reviews: [...reviews.united.values()],
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
  const { winner } = newerInterview(mine, theirs);
  const [kept, other] = winner === 'remote' ? [theirs, mine] : [mine, theirs];
  if (kept.reachedReadiness === null && other.reachedReadiness !== null && other.at === kept.at) {
    return { ...kept, reachedReadiness: other.reachedReadiness };
  }
  return kept;
}
