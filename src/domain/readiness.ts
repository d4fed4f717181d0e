// Interview readiness: the predicted recall of an interview's cards at its moment, and its trend.
import {
  type Grade,
  KINDS,
  type Kind,
  LEVELS,
  type Level,
  Rating,
  type Review,
  type Schedule,
  State,
} from './card';
import { dayKey, nextDayStart, startOfStudyDay } from './day';
import { type CoverableCard, covers, type Interview } from './interview';
import { createScheduler, forgettingCurve, forgettingCurveFor, type Scheduler } from './scheduler';
import type { SchedulingSettings } from './settings';

const DAY = 86_400_000;

/** Probability of recall after `elapsedDays` (fractional) of a memory of the given stability. */
export type ForgettingCurve = (elapsedDays: number, stability: number) => number;

/**
 * FSRS's power forgetting curve R(t, S) = (1 + factor·t/S)^(−decay), factor = 0.9^(−1/decay) − 1,
 * so that R(S, S) = 0.9 whatever the decay.
 */
export function powerForgettingCurve(decay: number): ForgettingCurve {
  const factor = 0.9 ** (-1 / decay) - 1;
  return (elapsedDays, stability) => {
    if (!(elapsedDays > 0)) return 1;
    return (1 + (factor * elapsedDays) / stability) ** -decay;
  };
}

/** The scheduler's own forgetting curve (its weights), continuous in time. */
export const defaultForgettingCurve: ForgettingCurve = forgettingCurve;

/** The forgetting curve of the weights `settings` schedule with (their own, once fitted). */
export function curveOf(settings: Pick<SchedulingSettings, 'fsrsParameters'>): ForgettingCurve {
  return forgettingCurveFor(settings.fsrsParameters);
}

/**
 * The scheduler predictions use: the user's settings with fuzz off, because a prediction is of
 * the mean interval, and fuzz-free grading is several times faster.
 */
export function forecastScheduler(settings: SchedulingSettings): Scheduler {
  return createScheduler({ ...settings, enableFuzz: false });
}

/**
 * Recall probability of the card at `at`. Elapsed time counts in fractional days (an interview
 * has a time of day); the card page's `retrievability` counts whole days as ts-fsrs does, so the
 * two may differ by less than one day's forgetting. A card never studied counts 0.
 */
export function recallAt(schedule: Schedule | undefined, at: number, curve: ForgettingCurve): number {
  if (schedule === undefined || schedule.state === State.New || schedule.lastReview === null) return 0;
  return curve(Math.max(0, at - schedule.lastReview) / DAY, schedule.stability);
}

/** The value of one review of the card at `reviewAt`, as expected recall at `interviewAt`. */
export function recallAfterReview(
  schedule: Schedule,
  reviewAt: number,
  interviewAt: number,
  scheduler: Scheduler,
  curve: ForgettingCurve,
): number {
  const p = recallAt(schedule, reviewAt, curve);
  // Only the memory each outcome leaves matters here, not its due date: `memoryAfter` is the
  // part of `preview` that computes it, several times cheaper over thousands of cards.
  const after = (rating: Grade) => {
    const { stability, lastReview } = scheduler.memoryAfter(schedule, rating, reviewAt);
    return curve(Math.max(0, interviewAt - (lastReview ?? reviewAt)) / DAY, stability);
  };
  return p * after(Rating.Good) + (1 - p) * after(Rating.Again);
}

/**
 * Predicted recall at the interview moment `interviewAt`, seen at `now`:
 * - never studied: 0, until it is;
 * - not due before the interview (or the interview has passed): its recall at the interview;
 * - due before it: the expectation over that one review, done at its due (an overdue card now):
 *   p = recall at that moment; p × recall at the interview after Good + (1 − p) × after Again.
 * One level only: when Good or Again brings the card back before the interview again, that next
 * review is not expanded. Expanding would assume the user keeps every later due date; the plan
 * simulation is where later reviews are followed day by day.
 */
export function predictedRecall(
  schedule: Schedule | undefined,
  interviewAt: number,
  now: number,
  scheduler: Scheduler,
  curve: ForgettingCurve = defaultForgettingCurve,
): number {
  if (schedule === undefined || schedule.state === State.New || schedule.lastReview === null) return 0;
  if (schedule.due >= interviewAt || now >= interviewAt) return recallAt(schedule, interviewAt, curve);
  return recallAfterReview(schedule, Math.max(schedule.due, now), interviewAt, scheduler, curve);
}

export interface CardRecall {
  cardId: string;
  level: Level;
  kind: Kind;
  /** Predicted recall at the interview, 0–1. */
  recall: number;
  /** Never studied yet (counts 0). */
  isNew: boolean;
}

export interface ReadinessGroup {
  /** Mean predicted recall as a percentage, 0 for an empty group. */
  percent: number;
  cards: number;
}

export interface Readiness {
  /** Mean predicted recall of the covered cards as a percentage (0–100); 0 when none is covered. */
  percent: number;
  cards: number;
  newCards: number;
  byLevel: Record<Level, ReadinessGroup>;
  byKind: Record<Kind, ReadinessGroup>;
  /** Count of covered cards per tenth of predicted recall: [0, 0.1), [0.1, 0.2) … [0.9, 1]. */
  histogram: number[];
  /** The lowest predicted recalls, lowest first (ties by card id). */
  weakest: CardRecall[];
}

export const READINESS_BINS = 10;
export const DEFAULT_WEAKEST = 10;

export interface ReadinessInput {
  /** Cards that may be studied (suspended or retired ones left out by the caller), any order. */
  cards: readonly CoverableCard[];
  schedules: ReadonlyMap<string, Schedule>;
  interview: Pick<Interview, 'at' | 'covers'>;
  now: number;
  settings: SchedulingSettings;
  curve?: ForgettingCurve;
  /** How many weakest cards to list. */
  weakest?: number;
}

/** Each covered card's predicted recall at the interview, in the given card order. */
export function cardRecalls(input: Omit<ReadinessInput, 'weakest'>): CardRecall[] {
  const scheduler = forecastScheduler(input.settings);
  const curve = input.curve ?? curveOf(input.settings);
  const out: CardRecall[] = [];
  for (const card of input.cards) {
    if (!covers(input.interview, card)) continue;
    const schedule = input.schedules.get(card.id);
    const isNew = schedule === undefined || schedule.state === State.New;
    const recall = predictedRecall(schedule, input.interview.at, input.now, scheduler, curve);
    out.push({ cardId: card.id, level: card.level, kind: card.kind, recall, isNew });
  }
  return out;
}

function byRecallThenId(a: CardRecall, b: CardRecall): number {
  if (a.recall !== b.recall) return a.recall - b.recall;
  return a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0;
}

/** The `n` lowest in `byRecallThenId` order, lowest first, without sorting the whole list. */
function lowest(recalls: readonly CardRecall[], n: number): CardRecall[] {
  const out: CardRecall[] = [];
  if (n <= 0) return out;
  for (const r of recalls) {
    if (out.length === n && byRecallThenId(r, out[n - 1] as CardRecall) >= 0) continue;
    let i = out.length === n ? n - 1 : out.length;
    while (i > 0 && byRecallThenId(r, out[i - 1] as CardRecall) < 0) {
      out[i] = out[i - 1] as CardRecall;
      i -= 1;
    }
    out[i] = r;
  }
  return out;
}

/** Summarises per-card recalls: the mean, breakdowns by level and kind, a histogram, the weakest. */
export function summarizeRecalls(recalls: readonly CardRecall[], weakest = DEFAULT_WEAKEST): Readiness {
  const histogram = new Array<number>(READINESS_BINS).fill(0);
  const empty = () => ({ sum: 0, cards: 0 });
  const levels = new Map<Level, { sum: number; cards: number }>(LEVELS.map((l) => [l, empty()]));
  const kinds = new Map<Kind, { sum: number; cards: number }>(KINDS.map((k) => [k, empty()]));
  const add = (g: { sum: number; cards: number } | undefined, recall: number) => {
    if (!g) return;
    g.sum += recall;
    g.cards += 1;
  };
  let sum = 0;
  let newCards = 0;
  // One pass: this runs over every covered card, and 10,000 of them must take a few milliseconds.
  for (const r of recalls) {
    const bin = Math.min(READINESS_BINS - 1, Math.max(0, Math.floor(r.recall * READINESS_BINS)));
    histogram[bin] = (histogram[bin] ?? 0) + 1;
    sum += r.recall;
    if (r.isNew) newCards += 1;
    add(levels.get(r.level), r.recall);
    add(kinds.get(r.kind), r.recall);
  }
  const group = (g = empty()): ReadinessGroup => ({
    percent: g.cards === 0 ? 0 : (100 * g.sum) / g.cards,
    cards: g.cards,
  });
  return {
    percent: recalls.length === 0 ? 0 : (100 * sum) / recalls.length,
    cards: recalls.length,
    newCards,
    byLevel: Object.fromEntries(LEVELS.map((l) => [l, group(levels.get(l))])) as Record<
      Level,
      ReadinessGroup
    >,
    byKind: Object.fromEntries(KINDS.map((k) => [k, group(kinds.get(k))])) as Record<Kind, ReadinessGroup>,
    histogram,
    weakest: lowest(recalls, Math.max(0, weakest)),
  };
}

/** Readiness of the interview as of `now`. */
export function readiness(input: ReadinessInput): Readiness {
  return summarizeRecalls(cardRecalls(input), input.weakest);
}

export interface TrendInput {
  cards: readonly CoverableCard[];
  /** The review log (any order): the source of truth, replayed per card. */
  reviews: Iterable<Pick<Review, 'cardId' | 'rating' | 'reviewedAt'>>;
  interview: Pick<Interview, 'at' | 'covers'>;
  settings: SchedulingSettings;
  dayStartHour: number;
  /** Any instant in the first study day of the trend. */
  from: number;
  /** Any instant in the last; days after the one holding the interview are left out. */
  to: number;
  curve?: ForgettingCurve;
}

export interface TrendPoint {
  /** Study day, 'YYYY-MM-DD'. */
  day: string;
  /** Readiness (0–100) as it stood at the end of that day (or at the interview, on its day). */
  percent: number;
}

interface TrendCard {
  reviews: Pick<Review, 'rating' | 'reviewedAt'>[];
  next: number;
  schedule: Schedule | undefined;
  recall: number;
  fresh: boolean;
}

/**
 * Readiness day by day, recomputed from the review log rather than stored. Each card's reviews
 * are folded once, in time order, through the scheduler with the user's settings (as `replay`
 * does, so each day's schedule is the one replay would rebuild); a card's predicted recall is
 * recomputed only on a day its schedule changed or it is overdue (its review moment moves).
 */
export function readinessTrend(input: TrendInput): TrendPoint[] {
  const { interview, dayStartHour } = input;
  const scheduler = createScheduler(input.settings);
  const forecast = forecastScheduler(input.settings);
  const curve = input.curve ?? curveOf(input.settings);
  const byCard = new Map<string, TrendCard>();
  for (const card of input.cards) {
    if (covers(interview, card) && !byCard.has(card.id)) {
      byCard.set(card.id, { reviews: [], next: 0, schedule: undefined, recall: 0, fresh: false });
    }
  }
  for (const review of input.reviews) byCard.get(review.cardId)?.reviews.push(review);
  for (const [cardId, c] of byCard) {
    // Stable sort: reviews at the same instant keep their given order, as in `replay`.
    c.reviews.sort((a, b) => a.reviewedAt - b.reviewedAt);
    if (c.reviews.length > 0) c.schedule = scheduler.newSchedule(cardId, c.reviews[0]?.reviewedAt ?? 0);
  }
  const last = Math.min(input.to, interview.at);
  const points: TrendPoint[] = [];
  for (let start = startOfStudyDay(input.from, dayStartHour); start <= last; ) {
    const dayEnd = nextDayStart(start, dayStartHour);
    const end = Math.min(dayEnd, interview.at);
    let sum = 0;
    for (const c of byCard.values()) {
      let changed = false;
      for (let r = c.reviews[c.next]; r !== undefined && r.reviewedAt < end; r = c.reviews[++c.next]) {
        if (c.schedule) c.schedule = scheduler.grade(c.schedule, r.rating, r.reviewedAt).schedule;
        changed = true;
      }
      if (changed || !c.fresh || (c.schedule !== undefined && c.schedule.due < end)) {
        c.recall = predictedRecall(c.schedule, interview.at, end, forecast, curve);
        c.fresh = true;
      }
      sum += c.recall;
    }
    points.push({
      day: dayKey(start, dayStartHour),
      percent: byCard.size === 0 ? 0 : (100 * sum) / byCard.size,
    });
    start = dayEnd;
  }
  return points;
}
