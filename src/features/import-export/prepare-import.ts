// Turns pasted or uploaded text (a page, a CSV, JSON) into the deck file an import would write, with every problem.
import {
  type Card,
  canonicalCard,
  type DeckFile,
  type DeckSource,
  deckTitleFromPage,
  LEVELS,
  type Level,
  leadingSentences,
  type Problem,
  parsePage,
} from '../../domain';
import { CSV_COLUMNS, parseCardsCsv } from '../../domain/import-csv';
import { parseCardsJson } from '../../domain/import-json';

export type ImportFormat = 'page' | 'csv' | 'json';

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  page: 'A page (same format as the built-in deck)',
  csv: 'CSV (spreadsheet)',
  json: 'JSON (deck file or list of cards)',
};

/** Longest deck id: card ids (`deck/number`) must stay within the 200 characters a backup allows. */
export const SLUG_MAX = 60;
const TITLE_MAX = 120;
const DESCRIPTION_MAX = 280;

/** The deck id a title gives: lowercase letters and digits of any script, joined by "-". */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+/, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
}

const CSV_HEADER_KEYS = new Set(CSV_COLUMNS.map((c) => c.name.toLowerCase()));

function firstLine(text: string): string {
  const start = text.trimStart();
  const end = start.search(/\r|\n/);
  return end === -1 ? start : start.slice(0, end);
}

/** The file's kind from its name, else from its text: JSON starts with { or [, a CSV names its columns. */
export function detectFormat(text: string, fileName = ''): ImportFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'json') return 'json';
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  const body = stripBom(text).trimStart();
  if (body.startsWith('{') || body.startsWith('[')) return 'json';
  const cells = firstLine(body)
    .split(/[,;\t]/)
    .map((c) =>
      c
        .trim()
        .replace(/^"|"$/g, '')
        .toLowerCase()
        .replace(/[\s_-]+/g, ''),
    );
  const known = cells.filter((c) => CSV_HEADER_KEYS.has(c)).length;
  return known >= 2 ? 'csv' : 'page';
}

function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

export interface PrepareOptions {
  format: ImportFormat;
  /** The deck name the user typed; undefined to use the one the input suggests. */
  title?: string;
  /** Name of the uploaded file, if any: it names a CSV's deck. */
  fileName?: string;
  /** Epoch ms. */
  now: number;
}

export interface PreparedImport {
  format: ImportFormat;
  /** The name the input suggests (the page's title, the deck file's title, the file's name). */
  defaultTitle: string;
  title: string;
  deckId: string;
  /** A deck file keeps its own id, so that importing a newer copy updates the same deck. */
  idFromFile: boolean;
  /** What an import writes; null while there are problems. */
  file: DeckFile | null;
  /** Cards read without a problem. */
  cardCount: number;
  /** The levels found, in level order (a page: its level headings). */
  levels: Level[];
  /** Every problem, each with its line (page, CSV) or field path (JSON). */
  problems: Problem[];
  /** The first few questions, to recognise the file by. */
  sample: string[];
}

function titleFromFileName(fileName: string | undefined): string {
  const base = (fileName ?? '').replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return base.replace(/[_-]+/g, ' ').trim();
}

function levelsOf(cards: readonly Card[]): Level[] {
  const found = new Set(cards.map((c) => c.level));
  return LEVELS.filter((l) => found.has(l));
}

function titleProblems(title: string, deckId: string, idFromFile: boolean): Problem[] {
  if (title === '') return [{ field: 'title', message: 'The deck needs a name.' }];
  if (title.length > TITLE_MAX)
    return [{ field: 'title', message: `The deck name is too long: at most ${TITLE_MAX} characters.` }];
  if (!idFromFile && deckId === '')
    return [{ field: 'title', message: 'The deck name needs at least one letter or digit.' }];
  return [];
}

/**
 * Reads `text` as `options.format` into the deck file an import would write. Never throws: a
 * problem anywhere leaves `file` null, so nothing can be written until every problem is fixed.
 */
export function prepareImport(rawText: string, options: PrepareOptions): PreparedImport {
  const text = stripBom(rawText);
  const { format, now } = options;
  const typed = options.title?.trim();

  let defaultTitle: string;
  let deckId: string;
  let idFromFile = false;
  let cards: Card[];
  let levels: Level[];
  let problems: Problem[];
  let source: DeckSource = format;
  let description: string;

  if (format === 'page') {
    defaultTitle = deckTitleFromPage(firstLine(text));
    deckId = slugify(typed ?? defaultTitle);
    const page = parsePage(text, { deckId: deckId || 'deck' });
    cards = page.cards;
    levels = page.levels;
    problems = page.problems;
    description = leadingSentences(page.description, DESCRIPTION_MAX);
    if (problems.length === 0 && cards.length === 0)
      problems = [{ message: 'The page has no questions: expected questions like "1.1. …".' }];
  } else if (format === 'csv') {
    defaultTitle = titleFromFileName(options.fileName) || 'Imported cards';
    deckId = slugify(typed ?? defaultTitle);
    const result = parseCardsCsv(text, { deckId: deckId || 'deck', now });
    cards = result.cards.map(canonicalCard);
    levels = levelsOf(cards);
    problems = result.problems;
    description = `Imported from ${options.fileName || 'a CSV file'}.`;
  } else {
    const fallback = titleFromFileName(options.fileName) || 'Imported cards';
    const result = parseCardsJson(text, { deckId: slugify(typed ?? fallback) || 'deck', now });
    cards = result.cards.map(canonicalCard);
    levels = levelsOf(cards);
    problems = result.problems;
    if (result.deck) {
      idFromFile = true;
      defaultTitle = result.deck.title;
      deckId = result.deck.id;
      description = result.deck.description;
      // A file cannot make itself the user's own cards: those are written in the editor only.
      source = result.deck.source === 'own' ? 'json' : result.deck.source;
    } else {
      defaultTitle = fallback;
      deckId = slugify(typed ?? fallback);
      description = `Imported from ${options.fileName || 'a JSON file'}.`;
    }
    if (problems.length === 0 && cards.length === 0) problems = [{ message: 'The file has no cards.' }];
  }

  const title = typed ?? defaultTitle;
  problems = [...titleProblems(title, deckId, idFromFile), ...problems];
  const file: DeckFile | null =
    problems.length === 0
      ? {
          format: 'keypoints-deck',
          version: 1,
          deck: { id: deckId, title, source, description },
          cards,
        }
      : null;
  return {
    format,
    defaultTitle,
    title,
    deckId,
    idFromFile,
    file,
    cardCount: cards.length,
    levels,
    problems,
    sample: cards.slice(0, 5).map((c) => c.question),
  };
}
