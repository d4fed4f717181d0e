// The IndexedDB schema (Dexie). Every version that shipped stays here unchanged; changes are new versions.
import Dexie, { type EntityTable } from 'dexie';
import type { CardRecord, Deck, Kind, Level, Review, Schedule, Settings } from '../domain';
import type { Interview } from '../domain/interview';
import type { Recording } from '../domain/recording';
import type { Hlc } from '../domain/sync';
import type { LostCardVersion } from '../domain/union';
import { trackSyncedChanges } from './sync-tracking';

/**
 * A card as stored: exactly its record. Search text is derived when Browse builds its index, not
 * stored: a normalised copy of every text would add about 40% to the database.
 */
export type StoredCard = CardRecord;

/**
 * A card's schedule as stored, with a copy of the few card fields the queue and the counts need,
 * so that building a session reads only this small table and never the long card texts.
 */
export interface ScheduleRow extends Schedule {
  deckId: string;
  order: number;
  level: Level;
  kind: Kind;
  /** 1 when the card takes part in sessions (not suspended, not retired). */
  active: 0 | 1;
}

export interface SettingsRow extends Settings {
  key: 'settings';
}

/** Small facts about the device's data: the built-in deck's content hash, the last backup… */
export interface MetaRow {
  key: string;
  value: string | number | boolean | null;
}

/** A record changed locally since it was last pushed: its key (recordKey) and the clock of that change. */
export interface OutboxRow {
  key: string;
  hlc: Hlc;
}

/** The server's `_rev` of a record's document, and the clock of the version it holds. */
export interface SyncRevisionRow {
  key: string;
  rev: string;
  hlc: Hlc;
}

/** One fact of sync's state on this device ('track', 'config', 'status', 'checkpoint'). */
export interface SyncStateRow {
  key: string;
  value: unknown;
}

export type KeypointsDb = Dexie & {
  decks: EntityTable<Deck, 'id'>;
  cards: EntityTable<StoredCard, 'id'>;
  schedules: EntityTable<ScheduleRow, 'cardId'>;
  reviews: EntityTable<Review, 'id'>;
  settings: EntityTable<SettingsRow, 'key'>;
  meta: EntityTable<MetaRow, 'key'>;
  interviews: EntityTable<Interview, 'id'>;
  recordings: EntityTable<Recording, 'id'>;
  outbox: EntityTable<OutboxRow, 'key'>;
  syncRevisions: EntityTable<SyncRevisionRow, 'key'>;
  syncState: EntityTable<SyncStateRow, 'key'>;
  lostCardVersions: EntityTable<LostCardVersion, 'id'>;
};

export const DB_NAME = 'keypoints';

/**
 * meta key under which the installed built-in deck's (content-hashed) address is kept. A restore
 * drops it so the next start reconciles the built-in deck with the one this build ships.
 */
export const BUILTIN_DECK_URL_KEY = 'builtin-deck-url';

/** Opens (without connecting yet) the database. Grades must survive a killed tab: strict durability. */
export function createDb(name: string = DB_NAME): KeypointsDb {
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as KeypointsDb;
  // Version 1: the first shipped schema. Never edit; add db.version(2) with .upgrade() instead.
  db.version(1).stores({
    decks: 'id',
    cards: 'id, deckId, [deckId+order]',
    // Only the indexes something queries: each one costs space per row (100,000 reviews).
    // where('cardId') on reviews is served by the compound index's first part.
    schedules: 'cardId, due',
    reviews: 'id, reviewedAt, [cardId+reviewedAt]',
    settings: 'key',
    meta: 'key',
  });
  // Version 2: interviews (a date to be ready by). A new store only: every version-1 record stays as it is.
  db.version(2).stores({
    interviews: 'id, at',
  });
  // Version 3: recordings of spoken answers. A new store only: every version-2 record stays as it is.
  // [cardId+createdAt] lists a card's takes in order (and serves where('cardId')); `size` lets the
  // total be summed from the index's keys without reading a single recording's sound.
  db.version(3).stores({
    recordings: 'id, [cardId+createdAt], size',
  });
  // Version 4: sync. New stores only: every version-3 record stays as it is. The outbox holds one
  // small row per changed record (keyed by recordKey, so a later change overwrites it); card
  // versions lost to another device's newer edit are listed by card for the card's history.
  db.version(4).stores({
    outbox: 'key',
    syncRevisions: 'key',
    syncState: 'key',
    lostCardVersions: 'id, cardId',
  });
  trackSyncedChanges(db);
  return db;
}
