// The interview plan in a study session: today's extra new cards and boosters, loaded only when an interview is ahead.
import type { Settings } from '../domain';
import type { Interview } from '../domain/interview';
import { todayPlan, withPlan } from '../domain/plan';
import type { KeypointsDb } from '../storage/db';
import { readInterviewData } from '../storage/repositories/interview-data';
import { inSessionFilter, type SessionFilter } from '../storage/repositories/queries';

export interface PlannedQueue {
  /** The session's queue first and unchanged, then the plan's new cards, then its boosters. */
  queue: string[];
  nextLearning: number | null;
  /**
   * The day's new-card allowance for grading: the plan's new cards go past the daily limit on
   * purpose, so it is raised by that many above what today already allows or has used.
   */
  newPerDay: number;
}

/**
 * Today's plan for the interview merged into the session's queue (`session`, as `sessionQueue`
 * gives it, read at `now` with `settings` and `filter`). The plan is made for the whole interview,
 * as Home shows it, then narrowed to the session's levels and kinds: a narrowed session shows the
 * plan's cards it covers, never others. Nothing is written: a booster is only a card shown before
 * its due, and grading it early is what brings its next due earlier.
 */
export async function planQueue(
  db: KeypointsDb,
  interview: Interview,
  settings: Settings,
  filter: SessionFilter,
  now: number,
  session: { queue: string[]; nextLearning: number | null },
): Promise<PlannedQueue> {
  const data = await readInterviewData(db, { now, tags: (interview.covers.tags?.length ?? 0) > 0 });
  const plan = todayPlan({
    cards: data.cards,
    schedules: data.schedules,
    interview,
    settings,
    now,
    todayQueue: session.queue,
    studiedToday: data.studiedToday,
    durations: data.durations,
  });
  const cards = new Map(data.cards.map((c) => [c.id, c]));
  const inSession = (id: string) => {
    const card = cards.get(id);
    return card !== undefined && inSessionFilter(card, filter);
  };
  const newCards = plan.newCards.filter(inSession);
  const boosters = plan.boosters.filter(inSession);
  let introduced = 0;
  for (const r of data.studiedToday) if (r.firstReview) introduced += 1;
  return {
    queue: withPlan(session.queue, { newCards, boosters }),
    nextLearning: session.nextLearning,
    newPerDay: Math.max(settings.newPerDay, introduced) + newCards.length,
  };
}
