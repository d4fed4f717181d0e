// The statistics as screens read them: their shape, spans and bounds. The computation (stats.ts) runs off the screen's chunk.
import type { FsrsState, Grade, Kind, Level } from './card';

/** The heatmap's span, and the longest activity period: the last year, today included. */
export const YEAR_DAYS = 365;
/** The periods the reviews-and-minutes charts offer, in days ending today. */
export const ACTIVITY_PERIODS = [30, 90, YEAR_DAYS] as const;
export type ActivityPeriod = (typeof ACTIVITY_PERIODS)[number];
/** The forecast's span: today and the 29 days after it. */
export const FORECAST_DAYS = 30;
/** A card whose interval was at least this many days when it was reviewed is mature (as in Anki). */
export const MATURE_DAYS = 21;

/** The fields of a review the statistics read. */
export interface StatsReview {
  cardId: string;
  reviewedAt: number;
  rating: Grade;
  durationMs: number;
  /** The interval the card had when it was reviewed, in days (the log's scheduledDays). */
  intervalDays: number;
}

/** Whether a card takes part in sessions, or why not. */
export type CardStanding = 'active' | 'suspended' | 'retired';

/** The fields of a card and its schedule the statistics read. */
export interface StatsCard {
  cardId: string;
  level: Level;
  kind: Kind;
  state: FsrsState;
  due: number;
  standing: CardStanding;
}

/** One study day's work. */
export interface DayActivity {
  day: string;
  reviews: number;
  /** Time spent on the day's reviews (their recorded durations), ms. */
  ms: number;
}

/** A study day's work, with the instant the day began (to show its date). */
export interface DayRow extends DayActivity {
  start: number;
}

export interface PassCount {
  /** Reviews graded anything but Again. */
  passed: number;
  total: number;
}

/** passed / total, or null when nothing was counted. */
export function passRate(count: PassCount): number | null {
  return count.total === 0 ? null : count.passed / count.total;
}

export interface RetentionRow {
  /** The card's interval was under MATURE_DAYS when it was reviewed. */
  young: PassCount;
  mature: PassCount;
  all: PassCount;
}

export interface Retention {
  overall: RetentionRow;
  byLevel: Record<Level, RetentionRow>;
  byKind: Record<Kind, RetentionRow>;
}

export interface ForecastDay {
  day: string;
  start: number;
  /** Reviews due that day; today's include every overdue card. */
  due: number;
}

export interface Forecast {
  days: ForecastDay[];
  /** Of today's, the cards that were due before today began. */
  overdue: number;
}

export interface CardStates {
  new: number;
  learning: number;
  review: number;
  relearning: number;
  suspended: number;
  /** No longer in their deck: kept with their history, shown apart from the states. */
  retired: number;
}

export const STATE_KEYS = ['new', 'learning', 'review', 'relearning', 'suspended'] as const;

export interface AnswerTime {
  /** Median recorded duration, ms; null with no timed review. */
  medianMs: number | null;
  /** Reviews with a recorded duration. */
  reviews: number;
  /** The kind's target answer time (from settings), ms; null when there is none. */
  targetMs: number | null;
  /** Of the timed reviews, those at or under the target; null without a target. */
  withinTarget: number | null;
}

/** Everything the Statistics screen shows: plain data, so it crosses from a worker as it is. */
export interface Statistics {
  /** Today's study day. */
  today: string;
  /** Reviews in the log the statistics counted, and those they could not (bad or future times). */
  reviews: number;
  skipped: number;
  /** The last YEAR_DAYS study days, oldest first, ending today. */
  days: DayRow[];
  streak: { current: number; longest: number };
  retention: Retention;
  forecast: Forecast;
  states: CardStates;
  answerTimes: Record<Kind, AnswerTime>;
}
