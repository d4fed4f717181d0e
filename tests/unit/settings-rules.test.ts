// One rule per setting: the backup format, the save path, the scheduler and the settings validator agree on every value.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ANSWER_TARGET_BOUNDS,
  DEFAULT_SETTINGS,
  KEEP_RECORDINGS_BOUNDS,
  KINDS,
  LISTEN_BOUNDS,
  MAX_STEPS,
  type NumericSetting,
  SETTING_BOUNDS,
  type Settings,
  sanitizeSettings,
  validateSettings,
} from '../../src/domain';
import { createBackup, parseBackup } from '../../src/domain/backup';
import { createScheduler } from '../../src/domain/scheduler';
import { createDb } from '../../src/storage/db';
import { getSettings } from '../../src/storage/repositories/settings';
import { saveSettings } from '../../src/storage/repositories/settings-save';

const NOW = Date.UTC(2025, 0, 15, 9, 0, 0);
const db = createDb(`settings-rules-${crypto.randomUUID()}`);
afterAll(() => db.delete());

const NUMERIC = Object.keys(SETTING_BOUNDS) as NumericSetting[];
/** A numeric setting, the bound every kind's target answer time shares, the recordings kept, or a listen number. */
type ListenField = keyof typeof LISTEN_BOUNDS;
type Field = NumericSetting | 'answerTarget' | 'keepRecordings' | ListenField;
const boundOf = (field: Field) =>
  field === 'answerTarget'
    ? ANSWER_TARGET_BOUNDS
    : field === 'keepRecordings'
      ? KEEP_RECORDINGS_BOUNDS
      : field in LISTEN_BOUNDS
        ? LISTEN_BOUNDS[field as ListenField]
        : SETTING_BOUNDS[field as NumericSetting];

/** Values a bound accepts, with its edges. */
function inBounds(field: Field): fc.Arbitrary<number> {
  const { min, max, integer } = boundOf(field);
  const inside = integer ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
  return fc.oneof(fc.constantFrom(min, max), inside);
}

/** Any number, most of them near the bound's edges, some that are no number at all. */
function anyNumber(field: Field): fc.Arbitrary<number> {
  const { min, max } = boundOf(field);
  return fc.oneof(
    inBounds(field),
    fc.constantFrom(min - 1, max + 1, min - 0.001, max + 0.001, min + 0.5, max - 0.5, -0, Number.NaN),
    fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 10_000, 100_000, 24, 0.5, 0.98),
    fc.double({ min: min - 10, max: max + 10, noNaN: true }),
  );
}

const step = fc.oneof(
  fc.constantFrom('1m', '10m', '1h', '1d', ' 5 m', '01m', '999d'),
  fc.constantFrom('0m', '1.5m', '2.0h', '30s', '10x', '', 'm', '10M', '1e3m', '-1m', '1 0m', '10mm'),
  fc.string({ maxLength: 4 }),
);
const steps = fc.oneof(
  fc.array(step, { maxLength: 4 }),
  fc.array(fc.constant('1m'), { minLength: MAX_STEPS - 1, maxLength: MAX_STEPS + 2 }),
);

function settingsWith(number: (field: Field) => fc.Arbitrary<number>): fc.Arbitrary<Settings> {
  return fc.record({
    desiredRetention: number('desiredRetention'),
    learningSteps: steps,
    relearningSteps: steps,
    maximumIntervalDays: number('maximumIntervalDays'),
    enableFuzz: fc.boolean(),
    newPerDay: number('newPerDay'),
    maxReviewsPerDay: number('maxReviewsPerDay'),
    dayStartHour: number('dayStartHour'),
    learnAheadMinutes: number('learnAheadMinutes'),
    showTimer: fc.boolean(),
    answerTargetSeconds: fc.record({
      behavioral: number('answerTarget'),
      'system-design': number('answerTarget'),
      operational: number('answerTarget'),
      judgement: number('answerTarget'),
    }),
    listen: fc.record({
      voice: fc.oneof(fc.constant(''), fc.string({ maxLength: 30 })),
      rate: number('rate'),
      readContext: fc.boolean(),
      thinkSeconds: number('thinkSeconds'),
      answerTimeoutSeconds: number('answerTimeoutSeconds'),
    }),
    keepRecordingsPerCard: number('keepRecordings'),
  });
}

const byRules = (s: Settings) => validateSettings(s).length === 0;

function byBackup(s: Settings): boolean {
  const data = { decks: [], cards: [], schedules: [], reviews: [], settings: s };
  try {
    parseBackup(JSON.stringify(createBackup(data, NOW)));
    return true;
  } catch {
    return false;
  }
}

function byScheduler(s: Settings): boolean {
  try {
    createScheduler(s);
    return true;
  } catch {
    return false;
  }
}

async function bySave(s: Settings): Promise<boolean> {
  try {
    await saveSettings(db, s);
    return true;
  } catch {
    return false;
  }
}

/** The scheduler reads only the scheduling fields: judge the others as the defaults. */
const schedulingPart = (s: Settings): Settings => ({
  ...DEFAULT_SETTINGS,
  desiredRetention: s.desiredRetention,
  learningSteps: s.learningSteps,
  relearningSteps: s.relearningSteps,
  maximumIntervalDays: s.maximumIntervalDays,
  enableFuzz: s.enableFuzz,
});

describe('settings rules', () => {
  it('learn ahead and answer targets: out of bounds refused by every reader, clamped by the save path', async () => {
    const tooFar = { ...DEFAULT_SETTINGS, learnAheadMinutes: SETTING_BOUNDS.learnAheadMinutes.max + 1 };
    const tooShort = {
      ...DEFAULT_SETTINGS,
      answerTargetSeconds: { ...DEFAULT_SETTINGS.answerTargetSeconds, behavioral: 10 },
    };
    const keepsNone = { ...DEFAULT_SETTINGS, keepRecordingsPerCard: 0 };
    for (const s of [tooFar, tooShort, keepsNone]) expect([byRules(s), byBackup(s)]).toEqual([false, false]);
    expect((await saveSettings(db, keepsNone)).keepRecordingsPerCard).toBe(1);
    expect(validateSettings(tooShort)).toEqual([
      { field: 'answerTargetSeconds', message: 'Target answer times must be from 0:15 to 30:00.' },
    ]);
    expect((await saveSettings(db, tooFar)).learnAheadMinutes).toBe(1_440);
    expect((await saveSettings(db, tooShort)).answerTargetSeconds.behavioral).toBe(15);
    // A stored row from before these settings existed reads with their defaults.
    const {
      learnAheadMinutes: _,
      answerTargetSeconds: __,
      keepRecordingsPerCard: ___,
      listen: ____,
      ...older
    } = DEFAULT_SETTINGS;
    await db.settings.put({ ...older, newPerDay: 3, key: 'settings' } as never);
    expect(await getSettings(db)).toEqual({ ...DEFAULT_SETTINGS, newPerDay: 3 });
  });

  it('the backup format, the save path, the scheduler and validateSettings accept exactly the same settings', async () => {
    // Numbers inside their bounds are what the save path stores unchanged (its clamp leaves them be),
    // so for these every reader must give the same verdict; steps and lists vary freely.
    await fc.assert(
      fc.asyncProperty(settingsWith(inBounds), async (s) => {
        expect(sanitizeSettings(s)).toEqual(s);
        const rules = byRules(s);
        expect({ backup: byBackup(s), scheduler: byScheduler(s), save: await bySave(s) }).toEqual({
          backup: rules,
          scheduler: rules,
          save: rules,
        });
      }),
      { numRuns: 300 },
    );
  });

  it('agree on numbers outside their bounds too: the backup and the scheduler refuse what validateSettings refuses', () => {
    fc.assert(
      fc.property(settingsWith(anyNumber), (s) => {
        expect(byBackup(s)).toBe(byRules(s));
        expect(byScheduler(s)).toBe(byRules(schedulingPart(s)));
        expect(byBackup(schedulingPart(s))).toBe(byRules(schedulingPart(s)));
      }),
      { numRuns: 500 },
    );
  });

  it('sanitize brings every number into its bound; only a wrong step is left to refuse', async () => {
    await fc.assert(
      fc.asyncProperty(settingsWith(anyNumber), async (s) => {
        const clean = sanitizeSettings(s);
        const problems = validateSettings(clean);
        expect(problems.every((p) => p.field === 'learningSteps' || p.field === 'relearningSteps')).toBe(
          true,
        );
        expect(await bySave(s)).toBe(problems.length === 0);
        if (problems.length === 0) {
          expect({ backup: byBackup(clean), scheduler: byScheduler(clean) }).toEqual({
            backup: true,
            scheduler: true,
          });
        }
        for (const field of NUMERIC) {
          const { min, max } = SETTING_BOUNDS[field];
          expect(clean[field]).toBeGreaterThanOrEqual(min);
          expect(clean[field]).toBeLessThanOrEqual(max);
        }
        for (const kind of KINDS) {
          expect(clean.answerTargetSeconds[kind]).toBeGreaterThanOrEqual(ANSWER_TARGET_BOUNDS.min);
          expect(clean.answerTargetSeconds[kind]).toBeLessThanOrEqual(ANSWER_TARGET_BOUNDS.max);
        }
        for (const field of Object.keys(LISTEN_BOUNDS) as ListenField[]) {
          expect(clean.listen[field]).toBeGreaterThanOrEqual(LISTEN_BOUNDS[field].min);
          expect(clean.listen[field]).toBeLessThanOrEqual(LISTEN_BOUNDS[field].max);
        }
        expect(clean.keepRecordingsPerCard).toBeGreaterThanOrEqual(KEEP_RECORDINGS_BOUNDS.min);
        expect(clean.keepRecordingsPerCard).toBeLessThanOrEqual(KEEP_RECORDINGS_BOUNDS.max);
      }),
      { numRuns: 300 },
    );
  });

  it('sanitize keeps settings that are already valid as they are', () => {
    fc.assert(
      fc.property(settingsWith(inBounds), (s) => {
        expect(sanitizeSettings(s)).toEqual(s);
      }),
    );
    expect(sanitizeSettings(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    expect(byRules(DEFAULT_SETTINGS)).toBe(true);
  });

  it('listen mode: a rate of 2 or a 1 s timeout is refused by every reader and clamped by the save path; an older backup reads with the defaults', async () => {
    const fast = { ...DEFAULT_SETTINGS, listen: { ...DEFAULT_SETTINGS.listen, rate: 2 } };
    const hasty = { ...DEFAULT_SETTINGS, listen: { ...DEFAULT_SETTINGS.listen, answerTimeoutSeconds: 1 } };
    for (const s of [fast, hasty]) expect([byRules(s), byBackup(s)]).toEqual([false, false]);
    expect(validateSettings(fast)).toEqual([
      { field: 'listen.rate', message: 'The speech rate must be at most 1.5.' },
    ]);
    expect((await saveSettings(db, fast)).listen.rate).toBe(1.5);
    expect((await saveSettings(db, hasty)).listen.answerTimeoutSeconds).toBe(5);
    const backup = createBackup(
      { decks: [], cards: [], schedules: [], reviews: [], settings: DEFAULT_SETTINGS },
      NOW,
    );
    const { listen: _, ...older } = backup.settings;
    expect(parseBackup(JSON.stringify({ ...backup, settings: older })).settings).toEqual(DEFAULT_SETTINGS);
  });

  it('one bound per field: 10,000 new cards a day and a "1.5m" step are refused everywhere', async () => {
    const many = { ...DEFAULT_SETTINGS, newPerDay: SETTING_BOUNDS.newPerDay.max + 1 };
    expect([byRules(many), byBackup(many)]).toEqual([false, false]);
    expect((await saveSettings(db, many)).newPerDay).toBe(SETTING_BOUNDS.newPerDay.max);
    const fractional = { ...DEFAULT_SETTINGS, learningSteps: ['1.5m'] };
    expect([
      byRules(fractional),
      byBackup(fractional),
      byScheduler(fractional),
      await bySave(fractional),
    ]).toEqual([false, false, false, false]);
  });
});
