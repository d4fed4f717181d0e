// Fitting FSRS parameters to the user's own reviews: the log turned into the optimizer's training
// items, the thresholds for how much of a fit the log allows, and how well a parameter set predicts
// the newest reviews. The fitting itself runs elsewhere (a worker with the FSRS optimizer); this
// module only prepares its input and judges its output.
import { GRADES, type Grade, type Review } from './card';
import { toStudyClock } from './day';
import { memoryModel } from './scheduler';

const DAY = 86_400_000;

/** One review as the optimizer sees it: its grade and the whole study days since the card's previous one. */
export interface TrainingReview {
  rating: Grade;
  /** 0 for a card's first review and for reviews on the same study day as the one before. */
  deltaDays: number;
  reviewedAt: number;
}

/** What was left out of the log, by reason: a log edited by hand must not stop the fit. */
export interface SkippedReviews {
  /** Ratings other than Again, Hard, Good, Easy. */
  rating: number;
  /** Times that are not numbers, or after now. */
  time: number;
  /** Durations that are not numbers or are negative. */
  duration: number;
}

export interface TrainingLog {
  /** Each card's usable reviews, oldest first (cards with none are left out). */
  histories: TrainingReview[][];
  /** Usable reviews in all. */
  reviews: number;
  skipped: SkippedReviews;
}

export type LogEntry = Pick<Review, 'cardId' | 'rating' | 'reviewedAt' | 'durationMs'>;

function isGrade(rating: unknown): rating is Grade {
  return GRADES.includes(rating as Grade);
}

/**
 * The review log as per-card histories in the user's days (a day starts at `dayStartHour`, local
 * time, as for scheduling). Bad entries are counted and skipped, never thrown on.
 */
export function trainingLog(log: Iterable<LogEntry>, now: number, dayStartHour: number): TrainingLog {
  const skipped: SkippedReviews = { rating: 0, time: 0, duration: 0 };
  const byCard = new Map<string, Array<{ rating: Grade; reviewedAt: number }>>();
  let reviews = 0;
  for (const entry of log) {
    if (!isGrade(entry.rating)) skipped.rating += 1;
    else if (!Number.isFinite(entry.reviewedAt) || entry.reviewedAt > now) skipped.time += 1;
    else if (!Number.isFinite(entry.durationMs) || entry.durationMs < 0) skipped.duration += 1;
    else {
      let list = byCard.get(entry.cardId);
      if (!list) {
        list = [];
        byCard.set(entry.cardId, list);
      }
      list.push({ rating: entry.rating, reviewedAt: entry.reviewedAt });
      reviews += 1;
    }
  }
  const day = (t: number) => Math.floor(toStudyClock(t, dayStartHour) / DAY);
  const histories: TrainingReview[][] = [];
  for (const list of byCard.values()) {
    // Stable: reviews at the same instant keep the log's order, as replay does.
    list.sort((a, b) => a.reviewedAt - b.reviewedAt);
    histories.push(
      list.map((review, i) => ({
        rating: review.rating,
        // The hour clocks go back can make the study clock run backwards: never below 0.
        deltaDays:
          i === 0
            ? 0
            : Math.max(0, day(review.reviewedAt) - day((list[i - 1] as { reviewedAt: number }).reviewedAt)),
        reviewedAt: review.reviewedAt,
      })),
    );
  }
  return { histories, reviews, skipped };
}

/**
 * A prediction to make: the card's history before `target`, and `target`, a review on a later
 * study day than the one before it (same-day reviews say little about memory across days).
 */
export interface Prediction {
  history: TrainingReview[];
  target: TrainingReview;
}

/** Every review a parameter set can be judged on: each card's reviews after its first, on a later day. */
export function predictions(histories: readonly TrainingReview[][]): Prediction[] {
  const out: Prediction[] = [];
  for (const history of histories) {
    for (let i = 1; i < history.length; i++) {
      const target = history[i] as TrainingReview;
      if (target.deltaDays > 0) out.push({ history: history.slice(0, i), target });
    }
  }
  return out;
}

/** The newest share of the predictions held out of the fit, to judge it on. */
export const HELD_OUT_SHARE = 0.2;

export interface Split {
  /** Reviews before `cutoff`: what the fit sees, each card's history cut there. */
  train: TrainingReview[][];
  /** Predictions at or after `cutoff`: the newest 20% (at least one). */
  test: Prediction[];
  /** Predictions in the training part. */
  trainPredictions: number;
  cutoff: number;
}

/**
 * Fits on the older reviews and judges on the newest 20% of predictions. Reviews at the cutoff's
 * instant all go to the test side, so no review is on both.
 */
export function splitNewest(histories: readonly TrainingReview[][]): Split {
  const all = predictions(histories)
    .map((p) => p.target.reviewedAt)
    .sort((a, b) => a - b);
  if (all.length === 0)
    return { train: histories.map((h) => [...h]), test: [], trainPredictions: 0, cutoff: Infinity };
  const held = Math.max(1, Math.round(all.length * HELD_OUT_SHARE));
  const cutoff = all[all.length - held] as number;
  const train = histories.map((h) => h.filter((r) => r.reviewedAt < cutoff)).filter((h) => h.length > 0);
  const test = predictions(histories).filter((p) => p.target.reviewedAt >= cutoff);
  return { train, test, trainPredictions: predictions(train).length, cutoff };
}

/**
 * The optimizer's training items, as FSRS's own conversion of a review log makes them: one per review
 * on a later study day than the one before it (a card's first review and same-day repeats are only
 * history, never a target: the FSRS optimizer rejects an item with no day between its reviews), each
 * the card's history up to and including it, flattened as it takes them. Oldest target first: the
 * optimizer weighs the later items more, as the more recent.
 */
export function trainingItems(histories: readonly TrainingReview[][]): {
  ratings: Uint32Array;
  deltaDays: Uint32Array;
  lengths: Uint32Array;
} {
  const targets: Array<{ history: readonly TrainingReview[]; end: number; at: number }> = [];
  let size = 0;
  for (const history of histories) {
    for (let end = 2; end <= history.length; end++) {
      const target = history[end - 1] as TrainingReview;
      if (target.deltaDays === 0) continue;
      targets.push({ history, end, at: target.reviewedAt });
      size += end;
    }
  }
  // Stable: targets at the same instant keep the cards' order.
  targets.sort((a, b) => a.at - b.at);
  const ratings = new Uint32Array(size);
  const deltaDays = new Uint32Array(size);
  const lengths = new Uint32Array(targets.length);
  let at = 0;
  targets.forEach(({ history, end }, item) => {
    for (let i = 0; i < end; i++) {
      const review = history[i] as TrainingReview;
      ratings[at] = review.rating;
      deltaDays[at] = review.deltaDays;
      at += 1;
    }
    lengths[item] = end;
  });
  return { ratings, deltaDays, lengths };
}

// As FSRS's own optimizer: too few reviews across days and it keeps the defaults; a few more fit
// only the first four weights (the stabilities after a first grade), the rest need many more.
/** Reviews across days needed before anything is fitted. */
export const MIN_PREDICTIONS = 16;
/** Below this many, only the first four weights are fitted. */
export const FULL_FIT_PREDICTIONS = 64;
/** Below this many reviews, the fit is rough: said so. */
export const ROUGH_FIT_REVIEWS = 400;
/** The weights a partial fit changes: the initial stabilities after Again, Hard, Good, Easy. */
export const PARTIAL_FIT_WEIGHTS = 4;

export type FitPlan =
  | { kind: 'too-few'; needed: number }
  | { kind: 'partial'; rough: boolean }
  | { kind: 'full'; rough: boolean };

/** How much of a fit `trainPredictions` reviews across days (of `reviews` in all) allow. */
export function fitPlan(trainPredictions: number, reviews: number): FitPlan {
  if (trainPredictions < MIN_PREDICTIONS)
    return { kind: 'too-few', needed: MIN_PREDICTIONS - trainPredictions };
  const rough = reviews < ROUGH_FIT_REVIEWS;
  return trainPredictions < FULL_FIT_PREDICTIONS ? { kind: 'partial', rough } : { kind: 'full', rough };
}

/** A partial fit keeps the current weights but for the first four, taken from the fit. */
export function partialFit(fitted: readonly number[], current: readonly number[]): number[] {
  return current.map((w, i) => (i < PARTIAL_FIT_WEIGHTS ? (fitted[i] ?? w) : w));
}

export interface Evaluation {
  /** Mean negative log-likelihood of the outcomes (recalled: any grade but Again). Lower is better. */
  logLoss: number;
  /**
   * Root mean square of (mean predicted − observed recall) over bins of predicted recall (twenty
   * bins of 0.05), each weighted by its reviews. Lower is better.
   */
  rmseBins: number;
  /** Predictions judged. */
  count: number;
}

const BINS = 20;
const EPSILON = 1e-7;

/** How well `w` (the defaults when absent) predicts `test`, with the scheduler's memory model. */
export function evaluate(test: readonly Prediction[], w?: readonly number[]): Evaluation {
  const model = memoryModel(w);
  const bins = Array.from({ length: BINS }, () => ({ n: 0, p: 0, y: 0 }));
  let loss = 0;
  for (const { history, target } of test) {
    const { stability } = model.memory(history);
    const p = Math.min(1 - EPSILON, Math.max(EPSILON, model.recall(target.deltaDays, stability)));
    const y = target.rating === 1 ? 0 : 1;
    loss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
    const bin = bins[Math.min(BINS - 1, Math.floor(p * BINS))] as { n: number; p: number; y: number };
    bin.n += 1;
    bin.p += p;
    bin.y += y;
  }
  const count = test.length;
  if (count === 0) return { logLoss: Number.NaN, rmseBins: Number.NaN, count };
  let squares = 0;
  for (const bin of bins) if (bin.n > 0) squares += bin.n * (bin.p / bin.n - bin.y / bin.n) ** 2;
  return { logLoss: loss / count, rmseBins: Math.sqrt(squares / count), count };
}

/**
 * The least drop in log loss that counts as better: the precision shown. A fit that gives back the
 * same weights (too little data of some kind) differs only by float rounding, and is no better.
 */
export const MIN_GAIN = 1e-4;

/** New parameters are offered only when they predict the held-out reviews better (lower log loss). */
export function isBetter(candidate: Evaluation, current: Evaluation): boolean {
  return candidate.count > 0 && candidate.logLoss <= current.logLoss - MIN_GAIN;
}

/** The FSRS optimizer: weights fitted to the training items (trainingItems' arrays). */
export type Fit = (items: ReturnType<typeof trainingItems>) => number[] | Float32Array;

export type OptimizeOutcome =
  | { kind: 'too-few'; needed: number; reviews: number; skipped: SkippedReviews }
  | {
      kind: 'fitted';
      /** 'partial': only the first four weights were fitted; the rest are the current ones. */
      fit: 'partial' | 'full';
      /** Fewer than ROUGH_FIT_REVIEWS reviews: the fit is rough. */
      rough: boolean;
      parameters: number[];
      current: Evaluation;
      candidate: Evaluation;
      better: boolean;
      reviews: number;
      skipped: SkippedReviews;
    };

/**
 * Fits weights to the log's older reviews with `fit` and judges them against `current` (the
 * weights in use) on the newest 20%. With too few reviews nothing is fitted.
 */
export function optimize(
  log: Iterable<LogEntry>,
  options: { now: number; dayStartHour: number; current: readonly number[]; fit: Fit },
): OptimizeOutcome {
  const { histories, reviews, skipped } = trainingLog(log, options.now, options.dayStartHour);
  const split = splitNewest(histories);
  const plan = fitPlan(split.trainPredictions, reviews);
  if (plan.kind === 'too-few') {
    // A fifth of any new ones are held out too: count what the whole log must reach.
    const all = split.trainPredictions + split.test.length;
    const needed = Math.max(plan.needed, Math.ceil(MIN_PREDICTIONS / (1 - HELD_OUT_SHARE)) - all);
    return { kind: 'too-few', needed, reviews, skipped };
  }
  const fitted = Array.from(options.fit(trainingItems(split.train)));
  if (fitted.length !== options.current.length || !fitted.every(Number.isFinite)) {
    throw new RangeError(
      `The optimizer returned ${fitted.length} weights, not ${options.current.length} numbers.`,
    );
  }
  const parameters = plan.kind === 'partial' ? partialFit(fitted, options.current) : fitted;
  const current = evaluate(split.test, options.current);
  const candidate = evaluate(split.test, parameters);
  return {
    kind: 'fitted',
    fit: plan.kind,
    rough: plan.rough,
    parameters,
    current,
    candidate,
    better: isBetter(candidate, current),
    reviews,
    skipped,
  };
}
