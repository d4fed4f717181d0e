// A fresh, uniquely named test database, empty or holding the built-in deck: no test sees another's data.
import { randomUUID } from 'node:crypto';
import { createDb, type KeypointsDb } from '../../src/storage/db';
import { upsertDeckFile } from '../../src/storage/repositories/decks';
import { builtInDeck } from './deck';

// happy-dom's window may lack randomUUID, which gradeCard uses for review ids.
if (typeof globalThis.crypto?.randomUUID !== 'function') {
  Object.defineProperty(globalThis.crypto, 'randomUUID', { value: randomUUID, configurable: true });
}

export function freshDb(): KeypointsDb {
  return createDb(`test-${randomUUID()}`);
}

/** A fresh database (or the one given) with the built-in deck seeded at `at`. */
export async function seededDb(at: number, db: KeypointsDb = freshDb()): Promise<KeypointsDb> {
  await upsertDeckFile(db, builtInDeck(), at);
  return db;
}
