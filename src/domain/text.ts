// Text helpers: the search key of a card, and truncation that respects words and sentences.
import type { Card } from './card';

// Mapped before NFKD because NFKD turns some of them into pairs (″ → ′′) or other look-alikes.
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u2035\u02BC\u0060\u00B4\uFF07]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB\u301D\u301E\uFF02]/g;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
// Soft hyphens are invisible: a word with one must match the word without.
const SOFT_HYPHEN = /\u00AD/g;
const COMBINING_MARKS = /\p{M}/gu;
const WHITESPACE = /\s+/g;

/**
 * The form in which text is compared when searching: lowercase, no accents, one kind of quote,
 * one kind of hyphen, single spaces. "Cost‑efficient" (non-breaking hyphen) and "cost-efficient"
 * normalise to the same string, as do “quoted” and "quoted".
 */
export function normalizeForSearch(s: string): string {
  return s
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(SOFT_HYPHEN, '')
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(WHITESPACE, ' ')
    .trim();
}

/**
 * Everything a user may search a card by, normalised. Fields are separated by a newline so that
 * a phrase never matches across the end of one key point and the start of the next.
 */
export function cardSearchText(card: Card): string {
  return [card.question, card.context, ...card.keyPoints, ...card.pitfalls, card.exampleAnswer, ...card.tags]
    .map(normalizeForSearch)
    .filter((part) => part !== '')
    .join('\n');
}

/** Cuts at a word boundary and marks the cut with an ellipsis; short strings are returned as they are. */
export function truncateAtWord(s: string, max: number): string {
  const text = s.trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  // A single very long "word" (noise, a URL) is cut mid-word rather than left empty.
  const head = lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut;
  return `${head.replace(/[\s,;:.–—-]+$/u, '')}…`;
}

/**
 * As many whole sentences as fit in `max` characters (at least the first one, itself cut at a
 * word if it is too long). Used for short descriptions, where a half sentence reads badly.
 */
export function leadingSentences(s: string, max: number): string {
  const text = s.replace(WHITESPACE, ' ').trim();
  if (text === '') return '';
  const sentences = splitSentences(text);
  let out = '';
  for (const sentence of sentences) {
    const next = out === '' ? sentence : `${out} ${sentence}`;
    if (next.length > max) break;
    out = next;
  }
  return out === '' ? truncateAtWord(sentences[0] ?? text, max) : out;
}

// A sentence ends at . ! or ? followed by a space and a capital letter or digit, which keeps
// "e.g. rollback" and "eu-west-2 (London)" inside their sentence.
function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length - 2; i++) {
    const c = text[i];
    if (
      (c === '.' || c === '!' || c === '?') &&
      text[i + 1] === ' ' &&
      /[\p{Lu}\d]/u.test(text[i + 2] ?? '')
    ) {
      out.push(text.slice(start, i + 1));
      start = i + 2;
    }
  }
  out.push(text.slice(start));
  return out;
}
