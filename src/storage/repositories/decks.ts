// Writing decks and their cards: seeding the built-in deck, re-importing a page, own cards.
import {
  type CardRecord,
  cardSearchText,
  createScheduler,
  DEFAULT_SETTINGS,
  type DeckFile,
} from '../../domain';
import type { KeypointsDb, ScheduleRow, StoredCard } from '../db';
import { toStorageError } from '../errors';

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

export function toStoredCard(card: CardRecord): StoredCard {
  return { ...card, searchText: cardSearchText(card) };
}

/**
 * Adds or updates a whole deck in one transaction. Content changes; schedules and reviews stay.
 * A card that is no longer in the deck is retired (kept with its history), never deleted.
 */
export async function upsertDeckFile(db: KeypointsDb, file: DeckFile, now: number): Promise<UpsertResult> {
  const scheduler = createScheduler(DEFAULT_SETTINGS);
  try {
    return await db.transaction('rw', db.decks, db.cards, db.schedules, async () => {
      const existing = await db.cards.where('deckId').equals(file.deck.id).toArray();
      const byId = new Map(existing.map((c) => [c.id, c]));
      const incomingIds = new Set(file.cards.map((c) => c.id));
      const cards: StoredCard[] = [];
      let added = 0;
      let updated = 0;
      for (const content of file.cards) {
        const old = byId.get(content.id);
        const record: CardRecord = {
          ...content,
          suspended: old?.suspended ?? false,
          retired: false,
          createdAt: old?.createdAt ?? now,
          updatedAt: old && !old.retired && sameContent(old, content) ? old.updatedAt : now,
        };
        if (!old) added++;
        else if (record.updatedAt === now) updated++;
        cards.push(toStoredCard(record));
      }
      const retiring = existing.filter((c) => !incomingIds.has(c.id) && !c.retired);
      for (const c of retiring) cards.push({ ...c, retired: true, updatedAt: now });

      const schedules = await db.schedules.bulkGet(cards.map((c) => c.id));
      const rows: ScheduleRow[] = cards.map((card, i) => ({
        ...(schedules[i] ?? scheduler.newSchedule(card.id, now)),
        ...scheduleCardFields(card),
      }));
      await db.decks.put(file.deck);
      await db.cards.bulkPut(cards);
      await db.schedules.bulkPut(rows);
      return { added, updated, retired: retiring.length };
    });
  } catch (error) {
    throw toStorageError(error);
  }
}

function sameContent(a: CardRecord, b: DeckFile['cards'][number]): boolean {
  return (
    a.question === b.question &&
    a.context === b.context &&
    a.exampleAnswer === b.exampleAnswer &&
    a.level === b.level &&
    a.kind === b.kind &&
    a.order === b.order &&
    a.keyPoints.join('\n') === b.keyPoints.join('\n') &&
    a.pitfalls.join('\n') === b.pitfalls.join('\n') &&
    a.tags.join('\n') === b.tags.join('\n')
  );
}
