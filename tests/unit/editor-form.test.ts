// The editor's form model: a card read into the form and saved unchanged is the same draft, and one draft rule decides "unchanged".
import { describe, expect, it } from 'vitest';
import { type CardDraft, sameDraftContent } from '../../src/domain';
import { draftFrom, EMPTY_FORM, formFrom } from '../../src/features/editor/editor-form';
import type { StoredCard } from '../../src/storage/db';
import { builtInCard } from '../support/deck';

const stored = (): StoredCard => ({
  ...builtInCard('1.2'),
  suspended: false,
  retired: false,
  createdAt: 0,
  updatedAt: 0,
});

describe('the editor form', () => {
  it('gives back the card it was filled from when nothing is typed', () => {
    const card = stored();
    expect(sameDraftContent(draftFrom(formFrom(card)), card)).toBe(true);
  });

  it('starts a new card with one empty key point and cleans tags typed with commas', () => {
    const form = EMPTY_FORM();
    expect(form.keyPoints).toHaveLength(1);
    const draft = draftFrom({ ...form, question: ' Why? ', tags: 'story, , Story,leadership' });
    expect(draft.question).toBe('Why?');
    expect(draft.keyPoints).toEqual([]);
    expect(draft.tags).toEqual(['story', 'leadership']);
  });
});

describe('sameDraftContent', () => {
  const draft: CardDraft = {
    question: 'Q?',
    context: '',
    keyPoints: ['a', 'b'],
    pitfalls: [],
    exampleAnswer: '',
    level: 'mid',
    kind: 'behavioral',
    tags: ['x'],
  };

  it('tells apart a reordered list, a changed level and an added tag', () => {
    expect(sameDraftContent(draft, { ...draft, keyPoints: ['a', 'b'] })).toBe(true);
    expect(sameDraftContent(draft, { ...draft, keyPoints: ['b', 'a'] })).toBe(false);
    expect(sameDraftContent(draft, { ...draft, level: 'senior' })).toBe(false);
    expect(sameDraftContent(draft, { ...draft, tags: ['x', 'y'] })).toBe(false);
  });
});
