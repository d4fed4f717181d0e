// JSON import: a Keypoints deck file keeps its ids; a plain list of cards follows the CSV rules.
import { describe, expect, it } from 'vitest';
import type { Card, DeckFile } from '../../src/domain/card';
import { parseCardsJson } from '../../src/domain/import-json';
import { MID_JANUARY_UTC } from '../support/clock';

const NOW = MID_JANUARY_UTC;
const OPTIONS = { deckId: 'my-json', now: NOW };

const parse = (value: unknown) =>
  parseCardsJson(typeof value === 'string' ? value : JSON.stringify(value), OPTIONS);

function deckCard(n: string, over: Partial<Card> = {}): Card {
  return {
    id: `amazon-engineer/${n}`,
    deckId: 'amazon-engineer',
    number: n,
    order: 0,
    level: 'lead',
    kind: 'behavioral',
    question: `Question ${n}?`,
    context: 'Why.',
    keyPoints: ['One', 'Two'],
    pitfalls: ['Vague'],
    exampleAnswer: 'Answer.',
    skills: ['Ownership'],
    questionType: 'Behavioral',
    tags: [],
    ...over,
  };
}

function deckFile(cards: Card[]): DeckFile {
  return {
    format: 'keypoints-deck',
    version: 1,
    deck: { id: 'amazon-engineer', title: 'Amazon engineer', source: 'builtin', description: 'Five levels' },
    cards,
  };
}

describe('parseCardsJson with a list of cards', () => {
  it('reads lists and text alike for key points, pitfalls and tags', () => {
    const { cards, problems } = parse([
      {
        question: 'Q1',
        keyPoints: ['a', ' b '],
        pitfalls: 'x | y',
        tags: ['system design', 'aws'],
        level: 'Lead',
      },
      { question: 'Q2', keyPoints: 'c\nd', tags: 'one, two', kind: 'system design', number: 7 },
    ]);
    expect(problems).toEqual([]);
    expect(cards.map((c) => [c.id, c.level, c.kind, c.keyPoints, c.pitfalls, c.tags])).toEqual([
      ['my-json/1', 'lead', 'judgement', ['a', 'b'], ['x', 'y'], ['system design', 'aws']],
      ['my-json/7', 'mid', 'system-design', ['c', 'd'], [], ['one', 'two']],
    ]);
    expect(cards[0]).toMatchObject({ deckId: 'my-json', createdAt: NOW, updatedAt: NOW, suspended: false });
  });

  it('treats null fields as absent', () => {
    const { cards, problems } = parse([{ question: 'Q', keyPoints: ['k'], context: null, level: null }]);
    expect(problems).toEqual([]);
    expect(cards[0]).toMatchObject({ context: '', level: 'mid' });
  });

  it('accepts the list wrapped as { "cards": [...] }', () => {
    const { cards, problems } = parse({ cards: [{ question: 'Q', keyPoints: ['k'] }] });
    expect(problems).toEqual([]);
    expect(cards).toHaveLength(1);
  });

  it('names the position and field of each problem', () => {
    const { cards, problems } = parse([
      { question: 'fine', keyPoints: ['k'] },
      { question: 42, keyPoints: 5 },
      'not a card',
      { keyPoints: ['k'], level: 'guru' },
      { question: 'Q', keyPoints: ['ok', 'x'.repeat(100_001)] },
    ]);
    expect(cards.map((c) => c.question)).toEqual(['fine']);
    expect(problems).toEqual([
      { field: '[1].question', message: 'must be text' },
      { field: '[1].keyPoints', message: 'must be text or a list of texts' },
      { field: '[2]', message: 'must be an object with the card fields (question, keyPoints, …)' },
      { field: '[3].question', message: 'is empty: every card needs a question' },
      { field: '[3].level', message: '"guru" is not a level: use junior, mid, senior, lead, principal' },
      { field: '[4].keyPoints[1]', message: 'is too long: 100,001 characters (the limit is 100,000)' },
    ]);
  });

  it('refuses two cards with the same number', () => {
    const { cards, problems } = parse([
      { number: '1', question: 'A', keyPoints: ['k'] },
      { number: '1', question: 'B', keyPoints: ['k'] },
    ]);
    expect(cards).toHaveLength(1);
    expect(problems).toEqual([
      { field: '[1].id', message: 'the card id "my-json/1" is already used by [0]' },
    ]);
  });
});

describe('parseCardsJson with a deck file', () => {
  it('keeps the deck and the card ids so that re-importing keeps history', () => {
    const file = deckFile([deckCard('1.1'), deckCard('2.3')]);
    const { deck, cards, problems } = parse(file);
    expect(problems).toEqual([]);
    expect(deck).toEqual(file.deck);
    expect(cards).toEqual(
      file.cards.map((c) => ({ ...c, suspended: false, retired: false, createdAt: NOW, updatedAt: NOW })),
    );
  });

  it('names invalid fields by their path in the file', () => {
    const file = deckFile([deckCard('1.1'), deckCard('1.2', { level: 'staff' as Card['level'] })]);
    expect(parse(file).problems).toEqual([
      { field: 'cards[1].level', message: 'must be one of: junior, mid, senior, lead, principal' },
    ]);
  });

  it('refuses cards of another deck and repeated ids', () => {
    const file = deckFile([deckCard('1.1'), deckCard('1.1'), deckCard('1.2', { deckId: 'other' })]);
    const { cards, problems } = parse(file);
    expect(cards).toEqual([]);
    expect(problems).toEqual([
      { field: 'cards[1].id', message: '"amazon-engineer/1.1" appears twice (first at cards[0].id)' },
      { field: 'cards[2].deckId', message: 'is "other" but the file is for deck "amazon-engineer"' },
    ]);
  });

  it('asks to update the app for a deck file from a newer version', () => {
    expect(parse({ ...deckFile([]), version: 2 }).problems).toEqual([
      {
        message:
          'This deck file was made by a newer version of Keypoints: update the app, then import it again.',
      },
    ]);
  });
});

describe('parseCardsJson with something else', () => {
  it('says when the file is not JSON', () => {
    expect(parse('{"question": "Q"')).toEqual({
      cards: [],
      problems: [
        { message: 'This file is damaged or is not a deck or a list of cards: it is not valid JSON.' },
      ],
    });
  });

  it('points a backup to the restore screen', () => {
    expect(parse({ format: 'keypoints-backup', version: 1 }).problems[0]?.message).toMatch(/restore it/);
  });

  it.each(['{}', '42', 'null', '"text"'])('says %s is neither a deck nor a list of cards', (value) => {
    expect(parse(value).problems).toEqual([
      { message: 'This file is neither a Keypoints deck nor a list of cards (a JSON array of objects).' },
    ]);
  });
});
