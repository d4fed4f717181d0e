// The rules a settings object must keep to be stored, restored or scheduled with: one validator and one
// clamp, over the bounds and step syntax of settings.ts. Apart from it so the first card loads neither.
import type { Problem } from './errors';
import {
  DEFAULT_SETTINGS,
  isStep,
  MAX_STEPS,
  type NumericSetting,
  type SchedulingSettings,
  SETTING_BOUNDS,
  type Settings,
} from './settings';

/** Why `value` is outside its bound, or null when it is inside. */
export function boundProblem(field: NumericSetting, value: unknown): string | null {
  const bound = SETTING_BOUNDS[field];
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
};

/** Every problem with a whole settings object; empty when it may be stored, restored and scheduled with. */
export function validateSettings(s: Settings): Problem[] {
  const problems = validateSchedulingSettings(s);
  for (const field of ['newPerDay', 'maxReviewsPerDay', 'dayStartHour'] as const) {
    const problem = boundProblem(field, s[field]);
    if (problem !== null) problems.push({ field, message: `${LABELS[field]} ${problem}.` });
  }
  if (typeof s.showTimer !== 'boolean')
    problems.push({ field: 'showTimer', message: 'The timer must be on or off.' });
  return problems;
}

/**
 * Clamps every number into its bound (a value that is no number at all takes the default) and
 * rounds whole-number fields, so that a stale form or another tab can never store an
 * out-of-range value. Steps are left as they are: a wrong step cannot be clamped, only refused.
 */
export function sanitizeSettings(s: Settings): Settings {
  const out: Settings = { ...s };
  for (const field of Object.keys(SETTING_BOUNDS) as NumericSetting[]) {
    const { min, max, integer } = SETTING_BOUNDS[field];
    const value = s[field];
    const clamped = Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : DEFAULT_SETTINGS[field];
    out[field] = integer ? Math.round(clamped) : clamped;
  }
  return out;
}
