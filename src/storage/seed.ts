// First run (and every newer build): make sure the built-in deck on the device matches the shipped one.
import deckUrl from '../../data/decks/amazon-engineer.json?url';
import { BUILTIN_DECK_URL_KEY, type KeypointsDb } from './db';
import type { UpsertResult } from './repositories/decks';
import { writeTransaction } from './write';

/**
 * The deck's URL carries a hash of its content, so a warm start costs one small read and loads
 * neither the deck nor the code that installs it. Only a first run or a new deck fetches both.
 */
export async function ensureBuiltInDeck(db: KeypointsDb, now: number): Promise<UpsertResult | null> {
  const stored = await db.meta.get(BUILTIN_DECK_URL_KEY);
  if (stored?.value === deckUrl) return null;
  const response = await fetch(deckUrl);
  if (!response.ok) throw new Error(`The built-in deck could not be loaded (HTTP ${response.status}).`);
  const [json, { validateDeckFile }, { upsertDeckFile }] = await Promise.all([
    response.json() as Promise<unknown>,
    import('../domain/deck-file'),
    import('./repositories/decks'),
  ]);
  const file = validateDeckFile(json);
  // The deck and the note that it is installed are one write: a failure leaves neither, and the next start retries.
  return writeTransaction(db, [db.decks, db.cards, db.schedules, db.meta], async () => {
    const result = await upsertDeckFile(db, file, now);
    await db.meta.put({ key: BUILTIN_DECK_URL_KEY, value: deckUrl });
    return result;
  });
}
