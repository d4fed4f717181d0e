// Cards one by one: a card's page, own cards, edits, suspend, reset, delete and undo.
import Dexie from 'dexie';
import {
  type CardDraft,
  type CardRecord,
  cleanDraft,
  DEFAULT_SETTINGS,
  type Deck,
  DomainError,
  newCardSchedule,
  OWN_DECK,
  type Review,
  sameDraftContent,
  ValidationError,
  validateCardDraft,
} from '../../domain';
import type { Recording } from '../../domain/recording';
import { createScheduler } from '../../domain/scheduler';
import type { KeypointsDb, ScheduleRow, StoredCard } from '../db';
import { writeTransaction } from '../write';
import { scheduleCardFields } from './decks';
import { cardReviews } from './queries';
import { cardRecordings } from './recordings';

// Kept here rather than in ../errors: only card pages meet them, and the review path loads that module.
/** The card asked for is not on this device (deleted in another tab, or a stale link). */
export class CardNotFoundError extends DomainError {
  readonly code = 'card-not-found';
  constructor(readonly cardId: string) {
    super('This card is no longer on this device. It may have been deleted in another tab or window.');
    this.name = 'CardNotFoundError';
  }
}

/** Undo of a delete found a card with the same id already back (restored in another tab). */
export class RestoreConflictError extends DomainError {
  readonly code = 'restore-conflict';
  constructor(readonly cardId: string) {
    super('This card is already back (restored in another tab or window), so nothing was changed.');
    this.name = 'RestoreConflictError';
  }
}

function checkedDraft(draft: CardDraft): CardDraft {
  const clean = cleanDraft(draft);
  const problems = validateCardDraft(clean);
  if (problems.length > 0) throw new ValidationError(problems);
  return clean;
}

// Random rather than counted: two devices never mint the same id (backups merge by id), and an
// id freed by a delete is never handed to a new card while Undo could still bring the old one back.
function randomOwnId(): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return `${OWN_DECK.id}/${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')}`;
}

async function mustGetCard(db: KeypointsDb, cardId: string): Promise<StoredCard> {
  const card = await db.cards.get(cardId);
  if (!card) throw new CardNotFoundError(cardId);
  return card;
}

/**
 * Adds a card to the user's own deck (created on first use) as a new card, with its schedule, in
 * one transaction. Throws ValidationError (nothing written) when the draft cannot be saved.
 */
export async function createOwnCard(db: KeypointsDb, draft: CardDraft, now: number): Promise<StoredCard> {
  const content = checkedDraft(draft);
  return writeTransaction(db, [db.decks, db.cards, db.schedules], async () => {
    if (!(await db.decks.get(OWN_DECK.id))) await db.decks.add(OWN_DECK);
    let id = randomOwnId();
    while (await db.cards.get(id)) id = randomOwnId();
    const last = await db.cards
      .where('[deckId+order]')
      .between([OWN_DECK.id, Dexie.minKey], [OWN_DECK.id, Dexie.maxKey])
      .last();
    const order = last ? last.order + 1 : 0;
    const record: CardRecord = {
      ...content,
      id,
      deckId: OWN_DECK.id,
      number: String(order + 1),
      order,
      skills: [],
      questionType: '',
      suspended: false,
      retired: false,
      createdAt: now,
      updatedAt: now,
    };
    const card: StoredCard = record;
    await db.cards.add(card);
    await db.schedules.put({ ...newCardSchedule(id, now), ...scheduleCardFields(card) });
    return card;
  });
}

/**
 * Changes a card's content in one transaction. The id, the reviews and the FSRS state stay; the
 * schedule's copies of level and kind follow. Saving an unchanged draft writes nothing.
 */
export async function updateCard(
  db: KeypointsDb,
  cardId: string,
  draft: CardDraft,
  now: number,
): Promise<StoredCard> {
  const content = checkedDraft(draft);
  return writeTransaction(db, [db.cards, db.schedules], async () => {
    const old = await mustGetCard(db, cardId);
    if (sameDraftContent(old, content)) return old;
    const card: StoredCard = { ...old, ...content, id: old.id, updatedAt: now };
    const row = await db.schedules.get(cardId);
    await db.cards.put(card);
    await db.schedules.put({
      ...(row ?? newCardSchedule(cardId, now)),
      ...scheduleCardFields(card),
    });
    return card;
  });
}

/** Suspends (or brings back) a card: its record and its schedule's `active` flag change together. */
export function setSuspended(db: KeypointsDb, cardId: string, suspended: boolean): Promise<void> {
  return writeTransaction(db, [db.cards, db.schedules], async () => {
    const card = { ...(await mustGetCard(db, cardId)), suspended };
    await db.cards.put(card);
    await db.schedules.update(cardId, { active: scheduleCardFields(card).active });
  });
}

/**
 * Makes a card new again. Its reviews are deleted in the same transaction: schedules are rebuilt
 * by replaying the review log, so a reset that kept them would be undone by the next rebuild.
 */
export function resetProgress(
  db: KeypointsDb,
  cardId: string,
  now: number,
): Promise<{ reviewsDeleted: number }> {
  return writeTransaction(db, [db.cards, db.schedules, db.reviews], async () => {
    const card = await mustGetCard(db, cardId);
    const reviewsDeleted = await db.reviews.where('cardId').equals(cardId).delete();
    await db.schedules.put({ ...newCardSchedule(cardId, now), ...scheduleCardFields(card) });
    return { reviewsDeleted };
  });
}

/** Everything a delete removed, kept by the screen so that Undo can put it back as it was. */
export interface DeletedCard {
  card: StoredCard;
  schedule: ScheduleRow | null;
  reviews: Review[];
  /** Absent in what was deleted before recordings existed. */
  recordings?: Recording[];
}

/** Removes a card with its schedule, reviews and recordings in one transaction, returning them for Undo. */
export function deleteCard(db: KeypointsDb, cardId: string): Promise<DeletedCard> {
  return writeTransaction(db, [db.cards, db.schedules, db.reviews, db.recordings], async () => {
    const card = await mustGetCard(db, cardId);
    const schedule = (await db.schedules.get(cardId)) ?? null;
    const reviews = await cardReviews(db, cardId);
    const recordings = await cardRecordings(db, cardId);
    await db.reviews.bulkDelete(reviews.map((r) => r.id));
    await db.recordings.bulkDelete(recordings.map((r) => r.id));
    await db.schedules.delete(cardId);
    await db.cards.delete(cardId);
    return { card, schedule, reviews, recordings };
  });
}

/** Undo of `deleteCard`: puts the card, its schedule, reviews and recordings back in one transaction. */
export function restoreDeletedCard(db: KeypointsDb, deleted: DeletedCard, now: number): Promise<void> {
  const { card } = deleted;
  return writeTransaction(db, [db.decks, db.cards, db.schedules, db.reviews, db.recordings], async () => {
    if (await db.cards.get(card.id)) throw new RestoreConflictError(card.id);
    if (card.deckId === OWN_DECK.id && !(await db.decks.get(OWN_DECK.id))) await db.decks.add(OWN_DECK);
    const scheduler = createScheduler(DEFAULT_SETTINGS);
    // A card deleted without a schedule row (never expected) gets one from its reviews.
    const schedule =
      deleted.schedule ??
      (deleted.reviews.length
        ? scheduler.replay(card.id, deleted.reviews)
        : scheduler.newSchedule(card.id, now));
    await db.cards.add(card);
    await db.schedules.put({ ...schedule, ...scheduleCardFields(card) });
    await db.reviews.bulkPut(deleted.reviews);
    await db.recordings.bulkPut(deleted.recordings ?? []);
  });
}

/** Everything a card's page shows, read together so the parts always agree. */
export interface CardDetail {
  card: StoredCard;
  schedule: ScheduleRow | null;
  /** Oldest first. */
  reviews: Review[];
  deck: Deck | null;
}

export function cardDetail(db: KeypointsDb, cardId: string): Promise<CardDetail | null> {
  return db.transaction('r', db.cards, db.schedules, db.reviews, db.decks, async () => {
    const card = await db.cards.get(cardId);
    if (!card) return null;
    const [schedule, reviews, deck] = await Promise.all([
      db.schedules.get(cardId),
      cardReviews(db, cardId),
      db.decks.get(card.deckId),
    ]);
    return { card, schedule: schedule ?? null, reviews, deck: deck ?? null };
  });
}

/** A card by id, or undefined when it is not on this device. */
export function getCard(db: KeypointsDb, cardId: string): Promise<StoredCard | undefined> {
  return db.cards.get(cardId);
}

/** How many cards the device holds, retired ones included. */
export function countCards(db: KeypointsDb): Promise<number> {
  return db.cards.count();
}
