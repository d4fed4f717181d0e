// First run (and every newer build): make sure the built-in deck on the device matches the shipped one.
import deckUrl from '../../data/decks/amazon-engineer.json?url';
import { type DeckFile, DomainError } from '../domain';
import { BUILTIN_DECK_URL_KEY, type KeypointsDb } from './db';
import { type UpsertResult, upsertDeckFile } from './repositories/decks';
import { untracked } from './sync-tracking';
import { writeTransaction } from './write';

// Replaced at build time by vite.config.ts: the SHA-256 (hex) of the deck file this build ships.
declare const __KP_BUILTIN_DECK_SHA256__: string;

/** The fetched deck is not the one this build shipped (a damaged download or a meddling proxy). */
export class BuiltInDeckDamagedError extends DomainError {
  readonly code = 'builtin-deck-damaged';
  constructor() {
    super('The built-in deck arrived damaged, so it was not installed. Check your connection, then reload.');
    this.name = 'BuiltInDeckDamagedError';
  }
}

/**
 * The deck file, if its bytes are exactly the ones this build shipped. CI validates that file
 * field by field (`npm run deck -- --check` and its tests), so checking its digest here proves the
 * same about what arrived, without shipping the validator on a first visit's way to the first card.
 */
async function shippedDeck(bytes: ArrayBuffer): Promise<DeckFile> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  if (hex !== __KP_BUILTIN_DECK_SHA256__) throw new BuiltInDeckDamagedError();
  return JSON.parse(new TextDecoder().decode(bytes)) as DeckFile;
}

/**
 * The deck's URL carries a hash of its content, so a warm start costs one small read and does not
 * load the deck. Only a first run or a new deck fetches it. The code that installs it is imported
 * directly: it sits in the first-card chunk anyway (vite.config.ts STUDY_PATH), where a dynamic
 * import of it only added a module namespace and a loader to the way to the first card.
 */
export async function ensureBuiltInDeck(db: KeypointsDb, now: number): Promise<UpsertResult | null> {
  const stored = await db.meta.get(BUILTIN_DECK_URL_KEY);
  if (stored?.value === deckUrl) return null;
  const response = await fetch(deckUrl);
  if (!response.ok) throw new Error(`The built-in deck could not be loaded (HTTP ${response.status}).`);
  const file = await shippedDeck(await response.arrayBuffer());
  // The deck and the note that it is installed are one write: a failure leaves neither, and the next start retries.
  // Untracked: every device installs the deck itself, so it is not a change to sync.
  return writeTransaction(db, [db.decks, db.cards, db.schedules, db.meta], async () => {
    untracked();
    const result = await upsertDeckFile(db, file, now);
    await db.meta.put({ key: BUILTIN_DECK_URL_KEY, value: deckUrl });
    return result;
  });
}
