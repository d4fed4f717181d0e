// Backup files as a user restoring one meets them: everything comes back, damage is named precisely.
import { describe, expect, it } from 'vitest';
import { Rating, reviewSource, State } from '../../src/domain';
import {
  type Backup,
  contentHash,
  createBackup,
  parseBackup,
  serializeBackup,
} from '../../src/domain/backup';
import type { BackupData } from '../../src/domain/backup-data';
import type { CardRecord, Deck, Review, Schedule } from '../../src/domain/card';
import { type Problem, ValidationError } from '../../src/domain/errors';
import { DEFAULT_SETTINGS } from '../../src/domain/settings';
import { DAY, MID_JANUARY_UTC } from '../support/clock';

const NOW = MID_JANUARY_UTC;

function deck(id: string): Deck {
  return { id, title: `Deck ${id}`, source: 'builtin', description: '' };
}

function card(id: string, deckId: string, over: Partial<CardRecord> = {}): CardRecord {
  return {
    id,
    deckId,
    number: id.split('/')[1] ?? '1',
    order: 0,
    level: 'senior',
    kind: 'behavioral',
    question: `Question ${id}?`,
    context: 'Why it is asked.',
    keyPoints: ['First point', 'Second point'],
    pitfalls: ['Blaming others'],
    exampleAnswer: 'An answer.',
    skills: [],
    questionType: '',
    tags: ['leadership'],
    suspended: false,
    retired: false,
    createdAt: NOW - 10 * DAY,
    updatedAt: NOW - 10 * DAY,
    ...over,
  };
}

function review(id: string, cardId: string, reviewedAt: number): Review {
  return {
    id,
    cardId,
    rating: Rating.Good,
    reviewedAt,
    durationMs: 42_000,
    keyPointsRecalled: [0],
    pitfallsFlagged: [],
    notes: 'said it aloud',
    log: {
      state: State.New,
      due: reviewedAt,
      stability: 0,
      difficulty: 0,
      elapsedDays: 0,
      lastElapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
    },
  };
}

function schedule(cardId: string): Schedule {
  return {
    cardId,
    due: NOW + 3 * DAY,
    stability: 3.2,
    difficulty: 5.1,
    elapsedDays: 0,
    scheduledDays: 3,
    learningSteps: 0,
    reps: 2,
    lapses: 0,
    state: State.Review,
    lastReview: NOW - DAY,
  };
}

function sampleData(): BackupData {
  return {
    decks: [deck('amazon-engineer'), deck('own')],
    cards: [
      card('amazon-engineer/2.3', 'amazon-engineer'),
      card('amazon-engineer/1.1', 'amazon-engineer', { suspended: true }),
      card('own/1', 'own', {
        question: 'Tell me about "a <tricky> one" — ünïcödé 🚀',
        keyPoints: ['Line\nbreak'],
      }),
    ],
    schedules: [schedule('amazon-engineer/2.3'), schedule('amazon-engineer/1.1')],
    reviews: [
      review('r-3', 'amazon-engineer/2.3', NOW - DAY),
      review('r-1', 'amazon-engineer/2.3', NOW - 3 * DAY),
      review('r-2', 'amazon-engineer/1.1', NOW - DAY),
    ],
    settings: { ...DEFAULT_SETTINGS, newPerDay: 15 },
  };
}

/** The backup as plain JSON to damage in a test. */
function sampleJson(): Record<string, unknown> & {
  cards: Record<string, unknown>[];
  reviews: Record<string, unknown>[];
} {
  return JSON.parse(serializeBackup(createBackup(sampleData(), NOW)));
}

function problemsOf(text: string): Problem[] {
  try {
    parseBackup(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).problems;
  }
  throw new Error('expected the backup to be refused');
}

describe('backup round trip', () => {
  it('gives back exactly the data that was exported, with the same content hash', () => {
    const data = sampleData();
    const backup = createBackup(data, NOW);
    const restored = parseBackup(serializeBackup(backup));
    expect(restored).toEqual(backup);
    expect(restored.settings.newPerDay).toBe(15);
    expect(restored.cards.find((c) => c.id === 'own/1')?.question).toBe(data.cards[2]?.question);
    expect(contentHash(restored)).toBe(contentHash(data));
  });

  it('writes the same bytes whatever order storage returned the records in', () => {
    const data = sampleData();
    const shuffled: BackupData = {
      ...data,
      decks: [...data.decks].reverse(),
      cards: [...data.cards].reverse(),
      schedules: [...data.schedules].reverse(),
      reviews: [...data.reviews].reverse(),
    };
    expect(serializeBackup(createBackup(shuffled, NOW))).toBe(serializeBackup(createBackup(data, NOW)));
  });

  it('sorts cards by id and reviews by time, then id', () => {
    const backup = createBackup(sampleData(), NOW);
    expect(backup.cards.map((c) => c.id)).toEqual(['amazon-engineer/1.1', 'amazon-engineer/2.3', 'own/1']);
    expect(backup.reviews.map((r) => r.id)).toEqual(['r-1', 'r-2', 'r-3']);
  });

  it('starts with what the file is, so a person opening it can tell', () => {
    const text = serializeBackup(createBackup(sampleData(), NOW, 'Keypoints 0.1.0'));
    expect(
      text.startsWith(`{"format":"keypoints-backup","version":1,"exportedAt":${NOW},"app":"Keypoints 0.1.0"`),
    ).toBe(true);
  });

  it('leaves out properties storage added to records', () => {
    const data = sampleData();
    const withExtra = { ...data, cards: data.cards.map((c) => ({ ...c, searchText: 'lowercased copy' })) };
    expect(serializeBackup(createBackup(withExtra, NOW))).not.toContain('searchText');
  });
});

describe('contentHash', () => {
  it('ignores the export time, the schedules cache and record order', () => {
    const data = sampleData();
    const same = { ...data, schedules: [], reviews: [...data.reviews].reverse() };
    expect(contentHash(same)).toBe(contentHash(data));
    expect(contentHash(createBackup(data, NOW + DAY))).toBe(contentHash(createBackup(data, NOW)));
  });

  it('changes when a review, a card text or a setting changes', () => {
    const data = sampleData();
    const hash = contentHash(data);
    expect(contentHash({ ...data, reviews: [...data.reviews, review('r-4', 'own/1', NOW)] })).not.toBe(hash);
    expect(
      contentHash({
        ...data,
        cards: data.cards.map((c, i) => (i === 0 ? { ...c, question: `${c.question}!` } : c)),
      }),
    ).not.toBe(hash);
    expect(contentHash({ ...data, settings: { ...data.settings, dayStartHour: 5 } })).not.toBe(hash);
  });
});

describe('parseBackup refuses what it cannot trust', () => {
  it('says a damaged file is not valid JSON', () => {
    const text = serializeBackup(createBackup(sampleData(), NOW));
    expect(problemsOf(text.slice(0, text.length - 10))).toEqual([
      { message: 'This file is damaged or is not a Keypoints backup: it is not valid JSON.' },
    ]);
    expect(problemsOf('')[0]?.message).toMatch(/not valid JSON/);
  });

  it.each([
    ['an empty object', '{}'],
    ['a list', '[]'],
    ['a deck file', '{"format":"keypoints-deck","version":1,"deck":{},"cards":[]}'],
    ['null', 'null'],
    ['a string', '"keypoints-backup"'],
  ])('says %s is not a Keypoints backup', (_, text) => {
    expect(problemsOf(text)).toEqual([{ message: 'This is not a Keypoints backup.' }]);
  });

  it('asks to update the app for a backup from a newer version', () => {
    const json = { ...sampleJson(), version: 2 };
    expect(problemsOf(JSON.stringify(json))[0]?.message).toMatch(
      /made by a newer version of Keypoints: update the app/,
    );
  });

  it.each([0, -1, 1.5, '1', null])('refuses the version number %j', (version) => {
    expect(problemsOf(JSON.stringify({ ...sampleJson(), version }))[0]?.message).toMatch(/no valid version/);
  });

  it('names the field of a negative, an absurd or an infinite number', () => {
    const text = serializeBackup(createBackup(sampleData(), NOW))
      .replace(`"reviewedAt":${NOW - 3 * DAY}`, '"reviewedAt":-5')
      .replaceAll(`"reviewedAt":${NOW - DAY}`, '"reviewedAt":1e300')
      .replace(`"durationMs":42000`, '"durationMs":1e400');
    expect(problemsOf(text)).toEqual([
      { field: 'reviews[0].reviewedAt', message: 'must not be negative' },
      { field: 'reviews[0].durationMs', message: 'must be a finite number' },
      { field: 'reviews[1].reviewedAt', message: 'is too large to be a date' },
      { field: 'reviews[2].reviewedAt', message: 'is too large to be a date' },
    ]);
  });

  it('refuses NaN, which JSON cannot hold', () => {
    const text = serializeBackup(createBackup(sampleData(), NOW)).replace(
      '"durationMs":42000',
      '"durationMs":NaN',
    );
    expect(problemsOf(text)[0]?.message).toMatch(/not valid JSON/);
  });

  it('names fields with a wrong value, a wrong type or nothing at all', () => {
    const json = sampleJson();
    json.cards[0] = { ...json.cards[0], level: 'expert', keyPoints: ['ok', 7] };
    json.reviews[1] = { ...json.reviews[1], rating: 5 };
    delete json.reviews[2]?.cardId;
    expect(problemsOf(JSON.stringify(json))).toEqual([
      { field: 'cards[0].level', message: 'must be one of: junior, mid, senior, lead, principal' },
      { field: 'cards[0].keyPoints[1]', message: 'must be text' },
      { field: 'reviews[1].rating', message: 'must be one of: 1, 2, 3, 4' },
      { field: 'reviews[2].cardId', message: 'is missing' },
    ]);
  });

  it('refuses a 10 MB field with its size and the limit', () => {
    const json = sampleJson();
    json.cards[1] = { ...json.cards[1], question: 'x'.repeat(10 * 1024 * 1024) };
    const problems = problemsOf(JSON.stringify(json));
    expect(problems).toEqual([
      { field: 'cards[1].question', message: 'is too long: 10,485,760 characters (the limit is 100,000)' },
    ]);
  });

  it('refuses more than 200,000 records in a list without reading them one by one', () => {
    const json = { ...sampleJson(), reviews: new Array(200_001).fill(0) };
    expect(problemsOf(JSON.stringify(json))).toEqual([
      { field: 'reviews', message: 'has too many items: 200,001 (the limit is 200,000)' },
    ]);
  });

  it('refuses duplicate card, deck and review ids, naming both places', () => {
    const json = sampleJson();
    json.cards.push({ ...json.cards[0] });
    (json.decks as unknown[]).push(deck('own'));
    json.reviews.push({ ...json.reviews[1] });
    expect(problemsOf(JSON.stringify(json))).toEqual([
      { field: 'decks[2].id', message: '"own" appears twice (first at decks[1].id)' },
      { field: 'cards[3].id', message: '"amazon-engineer/1.1" appears twice (first at cards[0].id)' },
      { field: 'reviews[3].id', message: '"r-2" appears twice (first at reviews[1].id)' },
    ]);
  });

  it('refuses reviews, schedules and cards that point at nothing', () => {
    const json = sampleJson();
    json.reviews[0] = { ...json.reviews[0], cardId: 'gone/1' };
    json.cards[2] = { ...json.cards[2], deckId: 'gone' };
    (json.schedules as Record<string, unknown>[])[0] = { ...schedule('gone/2') };
    expect(problemsOf(JSON.stringify(json))).toEqual([
      { field: 'cards[2].deckId', message: 'refers to deck "gone", which is not in the backup' },
      { field: 'schedules[0].cardId', message: 'refers to card "gone/2", which is not in the backup' },
      { field: 'reviews[0].cardId', message: 'refers to card "gone/1", which is not in the backup' },
    ]);
  });

  it('refuses settings the scheduler could not use', () => {
    const json = {
      ...sampleJson(),
      settings: { ...DEFAULT_SETTINGS, dayStartHour: 24, learningSteps: ['10x'] },
    };
    expect(problemsOf(JSON.stringify(json))).toEqual([
      { field: 'settings.learningSteps[0]', message: 'must be a step such as "1m", "10m", "1h" or "1d"' },
      { field: 'settings.dayStartHour', message: 'is too large (the maximum is 23)' },
    ]);
  });

  it('lists at most 20 problems and says how many more there are', () => {
    const json = sampleJson();
    const bad = { ...json.reviews[0], rating: 0 };
    json.reviews = Array.from({ length: 100 }, (_, i) => ({ ...bad, id: `bad-${i}` }));
    const problems = problemsOf(JSON.stringify(json));
    expect(problems).toHaveLength(21);
    expect(problems[0]).toEqual({ field: 'reviews[0].rating', message: 'must be one of: 1, 2, 3, 4' });
    expect(problems[20]).toEqual({ message: '…and 80 more problems.' });
  });

  it('puts the field and the problem in the error message a screen shows', () => {
    const json = sampleJson();
    json.reviews[1] = { ...json.reviews[1], durationMs: -1 };
    expect(() => parseBackup(JSON.stringify(json))).toThrow('reviews[1].durationMs: must not be negative');
  });

  it('accepts a backup written before learn ahead and answer targets existed, with their defaults', () => {
    const json = sampleJson();
    const settings = { ...(json.settings as Record<string, unknown>) };
    delete settings.learnAheadMinutes;
    delete settings.answerTargetSeconds;
    for (const r of json.reviews) delete r.targetMs;

    const restored = parseBackup(JSON.stringify({ ...json, settings }));

    expect(restored.settings).toEqual({ ...DEFAULT_SETTINGS, newPerDay: 15 });
    expect(restored.settings.learnAheadMinutes).toBe(20);
    expect(restored.settings.answerTargetSeconds).toEqual({
      behavioral: 120,
      'system-design': 300,
      operational: 180,
      judgement: 120,
    });
    expect(restored.reviews.every((r) => !('targetMs' in r))).toBe(true);
  });

  it("keeps a review's answer target, so its overrun means the same after a restore", () => {
    const data = sampleData();
    data.reviews[0] = { ...(data.reviews[0] as Review), targetMs: 30_000 };
    const restored = parseBackup(serializeBackup(createBackup(data, NOW)));
    expect(restored.reviews.find((r) => r.id === 'r-3')?.targetMs).toBe(30_000);
    expect(restored.reviews.find((r) => r.id === 'r-1')).not.toHaveProperty('targetMs');
  });

  it('refuses a learn-ahead limit or an answer target out of bounds, naming the field', () => {
    const json = {
      ...sampleJson(),
      settings: {
        ...DEFAULT_SETTINGS,
        learnAheadMinutes: 1441,
        answerTargetSeconds: { ...DEFAULT_SETTINGS.answerTargetSeconds, operational: 5 },
      },
    };
    expect(problemsOf(JSON.stringify(json))).toEqual([
      { field: 'settings.learnAheadMinutes', message: 'is too large (the maximum is 1,440)' },
      { field: 'settings.answerTargetSeconds.operational', message: 'must be at least 15' },
    ]);
  });

  it('accepts a backup with no data at all', () => {
    const empty: Backup = createBackup(
      { decks: [], cards: [], schedules: [], reviews: [], settings: DEFAULT_SETTINGS },
      NOW,
    );
    expect(parseBackup(serializeBackup(empty))).toEqual(empty);
  });
});

describe('review source in backups', () => {
  it('keeps a listening review as listening, reads an older review with no source as on screen, refuses any other source', () => {
    const data = sampleData();
    const [first, ...rest] = data.reviews;
    if (!first) throw new Error('sample has reviews');
    data.reviews = [{ ...first, source: 'listening' }, ...rest];
    const back = parseBackup(serializeBackup(createBackup(data, NOW)));
    const byId = new Map(back.reviews.map((r) => [r.id, r]));
    expect(byId.get(first.id)?.source).toBe('listening');
    expect(reviewSource(byId.get('r-1') as Review)).toBe('screen');
    expect('source' in (byId.get('r-1') as Review)).toBe(false);

    const json = sampleJson();
    (json.reviews[0] as Record<string, unknown>).source = 'telepathy';
    expect(problemsOf(JSON.stringify(json)).length).toBeGreaterThan(0);
  });
});
