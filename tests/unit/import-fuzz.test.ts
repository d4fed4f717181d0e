// Hostile and random input for every reader: a file can be refused, never crash the app or slip through.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { Rating, State } from '../../src/domain';
import { type Backup, createBackup, parseBackup, serializeBackup } from '../../src/domain/backup';
import type { BackupData } from '../../src/domain/backup-data';
import type { Review } from '../../src/domain/card';
import { ValidationError } from '../../src/domain/errors';
import { parseCardsCsv } from '../../src/domain/import-csv';
import { parseCardsJson } from '../../src/domain/import-json';
import { DEFAULT_SETTINGS } from '../../src/domain/settings';
import { MID_JANUARY_UTC } from '../support/clock';

const NOW = MID_JANUARY_UTC;
const OPTIONS = { deckId: 'fuzz', now: NOW };

function sampleData(): BackupData {
  const { cards } = parseCardsCsv(
    'number,question,keyPoints,pitfalls,tags\n1,"Why ""this""?","a\nb",c,x y\n2,Second,"d | e",,\n',
    OPTIONS,
  );
  const review = (id: string, cardId: string, reviewedAt: number): Review => ({
    id,
    cardId,
    rating: Rating.Good,
    reviewedAt,
    durationMs: 5000,
    keyPointsRecalled: [0, 1],
    pitfallsFlagged: [],
    notes: 'notes, "quoted" & <b>',
    log: {
      state: State.Learning,
      due: reviewedAt,
      stability: 2.5,
      difficulty: 4.2,
      elapsedDays: 1,
      lastElapsedDays: 0,
      scheduledDays: 2,
      learningSteps: 1,
    },
  });
  return {
    decks: [{ id: 'fuzz', title: 'Fuzz', source: 'csv', description: 'generated' }],
    cards,
    schedules: [
      {
        cardId: 'fuzz/1',
        due: NOW,
        stability: 2.5,
        difficulty: 4.2,
        elapsedDays: 1,
        scheduledDays: 2,
        learningSteps: 0,
        reps: 2,
        lapses: 0,
        state: State.Review,
        lastReview: NOW - 1000,
      },
    ],
    reviews: [
      review('r1', 'fuzz/1', NOW - 5000),
      review('r2', 'fuzz/2', NOW - 4000),
      review('r3', 'fuzz/1', NOW),
    ],
    settings: DEFAULT_SETTINGS,
  };
}

const validBackup: Backup = createBackup(sampleData(), NOW);
const validText = serializeBackup(validBackup);

/** Parses, and fails the test on any exception that is not a ValidationError with readable problems. */
function parseOrRefuse(text: string): Backup | ValidationError {
  try {
    return parseBackup(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const problems = (error as ValidationError).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.length).toBeLessThanOrEqual(21);
    for (const p of problems) {
      expect(p.message.length).toBeGreaterThan(0);
      expect(p.message.length).toBeLessThan(300);
    }
    return error as ValidationError;
  }
}

/** Every [path, value] leaf of a JSON value, so a fuzz case can damage any one of them. */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [path, ...value.flatMap((v, i) => leafPaths(v, [...path, i]))];
  if (value && typeof value === 'object') {
    return [path, ...Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]))];
  }
  return [path];
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1) as string | number] = value;
  return copy;
}

const nastyValue = fc.oneof(
  fc.constantFrom(-1, -0, 0.5, 1e300, 2 ** 53, '', ' ', 'x'.repeat(100_001), null, true, [], {}, [null], '1'),
  fc.jsonValue({ maxDepth: 2 }),
);

describe('parseBackup on hostile input', () => {
  it('refuses random text with a ValidationError and nothing else', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        parseOrRefuse(text);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses random JSON, also when it claims to be a version 1 backup', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, claim) => {
        const json =
          claim && value && typeof value === 'object' && !Array.isArray(value)
            ? { ...value, format: 'keypoints-backup', version: 1 }
            : value;
        expect(parseOrRefuse(JSON.stringify(json) ?? '')).toBeInstanceOf(ValidationError);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses every truncated copy of a valid backup, and reads the whole one', () => {
    for (let end = 0; end < validText.length; end++) {
      expect(parseOrRefuse(validText.slice(0, end))).toBeInstanceOf(ValidationError);
    }
    expect(parseOrRefuse(validText)).toEqual(validBackup);
  });

  it('either refuses a backup with one value damaged or reads something it can write back unchanged', () => {
    const json: unknown = JSON.parse(validText);
    const paths = leafPaths(json);
    fc.assert(
      fc.property(fc.constantFrom(...paths), nastyValue, (path, value) => {
        const result = parseOrRefuse(JSON.stringify(setAt(json, path, value)));
        if (!(result instanceof ValidationError)) {
          expect(parseBackup(serializeBackup(result))).toEqual(
            createBackup(result, result.exportedAt, result.app),
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses absurdly deep nesting without overflowing the stack', () => {
    const deep = `{"format":"keypoints-backup","version":1,"decks":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    expect(parseOrRefuse(deep)).toBeInstanceOf(ValidationError);
    expect(parseOrRefuse('['.repeat(1_000_000))).toBeInstanceOf(ValidationError);
  });
});

describe('card imports on hostile input', () => {
  const csvChars = fc.constantFrom(',', ';', '\t', '"', '\n', '\r', ' ', '|', 'a', 'q', '-', '\ufeff', 'é');
  const csvText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc
      .string({ unit: csvChars, maxLength: 200 })
      .map((body) => `question,keyPoints,level,kind,tags,number\n${body}`),
  );

  it('never throws on random CSV, and names real lines', () => {
    fc.assert(
      fc.property(csvText, (text) => {
        const { cards, problems } = parseCardsCsv(text, OPTIONS);
        const lines = text.split(/\r\n|\r|\n/).length;
        for (const p of problems) {
          if (p.line !== undefined) expect(p.line).toBeGreaterThanOrEqual(1);
          if (p.line !== undefined) expect(p.line).toBeLessThanOrEqual(lines + 1);
        }
        for (const c of cards) {
          expect(c.question).not.toBe('');
          expect(c.keyPoints.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random JSON text or values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.json()), (text) => {
        const { cards, problems } = parseCardsJson(text, OPTIONS);
        expect(Array.isArray(cards) && Array.isArray(problems)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('reads back any text a spreadsheet wrote, and the cards always pass backup validation', () => {
    const cell = fc.string({ unit: 'binary', maxLength: 30 });
    const bullet = cell
      .map((s) => s.replace(/[\r\n]| \| /g, ' ').trim())
      .filter((s) => s !== '' && !/^(?:[-*•‣◦]|\d{1,3}[.)])\s/.test(s));
    const row = fc.record({
      question: cell.filter((s) => s.trim() !== ''),
      context: cell,
      keyPoints: fc.array(bullet, { minLength: 1, maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 5 }), (rows) => {
        const text = Papa.unparse(
          rows.map((r) => ({ ...r, keyPoints: r.keyPoints.join('\n') })),
          { columns: ['question', 'context', 'keyPoints'] },
        );
        const { cards, problems } = parseCardsCsv(text, OPTIONS);
        expect(problems).toEqual([]);
        const clean = (s: string) => s.replace(/\r\n?/g, '\n').trim();
        expect(cards.map((c) => [c.question, c.context, c.keyPoints])).toEqual(
          rows.map((r) => [clean(r.question), clean(r.context), r.keyPoints]),
        );
        const data = { ...sampleData(), cards, schedules: [], reviews: [] };
        expect(parseBackup(serializeBackup(createBackup(data, NOW))).cards).toEqual(cards);
      }),
      { numRuns: 200 },
    );
  });

  it('imports 100,000 CSV rows', () => {
    const lines = ['number,question,keyPoints,level,tags'];
    for (let i = 1; i <= 100_000; i++)
      lines.push(`${i},"Question ${i}, in full","Point A\nPoint B",senior,t${i % 7}`);
    const { cards, problems } = parseCardsCsv(lines.join('\n'), OPTIONS);
    expect(problems).toEqual([]);
    expect(cards).toHaveLength(100_000);
    expect(new Set(cards.map((c) => c.id)).size).toBe(100_000);
    expect(cards[99_999]).toMatchObject({
      id: 'fuzz/100000',
      question: 'Question 100000, in full',
      keyPoints: ['Point A', 'Point B'],
      level: 'senior',
      tags: ['t5'],
    });
  }, 30_000);

  it('refuses a 10 MB cell with a clear message naming the line and column', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    expect(parseCardsCsv(`question,keyPoints\nQ,K\n"${huge}",K`, OPTIONS).problems).toEqual([
      { line: 3, field: 'question', message: 'is too long: 10,485,760 characters (the limit is 100,000)' },
    ]);
    expect(parseCardsJson(JSON.stringify([{ question: 'Q', keyPoints: huge }]), OPTIONS).problems).toEqual([
      { field: '[0].keyPoints', message: 'is too long: 10,485,760 characters (the limit is 100,000)' },
    ]);
  });
});
