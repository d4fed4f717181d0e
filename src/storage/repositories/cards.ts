// Cards one by one: the browse index, a card's page, own cards, edits, suspend, reset, delete and undo.
import Dexie from 'dexie';
import {
  type CardDraft,
  type CardRecord,
  cardSearchText,
  cleanDraft,
  compareDeckOrder,
  createScheduler,
  DEFAULT_SETTINGS,
  type Deck,
  DomainError,
  type FsrsState,
  type Kind,
  type Level,
  OWN_DECK,
  type Review,
  State,
  ValidationError,
  validateCardDraft,
} from '../../domain';
import type { KeypointsDb, ScheduleRow, StoredCard } from '../db';
import { writeTransaction } from '../write';
import { scheduleCardFields } from './decks';
import { cardReviews } from './reviews';

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

const newScheduler = () => createScheduler(DEFAULT_SETTINGS);

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
    await db.schedules.put({ ...newScheduler().newSchedule(id, now), ...scheduleCardFields(card) });
    return card;
  });
}

function sameDraft(card: CardRecord, draft: CardDraft): boolean {
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((s, i) => s === b[i]);
  return (
    card.question === draft.question &&
    card.context === draft.context &&
    card.exampleAnswer === draft.exampleAnswer &&
    card.level === draft.level &&
    card.kind === draft.kind &&
    same(card.keyPoints, draft.keyPoints) &&
    same(card.pitfalls, draft.pitfalls) &&
    same(card.tags, draft.tags)
  );
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
    if (sameDraft(old, content)) return old;
    const card: StoredCard = { ...old, ...content, id: old.id, updatedAt: now };
    const row = await db.schedules.get(cardId);
    await db.cards.put(card);
    await db.schedules.put({
      ...(row ?? newScheduler().newSchedule(cardId, now)),
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
    await db.schedules.put({ ...newScheduler().newSchedule(cardId, now), ...scheduleCardFields(card) });
    return { reviewsDeleted };
  });
}

/** Everything a delete removed, kept by the screen so that Undo can put it back as it was. */
export interface DeletedCard {
  card: StoredCard;
  schedule: ScheduleRow | null;
  reviews: Review[];
}

/** Removes a card with its schedule and reviews in one transaction, returning them for Undo. */
export function deleteCard(db: KeypointsDb, cardId: string): Promise<DeletedCard> {
  return writeTransaction(db, [db.cards, db.schedules, db.reviews], async () => {
    const card = await mustGetCard(db, cardId);
    const schedule = (await db.schedules.get(cardId)) ?? null;
    const reviews = await cardReviews(db, cardId);
    await db.reviews.bulkDelete(reviews.map((r) => r.id));
    await db.schedules.delete(cardId);
    await db.cards.delete(cardId);
    return { card, schedule, reviews };
  });
}

/** Undo of `deleteCard`: puts the card, its schedule and its reviews back in one transaction. */
export function restoreDeletedCard(db: KeypointsDb, deleted: DeletedCard, now: number): Promise<void> {
  const { card } = deleted;
  return writeTransaction(db, [db.decks, db.cards, db.schedules, db.reviews], async () => {
    if (await db.cards.get(card.id)) throw new RestoreConflictError(card.id);
    if (card.deckId === OWN_DECK.id && !(await db.decks.get(OWN_DECK.id))) await db.decks.add(OWN_DECK);
    const scheduler = newScheduler();
    // A card deleted without a schedule row (never expected) gets one from its reviews.
    const schedule =
      deleted.schedule ??
      (deleted.reviews.length
        ? scheduler.replay(card.id, deleted.reviews)
        : scheduler.newSchedule(card.id, now));
    await db.cards.add(card);
    await db.schedules.put({ ...schedule, ...scheduleCardFields(card) });
    await db.reviews.bulkPut(deleted.reviews);
  });
}

/** One card as the browse list needs it: the search key and what a row shows, nothing longer. */
export interface BrowseEntry {
  id: string;
  deckId: string;
  order: number;
  level: Level;
  kind: Kind;
  tags: string[];
  question: string;
  /** The card's texts normalised with `normalizeForSearch` (`cardSearchText`): what search matches. */
  searchText: string;
  suspended: boolean;
  retired: boolean;
  state: FsrsState;
  due: number;
}

// Pages keep the peak memory of a read low (the long texts of one page are dropped before the
// next) and let the screen answer input between pages while 10,000 cards are read.
const INDEX_PAGE = 200;

function toBrowseEntry(c: StoredCard, s: ScheduleRow | undefined): BrowseEntry {
  return {
    id: c.id,
    deckId: c.deckId,
    order: c.order,
    level: c.level,
    kind: c.kind,
    tags: c.tags,
    question: c.question,
    searchText: cardSearchText(c),
    suspended: c.suspended,
    retired: c.retired,
    state: s?.state ?? State.New,
    due: s?.due ?? 0,
  };
}

/** One page of the browse index, in id order (not deck order); `after` is where the next page starts. */
export interface BrowseIndexPage {
  entries: BrowseEntry[];
  /** The last id read, or null when this page was the last. */
  after: string | null;
}

/**
 * Up to `limit` cards with ids above `after` (from the first when null), each with its schedule,
 * read in one transaction. A reader that yields between pages (to answer searches while it reads)
 * calls this once per page; the pages of one pass are not one snapshot, so it must watch for writes.
 */
export function readBrowseIndexPage(
  db: KeypointsDb,
  after: string | null,
  limit: number = INDEX_PAGE,
): Promise<BrowseIndexPage> {
  return db.transaction('r', db.cards, db.schedules, async () => {
    const cards: StoredCard[] = await (after === null
      ? db.cards.orderBy(':id')
      : db.cards.where(':id').above(after)
    )
      .limit(limit)
      .toArray();
    const first = cards[0];
    const last = cards[cards.length - 1];
    if (!first || !last) return { entries: [], after: null };
    // Schedules are keyed by card id: one range read of the same ids, rather than a get per card.
    const schedules = new Map(
      (await db.schedules.where(':id').between(first.id, last.id, true, true).toArray()).map((s) => [
        s.cardId,
        s,
      ]),
    );
    return {
      entries: cards.map((c) => toBrowseEntry(c, schedules.get(c.id))),
      after: cards.length === limit ? last.id : null,
    };
  });
}

/** The browse entries of the cards with these ids that still exist (a deleted card has none). */
export function readBrowseEntries(db: KeypointsDb, ids: readonly string[]): Promise<BrowseEntry[]> {
  return db.transaction('r', db.cards, db.schedules, async () => {
    const [cards, schedules] = await Promise.all([
      db.cards.bulkGet([...ids]),
      db.schedules.bulkGet([...ids]),
    ]);
    const entries: BrowseEntry[] = [];
    cards.forEach((c, i) => {
      if (c) entries.push(toBrowseEntry(c, schedules[i]));
    });
    return entries;
  });
}

/** Every card's schedule fields the browse index shows, for when many schedules changed at once. */
export async function readBrowseStates(
  db: KeypointsDb,
): Promise<Map<string, Pick<BrowseEntry, 'state' | 'due'>>> {
  const rows = await db.schedules.toArray();
  return new Map(rows.map((s) => [s.cardId, { state: s.state, due: s.due }]));
}

/** Every card, light, in deck order, read in one transaction. */
export function listBrowseIndex(db: KeypointsDb): Promise<BrowseEntry[]> {
  return db.transaction('r', db.cards, db.schedules, async () => {
    const entries: BrowseEntry[] = [];
    let after: string | null = null;
    do {
      const page: BrowseIndexPage = await readBrowseIndexPage(db, after);
      entries.push(...page.entries);
      after = page.after;
    } while (after !== null);
    return entries.sort(compareDeckOrder);
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
