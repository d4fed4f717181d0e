// What readiness and the interview plan read: the cards that can be studied, their schedules, settings and timings.
import { compareDeckOrder, type Schedule, type Settings, startOfStudyDay } from '../../domain';
import type { CoverableCard } from '../../domain/interview';
import {
  DEFAULT_STUDY_DURATIONS,
  RECENT_DURATIONS,
  type StudiedToday,
  type StudyDurations,
  studiedTodayFrom,
  studyDurations,
} from '../../domain/plan';
import type { KeypointsDb } from '../db';
import { getSettings } from './settings';

export interface InterviewData {
  /** Active cards (neither suspended nor retired), in deck order. */
  cards: CoverableCard[];
  schedules: Map<string, Schedule>;
  settings: Settings;
  durations: StudyDurations;
  /** The reviews of the study day holding `now` (empty when no `now` was given). */
  studiedToday: StudiedToday[];
}

export interface InterviewDataOptions {
  /** Reads this study day's reviews too, for a plan made during the day. */
  now?: number;
  /**
   * Whether the cards' tags are needed (an interview covering some tags). Tags live only on the
   * cards, whose long texts a read must decode: without tags, the small schedules table says all
   * the rest (deck, level, kind, whether the card is active), and `tags` is left empty.
   */
  tags?: boolean;
}

/** One consistent read (a single transaction) of what readiness and the plan need. */
export async function readInterviewData(
  db: KeypointsDb,
  options: InterviewDataOptions = {},
): Promise<InterviewData> {
  const { now, tags = true } = options;
  return db.transaction('r', [db.cards, db.schedules, db.reviews, db.settings], async () => {
    const [settings, rows, cards, recent] = await Promise.all([
      getSettings(db),
      db.schedules.toArray(),
      tags ? db.cards.toArray() : null,
      // The newest reviews of either sort are enough for the medians (see studyDurations).
      db.reviews
        .orderBy('reviewedAt')
        .reverse()
        .limit(RECENT_DURATIONS * 4)
        .toArray(),
    ]);
    const today =
      now === undefined
        ? []
        : await db.reviews
            .where('reviewedAt')
            .aboveOrEqual(startOfStudyDay(now, settings.dayStartHour))
            .toArray();
    const schedules = new Map<string, Schedule>();
    for (const row of rows) if (row.active === 1) schedules.set(row.cardId, row);
    // Their long texts are dropped at once.
    const active = cards
      ? cards
          .filter((c) => schedules.has(c.id) && !c.suspended && !c.retired)
          .sort(compareDeckOrder)
          .map(({ id, deckId, level, kind, tags }) => ({ id, deckId, level, kind, tags }))
      : rows
          .filter((r) => r.active === 1)
          .sort(compareDeckOrder)
          .map(({ cardId, deckId, level, kind }) => ({ id: cardId, deckId, level, kind, tags: [] }));
    return {
      cards: active,
      schedules,
      settings,
      durations: recent.length > 0 ? studyDurations(recent) : DEFAULT_STUDY_DURATIONS,
      studiedToday: studiedTodayFrom(today),
    };
  });
}
