// What readiness and the interview plan read: the cards that can be studied, their schedules, settings and timings.
import { compareDeckOrder, type Schedule, type Settings } from '../../domain';
import {
  DEFAULT_STUDY_DURATIONS,
  RECENT_DURATIONS,
  type StudyDurations,
  studyDurations,
} from '../../domain/plan';
import type { CoverableCard } from '../../domain/readiness';
import type { KeypointsDb } from '../db';
import { getSettings } from './settings';

export interface InterviewData {
  /** Active cards (neither suspended nor retired), in deck order. */
  cards: CoverableCard[];
  schedules: Map<string, Schedule>;
  settings: Settings;
  durations: StudyDurations;
}

/**
 * One consistent read (a single transaction) of what readiness and the plan need. Tags live only
 * on cards, so the cards are read too; their long texts are dropped at once.
 */
export async function readInterviewData(db: KeypointsDb): Promise<InterviewData> {
  return db.transaction('r', [db.cards, db.schedules, db.reviews, db.settings], async () => {
    const [settings, rows, cards, recent] = await Promise.all([
      getSettings(db),
      db.schedules.toArray(),
      db.cards.toArray(),
      // The newest reviews of either sort are enough for the medians (see studyDurations).
      db.reviews
        .orderBy('reviewedAt')
        .reverse()
        .limit(RECENT_DURATIONS * 4)
        .toArray(),
    ]);
    const schedules = new Map<string, Schedule>();
    for (const row of rows) if (row.active === 1) schedules.set(row.cardId, row);
    const active = cards
      .filter((c) => schedules.has(c.id) && !c.suspended && !c.retired)
      .sort(compareDeckOrder);
    return {
      cards: active.map(({ id, deckId, level, kind, tags }) => ({ id, deckId, level, kind, tags })),
      schedules,
      settings,
      durations: recent.length > 0 ? studyDurations(recent) : DEFAULT_STUDY_DURATIONS,
    };
  });
}
