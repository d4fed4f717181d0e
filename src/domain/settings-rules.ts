// The rules a settings object must keep to be stored, restored or scheduled with: one validator and one
// clamp, over the bounds and step syntax of settings.ts. Apart from it so the first card loads neither.
import { KINDS } from './card';
import type { Problem } from './errors';
import { minutesSeconds } from './pacing';
import {
  ANSWER_TARGET_BOUNDS,
  DEFAULT_LISTEN_SETTINGS,
  DEFAULT_SETTINGS,
  FSRS_PARAMETER_COUNT,
  isStep,
  KEEP_RECORDINGS_BOUNDS,
  LISTEN_BOUNDS,
  type ListenSettings,
  MAX_STEPS,
  type NumberBound,
  type NumericSetting,
  type SchedulingSettings,
  SETTING_BOUNDS,
  type Settings,
  VOICE_URI_MAX,
} from './settings';

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
  if (s.fsrsParameters != null && !isFsrsParameters(s.fsrsParameters))
    problems.push({ field: 'fsrsParameters', message: FSRS_PARAMETERS_MESSAGE });
  return problems;
}

const FSRS_PARAMETERS_MESSAGE = `FSRS parameters must be ${FSRS_PARAMETER_COUNT} numbers.`;

/** FSRS weights the scheduler can use: FSRS_PARAMETER_COUNT finite numbers. */
export function isFsrsParameters(w: unknown): w is number[] {
  return (
    Array.isArray(w) &&
    w.length === FSRS_PARAMETER_COUNT &&
    w.every((x) => typeof x === 'number' && Number.isFinite(x))
  );
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
  listenProblems(s.listen, problems);
  const revert = s.revertFsrsParameters;
  if (
    revert !== undefined &&
    (revert?.parameters === undefined || (revert.parameters !== null && !isFsrsParameters(revert.parameters)))
  )
    problems.push({
      field: 'revertFsrsParameters',
      message: `The parameters to revert to: ${FSRS_PARAMETERS_MESSAGE}`,
    });
  // Recordings.
  const keep = boundProblem(KEEP_RECORDINGS_BOUNDS, s.keepRecordingsPerCard);
  if (keep !== null)
    problems.push({ field: 'keepRecordingsPerCard', message: `The recordings kept per card ${keep}.` });
  return problems;
}

// Listen mode's block.

const LISTEN_LABELS: Record<keyof typeof LISTEN_BOUNDS, string> = {
  rate: 'The speech rate',
  thinkSeconds: 'The thinking pause',
  answerTimeoutSeconds: 'The answer timeout',
};

function listenProblems(l: ListenSettings | undefined, problems: Problem[]): void {
  if (!l || typeof l !== 'object') {
    problems.push({ field: 'listen', message: 'The listen settings are missing.' });
    return;
  }
  for (const field of Object.keys(LISTEN_BOUNDS) as (keyof typeof LISTEN_BOUNDS)[]) {
    const problem = boundProblem(LISTEN_BOUNDS[field], l[field]);
    if (problem !== null)
      problems.push({ field: `listen.${field}`, message: `${LISTEN_LABELS[field]} ${problem}.` });
  }
  if (typeof l.voice !== 'string' || l.voice.length > VOICE_URI_MAX)
    problems.push({ field: 'listen.voice', message: 'The voice must be one of the voices listed.' });
  if (typeof l.readContext !== 'boolean')
    problems.push({ field: 'listen.readContext', message: 'Reading the context must be on or off.' });
}

function sanitizeListen(l: Partial<ListenSettings> | undefined): ListenSettings {
  const d = DEFAULT_LISTEN_SETTINGS;
  const given = l ?? {};
  return {
    voice: typeof given.voice === 'string' && given.voice.length <= VOICE_URI_MAX ? given.voice : d.voice,
    rate: clamp(LISTEN_BOUNDS.rate, given.rate as number, d.rate),
    readContext: typeof given.readContext === 'boolean' ? given.readContext : d.readContext,
    thinkSeconds: clamp(LISTEN_BOUNDS.thinkSeconds, given.thinkSeconds as number, d.thinkSeconds),
    answerTimeoutSeconds: clamp(
      LISTEN_BOUNDS.answerTimeoutSeconds,
      given.answerTimeoutSeconds as number,
      d.answerTimeoutSeconds,
    ),
  };
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
  const out: Settings = {
    ...s,
    answerTargetSeconds: { ...DEFAULT_SETTINGS.answerTargetSeconds },
    listen: sanitizeListen(s.listen),
  };
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
  // Recordings.
  out.keepRecordingsPerCard = clamp(
    KEEP_RECORDINGS_BOUNDS,
    s.keepRecordingsPerCard,
    DEFAULT_SETTINGS.keepRecordingsPerCard,
  );
  return out;
}
