// The editor's form as typed (rows with stable keys, tags as one string) and its conversion to and from a card draft.
import { errorId as fieldErrorId } from '../../components/form-field';
import { type CardDraft, cleanDraft, type DraftField, type Kind, type Level } from '../../domain';
import type { StoredCard } from '../../storage/db';

export interface Row {
  key: number;
  text: string;
}

export interface Form {
  question: string;
  context: string;
  keyPoints: Row[];
  pitfalls: Row[];
  exampleAnswer: string;
  level: Level;
  kind: Kind;
  /** As typed: comma-separated. */
  tags: string;
}

export type ListName = 'keyPoints' | 'pitfalls';
let nextRowKey = 0;
export const row = (text = ''): Row => ({ key: nextRowKey++, text });

// Own cards are mostly one's behavioural stories.
export const EMPTY_FORM = (): Form => ({
  question: '',
  context: '',
  keyPoints: [row()],
  pitfalls: [row()],
  exampleAnswer: '',
  level: 'mid',
  kind: 'behavioral',
  tags: '',
});

export function formFrom(card: StoredCard): Form {
  return {
    question: card.question,
    context: card.context,
    keyPoints: card.keyPoints.length ? card.keyPoints.map((t) => row(t)) : [row()],
    pitfalls: card.pitfalls.map((t) => row(t)),
    exampleAnswer: card.exampleAnswer,
    level: card.level,
    kind: card.kind,
    tags: card.tags.join(', '),
  };
}

export function draftFrom(form: Form): CardDraft {
  return cleanDraft({
    question: form.question,
    context: form.context,
    keyPoints: form.keyPoints.map((r) => r.text),
    pitfalls: form.pitfalls.map((r) => r.text),
    exampleAnswer: form.exampleAnswer,
    level: form.level,
    kind: form.kind,
    tags: form.tags.split(','),
  });
}

export const FIELD_ORDER: DraftField[] = [
  'question',
  'context',
  'keyPoints',
  'pitfalls',
  'exampleAnswer',
  'level',
  'kind',
  'tags',
];
export const fieldId = (field: DraftField) => `kp-edit-${field}`;
export const errorId = (field: DraftField) => fieldErrorId(fieldId(field));
