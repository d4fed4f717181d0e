// CSV import as a user with a spreadsheet meets it: forgiving about spelling, precise about lines.
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, parseCardsCsv } from '../../src/domain/import-csv';
import { MID_JANUARY_UTC } from '../support/clock';

const NOW = MID_JANUARY_UTC;
const OPTIONS = { deckId: 'my-csv', now: NOW };

const parse = (text: string) => parseCardsCsv(text, OPTIONS);

describe('parseCardsCsv reads cards', () => {
  it('names the line a text editor shows when line ends are mixed (a stray carriage return is a line)', () => {
    expect(
      parse('question,keyPoints\n\rWhy queues?,\nWhat is a lock?,Mutual exclusion').problems.map(
        (p) => p.line,
      ),
    ).toEqual([3]);
    // Before, the stray breaks stayed inside the first row's cell and the bad row was never seen.
    const { cards, problems } = parse(
      'question,keyPoints\nA,b\r\rWhy queues?,\nWhat is a lock?,Mutual exclusion',
    );
    expect(cards.map((c) => c.keyPoints)).toEqual([['b'], ['Mutual exclusion']]);
    expect(problems.map((p) => p.line)).toEqual([4]);
  });

  it('reads every documented column', () => {
    const { cards, problems } = parse(
      [
        'question,context,keyPoints,pitfalls,exampleAnswer,level,kind,tags',
        '"Tell me about a failure","To see ownership","Own it\nSay what you learned","Blame others | Hide it","I once…",Senior,System Design,"ownership, growth mindset"',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(cards).toEqual([
      {
        id: 'my-csv/1',
        deckId: 'my-csv',
        number: '1',
        order: 0,
        level: 'senior',
        kind: 'system-design',
        question: 'Tell me about a failure',
        context: 'To see ownership',
        keyPoints: ['Own it', 'Say what you learned'],
        pitfalls: ['Blame others', 'Hide it'],
        exampleAnswer: 'I once…',
        skills: [],
        questionType: '',
        tags: ['ownership', 'growth', 'mindset'],
        suspended: false,
        retired: false,
        createdAt: NOW,
        updatedAt: NOW,
      },
    ]);
  });

  it('defaults the level to mid and the kind to judgement', () => {
    const { cards } = parse('question,keyPoints\nWhy?,Because');
    expect(cards[0]).toMatchObject({ level: 'mid', kind: 'judgement', context: '', pitfalls: [], tags: [] });
  });

  it.each([
    ['JUNIOR', 'junior'],
    [' Principal ', 'principal'],
    ['mid-level', 'mid'],
  ])('reads the level %j as %s', (raw, level) => {
    expect(parse(`question,keyPoints,level\nQ,K,${raw}`).cards[0]?.level).toBe(level);
  });

  it.each([
    ['system design', 'system-design'],
    ['System_Design', 'system-design'],
    ['Behavioural', 'behavioral'],
    ['judgment', 'judgement'],
    ['Operational', 'operational'],
  ])('reads the kind %j as %s', (raw, kind) => {
    expect(parse(`question,keyPoints,kind\nQ,K,${raw}`).cards[0]?.kind).toBe(kind);
  });

  it('drops bullet markers, blank bullets and Windows line ends from key points', () => {
    const { cards } = parse('question,keyPoints\r\nQ,"- first\r\n\r\n* second\r\n3. third | • fourth"\r\n');
    expect(cards[0]?.keyPoints).toEqual(['first', 'second', 'third', 'fourth']);
  });

  it('accepts headers as people write them, in any order', () => {
    const { cards, problems } = parse('Key Points;Question;Example answer\nPoint;Why?;Because');
    expect(problems).toEqual([]);
    expect(cards[0]).toMatchObject({ question: 'Why?', keyPoints: ['Point'], exampleAnswer: 'Because' });
  });

  it('reads tab-separated files and files starting with a byte order mark', () => {
    expect(parse('question\tkeyPoints\nQ\tK').cards[0]?.question).toBe('Q');
    expect(parse('\ufeffquestion,keyPoints\nQ,K').cards[0]?.question).toBe('Q');
  });

  it('is not fooled by " | " inside cells into reading "|" as the separator', () => {
    const { cards } = parse('question,keyPoints\nQ1,a | b | c\nQ2,d | e | f');
    expect(cards.map((c) => c.keyPoints)).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
  });

  it('ignores columns it does not know', () => {
    expect(parse('question,notes,keyPoints\nQ,mine,K').cards[0]).toMatchObject({
      question: 'Q',
      keyPoints: ['K'],
    });
  });
});

describe('parseCardsCsv ids', () => {
  it('numbers cards by their row, skipping blank lines, and gives the same ids on re-import', () => {
    const text = 'question,keyPoints\nA,1\n\nB,2\n';
    expect(parse(text).cards.map((c) => c.id)).toEqual(['my-csv/1', 'my-csv/2']);
    expect(parse(text).cards).toEqual(parse(text).cards);
  });

  it('uses the number column', () => {
    expect(parse('number,question,keyPoints\n2.3,Q,K').cards[0]).toMatchObject({
      id: 'my-csv/2.3',
      number: '2.3',
    });
  });

  it('keeps an id from the same deck and puts any other id inside the deck', () => {
    const { cards } = parse('id,question,keyPoints\nmy-csv/7,A,K\namazon-engineer/2.3,B,K\nx9,C,K');
    expect(cards.map((c) => c.id)).toEqual(['my-csv/7', 'my-csv/amazon-engineer/2.3', 'my-csv/x9']);
    expect(cards.map((c) => c.number)).toEqual(['7', 'amazon-engineer/2.3', 'x9']);
  });
});

describe('parseCardsCsv problems name the line and the column', () => {
  it('names a missing required column once, and reads no card', () => {
    expect(parse('question,context\nQ,C\nQ2,C2')).toEqual({
      cards: [],
      problems: [
        {
          line: 1,
          field: 'keyPoints',
          message: 'the required column "keyPoints" is missing (the first line must name the columns)',
        },
      ],
    });
  });

  it('counts lines as an editor does, across blank lines and cells spanning lines', () => {
    const text = [
      'question,keyPoints,level', // 1
      'A,"one', // 2
      'two', // 3
      'three",mid', // 4
      '', // 5
      'B,one,expert', // 6
      '"C\r\nwith a break",,', // 7-8
      ',one,', // 9
    ].join('\n');
    const { cards, problems } = parse(text);
    expect(cards.map((c) => c.question)).toEqual(['A']);
    expect(problems).toEqual([
      {
        line: 6,
        field: 'level',
        message: '"expert" is not a level: use junior, mid, senior, lead, principal',
      },
      { line: 7, field: 'keyPoints', message: 'is empty: every card needs at least one key point' },
      { line: 9, field: 'question', message: 'is empty: every card needs a question' },
    ]);
  });

  it('names an unknown kind with the accepted ones', () => {
    expect(parse('question,keyPoints,kind\nQ,K,trivia').problems).toEqual([
      {
        line: 2,
        field: 'kind',
        message: '"trivia" is not a kind: use behavioral, system-design, operational, judgement',
      },
    ]);
  });

  it('names the line of the first use of a repeated number', () => {
    const { cards, problems } = parse('number,question,keyPoints\n1,A,K\n2,B,K\n1,C,K');
    expect(cards).toHaveLength(2);
    expect(problems).toEqual([
      { line: 4, field: 'number', message: 'the card id "my-csv/1" is already used on line 2' },
    ]);
  });

  it('names a quote that is never closed', () => {
    const { problems } = parse('question,keyPoints\nA,K\n"B,K\nC,K');
    expect(problems).toEqual([
      { line: 3, message: 'a quoted cell is never closed: check the double quotes from this line on' },
    ]);
  });

  it('names a row with more cells than the header', () => {
    const { problems } = parse('question,keyPoints\nWhat, if anything, went wrong?,K');
    expect(problems).toEqual([
      {
        line: 2,
        message: 'has 4 cells but the header has 2: a cell containing the separator must be in double quotes',
      },
    ]);
  });

  it('refuses a cell longer than 100,000 characters', () => {
    const { cards, problems } = parse(`question,keyPoints\n${'x'.repeat(100_001)},K`);
    expect(cards).toEqual([]);
    expect(problems).toEqual([
      { line: 2, field: 'question', message: 'is too long: 100,001 characters (the limit is 100,000)' },
    ]);
  });

  it('says when a file has no cards', () => {
    expect(parse('').problems).toEqual([{ line: 1, message: 'The file is empty.' }]);
    expect(parse('question,keyPoints\n\n').problems).toEqual([
      { line: 2, message: 'The file has a header line but no cards.' },
    ]);
  });

  it('refuses more than 100,000 rows', () => {
    const text = `question,keyPoints\n${'Q,K\n'.repeat(100_001)}`;
    expect(parse(text)).toEqual({
      cards: [],
      problems: [
        {
          message:
            'The file has more than 100,000 rows; one import takes at most 100,000. Split it into several files.',
        },
      ],
    });
  });
});

describe('CSV_COLUMNS', () => {
  it('documents the two required columns and every column the import reads', () => {
    expect(CSV_COLUMNS.filter((c) => c.required).map((c) => c.name)).toEqual(['question', 'keyPoints']);
    const header = CSV_COLUMNS.map((c) => c.name).join(',');
    const row = 'Q,C,K,P,E,lead,operational,t,x1,n1';
    const { cards, problems } = parse(`${header}\n${row}`);
    expect(problems).toEqual([]);
    expect(cards[0]).toMatchObject({
      question: 'Q',
      context: 'C',
      keyPoints: ['K'],
      pitfalls: ['P'],
      exampleAnswer: 'E',
      level: 'lead',
      kind: 'operational',
      tags: ['t'],
      id: 'my-csv/x1',
      number: 'n1',
    });
  });
});
