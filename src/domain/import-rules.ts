// What an import may write over: the rules that keep an import from replacing the wrong deck or another deck's cards.
import type { Deck, DeckFile, DeckSource } from './card';
import { OWN_DECK } from './deck';
import type { Problem } from './errors';
import { MAX_SHOWN_PROBLEMS } from './validation';

const SOURCE_WORDS: Record<DeckSource, string> = {
  builtin: 'the built-in deck',
  page: 'a deck imported from a page',
  csv: 'a deck imported from a CSV file',
  json: 'a deck imported from a JSON file',
  own: 'your own cards',
};

/**
 * Whether `incoming` may be written over `existing` (the deck with the same id, if any).
 *
 * Only the same kind of source may update a deck: a page updates a page's deck, a CSV a CSV's,
 * and the built-in deck only its own deck file. Different kinds number their cards differently
 * (a page "2.3", a CSV its row), so a cross-kind update would retire every card and start their
 * histories over. The own-cards deck (`own`) is never an import target: its cards are written in
 * the editor, and an import would retire every one of them missing from the file.
 */
export function importConflict(existing: Deck | undefined, incoming: Deck): Problem | null {
  if (incoming.id === OWN_DECK.id) {
    return {
      field: 'title',
      message: `"${OWN_DECK.title}" holds the cards you write yourself and cannot be replaced by an import. Choose another deck name.`,
    };
  }
  if (!existing || existing.source === incoming.source) return null;
  return {
    field: 'title',
    message: `A deck with this name already exists (${SOURCE_WORDS[existing.source]}: "${existing.title}"), and only the same kind of file can update it. Choose another deck name to import this as a new deck.`,
  };
}

/** Cards whose ids fall outside their deck's namespace could overwrite another deck's cards. */
export function deckNamespaceProblems(file: DeckFile): Problem[] {
  const prefix = `${file.deck.id}/`;
  const problems: Problem[] = [];
  file.cards.forEach((c, i) => {
    if (!c.id.startsWith(prefix) || c.id.length === prefix.length) {
      problems.push({
        field: `cards[${i}].id`,
        message: `"${c.id}" must start with "${prefix}" (the deck's id)`,
      });
    }
  });
  return problems.slice(0, MAX_SHOWN_PROBLEMS);
}
