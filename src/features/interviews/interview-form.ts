// The interview editor's form as typed (date, time and numbers as text) and its conversion to and from a draft.
import type { Kind, Level } from '../../domain';
import type { Interview, InterviewCovers } from '../../domain/interview';
import { DEFAULT_INTERVIEW_HOUR, defaultInterviewDraft, type InterviewDraft } from '../../domain/interview';

export interface InterviewForm {
  name: string;
  /** 'YYYY-MM-DD', as a date input gives it; '' until chosen. */
  date: string;
  /** 'HH:MM', or '' for the default hour. */
  time: string;
  deckIds: string[];
  levels: Level[];
  kinds: Kind[];
  tags: string[];
  dailyMinutes: string;
  leadDays: string;
  /** The target recall in percent. */
  targetPercent: string;
}

/** The fields of the form in screen order, each with the id of its control (messages go there). */
export const INTERVIEW_FIELDS = {
  name: 'kp-interview-name',
  at: 'kp-interview-date',
  covers: 'kp-interview-covers',
  dailyMinutes: 'kp-interview-minutes',
  leadDays: 'kp-interview-lead',
  target: 'kp-interview-target',
} as const;

export type InterviewField = keyof typeof INTERVIEW_FIELDS;

/** Where a problem of validateInterviewDraft is shown: 'covers.levels' goes with the covers. */
export function fieldOf(problemField: string | undefined): InterviewField {
  const head = (problemField ?? 'name').split('.')[0] as InterviewField;
  return head in INTERVIEW_FIELDS ? head : 'name';
}

/** The time a date without one stands for, as a time input shows it: "09:00". */
export const DEFAULT_TIME = `${String(DEFAULT_INTERVIEW_HOUR).padStart(2, '0')}:00`;

const pad = (n: number) => String(n).padStart(2, '0');

/** The moment a date and optional time name, in local time; NaN without a valid date. */
export function momentOf(date: string, time: string): number {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!d) return Number.NaN;
  const t = /^(\d{1,2}):(\d{2})/.exec(time.trim() || DEFAULT_TIME);
  if (!t) return Number.NaN;
  const at = new Date(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  // The constructor rolls over impossible dates (31 April → 1 May): refuse them instead.
  return at.getDate() === Number(d[3]) ? at.getTime() : Number.NaN;
}

function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

export function emptyForm(): InterviewForm {
  return formFromDraft(defaultInterviewDraft(Number.NaN));
}

function formFromDraft(draft: InterviewDraft): InterviewForm {
  const at = new Date(draft.at);
  const known = Number.isFinite(draft.at);
  return {
    name: draft.name,
    date: known ? `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}` : '',
    time: known ? `${pad(at.getHours())}:${pad(at.getMinutes())}` : '',
    deckIds: [...(draft.covers.deckIds ?? [])],
    levels: [...(draft.covers.levels ?? [])],
    kinds: [...(draft.covers.kinds ?? [])],
    tags: [...(draft.covers.tags ?? [])],
    dailyMinutes: String(draft.dailyMinutes),
    leadDays: String(draft.leadDays),
    targetPercent: String(Math.round(draft.target * 100)),
  };
}

export function formFrom(interview: Interview): InterviewForm {
  return formFromDraft(interview);
}

export function coversOf(form: InterviewForm): InterviewCovers {
  const covers: InterviewCovers = {};
  if (form.deckIds.length > 0) covers.deckIds = form.deckIds;
  if (form.levels.length > 0) covers.levels = form.levels;
  if (form.kinds.length > 0) covers.kinds = form.kinds;
  if (form.tags.length > 0) covers.tags = form.tags;
  return covers;
}

export function draftFrom(form: InterviewForm): InterviewDraft {
  return {
    name: form.name,
    at: momentOf(form.date, form.time),
    covers: coversOf(form),
    dailyMinutes: numberOf(form.dailyMinutes),
    leadDays: numberOf(form.leadDays),
    target: numberOf(form.targetPercent) / 100,
  };
}
