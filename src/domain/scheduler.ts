// FSRS scheduling for Keypoints: the one module that talks to ts-fsrs, converting at this boundary.
import {
  computeDecayFactor,
  default_w,
  type FSRS,
  type Card as FsrsCard,
  type Grade as FsrsGrade,
  type ReviewLog as FsrsReviewLog,
  type State as FsrsStateEnum,
  forgetting_curve,
  fsrs,
  generatorParameters,
  roundTo,
  type StepUnit,
} from 'ts-fsrs';
import {
  type FsrsState,
  GRADES,
  type Grade,
  newCardSchedule,
  Rating,
  type Review,
  type Schedule,
  State,
} from './card';
import { fromStudyClock, toStudyClock } from './day';
import { ValidationError } from './errors';
import { formatInterval } from './interval';
import { DEFAULT_SETTINGS, parseStep, type SchedulingSettings, SETTING_BOUNDS } from './settings';
import { validateSchedulingSettings } from './settings-rules';

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
   * The memory a grade at `now` would leave: exactly the stability and last review of
   * `preview(schedule, now)[rating].schedule`, without the due dates, intervals and labels of all
   * four outcomes. Predictions that only ask "how well is it remembered afterwards" (readiness,
   * the plan) call this for thousands of cards.
   */
  memoryAfter(schedule: Schedule, rating: Grade, now: number): Pick<Schedule, 'stability' | 'lastReview'>;
  /**
   * Rebuilds a schedule from its reviews (the source of truth): sorted by time, ties kept in the
   * given order, then folded through `grade`. Fuzz is seeded by ts-fsrs from the card's state and
   * the review time only, so a replay reaches exactly the state that grading step by step did.
   */
  replay(cardId: string, reviews: ReadonlyArray<Pick<Review, 'rating' | 'reviewedAt'>>): Schedule;
}

const DAY = 86_400_000;

// Validated steps only: `validateSchedulingSettings` refused the settings if any step were not one.
function toSteps(steps: readonly string[]): StepUnit[] {
  return steps.map((step) => parseStep(step) as StepUnit);
}

/** `tune` may adjust the ts-fsrs instance without changing a result (fuzz-once.ts, for replaying a whole log). */
export function createScheduler(
  settings: SchedulingSettings & { dayStartHour?: number },
  tune?: (f: FSRS) => void,
): Scheduler {
  const problems = validateSchedulingSettings(settings);
  if (problems.length > 0) throw new ValidationError(problems);
  const { desiredRetention, maximumIntervalDays } = settings;
  const learningSteps = toSteps(settings.learningSteps);
  const relearningSteps = toSteps(settings.relearningSteps);

  // The user's fitted weights when set (validated above), else FSRS-6's defaults. ts-fsrs seeds fuzz from (review time, reps, difficulty × stability),
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
      ...(settings.fsrsParameters ? { w: [...settings.fsrsParameters] } : {}),
    }),
  );
  tune?.(f);

  // A clock that went backwards (another device, a changed system time) counts as no time
  // passed: ts-fsrs would otherwise see negative elapsed days.
  const reviewTime = (schedule: Schedule, now: number): number => Math.max(now, schedule.lastReview ?? now);

  // ts-fsrs counts elapsed days between the UTC calendar dates of the last review and now, which
  // are not the user's days (15:00 and 17:00 in Los Angeles fall on two UTC dates). It is handed
  // study-clock times instead (day.ts), whose UTC dates are the user's study days, and what it
  // returns is brought back to real instants before anything is stored.
  const dayStartHour = isHour(settings.dayStartHour) ? settings.dayStartHour : DEFAULT_SETTINGS.dayStartHour;
  const clock = (t: number): number => toStudyClock(t, dayStartHour);
  /** The study-clock time of a review at real `at`; never before the last one (the hour clocks go back). */
  const studyTime = (schedule: Schedule, at: number): number =>
    schedule.lastReview === null ? clock(at) : Math.max(clock(at), clock(schedule.lastReview));
  /** A ts-fsrs card computed at study-clock `v` for a review at real `at`, in real time. */
  const realSchedule = (cardId: string, card: FsrsCard, at: number, v: number): Schedule => {
    const next = fromCard(cardId, card);
    const interval = next.due - v;
    // Whole days land on the same local time of day, across DST changes too; steps in minutes or
    // hours are real durations.
    const due = interval > 0 && interval % DAY === 0 ? fromStudyClock(next.due, dayStartHour) : at + interval;
    return { ...next, due, lastReview: at };
  };

  const newSchedule = newCardSchedule;

  const grade = (schedule: Schedule, rating: Grade, now: number) => {
    const at = reviewTime(schedule, now);
    const v = studyTime(schedule, at);
    const item = f.next(toCard(schedule, clock), new Date(v), rating as FsrsGrade);
    return { schedule: realSchedule(schedule.cardId, item.card, at, v), log: fromLog(item.log, schedule) };
  };

  return {
    newSchedule,
    grade,
    memoryAfter(schedule, rating, now) {
      const at = reviewTime(schedule, now);
      // As ts-fsrs's scheduler does for every state: whole study days since the last review, then
      // its own memory step (initial values for a new card, short-term on the same day).
      // ts-fsrs's dateDiffInDays between UTC dates: a UTC date is floor(t / DAY), Dates not needed.
      const v = studyTime(schedule, at);
      const elapsed =
        schedule.state === State.New || schedule.lastReview === null
          ? 0
          : Math.floor(v / DAY) - Math.floor(clock(schedule.lastReview) / DAY);
      const memory = { difficulty: schedule.difficulty, stability: schedule.stability };
      return { stability: f.next_state(memory, elapsed, rating).stability, lastReview: at };
    },
    preview(schedule, now) {
      const at = reviewTime(schedule, now);
      const v = studyTime(schedule, at);
      const record = f.repeat(toCard(schedule, clock), new Date(v));
      const outcome = (g: Grade): Outcome => {
        const next = realSchedule(schedule.cardId, record[g as FsrsGrade].card, at, v);
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
// steps: one instance per set of weights serves every caller.
let curve: ReturnType<typeof fsrs> | null = null;
const fittedCurves = new WeakMap<readonly number[], ReturnType<typeof fsrs>>();

function curveInstance(w: readonly number[] | null | undefined): ReturnType<typeof fsrs> {
  if (!w) {
    curve ??= fsrs(generatorParameters({ enable_fuzz: false }));
    return curve;
  }
  let f = fittedCurves.get(w);
  if (!f) {
    f = fsrs(generatorParameters({ enable_fuzz: false, w: [...w] }));
    fittedCurves.set(w, f);
  }
  return f;
}

/**
 * The probability (0–1) of recalling the card at `now`, from its stability and last review, or
 * null for a card never reviewed (ts-fsrs reports 0 there, which would read as "forgotten").
 * `w`: the weights scheduled with (settings.fsrsParameters), FSRS's defaults when absent.
 */
export function retrievability(schedule: Schedule, now: number, w?: readonly number[] | null): number | null {
  if (schedule.state === State.New || schedule.lastReview === null) return null;
  // A clock behind the last review counts as no time passed, as when grading.
  const at = new Date(Math.max(now, schedule.lastReview));
  return curveInstance(w).get_retrievability(toCard(schedule), at, false);
}

function isHour(h: number | undefined): h is number {
  const { min, max } = SETTING_BOUNDS.dayStartHour;
  return Number.isInteger(h) && (h as number) >= min && (h as number) <= max;
}

/**
 * FSRS's forgetting curve with the weights Keypoints schedules with: the probability of recalling a
 * card `elapsedDays` (fractional) after its last review, at `stability` days.
 */
export function forgettingCurve(elapsedDays: number, stability: number): number {
  // ts-fsrs's forgetting_curve, with its decay and factor worked out once instead of on every call.
  return roundTo(
    (1 + (DEFAULT_CURVE.factor * Math.max(0, elapsedDays)) / stability) ** DEFAULT_CURVE.decay,
    8,
  );
}

const DEFAULT_CURVE = computeDecayFactor(default_w);

/**
 * The forgetting curve of the weights the user schedules with: `forgettingCurve` for FSRS's
 * defaults, the same formula with their own decay for fitted ones (settings.fsrsParameters).
 */
export function forgettingCurveFor(
  w: readonly number[] | null | undefined,
): (elapsedDays: number, stability: number) => number {
  if (!w) return forgettingCurve;
  const { decay, factor } = computeDecayFactor(w);
  return (elapsedDays, stability) =>
    roundTo((1 + (factor * Math.max(0, elapsedDays)) / stability) ** decay, 8);
}

/** FSRS's memory model in whole days for one set of weights: what judging a parameter set needs. */
export interface MemoryModel {
  /**
   * Stability and difficulty after `reviews`, oldest first: each with its rating and the whole
   * study days since the review before it (the first one's is ignored; 0 is a same-day review).
   */
  memory(reviews: ReadonlyArray<{ rating: Grade; deltaDays: number }>): {
    stability: number;
    difficulty: number;
  };
  /** The probability of recall `elapsedDays` after the last review, at `stability`. */
  recall(elapsedDays: number, stability: number): number;
}

/** The memory model with weights `w` (FSRS's defaults when absent), as the scheduler steps it. */
export function memoryModel(w?: readonly number[]): MemoryModel {
  const f = fsrs(
    generatorParameters({ enable_fuzz: false, enable_short_term: true, ...(w ? { w: [...w] } : {}) }),
  );
  const weights = f.parameters.w;
  return {
    memory(reviews) {
      let state: { stability: number; difficulty: number } | null = null;
      reviews.forEach((review, i) => {
        state = f.next_state(state, i === 0 ? 0 : review.deltaDays, review.rating);
      });
      if (!state) throw new RangeError('A memory needs at least one review.');
      return state;
    },
    recall(elapsedDays, stability) {
      return forgetting_curve(weights, Math.max(0, elapsedDays), stability);
    },
  };
}

/** `clock` maps the stored real instants to the times ts-fsrs is given (the study clock when grading). */
function toCard(s: Schedule, clock: (t: number) => number = (t) => t): FsrsCard {
  return {
    due: new Date(clock(s.due)),
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: s.elapsedDays,
    scheduled_days: s.scheduledDays,
    learning_steps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state as number as FsrsStateEnum,
    last_review: s.lastReview === null ? undefined : new Date(clock(s.lastReview)),
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

/** `before` is the schedule graded: ts-fsrs logs its last review (or due) in study-clock time. */
function fromLog(log: FsrsReviewLog, before: Schedule): Review['log'] {
  return {
    state: log.state as number as FsrsState,
    due: before.lastReview ?? before.due,
    stability: log.stability,
    difficulty: log.difficulty,
    elapsedDays: log.elapsed_days,
    lastElapsedDays: log.last_elapsed_days,
    scheduledDays: log.scheduled_days,
    learningSteps: log.learning_steps,
  };
}
