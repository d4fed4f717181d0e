// The built-in deck (data/decks/amazon-engineer.json) and the page it is built from, read once for every suite.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Card, type DeckFile, validateDeckFile } from '../../src/domain';

/** The committed file as it is on disk, byte for byte. */
export const BUILT_IN_DECK_TEXT = readFileSync(
  join(process.cwd(), 'data/decks/amazon-engineer.json'),
  'utf8',
);

/** The source page the built-in deck is parsed from, as received. */
export const SOURCE_PAGE_TEXT = readFileSync(
  join(process.cwd(), 'data/sources/000_73ed9ad871d776c6.txt'),
  'utf8',
);

const BUILT_IN_DECK: DeckFile = validateDeckFile(JSON.parse(BUILT_IN_DECK_TEXT));

/** A copy of its own for each caller: a test that edits its deck cannot change another's. */
export function builtInDeck(): DeckFile {
  return structuredClone(BUILT_IN_DECK);
}

/** One card of the built-in deck by its question number, e.g. "1.1". */
export function builtInCard(number: string): Card {
  const found = BUILT_IN_DECK.cards.find((c) => c.id === `amazon-engineer/${number}`);
  if (!found) throw new Error(`no card ${number} in the built-in deck`);
  return structuredClone(found);
}
