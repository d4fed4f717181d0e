// A card as the user writes it in the editor: its cleaning and the problems that keep it from being saved.
import { KINDS, type Kind, LEVELS, type Level } from './card';
import { CARD_LIMITS } from './card-limits';
import type { Problem } from './errors';

/** What a user writes in the editor: a card's content without its place in a deck. */
export interface CardDraft {
  question: string;
  context: string;
  keyPoints: string[];
  pitfalls: string[];
  exampleAnswer: string;
  level: Level;
  kind: Kind;
  tags: string[];
}

export type DraftField = keyof CardDraft;

/** A problem with a draft, attached to the field the editor shows it next to. */
export interface DraftProblem extends Problem {
  field: DraftField;
}

/** Trims every text, drops empty key points, pitfalls and tags, and repeated tags (any case). */
export function cleanDraft(draft: CardDraft): CardDraft {
  const lines = (list: readonly string[]) => list.map((s) => s.trim()).filter((s) => s !== '');
  const seen = new Set<string>();
  const tags = lines(draft.tags).filter((tag) => {
    const key = tag.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    question: draft.question.trim(),
    context: draft.context.trim(),
    keyPoints: lines(draft.keyPoints),
    pitfalls: lines(draft.pitfalls),
    exampleAnswer: draft.exampleAnswer.trim(),
    level: draft.level,
    kind: draft.kind,
    tags,
  };
}

const count = (n: number) => n.toLocaleString('en-US');

function tooLong(what: string, length: number, max: number): string {
  return `${what} is too long: ${count(length)} characters, at most ${count(max)}.`;
}

/** Every problem with a (cleaned) draft, in the order of the editor's fields; empty when it can be saved. */
export function validateCardDraft(draft: CardDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const text = (field: DraftField, what: string, value: string) => {
    if (value.length > CARD_LIMITS.text)
      problems.push({ field, message: tooLong(what, value.length, CARD_LIMITS.text) });
  };
  const list = (field: DraftField, what: string, items: readonly string[], max: number) => {
    if (items.length > CARD_LIMITS.listItems)
      problems.push({ field, message: `Too many ${what}s: at most ${count(CARD_LIMITS.listItems)}.` });
    items.forEach((item, i) => {
      if (item.length > max) problems.push({ field, message: tooLong(`${what} ${i + 1}`, item.length, max) });
    });
  };
  if (draft.question === '') problems.push({ field: 'question', message: 'Write the question.' });
  text('question', 'The question', draft.question);
  text('context', 'The context', draft.context);
  if (draft.keyPoints.length === 0)
    problems.push({ field: 'keyPoints', message: 'Add at least one key point: what you must recall.' });
  list('keyPoints', 'Key point', draft.keyPoints, CARD_LIMITS.text);
  list('pitfalls', 'Pitfall', draft.pitfalls, CARD_LIMITS.text);
  text('exampleAnswer', 'The example answer', draft.exampleAnswer);
  if (!(LEVELS as readonly string[]).includes(draft.level))
    problems.push({ field: 'level', message: 'Choose a level.' });
  if (!(KINDS as readonly string[]).includes(draft.kind))
    problems.push({ field: 'kind', message: 'Choose a kind.' });
  list('tags', 'Tag', draft.tags, CARD_LIMITS.shortText);
  return problems;
}
