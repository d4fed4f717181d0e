// Plan simulation: the readiness an interview reaches at a daily budget, and the budget a target needs.
import { type Grade, type Schedule, State } from './card';
import { dayKey } from './day';
import { type CoverableCard, covers, type Interview } from './interview';
import {
  type BoosterCandidate,
  boosterCandidate,
  DEFAULT_STUDY_DURATIONS,
  dayGrid,
  dayOf,
  newCardMs,
  newCardPace,
  placeBoosters,
  type StudyDurations,
  sameDayReviews,
  studyMoment,
} from './plan';
import {
  curveOf,
  type ForgettingCurve,
  forecastScheduler,
  predictedRecall,
  recallAfterReview,
  recallAt,
} from './readiness';
import type { Scheduler } from './scheduler';
import type { SchedulingSettings } from './settings';

const MINUTE = 60_000;
const DAY = 86_400_000;
const AGAIN: Grade = 1;
const GOOD: Grade = 3;

export type SimulationMode = 'expected' | 'monte-carlo';

export interface SimulationInput {
  /** Cards that may be studied, new ones in deck order; only covered ones are simulated. */
  cards: readonly CoverableCard[];
  schedules: ReadonlyMap<string, Schedule>;
  interview: Pick<Interview, 'at' | 'covers' | 'leadDays' | 'target'>;
  settings: SchedulingSettings & { dayStartHour: number };
  now: number;
  dailyMinutes: number;
  mode: SimulationMode;
  /** Monte Carlo only: the same seed (and input) always gives the same answer. */
  seed?: number;
  durations?: StudyDurations;
  curve?: ForgettingCurve;
  /** Every review succeeds (p = 1): a what-if, and a check against grading Good directly. */
  alwaysRecalled?: boolean;
}

export interface SimulatedReview {
  cardId: string;
  at: number;
  /** The grade taken on the followed path (Again only in Monte Carlo). */
  rating: Grade;
}

export interface SimulatedDay {
  day: string;
  minutes: number;
  reviews: number;
  newCards: number;
  boosters: number;
}

export interface SimulationResult {
  /** Predicted readiness (0–100) at the interview. */
  percent: number;
  days: SimulatedDay[];
  /** The reviews of the followed path, in the order simulated. */
  reviews: SimulatedReview[];
}

/** mulberry32: a tiny seeded PRNG, enough to draw review outcomes reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface SimCard {
  id: string;
  schedule: Schedule | undefined;
  /** Expected mode: probability that every review so far was recalled (the path followed). */
  weight: number;
  /** Expected mode: expected recall at the interview gathered from the Again branches left. */
  branches: number;
  /** Booster valuation of `schedule`, kept until the schedule changes. */
  booster: { schedule: Schedule; candidate: BoosterCandidate | null } | null;
}

/**
 * Steps day by day from `now` to the interview applying the plan, each day within the budget by
 * the estimate: due reviews first (most overdue first), then new cards at the pace that
 * introduces all of them `leadDays` before, then boosters placed as `todayPlan` places them. Only
 * covered cards are simulated: the budget is the time this interview gets. Reviews of a day
 * happen at its start (today: now); learning steps come back at their due the same day.
 *
 * Outcomes come from FSRS's predicted recall p at each review (a new card's first review is
 * Good: first sight is learning, not recall):
 * - 'expected': the path followed is the one where every review is recalled (probability
 *   ∏p); at each review the Again branch, of probability (1 − p) on that path, is valued as in
 *   `predictedRecall` (its relearning review expanded one level) and set aside. So readiness is the
 *   same expectation as in `readiness`, followed through every review the plan makes. A
 *   lapse's relearning time is charged as expected, (1 − p) × its relearning reviews. Since the
 *   Again branch is not followed past that one level, this mode leans low when time is plentiful
 *   (a lapsed card would in fact be relearned and reviewed again before the interview).
 * - 'monte-carlo': each review draws Good with probability p from the seeded PRNG, else Again.
 */
export function simulatePlan(input: SimulationInput): SimulationResult {
  const { interview, now, settings } = input;
  const T = interview.at;
  const durations = input.durations ?? DEFAULT_STUDY_DURATIONS;
  const curve = input.curve ?? curveOf(settings);
  const scheduler = forecastScheduler(settings);
  const random = seededRandom(input.seed ?? 1);
  const expected = input.mode === 'expected';
  const grid = dayGrid(now, T, settings.dayStartHour);
  const budgetMs = Math.max(0, input.dailyMinutes) * MINUTE;
  const newMs = newCardMs(durations, sameDayReviews(scheduler, now));

  const cards: SimCard[] = [];
  const seen = new Set<string>();
  for (const card of input.cards) {
    if (seen.has(card.id) || !covers(interview, card)) continue;
    seen.add(card.id);
    const schedule = input.schedules.get(card.id);
    cards.push({
      id: card.id,
      schedule: schedule?.state === State.New ? undefined : schedule,
      weight: 1,
      branches: 0,
      booster: null,
    });
  }
  const byId = new Map(cards.map((c) => [c.id, c]));
  const newQueue = cards.filter((c) => c.schedule === undefined);
  let nextNew = 0;
  const reviews: SimulatedReview[] = [];
  const days: SimulatedDay[] = [];

  // Expected mode follows the recalled path, but a lapse also costs time: its relearning steps.
  const lapseMs = relearningReviews(scheduler, now) * durations.reviewMs;

  /** Reviews the card at `at`; returns the expected time its lapse would add beyond this review. */
  const review = (card: SimCard, at: number): number => {
    const schedule = card.schedule ?? scheduler.newSchedule(card.id, at);
    if (card.schedule === undefined) {
      card.schedule = scheduler.grade(schedule, GOOD, at).schedule;
      reviews.push({ cardId: card.id, at, rating: GOOD });
      return 0;
    }
    const p = input.alwaysRecalled ? 1 : recallAt(schedule, at, curve);
    if (expected) {
      const outcomes = scheduler.preview(schedule, at);
      if (p < 1) {
        const again = predictedRecall(outcomes[AGAIN].schedule, T, at, scheduler, curve);
        card.branches += card.weight * (1 - p) * again;
        card.weight *= p;
      }
      card.schedule = outcomes[GOOD].schedule;
      reviews.push({ cardId: card.id, at, rating: GOOD });
      return (1 - p) * lapseMs;
    }
    const rating = random() < p ? GOOD : AGAIN;
    card.schedule = scheduler.grade(schedule, rating, at).schedule;
    reviews.push({ cardId: card.id, at, rating });
    return 0;
  };

  for (let d = 0; d <= grid.last; d++) {
    const moment = studyMoment(grid, d, now);
    const limit = Math.min(grid.starts[d + 1] ?? T, T);
    if (moment >= limit) continue;
    let spentMs = 0;
    let reviewCount = 0;
    // Each caller has checked that `costMs` fits; an expected lapse's time fills at most the rest.
    const reviewAt = (card: SimCard, at: number, costMs: number) => {
      spentMs = Math.min(budgetMs, spentMs + costMs + review(card, at));
      reviewCount += 1;
    };
    // Learning steps that come back before the day ends, charged as reviews while time is left.
    const finishDay = (card: SimCard) => {
      while (card.schedule && card.schedule.due < limit && spentMs + durations.reviewMs <= budgetMs) {
        reviewAt(card, Math.max(card.schedule.due, moment), durations.reviewMs);
      }
    };

    const due = cards.filter((c) => c.schedule !== undefined && c.schedule.due < limit);
    due.sort(
      (a, b) => (a.schedule?.due ?? 0) - (b.schedule?.due ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    for (const card of due) {
      if (spentMs + durations.reviewMs > budgetMs) break;
      finishDay(card);
    }

    let introduced = 0;
    const pace = newCardPace(newQueue.length - nextNew, grid.last - d, interview.leadDays);
    while (introduced < pace && nextNew < newQueue.length && spentMs + newMs <= budgetMs) {
      const card = newQueue[nextNew++] as SimCard;
      reviewAt(card, moment, durations.firstReviewMs);
      finishDay(card);
      introduced += 1;
    }

    let boosted = 0;
    // Boosters only fill time left over; a full day skips valuing them.
    if (budgetMs - spentMs >= durations.reviewMs) {
      const candidates: BoosterCandidate[] = [];
      const load = new Array<number>(grid.last + 1 - d).fill(pace * newMs);
      for (const card of cards) {
        const s = card.schedule;
        if (s === undefined) continue;
        const dueDay = dayOf(grid, s.due);
        if (dueDay > d && dueDay <= grid.last)
          load[dueDay - d] = (load[dueDay - d] ?? 0) + durations.reviewMs;
        if (card.booster?.schedule !== s) {
          const baseline = predictedRecall(s, T, moment, scheduler, curve);
          const candidate =
            baseline < interview.target && s.state === State.Review && dueDay > d
              ? boosterCandidate(s, grid, T, interview.target, now, scheduler, curve, baseline)
              : null;
          card.booster = { schedule: s, candidate };
        }
        const c = card.booster.candidate;
        // Days before this one are gone: the placement's day 0 is this day. On the interview's
        // day, today is the only day left, and `todayPlan` then offers its boosters (lastBoosterDay).
        const latestDay = d === grid.last ? 0 : c ? c.latestDay - d : -1;
        if (c && dueDay > d) candidates.push({ ...c, latestDay });
      }
      const capacity = load.map((ms, i) => Math.max(0, i === 0 ? budgetMs - spentMs : budgetMs - ms));
      for (const c of placeBoosters(candidates, capacity, durations.reviewMs)) {
        const card = byId.get(c.cardId);
        if (!card?.schedule || spentMs + durations.reviewMs > budgetMs) break;
        // Placed today because later days are full: worth it only if a review now still helps.
        if (recallAfterReview(card.schedule, moment, T, scheduler, curve) <= c.baseline) continue;
        reviewAt(card, moment, durations.reviewMs);
        finishDay(card);
        boosted += 1;
      }
    }
    days.push({
      day: dayKey(moment, settings.dayStartHour),
      minutes: spentMs / MINUTE,
      reviews: reviewCount,
      newCards: introduced,
      boosters: boosted,
    });
  }

  let sum = 0;
  for (const card of cards) {
    const atInterview = recallAt(card.schedule, T, curve);
    sum += expected ? card.branches + card.weight * atInterview : atInterview;
  }
  return { percent: cards.length === 0 ? 0 : (100 * sum) / cards.length, days, reviews };
}

/**
 * Reviews a lapse brings the same day, all graded Good: one per relearning step that comes back
 * before the day is out (one with the default step 10m).
 */
export function relearningReviews(scheduler: Scheduler, now: number): number {
  let schedule = scheduler.newSchedule('', now);
  for (let i = 0; i < 20 && schedule.state !== State.Review; i++) {
    schedule = scheduler.grade(schedule, GOOD, Math.max(now, schedule.due)).schedule;
  }
  const lapsedAt = schedule.due;
  schedule = scheduler.grade(schedule, AGAIN, lapsedAt).schedule;
  let count = 0;
  while (schedule.state !== State.Review && schedule.due - lapsedAt < DAY && count < 20) {
    schedule = scheduler.grade(schedule, GOOD, schedule.due).schedule;
    count += 1;
  }
  return count;
}

/** Budgets `minutesNeeded` tries, in minutes a day. */
export const BUDGET_STEP_MINUTES = 5;
export const MAX_BUDGET_MINUTES = 180;

/**
 * The smallest budget on the 5-minute grid (up to 180) at which the expected simulation reaches
 * `targetPercent`, or null when even the largest does not. More time a day only adds reviews, so
 * readiness does not fall as the budget grows: a binary search over the grid suffices.
 */
export function minutesNeeded(
  input: Omit<SimulationInput, 'dailyMinutes' | 'mode' | 'seed'>,
  targetPercent = input.interview.target * 100,
): number | null {
  const reaches = (steps: number) =>
    simulatePlan({ ...input, mode: 'expected', dailyMinutes: steps * BUDGET_STEP_MINUTES }).percent >=
    targetPercent;
  let low = 1;
  let high = MAX_BUDGET_MINUTES / BUDGET_STEP_MINUTES;
  if (!reaches(high)) return null;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (reaches(mid)) high = mid;
    else low = mid + 1;
  }
  return low * BUDGET_STEP_MINUTES;
}

export interface ForecastSentenceInput {
  dailyMinutes: number;
  /** Readiness the plan reaches at that budget (0–100). */
  reachedPercent: number;
  interviewAt: number;
  /** 0–1, as on the interview. */
  target: number;
  /** `minutesNeeded` for the target: null when 180 minutes a day do not reach it. */
  minutesForTarget: number | null;
}

/** "At 20 min a day you reach about 84% by Dec 15; 35 min a day reaches 90%." */
export function forecastSentence(
  input: ForecastSentenceInput,
  formatDate: (epochMs: number) => string,
): string {
  const target = Math.round(input.target * 100);
  const reached = Math.round(input.reachedPercent);
  const head = `At ${input.dailyMinutes} min a day you reach about ${reached}% by ${formatDate(input.interviewAt)}`;
  if (reached >= target) return `${head}.`;
  if (input.minutesForTarget === null) {
    return `${head}; even ${MAX_BUDGET_MINUTES} min a day does not reach ${target}%.`;
  }
  return `${head}; ${input.minutesForTarget} min a day reaches ${target}%.`;
}
