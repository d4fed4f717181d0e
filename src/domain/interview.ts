// What an interview may hold: bounds and validation, one home for the editor, storage and backups.
import { KINDS, LEVELS } from './card';
import type { Problem } from './errors';
import {
  DEFAULT_INTERVIEW_DAILY_MINUTES,
  DEFAULT_INTERVIEW_LEAD_DAYS,
  DEFAULT_INTERVIEW_TARGET,
  type Interview,
  type InterviewCovers,
} from './readiness';

/** Inclusive bounds of an interview's numbers. */
export const INTERVIEW_BOUNDS = {
  nameLength: { min: 1, max: 120 },
  dailyMinutes: { min: 1, max: 600 },
  leadDays: { min: 0, max: 60 },
  target: { min: 0.5, max: 0.99 },
} as const;

/** What the editor fills in; the rest (id, createdAt, reachedReadiness) belongs to storage. */
export type InterviewDraft = Pick<
  Interview,
  'name' | 'at' | 'covers' | 'dailyMinutes' | 'leadDays' | 'target'
>;

export function defaultInterviewDraft(at: number): InterviewDraft {
  return {
    name: '',
    at,
    covers: {},
    dailyMinutes: DEFAULT_INTERVIEW_DAILY_MINUTES,
    leadDays: DEFAULT_INTERVIEW_LEAD_DAYS,
    target: DEFAULT_INTERVIEW_TARGET,
  };
}

function inRange(value: number, bounds: { min: number; max: number }): boolean {
  return Number.isFinite(value) && value >= bounds.min && value <= bounds.max;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function coverProblems(covers: InterviewCovers): Problem[] {
  const problems: Problem[] = [];
  for (const key of ['deckIds', 'levels', 'kinds', 'tags'] as const) {
    const list = covers[key];
    if (list !== undefined && !isStringList(list)) {
      problems.push({ field: `covers.${key}`, message: 'must be a list of names.' });
    }
  }
  const known = (list: readonly string[] | undefined, allowed: readonly string[]) =>
    list === undefined || list.every((v) => allowed.includes(v));
  if (isStringList(covers.levels) && !known(covers.levels, LEVELS)) {
    problems.push({ field: 'covers.levels', message: `Levels are ${LEVELS.join(', ')}.` });
  }
  if (isStringList(covers.kinds) && !known(covers.kinds, KINDS)) {
    problems.push({ field: 'covers.kinds', message: `Kinds are ${KINDS.join(', ')}.` });
  }
  return problems;
}

/** A date given without a time stands for this hour of that day (local time): a usual start of an onsite. */
export const DEFAULT_INTERVIEW_HOUR = 9;

/**
 * Every problem with a draft, worded for the editor; empty when it can be saved. With `now`, a
 * moment that is not ahead of it is refused too: the editor passes it for a new date, never to
 * rename an interview that has passed.
 */
export function validateInterviewDraft(draft: InterviewDraft, now?: number): Problem[] {
  const problems: Problem[] = [];
  const name = draft.name.trim();
  const { nameLength, dailyMinutes, leadDays, target } = INTERVIEW_BOUNDS;
  if (name.length < nameLength.min) problems.push({ field: 'name', message: 'Give the interview a name.' });
  if (name.length > nameLength.max) {
    problems.push({ field: 'name', message: `Keep the name under ${nameLength.max + 1} characters.` });
  }
  if (!Number.isFinite(draft.at))
    problems.push({ field: 'at', message: 'Choose the date of the interview.' });
  else if (now !== undefined && draft.at <= now)
    problems.push({ field: 'at', message: 'This moment has passed: choose a date and time still ahead.' });
  if (!inRange(draft.dailyMinutes, dailyMinutes) || !Number.isInteger(draft.dailyMinutes)) {
    problems.push({
      field: 'dailyMinutes',
      message: `Minutes per day must be a whole number from ${dailyMinutes.min} to ${dailyMinutes.max}.`,
    });
  }
  if (!inRange(draft.leadDays, leadDays) || !Number.isInteger(draft.leadDays)) {
    problems.push({
      field: 'leadDays',
      message: `Days of lead must be a whole number from ${leadDays.min} to ${leadDays.max}.`,
    });
  }
  if (!inRange(draft.target, target)) {
    problems.push({
      field: 'target',
      message: `The target must be from ${Math.round(target.min * 100)}% to ${Math.round(target.max * 100)}%.`,
    });
  }
  problems.push(...coverProblems(draft.covers));
  return problems;
}

/**
 * The stored interview a valid draft becomes (new when `existing` is absent). `identity.createdAt`
 * is the moment of this save: a new interview's creation, an edit's `updatedAt`.
 */
export function interviewFromDraft(
  draft: InterviewDraft,
  identity: { id: string; createdAt: number },
  existing?: Interview,
): Interview {
  const covers: InterviewCovers = {};
  for (const key of ['deckIds', 'levels', 'kinds', 'tags'] as const) {
    const list = draft.covers[key];
    if (list !== undefined && list.length > 0) (covers as Record<string, unknown>)[key] = [...new Set(list)];
  }
  const moved = existing !== undefined && existing.at !== draft.at;
  return {
    id: identity.id,
    name: draft.name.trim(),
    at: draft.at,
    covers,
    dailyMinutes: draft.dailyMinutes,
    leadDays: draft.leadDays,
    target: draft.target,
    createdAt: existing?.createdAt ?? identity.createdAt,
    updatedAt: identity.createdAt,
    // Moving the date reopens the interview: the readiness kept was for the old moment.
    reachedReadiness: moved ? null : (existing?.reachedReadiness ?? null),
  };
}
