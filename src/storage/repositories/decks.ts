// Writing decks and their cards: seeding the built-in deck, re-importing a page, own cards.
import {
  type Card,
  type CardRecord,
  type Deck,
  type DeckFile,
  newCardSchedule,
  sameDraftContent,
} from '../../domain';
import { inSlices } from '../batches';
import type { KeypointsDb, ScheduleRow, StoredCard } from '../db';
import { writeTransaction } from '../write';

export interface UpsertResult {
  added: number;
  updated: number;
  retired: number;
}

/** The schedule-row copy of the card fields the queue needs. */
export function scheduleCardFields(
  card: CardRecord,
): Pick<ScheduleRow, 'deckId' | 'order' | 'level' | 'kind' | 'active'> {
  return {
    deckId: card.deckId,
    order: card.order,
    level: card.level,
    kind: card.kind,
    active: card.suspended || card.retired ? 0 : 1,
  };
}

/**
 * Adds or updates a whole deck: content changes, schedules and reviews stay, and a card that is no
 * longer in the deck is retired (kept with its history), never deleted. Runs in the caller's
 * transaction if there is one (over decks, cards and schedules), else in its own; batched writes
 * keep the page responsive on big decks while staying all or nothing.
 */
export async function upsertDeckFile(db: KeypointsDb, file: DeckFile, now: number): Promise<UpsertResult> {
  return writeTransaction(db, [db.decks, db.cards, db.schedules], async () => {
    const existing = await db.cards.where('deckId').equals(file.deck.id).toArray();
    const byId = new Map(existing.map((c) => [c.id, c]));
    const incomingIds = new Set(file.cards.map((c) => c.id));
    const cards: StoredCard[] = [];
    let added = 0;
    let updated = 0;
    for (const content of file.cards) {
      const old = byId.get(content.id);
      const unchanged = old !== undefined && !old.retired && sameContent(old, content);
      if (!old) added++;
      else if (!unchanged) updated++;
      cards.push({
        ...content,
        suspended: old?.suspended ?? false,
        retired: false,
        createdAt: old?.createdAt ?? now,
        updatedAt: unchanged ? old.updatedAt : now,
      });
    }
    const retiring = existing.filter((c) => !incomingIds.has(c.id) && !c.retired);
    for (const c of retiring) cards.push({ ...c, retired: true, updatedAt: now });

    // A brand-new deck has no schedules yet: skip reading them.
    const schedules = existing.length ? await db.schedules.bulkGet(cards.map((c) => c.id)) : [];
    const rows: ScheduleRow[] = cards.map((card, i) => ({
      ...(schedules[i] ?? newCardSchedule(card.id, now)),
      ...scheduleCardFields(card),
    }));
    await db.decks.put(file.deck);
    await inSlices(cards, (slice) => db.cards.bulkPut(slice));
    await inSlices(rows, (slice) => db.schedules.bulkPut(slice));
    return { added, updated, retired: retiring.length };
  });
}

/** A deck by id, or undefined when it is not on this device. */
export function getDeck(db: KeypointsDb, deckId: string): Promise<Deck | undefined> {
  return db.decks.get(deckId);
}

/** Every deck on the device. */
export function listDecks(db: KeypointsDb): Promise<Deck[]> {
  return db.decks.toArray();
}

/** Whether a stored card already has exactly this content (import previews count with it too). */
export function sameContent(a: CardRecord, b: Card): boolean {
  return a.order === b.order && sameDraftContent(a, b);
}
