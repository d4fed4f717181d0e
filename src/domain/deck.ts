// Decks: the own-cards deck, deck order, and building deck files (data/decks/*.json) from a page.
import type { Deck, DeckFile, DeckSource } from './card';
import { canonicalDeckFile, DECK_FILE_FORMAT, DECK_FILE_VERSION } from './deck-file';
import { parsePageStrict } from './parse-page';
import { leadingSentences, truncateAtWord } from './text';

const TITLE_MAX = 120;
const DESCRIPTION_MAX = 280;

/** The deck the user's own cards live in, created with the first one. */
export const OWN_DECK: Deck = {
  id: 'own',
  title: 'My cards',
  source: 'own',
  description: 'Cards you wrote yourself, such as your own behavioural stories.',
};

export interface DeckMeta {
  id: string;
  /** Defaults to the page's first line. */
  title?: string;
  source: DeckSource;
}

/** Parses a page into a deck file; throws ParseError when the page has any problem. */
export function buildDeckFile(text: string, meta: DeckMeta): DeckFile {
  const page = parsePageStrict(text, { deckId: meta.id });
  const title = meta.title?.trim() || deckTitleFromPage(page.title) || meta.id;
  return canonicalDeckFile({
    format: DECK_FILE_FORMAT,
    version: DECK_FILE_VERSION,
    deck: {
      id: meta.id,
      title,
      source: meta.source,
      description: leadingSentences(page.description, DESCRIPTION_MAX),
    },
    cards: page.cards,
  });
}

// The source's first line counts its levels ("5 Amazon Engineer Interview Questions…"), which
// beside 15 cards reads as a wrong card count, so a leading count is dropped.
export function deckTitleFromPage(firstLine: string): string {
  return truncateAtWord(firstLine.replace(/^\d+\s+(?=\p{L})/u, ''), TITLE_MAX);
}

/** Same content → same bytes: keys are written in one fixed order whatever order they came in. */
export function serializeDeckFile(file: DeckFile): string {
  return `${JSON.stringify(canonicalDeckFile(file), null, 2)}\n`;
}
