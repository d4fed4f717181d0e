// Statistics over the review log: reviews and minutes per study day, streaks, true retention, the forecast, card states, answer times.
import { type FsrsState, KINDS, type Kind, LEVELS, type Level, Rating, State } from './card';
import { dayKey, nextDayStart, shiftDayKey, startOfStudyDay, streak } from './day';
import { median } from './median';
import {
  type AnswerTime,
  type CardStates,
  type DayActivity,
  type DayRow,
  FORECAST_DAYS,
  type Forecast,
  type ForecastDay,
  MATURE_DAYS,
  type Retention,
  type RetentionRow,
  type Statistics,
  type StatsCard,
  type StatsReview,
  YEAR_DAYS,
} from './stats-model';

/** A review with the study day it was made on, as the statistics walk the log: in time order. */
export interface DatedReview extends StatsReview {
  /** Study day, 'YYYY-MM-DD' (day.ts). */
  day: string;
}

export interface DatedLog {
  reviews: DatedReview[];
  /** Reviews left out: no valid time (a log edited by hand) or a time after `now`. */
  skipped: number;
}

/**
 * The log in time order, each review with its study day. Sorting once lets every later step walk
 * the days in order: a day key is computed once per study day, not once per review.
 */
export function datedReviews(reviews: Iterable<StatsReview>, now: number, dayStartHour: number): DatedLog {
  const kept: StatsReview[] = [];
  let skipped = 0;
  for (const r of reviews) {
    if (Number.isFinite(r.reviewedAt) && r.reviewedAt <= now) kept.push(r);
    else skipped++;
  }
  // Stable: reviews at the same instant keep their given order.
  kept.sort((a, b) => a.reviewedAt - b.reviewedAt);
  const out: DatedReview[] = new Array(kept.length);
  let day = '';
  let dayEnd = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < kept.length; i++) {
    const r = kept[i] as StatsReview;
    if (r.reviewedAt >= dayEnd) {
      day = dayKey(r.reviewedAt, dayStartHour);
      dayEnd = nextDayStart(r.reviewedAt, dayStartHour);
    }
    out[i] = { ...r, day };
  }
  return { reviews: out, skipped };
}

function validDuration(ms: number): boolean {
  return Number.isFinite(ms) && ms > 0;
}

/** Reviews and time per study day, for every day with a review. */
export function activityByDay(log: readonly DatedReview[]): Map<string, DayActivity> {
  const byDay = new Map<string, DayActivity>();
  for (const r of log) {
    let a = byDay.get(r.day);
    if (!a) {
      a = { day: r.day, reviews: 0, ms: 0 };
      byDay.set(r.day, a);
    }
    a.reviews++;
    if (validDuration(r.durationMs)) a.ms += r.durationMs;
  }
  return byDay;
}

/** The `days` study days ending with the one holding `now`, oldest first, days without reviews as zeros. */
export function lastDays(
  byDay: ReadonlyMap<string, DayActivity>,
  now: number,
  dayStartHour: number,
  days: number,
): DayRow[] {
  const out: DayRow[] = new Array(Math.max(0, days));
  let start = startOfStudyDay(now, dayStartHour);
  for (let i = days - 1; i >= 0; i--) {
    const day = dayKey(start, dayStartHour);
    out[i] = { ...(byDay.get(day) ?? { day, reviews: 0, ms: 0 }), start };
    // The instant before a day begins belongs to the day before (23 or 25 hours long around DST).
    start = startOfStudyDay(start - 1, dayStartHour);
  }
  return out;
}

/** The most consecutive study days with a review, over the whole log. `days` holds day keys. */
export function longestStreak(days: Iterable<string>): number {
  const sorted = [...new Set(days)].sort();
  let longest = 0;
  let run = 0;
  let previous = '';
  for (const day of sorted) {
    run = previous !== '' && shiftDayKey(previous, 1) === day ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = day;
  }
  return longest;
}

function emptyRow(): RetentionRow {
  return { young: { passed: 0, total: 0 }, mature: { passed: 0, total: 0 }, all: { passed: 0, total: 0 } };
}

function countInto(row: RetentionRow, mature: boolean, passed: boolean): void {
  for (const c of [mature ? row.mature : row.young, row.all]) {
    c.total++;
    if (passed) c.passed++;
  }
}

function byCardId(cards: readonly StatsCard[]): Map<string, StatsCard> {
  return new Map(cards.map((c) => [c.cardId, c]));
}

/**
 * True retention: the pass rate (any grade but Again) of the reviews made on a later study day
 * than the card's previous review, so same-day learning steps do not flatter it. Young and mature
 * split on the interval the card had when it was reviewed. Reviews of cards no longer on the
 * device count in the overall row only. `log` in time order (datedReviews).
 */
export function trueRetention(log: readonly DatedReview[], cards: readonly StatsCard[]): Retention {
  const known = byCardId(cards);
  const overall = emptyRow();
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, emptyRow()])) as Record<Level, RetentionRow>;
  const byKind = Object.fromEntries(KINDS.map((k) => [k, emptyRow()])) as Record<Kind, RetentionRow>;
  const lastDay = new Map<string, string>();
  for (const r of log) {
    const previous = lastDay.get(r.cardId);
    lastDay.set(r.cardId, r.day);
    if (previous === undefined || previous === r.day) continue;
    const mature = r.intervalDays >= MATURE_DAYS;
    const passed = r.rating !== Rating.Again;
    countInto(overall, mature, passed);
    const card = known.get(r.cardId);
    if (card) {
      countInto(byLevel[card.level], mature, passed);
      countInto(byKind[card.kind], mature, passed);
    }
  }
  return { overall, byLevel, byKind };
}

/**
 * Reviews due per study day, today and the `days − 1` after it. New cards (they are introduced,
 * not due) and cards set aside (suspended, retired) are left out; a learning card due later today
 * counts today.
 */
export function reviewForecast(
  cards: readonly StatsCard[],
  now: number,
  dayStartHour: number,
  days: number = FORECAST_DAYS,
): Forecast {
  const todayStart = startOfStudyDay(now, dayStartHour);
  // ends[i] is the end of day i: days are cut by day.ts, so DST days are 23 or 25 hours long.
  const ends: number[] = [];
  const out: ForecastDay[] = [];
  for (let start = todayStart, i = 0; i < days; i++) {
    out.push({ day: dayKey(start, dayStartHour), start, due: 0 });
    start = nextDayStart(start, dayStartHour);
    ends.push(start);
  }
  let overdue = 0;
  for (const card of cards) {
    if (card.standing !== 'active' || card.state === State.New) continue;
    let low = 0;
    let high = ends.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (card.due < (ends[mid] as number)) high = mid;
      else low = mid + 1;
    }
    const slot = out[low];
    if (slot === undefined) continue;
    slot.due++;
    if (card.due < todayStart) overdue++;
  }
  return { days: out, overdue };
}

const STATE_KEY: Record<FsrsState, 'new' | 'learning' | 'review' | 'relearning'> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};

/** Cards by FSRS state; suspended and retired cards only under those words, whatever their state. */
export function cardStates(cards: readonly StatsCard[]): CardStates {
  const out: CardStates = { new: 0, learning: 0, review: 0, relearning: 0, suspended: 0, retired: 0 };
  for (const card of cards) {
    if (card.standing === 'active') out[STATE_KEY[card.state] ?? 'new']++;
    else out[card.standing]++;
  }
  return out;
}

/** Answer time per kind, from every timed review of a card on the device, against its target if any. */
export function answerTimes(
  log: Iterable<Pick<StatsReview, 'cardId' | 'durationMs'>>,
  cards: readonly StatsCard[],
  targetsMs: Partial<Record<Kind, number>> = {},
): Record<Kind, AnswerTime> {
  const known = byCardId(cards);
  const durations = Object.fromEntries(KINDS.map((k) => [k, [] as number[]])) as Record<Kind, number[]>;
  for (const r of log) {
    const card = known.get(r.cardId);
    if (card && validDuration(r.durationMs)) durations[card.kind].push(r.durationMs);
  }
  return Object.fromEntries(
    KINDS.map((kind) => {
      const list = durations[kind];
      const target = targetsMs[kind];
      const targetMs = target !== undefined && validDuration(target) ? target : null;
      let within: number | null = null;
      if (targetMs !== null) {
        within = 0;
        for (const ms of list) if (ms <= targetMs) within++;
      }
      return [kind, { medianMs: median(list), reviews: list.length, targetMs, withinTarget: within }];
    }),
  ) as Record<Kind, AnswerTime>;
}

export interface StatsInput {
  reviews: Iterable<StatsReview>;
  cards: readonly StatsCard[];
  now: number;
  dayStartHour: number;
  /** Target answer time per kind, ms, where settings have one. */
  answerTargetsMs?: Partial<Record<Kind, number>>;
}

export function statistics(input: StatsInput): Statistics {
  const { now, dayStartHour, cards } = input;
  const log = datedReviews(input.reviews, now, dayStartHour);
  const byDay = activityByDay(log.reviews);
  const today = dayKey(now, dayStartHour);
  const studied = new Set(byDay.keys());
  return {
    today,
    reviews: log.reviews.length,
    skipped: log.skipped,
    days: lastDays(byDay, now, dayStartHour, YEAR_DAYS),
    streak: { current: streak(studied, now, dayStartHour), longest: longestStreak(studied) },
    retention: trueRetention(log.reviews, cards),
    forecast: reviewForecast(cards, now, dayStartHour),
    states: cardStates(cards),
    answerTimes: answerTimes(log.reviews, cards, input.answerTargetsMs),
  };
}
