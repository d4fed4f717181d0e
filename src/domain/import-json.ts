// Cards from JSON: a Keypoints deck file, or a plain list of card-like objects checked one by one.
import * as v from 'valibot';
import type { CardRecord, Deck } from './card';
import { cardFromFields, type ImportOptions, type ImportResult, MAX_IMPORT_CARDS } from './card-fields';
import { DECK_FILE_FORMAT, DECK_FILE_VERSION } from './deck-file';
import type { Problem } from './errors';
import { CardSchema, DeckSchema } from './record-schemas';
import {
  capProblems,
  findDuplicates,
  formatCount,
  isRecord,
  issuesToProblems,
  PARSE_CONFIG,
} from './validation';

const textOrList = v.union([v.string(), v.array(v.string())], 'must be text or a list of texts');
const textOrNumber = v.union([v.string(), v.number()], 'must be text or a number');

const CardItemSchema = v.object(
  {
    id: v.nullish(textOrNumber),
    number: v.nullish(textOrNumber),
    question: v.nullish(v.string()),
    context: v.nullish(v.string()),
    keyPoints: v.nullish(textOrList),
    pitfalls: v.nullish(textOrList),
    exampleAnswer: v.nullish(v.string()),
    level: v.nullish(v.string()),
    kind: v.nullish(v.string()),
    tags: v.nullish(textOrList),
  },
  'must be an object with the card fields (question, keyPoints, …)',
);

const DeckFileSchema = v.object({
  format: v.literal(DECK_FILE_FORMAT),
  version: v.literal(DECK_FILE_VERSION),
  deck: DeckSchema,
  cards: v.pipe(v.array(v.unknown()), v.maxLength(MAX_IMPORT_CARDS), v.array(CardSchema)),
});

/** Cards read from JSON; `deck` is set when the file was a deck file (its deck and ids are kept). */
export interface JsonImportResult extends ImportResult {
  deck?: Deck;
}

function tooManyCards(count: number): Problem {
  return {
    message: `The file has ${formatCount(count)} cards; one import takes at most ${formatCount(MAX_IMPORT_CARDS)}. Split it into several files.`,
  };
}

/** Card-like objects, each checked on its own; `path` is where the list sits in the file. */
function parseCardList(items: readonly unknown[], options: ImportOptions, path: string): ImportResult {
  if (items.length > MAX_IMPORT_CARDS) return { cards: [], problems: [tooManyCards(items.length)] };
  const cards: CardRecord[] = [];
  const problems: Problem[] = [];
  const firstAt = new Map<string, number>();
  items.forEach((item, i) => {
    const at = `${path}[${i}]`;
    const parsed = v.safeParse(CardItemSchema, item, PARSE_CONFIG);
    if (!parsed.success) {
      problems.push(...issuesToProblems(parsed.issues, at));
      return;
    }
    const result = cardFromFields(parsed.output, i, options);
    for (const p of result.problems) problems.push({ field: `${at}.${p.field}`, message: p.message });
    if (!result.card) return;
    const first = firstAt.get(result.card.id);
    if (first !== undefined) {
      problems.push({
        field: `${at}.id`,
        message: `the card id "${result.card.id}" is already used by ${path}[${first}]`,
      });
      return;
    }
    firstAt.set(result.card.id, i);
    cards.push(result.card);
  });
  return { cards, problems: capProblems(problems) };
}

function parseDeckFile(raw: Record<string, unknown>, now: number): JsonImportResult {
  const version = raw.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > DECK_FILE_VERSION) {
    return {
      cards: [],
      problems: [
        {
          message:
            'This deck file was made by a newer version of Keypoints: update the app, then import it again.',
        },
      ],
    };
  }
  if (Array.isArray(raw.cards) && raw.cards.length > MAX_IMPORT_CARDS) {
    return { cards: [], problems: [tooManyCards(raw.cards.length)] };
  }
  const parsed = v.safeParse(DeckFileSchema, raw, PARSE_CONFIG);
  if (!parsed.success) return { cards: [], problems: capProblems(issuesToProblems(parsed.issues)) };
  const { deck, cards } = parsed.output;
  const problems = findDuplicates(
    cards,
    (c) => c.id,
    (i) => `cards[${i}].id`,
  );
  cards.forEach((c, i) => {
    if (c.deckId !== deck.id) {
      problems.push({
        field: `cards[${i}].deckId`,
        message: `is "${c.deckId}" but the file is for deck "${deck.id}"`,
      });
    }
  });
  if (problems.length > 0) return { deck, cards: [], problems: capProblems(problems) };
  return {
    deck,
    cards: cards.map((c) => ({ ...c, suspended: false, retired: false, createdAt: now, updatedAt: now })),
    problems: [],
  };
}

/**
 * Reads cards from JSON. Accepted shapes:
 * - a deck file `{ "format": "keypoints-deck", "version": 1, "deck": {…}, "cards": [Card…] }`:
 *   its deck and card ids are kept (so re-importing a newer file keeps the review history) and
 *   `options.deckId` is not used;
 * - a list `[{ "question": …, "keyPoints": […], … }, …]` (or `{ "cards": [ … ] }`) of card-like
 *   objects with the CSV columns as fields; keyPoints, pitfalls and tags may be lists or text split
 *   as in CSV. Ids are `${options.deckId}/${number}`.
 * Never throws; problems name the path, e.g. `[3].keyPoints[1]` or `cards[3].level`.
 */
export function parseCardsJson(text: string, options: ImportOptions): JsonImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      cards: [],
      problems: [
        { message: 'This file is damaged or is not a deck or a list of cards: it is not valid JSON.' },
      ],
    };
  }
  if (Array.isArray(raw)) return parseCardList(raw, options, '');
  if (isRecord(raw)) {
    if (raw.format === DECK_FILE_FORMAT) return parseDeckFile(raw, options.now);
    if (raw.format === 'keypoints-backup') {
      return {
        cards: [],
        problems: [
          { message: 'This is a Keypoints backup, not a deck: restore it from the backup screen instead.' },
        ],
      };
    }
    if (raw.format === undefined && Array.isArray(raw.cards))
      return parseCardList(raw.cards, options, 'cards');
  }
  return {
    cards: [],
    problems: [
      { message: 'This file is neither a Keypoints deck nor a list of cards (a JSON array of objects).' },
    ],
  };
}
