// The deck file: the committed built-in deck is exactly what the parser makes, and imports are validated field by field.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeckFile } from '../../src/domain/card';
import { buildDeckFile, serializeDeckFile } from '../../src/domain/deck';
import { validateDeckFile } from '../../src/domain/deck-file';
import { ParseError, ValidationError } from '../../src/domain/errors';
import { BUILT_IN_DECK_TEXT, SOURCE_PAGE_TEXT } from '../support/deck';

const ROOT = resolve(__dirname, '../..');
const COMMITTED = BUILT_IN_DECK_TEXT;
const META = { id: 'amazon-engineer', source: 'builtin' } as const;
const built = buildDeckFile(SOURCE_PAGE_TEXT, META);

const problemsOf = (value: unknown) => {
  try {
    validateDeckFile(value);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).problems;
  }
  throw new Error('expected a ValidationError');
};
const fieldsOf = (value: unknown) => problemsOf(value).map((p) => p.field);
const copy = (): Record<string, unknown> & { cards: Record<string, unknown>[] } => JSON.parse(COMMITTED);

describe('the built-in deck', () => {
  it('is committed exactly as the parser builds it from the source (golden file)', () => {
    expect(COMMITTED).toBe(serializeDeckFile(built));
  });

  it('has a title without the level count and a description without the sales pitch', () => {
    expect(built.deck).toMatchObject({ id: 'amazon-engineer', source: 'builtin' });
    expect(built.deck.title).toBe('Amazon Engineer Interview Questions and Answers');
    expect(built.deck.description.startsWith('Amazon Engineers are responsible for designing')).toBe(true);
    expect(built.deck.description.endsWith('.')).toBe(true);
    expect(built.deck.description.length).toBeLessThanOrEqual(280);
    expect(built.deck.description).not.toMatch(/\$9|Try our AI|Need to practice/);
    expect(built.cards).toHaveLength(15);
  });

  it('takes a given title over the page line', () => {
    expect(buildDeckFile(SOURCE_PAGE_TEXT, { ...META, title: '  Amazon  ' }).deck.title).toBe('Amazon');
  });

  it('refuses a page with problems', () => {
    expect(() => buildDeckFile(SOURCE_PAGE_TEXT.replace('\nWhat not to say\n', '\n'), META)).toThrow(
      ParseError,
    );
    expect(() => buildDeckFile('', META)).toThrow(ParseError);
  });
});

describe('serializeDeckFile', () => {
  it('writes the same bytes whatever order the keys came in', () => {
    const shuffled = JSON.parse(COMMITTED, (_key, value) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    ) as DeckFile;
    expect(Object.keys(shuffled)[0]).toBe('cards');
    expect(serializeDeckFile(shuffled)).toBe(COMMITTED);
  });

  it('ends with a newline and indents by two spaces', () => {
    expect(COMMITTED.endsWith('}\n')).toBe(true);
    expect(COMMITTED.split('\n')[1]).toBe('  "format": "keypoints-deck",');
  });
});

describe('validateDeckFile', () => {
  it('accepts the committed deck and returns it unchanged', () => {
    expect(validateDeckFile(JSON.parse(COMMITTED))).toEqual(built);
  });

  it('drops unknown keys', () => {
    const value = copy();
    value.extra = 1;
    (value.cards[0] as Record<string, unknown>).secret = 'x';
    const clean = validateDeckFile(value);
    expect(serializeDeckFile(clean)).toBe(COMMITTED);
    expect(Object.keys(clean)).not.toContain('extra');
  });

  it('names every wrong field by its path, all at once', () => {
    const value = copy();
    const card1 = value.cards[1] as Record<string, unknown>;
    (card1.keyPoints as unknown[])[2] = 42;
    card1.level = 'intern';
    (value.cards[3] as Record<string, unknown>).order = -1;
    delete (value.cards[4] as Record<string, unknown>).exampleAnswer;
    expect(fieldsOf(value)).toEqual([
      'cards[1].level',
      'cards[1].keyPoints[2]',
      'cards[3].order',
      'cards[4].exampleAnswer',
    ]);
  });

  it('says what was expected', () => {
    const value = copy();
    (value.cards[0] as Record<string, unknown>).kind = 'trivia';
    expect(problemsOf(value)).toEqual([
      {
        field: 'cards[0].kind',
        message: 'expected one of behavioral, system-design, operational, judgement, found "trivia"',
      },
    ]);
  });

  it('rejects duplicate card ids and cards of another deck', () => {
    const value = copy();
    (value.cards[2] as Record<string, unknown>).id = 'amazon-engineer/1.1';
    (value.cards[5] as Record<string, unknown>).deckId = 'other';
    const problems = problemsOf(value);
    expect(problems.map((p) => p.field)).toEqual(['cards[2].id', 'cards[5].deckId']);
    expect(problems[0]?.message).toMatch(/also the id of cards\[0\]/);
  });

  it('rejects what is not a deck file at all', () => {
    expect(fieldsOf(null)).toEqual([undefined]);
    expect(fieldsOf([])).toEqual([undefined]);
    expect(fieldsOf({ format: 'anki', version: 2, deck: 'x', cards: {} })).toEqual([
      'format',
      'version',
      'deck',
      'cards',
    ]);
  });
});

describe('npm run deck', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keypoints-deck-'));
  const out = join(dir, 'deck.json');
  const tsx = resolve(ROOT, 'node_modules/.bin/tsx');
  const cli = resolve(ROOT, 'src/cli/build-deck.ts');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the committed bytes, and --check fails with a message once the file differs', () => {
    execFileSync(tsx, [cli, '--out', out], { cwd: ROOT });
    expect(readFileSync(out, 'utf8')).toBe(COMMITTED);
    expect(spawnSync(tsx, [cli, '--check', '--out', out], { cwd: ROOT }).status).toBe(0);

    writeFileSync(out, COMMITTED.replace('Amazon Engineer Interview', 'Amazon Engineer interview'));
    const stale = spawnSync(tsx, [cli, '--check', '--out', out], { cwd: ROOT, encoding: 'utf8' });
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/differs from what the parser produces.*npm run deck/);
    expect(readFileSync(out, 'utf8')).not.toBe(COMMITTED);
  });
});
