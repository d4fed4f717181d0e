// What an import may write over: the same kind of source only, never the own cards, card ids inside their deck.
import { describe, expect, it } from 'vitest';
import { type Card, type Deck, type DeckFile, OWN_DECK } from '../../src/domain';
import { deckNamespaceProblems, importConflict } from '../../src/domain/import-rules';

const deck = (id: string, source: Deck['source']): Deck => ({ id, title: id, source, description: '' });
const card = (id: string, deckId: string): Card => ({
  id,
  deckId,
  number: '1',
  order: 0,
  level: 'mid',
  kind: 'judgement',
  question: 'Q?',
  context: '',
  keyPoints: ['a'],
  pitfalls: [],
  exampleAnswer: '',
  skills: [],
  questionType: '',
  tags: [],
});

describe('importConflict', () => {
  it('lets a new deck in, and a deck of the same kind update its own', () => {
    expect(importConflict(undefined, deck('notes', 'csv'))).toBeNull();
    expect(importConflict(deck('notes', 'csv'), deck('notes', 'csv'))).toBeNull();
  });

  it('refuses another kind of source, naming the deck it would replace', () => {
    expect(importConflict(deck('notes', 'page'), deck('notes', 'csv'))?.message).toMatch(
      /a deck imported from a page: "notes".*only the same kind of file can update it/,
    );
  });

  it('never writes over the own cards, even from an "own" source', () => {
    expect(importConflict(undefined, { ...OWN_DECK })).toMatchObject({ field: 'title' });
    expect(importConflict(OWN_DECK, OWN_DECK)?.message).toMatch(/cards you write yourself/);
  });
});

describe('deckNamespaceProblems', () => {
  it('names every card whose id is outside its deck, at most 20', () => {
    const file: DeckFile = {
      format: 'keypoints-deck',
      version: 1,
      deck: deck('notes', 'json'),
      cards: [card('notes/1', 'notes'), card('other/1', 'notes'), card('notes/', 'notes')],
    };
    expect(deckNamespaceProblems(file).map((p) => p.field)).toEqual(['cards[1].id', 'cards[2].id']);
    const many = { ...file, cards: Array.from({ length: 30 }, (_, i) => card(`x/${i}`, 'notes')) };
    expect(deckNamespaceProblems(many)).toHaveLength(20);
  });
});
