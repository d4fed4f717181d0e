// The user's settings: their shape and defaults, the bounds of every number, the step syntax (the
// validator and the clamp, which only saving, restoring and scheduling need, are in settings-rules.ts).
import type { Kind } from './card';

export interface SchedulingSettings {
  /** Within SETTING_BOUNDS.desiredRetention (0.70 – 0.97). */
  desiredRetention: number;
  /** e.g. ['1m', '10m']: each a step as `parseStep` reads it. */
  learningSteps: string[];
  relearningSteps: string[];
  maximumIntervalDays: number;
  enableFuzz: boolean;
  /**
   * FSRS weights fitted to the user's own reviews (Optimize): FSRS_PARAMETER_COUNT finite numbers.
   * Absent or null: FSRS's defaults.
   */
  fsrsParameters?: number[] | null;
}

/** FSRS-6's weights, as ts-fsrs 5 and the optimizer give them. */
export const FSRS_PARAMETER_COUNT = 21;

// Rehearsing out loud: recordings of spoken answers, kept per card.
export interface RecordingSettings {
  /** How many recordings each card keeps (the newest), within KEEP_RECORDINGS_BOUNDS. */
  keepRecordingsPerCard: number;
}

export const DEFAULT_RECORDING_SETTINGS: RecordingSettings = { keepRecordingsPerCard: 3 };

/** At least the one just made; twenty takes of one answer are more than anyone listens back to. */
export const KEEP_RECORDINGS_BOUNDS: NumberBound = { min: 1, max: 20, integer: true };

export interface Settings extends SchedulingSettings, RecordingSettings {
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
  /** Listen mode: how cards are read aloud. */
  listen: ListenSettings;
  /**
   * What the last Apply of fitted weights replaced (null: the defaults), for Revert; absent when
   * there is nothing to go back to.
   */
  revertFsrsParameters?: { parameters: number[] | null };
}

// Listen mode's settings, in a block of their own.

/** How listen mode reads. Device-specific (a voice exists on one device only), kept with the rest. */
export interface ListenSettings {
  /** The chosen voice's URI; '' lets the app pick (an on-device voice of the page's language first). */
  voice: string;
  /** Speech rate, within LISTEN_BOUNDS.rate (0.8 – 1.5). */
  rate: number;
  /** Reads the card's context after its question. */
  readContext: boolean;
  /** Silence after the question to think the answer through, seconds. */
  thinkSeconds: number;
  /** How long "How did you do?" waits for a grade before the card is skipped, seconds. */
  answerTimeoutSeconds: number;
}

export const DEFAULT_LISTEN_SETTINGS: ListenSettings = {
  voice: '',
  rate: 1,
  readContext: false,
  thinkSeconds: 20,
  answerTimeoutSeconds: 15,
};

export const LISTEN_BOUNDS: Readonly<Record<'rate' | 'thinkSeconds' | 'answerTimeoutSeconds', NumberBound>> =
  {
    // Slower is hard to follow in a noisy carriage; faster stops being understood.
    rate: { min: 0.8, max: 1.5, integer: false },
    thinkSeconds: { min: 0, max: 300, integer: true },
    // Under 5 s a grade cannot be given by thumb; over 2 min the card is better skipped.
    answerTimeoutSeconds: { min: 5, max: 120, integer: true },
  };

/** Longest voice URI kept (they are short names or URLs). */
export const VOICE_URI_MAX = 500;

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
  listen: DEFAULT_LISTEN_SETTINGS,
  ...DEFAULT_RECORDING_SETTINGS,
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

/** The target answer time for a card of this kind, ms. */
export function answerTargetMs(s: Pick<Settings, 'answerTargetSeconds'>, kind: Kind): number {
  return s.answerTargetSeconds[kind] * 1000;
}
