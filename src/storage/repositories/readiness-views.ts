// What the interview screens show: readiness and today's line per interview, one interview's readiness in full, the reached readiness kept once an interview has passed.
import type { Deck, Kind, Level } from '../../domain';
import { type CoverableCard, type Interview, settleInterview } from '../../domain/interview';
import { dayGrid, todayPlan } from '../../domain/plan';
import { type Readiness, readiness, readinessTrend, type TrendPoint } from '../../domain/readiness';
import type { KeypointsDb } from '../db';
import { type ReplayInput, readReviewLog } from '../review-log';
import { listDecks } from './decks';
import { readInterviewData } from './interview-data';
import { getInterview, keepReachedReadiness, listInterviews } from './interviews';
import { sessionQueue } from './queries';

export interface InterviewSummary {
  interview: Interview;
  /** Study days until the one holding the interview: 0 on its day. */
  daysLeft: number;
  /** Readiness now, 0–100. */
  percent: number;
  /** Covered cards. */
  cards: number;
  /** What to do today, in one sentence (the plan's). */
  line: string;
}

export interface InterviewOverview {
  /** Interviews still ahead, soonest first. */
  upcoming: InterviewSummary[];
  /** Interviews whose moment has passed, latest first. */
  past: Interview[];
}

/**
 * Every interview: those ahead with their readiness and today's line (the plan over today's queue
 * as a session builds it), and those that have passed. One read transaction.
 */
export function interviewOverview(db: KeypointsDb, now: number): Promise<InterviewOverview> {
  return db.transaction(
    'r',
    [db.interviews, db.cards, db.schedules, db.reviews, db.settings],
    async (): Promise<InterviewOverview> => {
      const all = await listInterviews(db);
      const ahead = all.filter((i) => i.at > now);
      const past = all.filter((i) => i.at <= now).reverse();
      if (ahead.length === 0) return { upcoming: [], past };
      // Today's reviews too: the line is the plan a session would follow now, so what was
      // studied today counts against the day's budget and new-card pace, as it does there.
      const { cards, schedules, settings, durations, studiedToday } = await readInterviewData(db, { now });
      const { queue } = await sessionQueue(db, settings, now);
      const upcoming = ahead.map((interview) => {
        const r = readiness({ cards, schedules, interview, now, settings, weakest: 0 });
        const plan = todayPlan({
          cards,
          schedules,
          interview,
          settings,
          now,
          todayQueue: queue,
          durations,
          studiedToday,
        });
        return {
          interview,
          daysLeft: dayGrid(now, interview.at, settings.dayStartHour).last,
          percent: r.percent,
          cards: r.cards,
          line: plan.line,
        };
      });
      return { upcoming, past };
    },
  );
}

export interface WeakCard {
  cardId: string;
  question: string;
  level: Level;
  kind: Kind;
  /** Predicted recall at the interview, 0–1. */
  recall: number;
  isNew: boolean;
}

export interface InterviewReadiness {
  interview: Interview;
  /** Study days until the one holding the interview: 0 on its day, −1 once it has passed. */
  daysLeft: number;
  readiness: Readiness;
  weakest: WeakCard[];
  /** Readiness day by day, from the review log: from the later of the creation day and the first review, to today. */
  trend: TrendPoint[];
  /** The readiness reached at the interview (kept, or from the trend until it is); null while ahead. */
  reached: number | null;
}

/** One interview's readiness in full, or null when there is no such interview. */
export async function interviewReadiness(
  db: KeypointsDb,
  interviewId: string,
  now: number,
): Promise<InterviewReadiness | null> {
  const interview = await getInterview(db, interviewId);
  if (!interview) return null;
  const [{ cards, schedules, settings }, log] = await Promise.all([readInterviewData(db), readReviewLog(db)]);
  const r = readiness({ cards, schedules, interview, now, settings });
  const found = await db.cards.bulkGet(r.weakest.map((w) => w.cardId));
  const weakest = r.weakest.map((w, i) => ({ ...w, question: found[i]?.question ?? w.cardId }));
  const covered = new Set(cards.map((c) => c.id));
  let firstReview = Number.POSITIVE_INFINITY;
  for (const [cardId, list] of log.byCard) {
    if (!covered.has(cardId)) continue;
    for (const review of list) firstReview = Math.min(firstReview, review.reviewedAt);
  }
  const from = Number.isFinite(firstReview)
    ? Math.max(interview.createdAt, firstReview)
    : interview.createdAt;
  const trend = readinessTrend({
    cards,
    reviews: reviewsOf(log.byCard),
    interview,
    settings,
    dayStartHour: settings.dayStartHour,
    from: Math.min(from, now),
    to: now,
  });
  const passed = interview.at <= now;
  return {
    interview,
    daysLeft: passed ? -1 : dayGrid(now, interview.at, settings.dayStartHour).last,
    readiness: r,
    weakest,
    trend,
    reached: passed ? (interview.reachedReadiness ?? trend.at(-1)?.percent ?? 0) : null,
  };
}

function* reviewsOf(byCard: Map<string, ReplayInput[]>) {
  for (const [cardId, list] of byCard) for (const r of list) yield { cardId, ...r };
}

/**
 * Keeps, on each interview whose moment has passed and has none yet, the readiness it reached: the
 * trend's point for the interview's day, recomputed from the reviews before that moment (the log
 * is the truth; later reviews do not change it). Returns how many were kept.
 */
export async function settlePastInterviews(db: KeypointsDb, now: number): Promise<number> {
  const open = (await listInterviews(db)).filter((i) => i.at <= now && i.reachedReadiness === null);
  if (open.length === 0) return 0;
  const latest = Math.max(...open.map((i) => i.at));
  const [{ cards, settings }, reviews] = await Promise.all([
    readInterviewData(db),
    db.reviews.where('reviewedAt').below(latest).toArray(),
  ]);
  let kept = 0;
  for (const interview of open) {
    const point = readinessTrend({
      cards,
      reviews,
      interview,
      settings,
      dayStartHour: settings.dayStartHour,
      from: interview.at,
      to: interview.at,
    }).at(-1);
    const settled = settleInterview(interview, point?.percent ?? 0, now);
    if (settled.reachedReadiness === null) continue;
    await keepReachedReadiness(db, interview.id, settled.reachedReadiness);
    kept++;
  }
  return kept;
}

export interface CoverChoices {
  /** Decks that hold cards which can be studied, by title. */
  decks: Deck[];
  /** Every tag on those cards, sorted. */
  tags: string[];
  cards: CoverableCard[];
}

/** What an interview can cover: the decks, tags and cards the editor offers and counts. */
export async function coverChoices(db: KeypointsDb): Promise<CoverChoices> {
  const [decks, { cards }] = await Promise.all([listDecks(db), readInterviewData(db)]);
  const used = new Set(cards.map((c) => c.deckId));
  return {
    decks: decks.filter((d) => used.has(d.id)).sort((a, b) => a.title.localeCompare(b.title)),
    tags: [...new Set(cards.flatMap((c) => c.tags))].sort((a, b) => a.localeCompare(b)),
    cards,
  };
}
