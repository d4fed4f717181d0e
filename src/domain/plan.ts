// The interview plan: today's extra new cards and boosters, within the day's time budget.
import { type Review, type Schedule, State } from './card';
import { nextDayStart, startOfStudyDay } from './day';
import { type CoverableCard, covers, type Interview } from './interview';
import { median } from './median';
import {
  curveOf,
  type ForgettingCurve,
  forecastScheduler,
  predictedRecall,
  recallAfterReview,
} from './readiness';
import type { Scheduler } from './scheduler';
import type { Settings } from './settings';
import { count } from './words';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Time one study step takes the user, from their own review log. */
export interface StudyDurations {
  /** A card's first review (log state New): reading the whole card for the first time. */
  firstReviewMs: number;
  /** Any later review, learning steps included. */
  reviewMs: number;
}

/**
 * Before the log has any: a first review means reading the question, context, key points and
 * example answer, and trying it once (3 min); a later review is one rehearsal of a known answer
 * spoken or thought through and graded (1.5 min).
 */
export const DEFAULT_STUDY_DURATIONS: StudyDurations = { firstReviewMs: 180_000, reviewMs: 90_000 };
/** How many of the latest reviews of each sort the medians read: recent habits, not old ones. */
export const RECENT_DURATIONS = 100;

/**
 * Medians of the recent review durations, first reviews apart from the others. A median, because
 * a card left open during a phone call would pull a mean far off; durations ≤ 0 are not timings.
 */
export function studyDurations(
  reviews: Iterable<Pick<Review, 'durationMs' | 'reviewedAt' | 'log'>>,
  recent = RECENT_DURATIONS,
): StudyDurations {
  const first: Pick<Review, 'durationMs' | 'reviewedAt'>[] = [];
  const later: Pick<Review, 'durationMs' | 'reviewedAt'>[] = [];
  for (const r of reviews) {
    if (!(r.durationMs > 0 && Number.isFinite(r.durationMs))) continue;
    (r.log.state === State.New ? first : later).push(r);
  }
  const latest = (list: Pick<Review, 'durationMs' | 'reviewedAt'>[]) =>
    median(
      list
        .sort((a, b) => b.reviewedAt - a.reviewedAt)
        .slice(0, recent)
        .map((r) => r.durationMs),
    );
  return {
    firstReviewMs: latest(first) ?? DEFAULT_STUDY_DURATIONS.firstReviewMs,
    reviewMs: latest(later) ?? DEFAULT_STUDY_DURATIONS.reviewMs,
  };
}

/**
 * Reviews a new card takes on the day it is introduced, all graded Good: the first one and then one
 * per learning step that comes back the same day (one with steps 1m, 10m: Good skips to 10m).
 */
export function sameDayReviews(scheduler: Scheduler, now: number): number {
  let schedule = scheduler.newSchedule('', now);
  let count = 0;
  let at = now;
  do {
    schedule = scheduler.grade(schedule, 3, at).schedule;
    at = schedule.due;
    count += 1;
  } while (schedule.state !== State.Review && at - now < DAY && count < 20);
  return count;
}

/** Estimated time to introduce one new card: its first review plus its same-day learning steps. */
export function newCardMs(durations: StudyDurations, reviewsOnFirstDay: number): number {
  return durations.firstReviewMs + Math.max(0, reviewsOnFirstDay - 1) * durations.reviewMs;
}

/** The study days from `now` to the interview: day 0 is today, the last holds the interview. */
export interface DayGrid {
  /** starts[0] is the start of today; starts[i + 1] is the end of day i. */
  starts: number[];
  /** Index of the day holding the interview (−1 when it has passed). */
  last: number;
}

export function dayGrid(now: number, interviewAt: number, dayStartHour: number): DayGrid {
  if (interviewAt <= now) return { starts: [startOfStudyDay(now, dayStartHour)], last: -1 };
  const starts = [startOfStudyDay(now, dayStartHour)];
  for (let s = starts[0] ?? now; s <= interviewAt; ) {
    s = nextDayStart(s, dayStartHour);
    starts.push(s);
  }
  return { starts, last: starts.length - 2 };
}

/** Index of the study day holding `t`: −1 before today, `last + 1` after the interview's day. */
export function dayOf(grid: DayGrid, t: number): number {
  const { starts } = grid;
  if (t < (starts[0] ?? 0)) return -1;
  let low = 0;
  let high = starts.length - 1;
  if (t >= (starts[high] ?? 0)) return high;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if ((starts[mid] ?? 0) <= t) low = mid;
    else high = mid;
  }
  return low;
}

/** When a review on day `day` is assumed to happen: now for today, the day's start afterwards. */
export function studyMoment(grid: DayGrid, day: number, now: number): number {
  return day === 0 ? now : (grid.starts[day] ?? now);
}

/**
 * New cards to introduce per day so every covered card is introduced `leadDays` before the
 * interview: ceil(remaining / (days until the interview − lead)), all at once when that is ≤ 0.
 */
export function newCardPace(remaining: number, daysUntilInterview: number, leadDays: number): number {
  if (remaining <= 0) return 0;
  const days = daysUntilInterview - Math.max(0, Math.floor(leadDays));
  return days <= 0 ? remaining : Math.ceil(remaining / days);
}

export interface BoosterCandidate {
  cardId: string;
  /**
   * The last study day a booster can take: before the card's own due day, and before the
   * interview's day unless that day is today (see `lastBoosterDay`).
   */
  latestDay: number;
  /** Predicted recall at the interview without a booster. */
  baseline: number;
  /** Gain in predicted recall at the interview from a booster on `latestDay`. */
  gain: number;
}

/**
 * The last study day the plan places boosters on: the day before the interview's. A later day is
 * valued at its start (the day-start hour), and on the interview's day that is the few hours before
 * the interview, often at night: a plan counting on them leaves cards under target on the eve of
 * the interview, when the user checks their readiness. Only when the interview's day is today
 * (nothing earlier is left) do its boosters come that day.
 */
export function lastBoosterDay(grid: DayGrid): number {
  return grid.last > 0 ? grid.last - 1 : grid.last;
}

/**
 * A covered review card not due by the end of today whose predicted recall at the interview is
 * under target, valued as if boosted on the last day it can be (see `lastBoosterDay`): a review
 * closer to the interview leaves less time to forget, so for every booster that is its best
 * window; null when it is not a booster: no gain there, or no day left before its due.
 */
export function boosterCandidate(
  schedule: Schedule,
  grid: DayGrid,
  interviewAt: number,
  target: number,
  now: number,
  scheduler: Scheduler,
  curve: ForgettingCurve,
  baseline = predictedRecall(schedule, interviewAt, now, scheduler, curve),
): BoosterCandidate | null {
  if (schedule.state !== State.Review || grid.last < 0) return null;
  const dueDay = dayOf(grid, schedule.due);
  if (dueDay <= 0) return null;
  if (baseline >= target) return null;
  const latestDay = Math.min(dueDay - 1, lastBoosterDay(grid));
  const gain =
    recallAfterReview(schedule, studyMoment(grid, latestDay, now), interviewAt, scheduler, curve) - baseline;
  return gain > 0 ? { cardId: schedule.cardId, latestDay, baseline, gain } : null;
}

function byGainThenId(a: BoosterCandidate, b: BoosterCandidate): number {
  if (a.gain !== b.gain) return b.gain - a.gain;
  return a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0;
}

/**
 * Spreads boosters over the days before the interview: in order of gain per minute (every booster
 * costs one review, so of gain), each takes the latest day at or before its own latest day that
 * still has room. Only what does not fit later lands today. Returns the candidates placed today,
 * in rank order. `capacityMs[d]` is the room left on day d; it is used up in place.
 */
export function placeBoosters(
  candidates: BoosterCandidate[],
  capacityMs: number[],
  reviewMs: number,
): BoosterCandidate[] {
  // `open[d]`: the latest day ≤ d that may still have room (−1: none), with path compression.
  const open = capacityMs.map((_, d) => d);
  const find = (d: number): number => {
    let root = d;
    while (root >= 0 && open[root] !== root) root = open[root] ?? -1;
    for (let x = d; x >= 0 && open[x] !== x; ) {
      const up = open[x] ?? -1;
      open[x] = root;
      x = up;
    }
    return root;
  };
  const today: BoosterCandidate[] = [];
  for (const c of [...candidates].sort(byGainThenId)) {
    for (let d = find(Math.min(c.latestDay, capacityMs.length - 1)); d >= 0; d = find(d)) {
      if ((capacityMs[d] ?? 0) >= reviewMs) {
        capacityMs[d] = (capacityMs[d] ?? 0) - reviewMs;
        if (d === 0) today.push(c);
        break;
      }
      open[d] = d - 1;
    }
  }
  return today;
}

export interface PlanInput {
  /** Cards that may be studied (suspended and retired left out), new ones in deck order. */
  cards: readonly CoverableCard[];
  schedules: ReadonlyMap<string, Schedule>;
  /** The interview to plan for; null: no plan, today's queue as it is. */
  interview: Interview | null;
  settings: Settings;
  now: number;
  /** Today's queue as `buildQueue` gives it. */
  todayQueue: readonly string[];
  /**
   * The reviews already made this study day (any card): they count against the day's budget and,
   * for covered cards introduced today, against its new-card pace, so that a plan made again later
   * in the day (a new session, a refreshed queue) adds only what is left of the day's.
   */
  studiedToday?: ReadonlyArray<StudiedToday>;
  durations?: StudyDurations;
  curve?: ForgettingCurve;
}

/** One review made this study day: a first review (log state New) introduced the card. */
export interface StudiedToday {
  cardId: string;
  firstReview: boolean;
}

/** `studiedToday` entries from reviews as stored. */
export function studiedTodayFrom(reviews: Iterable<Pick<Review, 'cardId' | 'log'>>): StudiedToday[] {
  const out: StudiedToday[] = [];
  for (const r of reviews) out.push({ cardId: r.cardId, firstReview: r.log.state === State.New });
  return out;
}

export interface TodayPlan {
  /** Covered new cards to introduce today on top of the queue, in deck order. */
  newCards: string[];
  /** Cards to review early today, best gain first. */
  boosters: string[];
  /**
   * Minutes the whole day takes by the estimate: what was studied today already, the queue, the
   * new cards and the boosters.
   */
  estimateMinutes: number;
  /** One short sentence of what to do today. */
  line: string;
}

/** The plan's sentence for today. */
export function todayLine(
  interviewName: string | null,
  newCards: number,
  boosters: number,
  minutes: number,
): string {
  if (interviewName === null) return 'No interview to prepare: your queue is today’s plan.';
  const extras: string[] = [];
  if (newCards > 0) extras.push(count(newCards, 'new card'));
  if (boosters > 0) extras.push(count(boosters, 'booster'));
  const what = extras.length === 0 ? 'your queue' : `your queue plus ${extras.join(' and ')}`;
  return `For ${interviewName}: ${what} today, about ${count(Math.ceil(minutes), 'minute')}.`;
}

/** Estimated review load of each day from the schedules' due dates (only those after today). */
function futureLoadMs(
  schedules: Iterable<Schedule>,
  grid: DayGrid,
  reviewMs: number,
  perDayNewMs: number,
): number[] {
  const load = new Array<number>(grid.last + 1).fill(perDayNewMs);
  load[0] = 0;
  for (const s of schedules) {
    if (s.state === State.New) continue;
    const d = dayOf(grid, s.due);
    if (d >= 1 && d <= grid.last) load[d] = (load[d] ?? 0) + reviewMs;
  }
  return load;
}

/**
 * What to do today for the interview, on top of today's queue, never over the day's budget by the
 * estimate: the time already studied today and the queue's own count first; then covered new
 * cards at the pace that introduces all of them `leadDays` before the interview (those already
 * introduced today or in the queue count); then boosters (never a card studied today).
 * Nothing is stored: a booster is only a card shown before its due, so due dates only come earlier.
 */
export function todayPlan(input: PlanInput): TodayPlan {
  const { interview, now, settings } = input;
  const durations = input.durations ?? DEFAULT_STUDY_DURATIONS;
  const queue = new Set(input.todayQueue);
  const isNew = (id: string) => (input.schedules.get(id)?.state ?? State.New) === State.New;
  const scheduler = forecastScheduler(settings);
  const newMs = newCardMs(durations, sameDayReviews(scheduler, now));
  // The day so far: a card introduced today took its new-card time, same-day steps included.
  const introducedToday = new Set<string>();
  for (const r of input.studiedToday ?? []) if (r.firstReview) introducedToday.add(r.cardId);
  let doneMs = 0;
  for (const r of input.studiedToday ?? []) {
    if (r.firstReview) doneMs += newMs;
    else if (!introducedToday.has(r.cardId)) doneMs += durations.reviewMs;
  }
  let queueMs = doneMs;
  for (const id of queue) {
    if (isNew(id)) queueMs += newMs;
    else if (!introducedToday.has(id)) queueMs += durations.reviewMs;
  }
  const minutes = (ms: number) => ms / MINUTE;
  if (interview === null || interview.at <= now) {
    const line =
      interview === null
        ? todayLine(null, 0, 0, 0)
        : `${interview.name} has passed: your queue is today’s plan.`;
    return { newCards: [], boosters: [], estimateMinutes: minutes(queueMs), line };
  }
  const curve = input.curve ?? curveOf(settings);
  const grid = dayGrid(now, interview.at, settings.dayStartHour);
  const budgetMs = Math.max(0, interview.dailyMinutes) * MINUTE;
  let roomMs = budgetMs - queueMs;

  const covered = input.cards.filter((c) => covers(interview, c));
  const coveredNew = covered.filter((c) => isNew(c.id));
  // Cards introduced today are part of today's pace, as if they were still to come.
  const coveredToday = covered.filter((c) => introducedToday.has(c.id)).length;
  const pace = newCardPace(coveredNew.length + coveredToday, grid.last, interview.leadDays);
  let wanted = pace - coveredToday - coveredNew.filter((c) => queue.has(c.id)).length;
  const newCards: string[] = [];
  // A card studied today is not planned again today.
  const seen = new Set<string>();
  const studied = new Set((input.studiedToday ?? []).map((r) => r.cardId));
  for (const card of coveredNew) {
    if (wanted <= 0 || roomMs < newMs) break;
    if (queue.has(card.id) || seen.has(card.id)) continue;
    seen.add(card.id);
    newCards.push(card.id);
    roomMs -= newMs;
    wanted -= 1;
  }

  const candidates: BoosterCandidate[] = [];
  for (const card of covered) {
    const schedule = input.schedules.get(card.id);
    if (schedule === undefined || queue.has(card.id) || seen.has(card.id) || studied.has(card.id)) continue;
    seen.add(card.id);
    const c = boosterCandidate(schedule, grid, interview.at, interview.target, now, scheduler, curve);
    if (c) candidates.push(c);
  }
  const load = futureLoadMs(input.schedules.values(), grid, durations.reviewMs, pace * newMs);
  const capacity = load.map((ms, d) => Math.max(0, d === 0 ? roomMs : budgetMs - ms));
  const boosters: string[] = [];
  for (const c of placeBoosters(candidates, capacity, durations.reviewMs)) {
    const schedule = input.schedules.get(c.cardId);
    // Placed today because later days are full: worth it only if a review today still helps.
    if (schedule && recallAfterReview(schedule, now, interview.at, scheduler, curve) > c.baseline) {
      boosters.push(c.cardId);
    }
  }
  const estimateMs = queueMs + newCards.length * newMs + boosters.length * durations.reviewMs;
  return {
    newCards,
    boosters,
    estimateMinutes: minutes(estimateMs),
    line: todayLine(interview.name, newCards.length, boosters.length, minutes(estimateMs)),
  };
}

/** Today's boosters alone, for a queue that merges them itself. */
export function boostersForToday(input: PlanInput): string[] {
  return todayPlan(input).boosters;
}

/**
 * Today's queue with the plan's cards after it: the queue unchanged and first, then new cards,
 * then boosters; no card twice.
 */
export function withPlan(queue: readonly string[], plan: Pick<TodayPlan, 'newCards' | 'boosters'>): string[] {
  const seen = new Set(queue);
  const out = [...queue];
  for (const id of [...plan.newCards, ...plan.boosters]) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}
