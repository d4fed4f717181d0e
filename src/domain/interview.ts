// An interview: what it is, which cards it covers, its bounds and validation (one home for the
// editor, storage, backups, readiness and the plan). Free of the scheduler, so storage can read it anywhere.
import { type Card, KINDS, type Kind, LEVELS, type Level } from './card';
import type { Problem } from './errors';

/** Which cards an interview covers. An absent or empty list does not filter on that field. */
export interface InterviewCovers {
  deckIds?: string[];
  levels?: Level[];
  kinds?: Kind[];
  /** A card is covered when it has at least one of these tags. */
  tags?: string[];
}

/** A named moment the user must be ready by, covering some cards. */
export interface Interview {
  id: string;
  name: string;
  /** Epoch ms of the interview moment. A date given without a time is the caller's choice of hour. */
  at: number;
  covers: InterviewCovers;
  /** Study time per day the plan may fill. */
  dailyMinutes: number;
  /** Every covered card is introduced at least this many study days before the interview. */
  leadDays: number;
  /** Predicted recall (0–1) each card should reach; cards under it get boosters. */
  target: number;
  createdAt: number;
  /**
   * Epoch ms of the last save from the editor; absent on an interview not edited since this was
   * kept (createdAt stands in). Merging backups keeps the newer copy by it.
   */
  updatedAt?: number;
  /** Readiness (0–100) at the interview moment, kept once it has passed; null before. */
  reachedReadiness: number | null;
}

export const DEFAULT_INTERVIEW_DAILY_MINUTES = 20;
export const DEFAULT_INTERVIEW_LEAD_DAYS = 3;
export const DEFAULT_INTERVIEW_TARGET = 0.9;

/** The fields of a card that `covers` and the breakdowns read. */
export type CoverableCard = Pick<Card, 'id' | 'deckId' | 'level' | 'kind' | 'tags'>;

function allows<T>(list: readonly T[] | undefined, value: T): boolean {
  return list === undefined || list.length === 0 || list.includes(value);
}

/** Whether the interview covers the card: every non-empty filter must match (fields are ANDed). */
export function covers(interview: Pick<Interview, 'covers'>, card: CoverableCard): boolean {
  const c = interview.covers;
  if (!allows(c.deckIds, card.deckId) || !allows(c.levels, card.level) || !allows(c.kinds, card.kind)) {
    return false;
  }
  return c.tags === undefined || c.tags.length === 0 || card.tags.some((t) => c.tags?.includes(t));
}

/**
 * Once the interview moment has passed, the readiness it reached is kept on the interview (it can
 * no longer be recomputed once later reviews change the schedules). Before, or once kept: unchanged.
 */
export function settleInterview(interview: Interview, readinessAtInterview: number, now: number): Interview {
  if (now < interview.at || interview.reachedReadiness !== null) return interview;
  return { ...interview, reachedReadiness: readinessAtInterview };
}

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
