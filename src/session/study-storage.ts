// The study engine's reads and writes: a card with its schedule, and a grade that keeps the new-card limit.
import { DomainError, type Settings } from '../domain';
import type { KeypointsDb, ScheduleRow, StoredCard } from '../storage/db';
import { newCardsIntroducedToday } from '../storage/repositories/queries';
import { type GradeInput, type GradeResult, gradeCard } from '../storage/repositories/reviews';

/** ts-fsrs State.New: a card never graded. */
export const STATE_NEW = 0;

/** The day's new cards were introduced meanwhile (often in another tab): this one waits for tomorrow. */
export class NewCardLimitError extends DomainError {
  readonly code = 'new-card-limit';
  constructor(readonly cardId: string) {
    super(
      "Today's new cards have all been started (in this or another tab), so this card stays new for another day.",
    );
    this.name = 'NewCardLimitError';
  }
}

export interface StudyCard {
  card: StoredCard;
  schedule: ScheduleRow;
  /** Set when the card is new: how many cards were introduced today, in every tab. */
  introducedToday: number | null;
}

/**
 * A card with its schedule in one read. Only for a new card is the day's count of introduced cards
 * read too (in the same transaction), so reviews pay no extra read.
 */
export function readStudyCard(
  db: KeypointsDb,
  cardId: string,
  settings: Settings,
  now: number,
  countNew: boolean,
): Promise<StudyCard | null> {
  return db.transaction('r', db.cards, db.schedules, db.reviews, async () => {
    const [card, schedule] = await Promise.all([db.cards.get(cardId), db.schedules.get(cardId)]);
    if (!card || !schedule) return null;
    const introducedToday =
      countNew && schedule.state === STATE_NEW
        ? await newCardsIntroducedToday(db, now, settings.dayStartHour)
        : null;
    return { card, schedule, introducedToday };
  });
}

/**
 * gradeCard, refused with NewCardLimitError when the card is new and the day's allowance is used up.
 * The count and the grade share one read-write transaction, which IndexedDB runs one at a time
 * across tabs: two tabs cannot both take the last new card.
 */
export function gradeWithinLimit(
  db: KeypointsDb,
  settings: Settings,
  input: GradeInput & { shown: Pick<ScheduleRow, 'state'> },
): Promise<GradeResult> {
  if (input.shown.state !== STATE_NEW) return gradeCard(db, settings, input);
  return db.transaction('rw', db.schedules, db.reviews, async () => {
    // Graded elsewhere meanwhile: gradeCard's StaleCardError says it better than the limit would.
    const stored = await db.schedules.get(input.cardId);
    if (stored?.state === STATE_NEW) {
      const introduced = await newCardsIntroducedToday(db, input.now, settings.dayStartHour);
      if (introduced >= settings.newPerDay) throw new NewCardLimitError(input.cardId);
    }
    // Dexie runs this inner transaction inside the outer one (same tables, same mode).
    return gradeCard(db, settings, input);
  });
}
