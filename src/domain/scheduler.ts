// FSRS scheduling for Keypoints: the one module that talks to ts-fsrs, converting at this boundary.
import {
  createEmptyCard,
  type Card as FsrsCard,
  type Grade as FsrsGrade,
  type ReviewLog as FsrsReviewLog,
  type State as FsrsStateEnum,
  fsrs,
  generatorParameters,
  type StepUnit,
} from 'ts-fsrs';
import { type FsrsState, GRADES, type Grade, Rating, type Review, type Schedule, State } from './card';
import { ValidationError } from './errors';
import { parseStep, type SchedulingSettings, validateSchedulingSettings } from './settings';

/** What one grade would do to a card: shown on the grade buttons before the user picks. */
export interface Outcome {
  schedule: Schedule;
  /** due − now of the resulting schedule. */
  intervalMs: number;
  /** `formatInterval(intervalMs)`, e.g. "10m", "4d". */
  label: string;
}

export interface Scheduler {
  /** A card nobody has reviewed yet. */
  newSchedule(cardId: string, now: number): Schedule;
  /** The outcome of each of the four grades, were the card graded at `now`. */
  preview(schedule: Schedule, now: number): Record<Grade, Outcome>;
  grade(schedule: Schedule, rating: Grade, now: number): { schedule: Schedule; log: Review['log'] };
  /**
   * Rebuilds a schedule from its reviews (the source of truth): sorted by time, ties kept in the
   * given order, then folded through `grade`. Fuzz is seeded by ts-fsrs from the card's state and
   * the review time only, so a replay reaches exactly the state that grading step by step did.
   */
  replay(cardId: string, reviews: ReadonlyArray<Pick<Review, 'rating' | 'reviewedAt'>>): Schedule;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Average month and year, so that "1.5mo" and "2.3y" read right whatever the calendar.
const MONTH = (365.25 / 12) * DAY;
const YEAR = 365.25 * DAY;

/**
 * A short human interval for grade buttons and lists. Each unit is chosen by the rounded value,
 * so 59.6 minutes reads "1h", not "60m":
 *
 * | interval            | label                    |
 * |---------------------|--------------------------|
 * | < 1 minute          | "<1m"                    |
 * | < 1 hour            | "Nm"   (whole minutes)   |
 * | < 1 day             | "Nh"   (whole hours)     |
 * | < 30 days           | "Nd"   (whole days)      |
 * | < 365 days          | "N.Nmo" (months, ".0" dropped: "1mo", "1.5mo") |
 * | otherwise           | "N.Ny"  (years, ".0" dropped: "1y", "2.3y")    |
 */
export function formatInterval(ms: number): string {
  if (ms < MINUTE) return '<1m';
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  const days = Math.round(ms / DAY);
  if (days < 30) return `${days}d`;
  if (days < 365) return `${oneDecimal(ms / MONTH)}mo`;
  return `${oneDecimal(ms / YEAR)}y`;
}

function oneDecimal(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

// Validated steps only: `validateSchedulingSettings` refused the settings if any step were not one.
function toSteps(steps: readonly string[]): StepUnit[] {
  return steps.map((step) => parseStep(step) as StepUnit);
}

export function createScheduler(settings: SchedulingSettings): Scheduler {
  const problems = validateSchedulingSettings(settings);
  if (problems.length > 0) throw new ValidationError(problems);
  const { desiredRetention, maximumIntervalDays } = settings;
  const learningSteps = toSteps(settings.learningSteps);
  const relearningSteps = toSteps(settings.relearningSteps);

  // Default FSRS-6 weights. ts-fsrs seeds fuzz from (review time, reps, difficulty × stability),
  // which is what makes replay exact with fuzz on. It keeps Hard < Good < Easy a day apart even
  // at the cap, so Good and Easy may land one and two days past maximumIntervalDays.
  const f = fsrs(
    generatorParameters({
      request_retention: desiredRetention,
      maximum_interval: maximumIntervalDays,
      enable_fuzz: settings.enableFuzz,
      enable_short_term: true,
      learning_steps: learningSteps,
      relearning_steps: relearningSteps,
    }),
  );

  // A clock that went backwards (another device, a changed system time) counts as no time
  // passed: ts-fsrs would otherwise see negative elapsed days.
  const reviewTime = (schedule: Schedule, now: number): number => Math.max(now, schedule.lastReview ?? now);

  const newSchedule = (cardId: string, now: number): Schedule =>
    fromCard(cardId, createEmptyCard(new Date(now)));

  const grade = (schedule: Schedule, rating: Grade, now: number) => {
    const item = f.next(toCard(schedule), new Date(reviewTime(schedule, now)), rating as FsrsGrade);
    return { schedule: fromCard(schedule.cardId, item.card), log: fromLog(item.log) };
  };

  return {
    newSchedule,
    grade,
    preview(schedule, now) {
      const record = f.repeat(toCard(schedule), new Date(reviewTime(schedule, now)));
      const outcome = (g: Grade): Outcome => {
        const next = fromCard(schedule.cardId, record[g as FsrsGrade].card);
        const intervalMs = next.due - now;
        return { schedule: next, intervalMs, label: formatInterval(intervalMs) };
      };
      const [again, hard, good, easy] = GRADES.map(outcome) as [Outcome, Outcome, Outcome, Outcome];
      return { [Rating.Again]: again, [Rating.Hard]: hard, [Rating.Good]: good, [Rating.Easy]: easy };
    },
    replay(cardId, reviews) {
      // Array.prototype.sort is stable, so reviews at the same instant keep their given order.
      const sorted = [...reviews].sort((a, b) => a.reviewedAt - b.reviewedAt);
      // A new card's due never reaches the next state, so the creation time does not matter.
      let schedule = newSchedule(cardId, sorted[0]?.reviewedAt ?? 0);
      for (const review of sorted) schedule = grade(schedule, review.rating, review.reviewedAt).schedule;
      return schedule;
    },
  };
}

// Retrievability depends only on the FSRS weights (their decay), not on desired retention or
// steps, and Keypoints uses the default weights: one shared instance serves every caller.
let curve: ReturnType<typeof fsrs> | null = null;

/**
 * The probability (0–1) of recalling the card at `now`, from its stability and last review, or
 * null for a card never reviewed (ts-fsrs reports 0 there, which would read as "forgotten").
 */
export function retrievability(schedule: Schedule, now: number): number | null {
  if (schedule.state === State.New || schedule.lastReview === null) return null;
  curve ??= fsrs(generatorParameters({ enable_fuzz: false }));
  // A clock behind the last review counts as no time passed, as when grading.
  const at = new Date(Math.max(now, schedule.lastReview));
  return curve.get_retrievability(toCard(schedule), at, false);
}

function toCard(s: Schedule): FsrsCard {
  return {
    due: new Date(s.due),
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: s.elapsedDays,
    scheduled_days: s.scheduledDays,
    learning_steps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state as number as FsrsStateEnum,
    last_review: s.lastReview === null ? undefined : new Date(s.lastReview),
  };
}

function fromCard(cardId: string, c: FsrsCard): Schedule {
  return {
    cardId,
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsedDays: c.elapsed_days,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state as number as FsrsState,
    lastReview: c.last_review ? c.last_review.getTime() : null,
  };
}

function fromLog(log: FsrsReviewLog): Review['log'] {
  return {
    state: log.state as number as FsrsState,
    due: log.due.getTime(),
    stability: log.stability,
    difficulty: log.difficulty,
    elapsedDays: log.elapsed_days,
    lastElapsedDays: log.last_elapsed_days,
    scheduledDays: log.scheduled_days,
    learningSteps: log.learning_steps,
  };
}
