// The deck file format: its constants and its validator, without the page parser (the app seeds
// its built-in deck through this on first run, so it stays small).
import { type Card, type DeckFile, type DeckSource, KINDS, LEVELS } from './card';
import { type Problem, ValidationError } from './errors';

export const DECK_FILE_FORMAT = 'keypoints-deck';
export const DECK_FILE_VERSION = 1;
export const DECK_SOURCES: readonly DeckSource[] = ['builtin', 'page', 'csv', 'json', 'own'];

const MAX_PROBLEMS = 100;

/** The same content with keys in one fixed order whatever order they came in. */
export function canonicalDeckFile(file: DeckFile): DeckFile {
  const { deck } = file;
  return {
    format: file.format,
    version: file.version,
    deck: { id: deck.id, title: deck.title, source: deck.source, description: deck.description },
    cards: file.cards.map(canonicalCard),
  };
}

/** A card's content fields in one fixed order, arrays copied: the canonical form every format writes. */
export function canonicalCard(card: Card): Card {
  return {
    id: card.id,
    deckId: card.deckId,
    number: card.number,
    order: card.order,
    level: card.level,
    kind: card.kind,
    question: card.question,
    context: card.context,
    keyPoints: [...card.keyPoints],
    pitfalls: [...card.pitfalls],
    exampleAnswer: card.exampleAnswer,
    skills: [...card.skills],
    questionType: card.questionType,
    tags: [...card.tags],
  };
}

/**
 * Checks that `value` (parsed JSON of unknown origin) is a deck file, naming every wrong field by
 * its path (e.g. `cards[3].keyPoints[1]`). Returns a clean copy without unknown keys.
 */
export function validateDeckFile(value: unknown): DeckFile {
  const v = new Validator();
  if (!isRecord(value)) {
    v.fail('', 'expected a deck file (a JSON object)');
    throw v.error();
  }
  v.literal(value, 'format', DECK_FILE_FORMAT);
  v.literal(value, 'version', DECK_FILE_VERSION);

  const deckValue = value.deck;
  let deckId = '';
  if (!isRecord(deckValue)) {
    v.fail('deck', 'expected an object with id, title, source and description');
  } else {
    deckId = v.text(deckValue, 'id', 'deck', { nonEmpty: true });
    v.text(deckValue, 'title', 'deck', { nonEmpty: true });
    v.oneOf(deckValue, 'source', 'deck', DECK_SOURCES);
    v.text(deckValue, 'description', 'deck');
  }

  const cardsValue = value.cards;
  if (!Array.isArray(cardsValue)) {
    v.fail('cards', 'expected a list of cards');
  } else {
    const seen = new Map<string, number>();
    for (const [i, card] of cardsValue.entries()) {
      const path = `cards[${i}]`;
      if (!isRecord(card)) {
        v.fail(path, 'expected a card object');
        continue;
      }
      const id = v.text(card, 'id', path, { nonEmpty: true });
      const first = seen.get(id);
      if (id !== '' && first !== undefined) v.fail(`${path}.id`, `"${id}" is also the id of cards[${first}]`);
      else seen.set(id, i);
      const cardDeckId = v.text(card, 'deckId', path, { nonEmpty: true });
      if (deckId !== '' && cardDeckId !== '' && cardDeckId !== deckId) {
        v.fail(`${path}.deckId`, `expected "${deckId}" (the deck's id), found "${cardDeckId}"`);
      }
      v.text(card, 'number', path, { nonEmpty: true });
      v.order(card, path);
      v.oneOf(card, 'level', path, LEVELS);
      v.oneOf(card, 'kind', path, KINDS);
      v.text(card, 'question', path, { nonEmpty: true });
      v.text(card, 'context', path);
      v.textList(card, 'keyPoints', path);
      v.textList(card, 'pitfalls', path);
      v.text(card, 'exampleAnswer', path);
      v.textList(card, 'skills', path);
      v.text(card, 'questionType', path);
      v.textList(card, 'tags', path);
    }
  }
  if (v.problems.length > 0) throw v.error();
  // Every field was checked above, so the casts only restate what the checks established.
  return canonicalDeckFile(value as unknown as DeckFile);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? 'a string' : JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

class Validator {
  readonly problems: Problem[] = [];
  private dropped = 0;

  fail(field: string, message: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(field ? { field, message } : { message });
    else this.dropped++;
  }

  error(): ValidationError {
    const more = this.dropped > 0 ? [{ message: `…and ${this.dropped} more problems.` }] : [];
    return new ValidationError([...this.problems, ...more]);
  }

  literal(obj: Record<string, unknown>, key: string, expected: string | number): void {
    if (obj[key] !== expected)
      this.fail(key, `expected ${JSON.stringify(expected)}, found ${shown(obj[key])}`);
  }

  text(obj: Record<string, unknown>, key: string, path: string, opts: { nonEmpty?: boolean } = {}): string {
    const value = obj[key];
    const field = `${path}.${key}`;
    if (typeof value !== 'string') {
      this.fail(field, `expected text, found ${shown(value)}`);
      return '';
    }
    if (opts.nonEmpty && value.trim() === '') this.fail(field, 'must not be empty');
    return value;
  }

  textList(obj: Record<string, unknown>, key: string, path: string): void {
    const value = obj[key];
    const field = `${path}.${key}`;
    if (!Array.isArray(value)) {
      this.fail(field, `expected a list of texts, found ${shown(value)}`);
      return;
    }
    for (const [i, item] of value.entries()) {
      if (typeof item !== 'string') this.fail(`${field}[${i}]`, `expected text, found ${shown(item)}`);
    }
  }

  oneOf(obj: Record<string, unknown>, key: string, path: string, allowed: readonly string[]): void {
    const value = obj[key];
    if (typeof value !== 'string' || !allowed.includes(value)) {
      this.fail(`${path}.${key}`, `expected one of ${allowed.join(', ')}, found ${shown(value)}`);
    }
  }

  order(obj: Record<string, unknown>, path: string): void {
    const value = obj.order;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      this.fail(`${path}.order`, `expected a whole number ≥ 0, found ${shown(value)}`);
    }
  }
}
