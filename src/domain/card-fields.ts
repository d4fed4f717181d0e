// The rules that turn one card's loose fields (a CSV row, a JSON list item) into a CardRecord, shared by both imports.
import { type CardRecord, KINDS, type Kind, LEVELS, type Level } from './card';
import { CARD_LIMITS } from './card-limits';
import type { Problem } from './errors';
import { formatCount } from './validation';

/** Most cards one CSV or JSON import may hold: far above a real deck, low enough to stay responsive. */
export const MAX_IMPORT_CARDS = 100_000;

export interface ImportOptions {
  /** The deck the imported cards go into; card ids are `${deckId}/${number}`. */
  deckId: string;
  /** Epoch ms: createdAt/updatedAt of the new cards. */
  now: number;
}

/**
 * Cards that passed, and every problem found. Cards with a problem are left out, so callers must
 * write nothing unless `problems` is empty (an import is all or nothing); the cards are there for
 * a preview ("120 cards read").
 */
export interface ImportResult {
  cards: CardRecord[];
  problems: Problem[];
}

/** What one CSV row or one JSON list item may say about a card: everything loose, all optional. */
export interface CardFields {
  id?: string | number | null;
  number?: string | number | null;
  question?: string | null;
  context?: string | null;
  keyPoints?: string | readonly string[] | null;
  pitfalls?: string | readonly string[] | null;
  exampleAnswer?: string | null;
  level?: string | null;
  kind?: string | null;
  tags?: string | readonly string[] | null;
}

/** A problem in one card's fields; `field` is the field name, with an index for list items. */
export interface FieldProblem {
  field: string;
  message: string;
}

export const DEFAULT_LEVEL: Level = 'mid';
export const DEFAULT_KIND: Kind = 'judgement';

// Spellings people actually type, mapped to the one the app uses.
const LEVEL_ALIASES: Readonly<Record<string, Level>> = { 'mid-level': 'mid' };
const KIND_ALIASES: Readonly<Record<string, Kind>> = {
  behavioural: 'behavioral',
  judgment: 'judgement',
  systemdesign: 'system-design',
};

function normalizeWord(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/** Case-insensitive; empty → the default; unknown → undefined. */
export function parseLevel(raw: string): Level | undefined {
  const word = normalizeWord(raw);
  if (word === '') return DEFAULT_LEVEL;
  return (LEVELS as readonly string[]).includes(word) ? (word as Level) : LEVEL_ALIASES[word];
}

/** Case-insensitive, "system design" and "system_design" too; empty → the default; unknown → undefined. */
export function parseKind(raw: string): Kind | undefined {
  const word = normalizeWord(raw);
  if (word === '') return DEFAULT_KIND;
  return (KINDS as readonly string[]).includes(word) ? (word as Kind) : KIND_ALIASES[word];
}

/** Windows line ends become \n so that the same text compares equal whichever file it came from. */
function cleanText(s: string): string {
  return s.replace(/\r\n?/g, '\n').trim();
}

// A bullet character or "1." / "1)" pasted along with the text is not part of the key point.
const BULLET_MARKER = /^(?:[-*•‣◦]|\d{1,3}[.)])\s+/;

/** One item per line or per " | "; list markers and empty items dropped. */
export function splitBullets(raw: string | readonly string[]): string[] {
  const items = typeof raw === 'string' ? raw.replace(/\r\n?/g, '\n').split(/\n| \| /) : raw;
  return items.map((item) => cleanText(item).replace(BULLET_MARKER, '').trim()).filter((item) => item !== '');
}

/** Comma- or space-separated (or a list); duplicates dropped, order kept. */
export function splitTags(raw: string | readonly string[]): string[] {
  const items = typeof raw === 'string' ? raw.split(/[\s,]+/) : raw.map((t) => t.trim());
  return [...new Set(items.filter((t) => t !== ''))];
}

function tooLong(length: number, limit: number): string {
  return `is too long: ${formatCount(length)} characters (the limit is ${formatCount(limit)})`;
}

/**
 * Turns one card's loose fields into a CardRecord, or says what is wrong with them.
 * `position` is the card's 0-based place in the file: its order, and (1-based) its number when the
 * file gives neither id nor number.
 */
export function cardFromFields(
  fields: CardFields,
  position: number,
  options: ImportOptions,
): { card?: CardRecord; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });

  const text = (field: 'question' | 'context' | 'exampleAnswer'): string | undefined => {
    const raw = fields[field] ?? '';
    if (raw.length > CARD_LIMITS.text) {
      problem(field, tooLong(raw.length, CARD_LIMITS.text));
      return undefined;
    }
    return cleanText(raw);
  };
  const list = (field: 'keyPoints' | 'pitfalls' | 'tags', itemLimit: number): string[] => {
    const raw = fields[field] ?? '';
    if (typeof raw === 'string' && raw.length > CARD_LIMITS.text) {
      problem(field, tooLong(raw.length, CARD_LIMITS.text));
      return [];
    }
    if (typeof raw !== 'string') {
      const long = raw.findIndex((item) => item.length > itemLimit);
      if (long >= 0) {
        problem(`${field}[${long}]`, tooLong(raw[long]?.length ?? 0, itemLimit));
        return [];
      }
    }
    const items = field === 'tags' ? splitTags(raw) : splitBullets(raw);
    if (items.length > CARD_LIMITS.listItems) {
      problem(
        field,
        `has too many items: ${formatCount(items.length)} (the limit is ${formatCount(CARD_LIMITS.listItems)})`,
      );
      return [];
    }
    const long = items.findIndex((item) => item.length > itemLimit);
    if (long >= 0)
      problem(
        field,
        `has an item that is too long: "${items[long]?.slice(0, 40)}…" (the limit is ${formatCount(itemLimit)} characters)`,
      );
    return items;
  };

  const question = text('question');
  if (question === '') problem('question', 'is empty: every card needs a question');
  const context = text('context');
  const exampleAnswer = text('exampleAnswer');
  const keyPoints = list('keyPoints', CARD_LIMITS.text);
  if (keyPoints.length === 0 && !problems.some((p) => p.field.startsWith('keyPoints'))) {
    problem('keyPoints', 'is empty: every card needs at least one key point');
  }
  const pitfalls = list('pitfalls', CARD_LIMITS.text);
  const tags = list('tags', CARD_LIMITS.shortText);

  const rawLevel = fields.level ?? '';
  const level = parseLevel(rawLevel);
  if (!level) problem('level', `"${rawLevel.slice(0, 40)}" is not a level: use ${LEVELS.join(', ')}`);
  const rawKind = fields.kind ?? '';
  const kind = parseKind(rawKind);
  if (!kind) problem('kind', `"${rawKind.slice(0, 40)}" is not a kind: use ${KINDS.join(', ')}`);

  // A given id keeps its card's history on re-import; ids are always inside the deck's namespace
  // so an import cannot overwrite another deck's card.
  const prefix = `${options.deckId}/`;
  const givenId = String(fields.id ?? '').trim();
  const givenNumber = String(fields.number ?? '').trim();
  const idTail = givenId.startsWith(prefix) ? givenId.slice(prefix.length) : givenId;
  const number = givenNumber || idTail || String(position + 1);
  const id = givenId ? prefix + idTail : prefix + number;
  if (options.deckId.trim() === '') problem('id', 'the deck has no id');
  if (number.length > CARD_LIMITS.shortText)
    problem(givenNumber ? 'number' : 'id', tooLong(number.length, CARD_LIMITS.shortText));
  else if (id.length > CARD_LIMITS.shortText)
    problem(givenId ? 'id' : 'number', `makes the card id "${id.slice(0, 40)}…" too long`);

  if (problems.length > 0 || !level || !kind || question === undefined) return { problems };
  return {
    problems,
    card: {
      id,
      deckId: options.deckId,
      number,
      order: position,
      level,
      kind,
      question,
      context: context ?? '',
      keyPoints,
      pitfalls,
      exampleAnswer: exampleAnswer ?? '',
      skills: [],
      questionType: '',
      tags,
      suspended: false,
      retired: false,
      createdAt: options.now,
      updatedAt: options.now,
    },
  };
}
