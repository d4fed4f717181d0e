// The user's settings: their shape and defaults, the bounds of every number, the step syntax, one validator and one clamp.
import { KINDS, type Kind } from './card';
import type { Problem } from './errors';
import { minutesSeconds } from './pacing';

export interface SchedulingSettings {
  /** Within SETTING_BOUNDS.desiredRetention (0.70 – 0.97). */
  desiredRetention: number;
  /** e.g. ['1m', '10m']: each a step as `parseStep` reads it. */
  learningSteps: string[];
  relearningSteps: string[];
  maximumIntervalDays: number;
  enableFuzz: boolean;
}

export interface Settings extends SchedulingSettings {
  newPerDay: number;
  maxReviewsPerDay: number;
  /** Hour (0–23, local time) at which a new day starts. */
  dayStartHour: number;
  /**
   * Learn ahead, as in Anki: when nothing else is left in a session, a learning card due within
   * this many minutes is shown at once rather than waited for. 0 waits for each card's minute.
   */
  learnAheadMinutes: number;
  /** Shows the answer timer: time left of the kind's target, then time over it. */
  showTimer: boolean;
  /** Target answer time per kind, seconds, each within ANSWER_TARGET_BOUNDS. */
  answerTargetSeconds: Record<Kind, number>;
}

export const DEFAULT_SETTINGS: Settings = {
  desiredRetention: 0.9,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  maximumIntervalDays: 36500,
  enableFuzz: true,
  newPerDay: 10,
  maxReviewsPerDay: 200,
  dayStartHour: 4,
  learnAheadMinutes: 20,
  showTimer: true,
  answerTargetSeconds: { behavioral: 120, 'system-design': 300, operational: 180, judgement: 120 },
};

export interface NumberBound {
  min: number;
  max: number;
  /** Whole numbers only. */
  integer: boolean;
}

export type NumericSetting =
  | 'desiredRetention'
  | 'maximumIntervalDays'
  | 'newPerDay'
  | 'maxReviewsPerDay'
  | 'dayStartHour'
  | 'learnAheadMinutes';

/**
 * The range of every numeric setting: the form's min/max, the clamp, the validator, the scheduler
 * and the backup format all read this table, so a value one of them accepts no other refuses.
 */
export const SETTING_BOUNDS: Readonly<Record<NumericSetting, NumberBound>> = {
  // Below 0.70 FSRS schedules so rarely that most cards are forgotten; above 0.97 the workload explodes.
  desiredRetention: { min: 0.7, max: 0.97, integer: false },
  // A hundred years: ts-fsrs's own cap.
  maximumIntervalDays: { min: 1, max: 36_500, integer: true },
  newPerDay: { min: 0, max: 9_999, integer: true },
  maxReviewsPerDay: { min: 0, max: 99_999, integer: true },
  dayStartHour: { min: 0, max: 23, integer: true },
  // A whole day: a learning step is at most that long within a study day.
  learnAheadMinutes: { min: 0, max: 1_440, integer: true },
};

/** Target answer times, seconds: under 15 s no answer is rehearsed; over 30 min is no target. */
export const ANSWER_TARGET_BOUNDS: NumberBound = { min: 15, max: 1_800, integer: true };

/** Most learning (or relearning) steps one list may hold. */
export const MAX_STEPS = 20;

/** A step as ts-fsrs reads it: a whole number of minutes, hours or days, e.g. "10m", "1h", "2d". */
export type Step = `${number}${'m' | 'h' | 'd'}`;

// Whole numbers only because ts-fsrs parses steps with parseInt: "1.5m" would silently become 1m.
const STEP = /^\s*(\d{1,9})\s*([mhd])\s*$/;

/** '10m', ' 1 h ' → '10m', '1h'; null when the text is not a step (zero, fractions, seconds…). */
export function parseStep(text: string): Step | null {
  const match = STEP.exec(text);
  const value = match?.[1] !== undefined ? Number(match[1]) : 0;
  if (!match || value < 1) return null;
  return `${value}${match[2] as 'm' | 'h' | 'd'}`;
}

export function isStep(text: unknown): boolean {
  return typeof text === 'string' && parseStep(text) !== null;
}

/** Why `value` is outside its bound (a setting's name or a bound itself), or null when it is inside. */
export function boundProblem(field: NumericSetting | NumberBound, value: unknown): string | null {
  const bound = typeof field === 'string' ? SETTING_BOUNDS[field] : field;
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
  if (bound.integer && !Number.isInteger(value)) return 'must be a whole number';
  if (value < bound.min) return `must be at least ${bound.min}`;
  if (value > bound.max) return `must be at most ${bound.max}`;
  return null;
}

function stepProblems(field: 'learningSteps' | 'relearningSteps', steps: unknown, problems: Problem[]): void {
  if (!Array.isArray(steps)) {
    problems.push({ field, message: 'The steps must be a list, e.g. 1m 10m.' });
    return;
  }
  if (steps.length > MAX_STEPS) {
    problems.push({ field, message: `Use at most ${MAX_STEPS} steps.` });
  }
  for (const step of steps) {
    if (!isStep(step)) {
      problems.push({
        field,
        message: `"${String(step)}" is not a step: write a whole number and m, h or d, e.g. 10m.`,
      });
    }
  }
}

/** Every problem with the fields the scheduler reads; empty when it can schedule with them. */
export function validateSchedulingSettings(s: SchedulingSettings): Problem[] {
  const problems: Problem[] = [];
  if (boundProblem('desiredRetention', s.desiredRetention) !== null) {
    problems.push({
      field: 'desiredRetention',
      message: `Desired retention must be between ${SETTING_BOUNDS.desiredRetention.min} and ${SETTING_BOUNDS.desiredRetention.max}.`,
    });
  }
  if (boundProblem('maximumIntervalDays', s.maximumIntervalDays) !== null) {
    problems.push({
      field: 'maximumIntervalDays',
      message: `The maximum interval must be a whole number of days from ${SETTING_BOUNDS.maximumIntervalDays.min} to ${SETTING_BOUNDS.maximumIntervalDays.max}.`,
    });
  }
  stepProblems('learningSteps', s.learningSteps, problems);
  stepProblems('relearningSteps', s.relearningSteps, problems);
  if (typeof s.enableFuzz !== 'boolean')
    problems.push({ field: 'enableFuzz', message: 'Fuzz must be on or off.' });
  return problems;
}

const LABELS: Record<Exclude<NumericSetting, 'desiredRetention' | 'maximumIntervalDays'>, string> = {
  newPerDay: 'New cards per day',
  maxReviewsPerDay: 'Maximum reviews per day',
  dayStartHour: 'The hour a day starts',
  learnAheadMinutes: 'The learn-ahead limit',
};

/** Every problem with a whole settings object; empty when it may be stored, restored and scheduled with. */
export function validateSettings(s: Settings): Problem[] {
  const problems = validateSchedulingSettings(s);
  for (const field of ['newPerDay', 'maxReviewsPerDay', 'dayStartHour', 'learnAheadMinutes'] as const) {
    const problem = boundProblem(field, s[field]);
    if (problem !== null) problems.push({ field, message: `${LABELS[field]} ${problem}.` });
  }
  if (typeof s.showTimer !== 'boolean')
    problems.push({ field: 'showTimer', message: 'The timer must be on or off.' });
  if (KINDS.some((kind) => boundProblem(ANSWER_TARGET_BOUNDS, s.answerTargetSeconds?.[kind]) !== null))
    problems.push({ field: 'answerTargetSeconds', message: `Target answer times ${answerTargetRange()}.` });
  return problems;
}

/** The target answer time for a card of this kind, ms. */
export function answerTargetMs(s: Pick<Settings, 'answerTargetSeconds'>, kind: Kind): number {
  return s.answerTargetSeconds[kind] * 1000;
}

/** "must be from 0:15 to 30:00": the bound of a target answer time, in words. */
export function answerTargetRange(): string {
  return `must be from ${minutesSeconds(ANSWER_TARGET_BOUNDS.min)} to ${minutesSeconds(ANSWER_TARGET_BOUNDS.max)}`;
}

function clamp({ min, max, integer }: NumberBound, value: number, fallback: number): number {
  const clamped = Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
  return integer ? Math.round(clamped) : clamped;
}

/**
 * Clamps every number into its bound (a value that is no number at all takes the default) and
 * rounds whole-number fields, so that a stale form or another tab can never store an
 * out-of-range value. Steps are left as they are: a wrong step cannot be clamped, only refused.
 */
export function sanitizeSettings(s: Settings): Settings {
  const out: Settings = { ...s, answerTargetSeconds: { ...DEFAULT_SETTINGS.answerTargetSeconds } };
  for (const field of Object.keys(SETTING_BOUNDS) as NumericSetting[]) {
    out[field] = clamp(SETTING_BOUNDS[field], s[field], DEFAULT_SETTINGS[field]);
  }
  for (const kind of KINDS) {
    out.answerTargetSeconds[kind] = clamp(
      ANSWER_TARGET_BOUNDS,
      s.answerTargetSeconds?.[kind] as number,
      DEFAULT_SETTINGS.answerTargetSeconds[kind],
    );
  }
  return out;
}
