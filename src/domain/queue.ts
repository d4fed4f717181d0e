// The review queue: which cards a session shows now, in what order, within the daily limits.
//
// Order of the queue:
//   1. learning/relearning cards (state 1 or 3) whose minute has come (due <= now), earliest first:
//      their steps are minutes long, so they must not wait behind the day's reviews;
//   2. review cards (state 2) due by the end of the study day, most overdue (earliest due) first,
//      at most `maxReviewsPerDay − reviewedToday` of them;
//   3. new cards in deck order, at most `newPerDay − newIntroducedToday` of them.
// Ties are broken by card id so that the same input always gives the same queue.
// Reviews are due by the day (as in Anki: the day-start hour decides), learning cards by the minute.
// Learning cards are not limited: once started they must be finished.
// Learn ahead (as in Anki): when nothing else is left, learning cards due within the learn-ahead
// limit (a setting, in minutes) are shown at once instead of being waited for.
import { type Schedule, State } from './card';
import { nextDayStart } from './day';

export type QueueSchedule = Pick<Schedule, 'cardId' | 'due' | 'state'>;

export interface QueueInput {
  now: number;
  dayStartHour: number;
  newPerDay: number;
  maxReviewsPerDay: number;
  /** Review-state cards already reviewed this study day (they count against `maxReviewsPerDay`). */
  reviewedToday: number;
  /** Cards first reviewed this study day (they count against `newPerDay`). */
  newIntroducedToday: number;
  /**
   * Schedules of the cards that may be studied (suspended cards left out by the caller). Any state
   * may be passed; new ones (state 0) are ignored here, since new cards come from `newCards`.
   */
  schedules: Iterable<QueueSchedule>;
  /** Ids of never-reviewed cards, in deck order. Ids that have a non-new schedule are skipped. */
  newCards: readonly string[];
  /** Cards to leave out of this queue, e.g. buried or already on screen. */
  exclude?: ReadonlySet<string>;
}

export interface TodayCounts {
  /** Learning cards due now plus review cards due today, within the review limit. */
  dueNow: number;
  /** New cards that can still be introduced today. */
  newLeft: number;
  /** Learning cards that come back later this study day. */
  learningLater: number;
}

interface Split {
  learningNow: QueueSchedule[];
  learningLater: QueueSchedule[];
  reviewsDue: QueueSchedule[];
  /** Every card that has a non-new schedule, so that it is never also taken as new. */
  started: Set<string>;
}

function split(input: Pick<QueueInput, 'now' | 'dayStartHour' | 'schedules' | 'exclude'>): Split {
  const { now, exclude } = input;
  const endOfDay = nextDayStart(now, input.dayStartHour);
  const out: Split = { learningNow: [], learningLater: [], reviewsDue: [], started: new Set() };
  for (const s of input.schedules) {
    if (s.state === State.New || out.started.has(s.cardId)) continue;
    out.started.add(s.cardId);
    if (exclude?.has(s.cardId)) continue;
    if (s.state === State.Review) {
      if (s.due < endOfDay) out.reviewsDue.push(s);
    } else if (s.due <= now) {
      out.learningNow.push(s);
    } else if (s.due < endOfDay) {
      out.learningLater.push(s);
    }
  }
  return out;
}

function byDueThenId(a: QueueSchedule, b: QueueSchedule): number {
  if (a.due !== b.due) return a.due - b.due;
  return a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0;
}

function remaining(limit: number, used: number): number {
  return Math.max(0, Math.floor(limit) - Math.max(0, Math.floor(used)));
}

function pickNew(input: QueueInput, started: ReadonlySet<string>): string[] {
  const limit = remaining(input.newPerDay, input.newIntroducedToday);
  const picked: string[] = [];
  const seen = new Set<string>();
  for (const id of input.newCards) {
    if (picked.length >= limit) break;
    if (seen.has(id) || started.has(id) || input.exclude?.has(id)) continue;
    seen.add(id);
    picked.push(id);
  }
  return picked;
}

/** The card ids to show now, in order. */
export function buildQueue(input: QueueInput): string[] {
  const { learningNow, reviewsDue, started } = split(input);
  const reviews = reviewsDue
    .sort(byDueThenId)
    .slice(0, remaining(input.maxReviewsPerDay, input.reviewedToday));
  return [
    ...learningNow.sort(byDueThenId).map((s) => s.cardId),
    ...reviews.map((s) => s.cardId),
    ...pickNew(input, started),
  ];
}

/** The counts of `buildQueue`: learning cards due later stay later, whatever the learn-ahead limit. */
function queueCounts(input: QueueInput): TodayCounts {
  const { learningNow, learningLater, reviewsDue, started } = split(input);
  const reviews = Math.min(reviewsDue.length, remaining(input.maxReviewsPerDay, input.reviewedToday));
  return {
    dueNow: learningNow.length + reviews,
    newLeft: pickNew(input, started).length,
    learningLater: learningLater.length,
  };
}

/**
 * The counts Home shows; `dueNow + newLeft` is the length of what Start review shows now,
 * `sessionCards(input, learnAheadMinutes)`: with nothing else left, the learning cards within the
 * learn-ahead limit count as due now, not as later.
 */
export function countsForToday(input: QueueInput, learnAheadMinutes = 0): TodayCounts {
  const counts = queueCounts(input);
  const ahead = learningAheadNow(input, learnAheadMinutes, counts).length;
  return { ...counts, dueNow: counts.dueNow + ahead, learningLater: counts.learningLater - ahead };
}

/**
 * When the next learning card comes back later this study day (epoch ms), or null if none does:
 * lets the session say "next card in 4 min" instead of "all caught up".
 */
export function nextLearningDue(
  input: Pick<QueueInput, 'now' | 'dayStartHour' | 'schedules' | 'exclude'>,
): number | null {
  let next: number | null = null;
  for (const s of split(input).learningLater) if (next === null || s.due < next) next = s.due;
  return next;
}

/** How far ahead of its minute a learning card may come when nothing else is left, ms. */
export function learnAheadMs(minutes: number): number {
  return Math.max(0, minutes) * 60_000;
}

/**
 * What a session shows when `buildQueue` is empty: the learning cards due within the learn-ahead
 * limit, earliest first; none with a limit of 0.
 */
export function learnAhead(
  input: Pick<QueueInput, 'now' | 'dayStartHour' | 'schedules' | 'exclude'>,
  minutes: number,
): string[] {
  const until = input.now + learnAheadMs(minutes);
  return split(input)
    .learningLater.filter((s) => s.due <= until)
    .sort(byDueThenId)
    .map((s) => s.cardId);
}

/**
 * The learning cards Start review shows now ahead of their minute: when nothing else is left today
 * (`buildQueue` is empty), those within the learn-ahead limit, earliest first; otherwise none.
 */
export function learningAheadNow(
  input: QueueInput,
  minutes: number,
  counts: TodayCounts = queueCounts(input),
): string[] {
  return counts.dueNow + counts.newLeft === 0 ? learnAhead(input, minutes) : [];
}

/** What a session shows now, in order: the queue, or when it is empty the learning cards within the limit. */
export function sessionCards(input: QueueInput, learnAheadMinutes: number): string[] {
  const queue = buildQueue(input);
  return queue.length > 0 ? queue : learningAheadNow(input, learnAheadMinutes);
}
