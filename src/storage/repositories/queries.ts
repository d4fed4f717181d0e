// Read models for screens: the session queue and the numbers Home shows.
import Dexie from 'dexie';
import {
  compareDeckOrder,
  countsForToday,
  type Kind,
  type Level,
  learningAheadNow,
  nextLearningDue,
  type QueueInput,
  type Review,
  type Settings,
  State,
  sessionCards,
  startOfStudyDay,
  streak,
  studyDayKeys,
} from '../../domain';
import type { KeypointsDb, ScheduleRow, StoredCard } from '../db';

export interface SessionFilter {
  /** Only these levels (all when empty or absent). */
  levels?: readonly Level[];
  /** Only these kinds (all when empty or absent). */
  kinds?: readonly Kind[];
}

/** Whether a card's level and kind are among the session's. */
export function inSessionFilter(card: { level: Level; kind: Kind }, filter: SessionFilter): boolean {
  if (filter.levels?.length && !filter.levels.includes(card.level)) return false;
  if (filter.kinds?.length && !filter.kinds.includes(card.kind)) return false;
  return true;
}

function matches(row: ScheduleRow, filter: SessionFilter): boolean {
  return row.active === 1 && inSessionFilter(row, filter);
}

export interface TodayReviews {
  /** Reviews graded this study day. */
  total: number;
  /** Of which of cards that were in review state (they count against the review limit). */
  reviews: number;
  /** Of which first reviews of new cards (they count against the new-card limit). */
  introduced: number;
}

export async function todayReviews(
  db: KeypointsDb,
  now: number,
  dayStartHour: number,
): Promise<TodayReviews> {
  const since = startOfStudyDay(now, dayStartHour);
  const list = await db.reviews.where('reviewedAt').aboveOrEqual(since).toArray();
  let reviews = 0;
  let introduced = 0;
  for (const r of list) {
    if (r.log.state === State.New) introduced++;
    else if (r.log.state === State.Review) reviews++;
  }
  return { total: list.length, reviews, introduced };
}

/** Everything the queue needs, from the small schedules table only. */
export async function queueInput(
  db: KeypointsDb,
  settings: Settings,
  now: number,
  filter: SessionFilter = {},
): Promise<QueueInput> {
  const [rows, today] = await db.transaction('r', db.schedules, db.reviews, () =>
    Promise.all([db.schedules.toArray(), todayReviews(db, now, settings.dayStartHour)]),
  );
  const eligible = rows.filter((r) => matches(r, filter));
  const newCards = eligible
    .filter((r) => r.state === State.New)
    .sort(compareDeckOrder)
    .map((r) => r.cardId);
  return {
    now,
    dayStartHour: settings.dayStartHour,
    newPerDay: settings.newPerDay,
    maxReviewsPerDay: settings.maxReviewsPerDay,
    reviewedToday: today.reviews,
    newIntroducedToday: today.introduced,
    schedules: eligible,
    newCards,
  };
}

export async function sessionQueue(
  db: KeypointsDb,
  settings: Settings,
  now: number,
  filter: SessionFilter = {},
): Promise<{ queue: string[]; nextLearning: number | null }> {
  const input = await queueInput(db, settings, now, filter);
  return {
    queue: sessionCards(input, settings.learnAheadMinutes),
    nextLearning: nextLearningDue(input),
  };
}

export interface HomeStats {
  dueNow: number;
  newLeft: number;
  learningLater: number;
  reviewedToday: number;
  streak: number;
  /** When the next card (of any kind, active) is due after now, or null. */
  nextDue: number | null;
  totalCards: number;
  /** Interviews stored, ahead or past: Home loads their summaries only when there are any. */
  interviews: number;
}

const DAY_MS = 86_400_000;

export async function homeStats(
  db: KeypointsDb,
  settings: Settings,
  now: number,
  filter: SessionFilter = {},
): Promise<HomeStats> {
  const input = await queueInput(db, settings, now, filter);
  // Start review shows these learning cards at once (learn ahead): due now, not next.
  const ahead = new Set(learningAheadNow(input, settings.learnAheadMinutes));
  const counts = countsForToday(input, settings.learnAheadMinutes);
  // Index keys only: the streak needs review times, not reviews. A year and a bit is plenty.
  const times = (await db.reviews
    .where('reviewedAt')
    .aboveOrEqual(now - 400 * DAY_MS)
    .keys()) as number[];
  const today = await todayReviews(db, now, settings.dayStartHour);
  let nextDue: number | null = null;
  let total = 0;
  for (const s of input.schedules as ScheduleRow[]) {
    total++;
    if (s.state === State.New || s.due <= now || ahead.has(s.cardId)) continue;
    if (nextDue === null || s.due < nextDue) nextDue = s.due;
  }
  return {
    ...counts,
    reviewedToday: today.total,
    streak: streak(studyDayKeys(times, settings.dayStartHour), now, settings.dayStartHour),
    nextDue,
    totalCards: total,
    interviews: await db.interviews.count(),
  };
}

export interface CardForReview {
  card: StoredCard | undefined;
  schedule: ScheduleRow | undefined;
}

/** A card and its schedule, read together so a grade is never shown over another card's state. */
export function getCardForReview(db: KeypointsDb, cardId: string): Promise<CardForReview> {
  return db.transaction('r', db.cards, db.schedules, async () => {
    const [card, schedule] = await Promise.all([db.cards.get(cardId), db.schedules.get(cardId)]);
    return { card, schedule };
  });
}

// These two are reads of the review log kept here, not with grading (reviews.ts), so that the card
// page and Home's backup reminder load no scheduler for them.

/** A card's reviews in the order they happened. */
export function cardReviews(db: KeypointsDb, cardId: string): Promise<Review[]> {
  return db.reviews
    .where('[cardId+reviewedAt]')
    .between([cardId, Dexie.minKey], [cardId, Dexie.maxKey])
    .toArray();
}

/** How many reviews the device holds. */
export function reviewCount(db: KeypointsDb): Promise<number> {
  return db.reviews.count();
}
