// Everything in and out at once: backup export, restore, merge of another device's backup, deck import.
//
// Every write here is one Dexie `rw` transaction that starts only after the input was validated in
// full, so a bad file or a full disk leaves the database exactly as it was.
import {
  type Card,
  type CardRecord,
  createScheduler,
  type Deck,
  type DeckFile,
  type Problem,
  type Review,
  type Schedule,
  ValidationError,
  validateDeckFile,
} from '../../domain';
import { type BackupData, canonicalData, mergeBackups, parseBackup } from '../../domain/backup';
import { deckNamespaceProblems, importConflict } from '../../domain/import-rules';
import { inSlices } from '../batches';
import { BUILTIN_DECK_URL_KEY, type KeypointsDb, type ScheduleRow, type StoredCard } from '../db';
import { StorageFullError, toStorageError } from '../errors';
import { sameContent, scheduleCardFields, type UpsertResult, upsertDeckFile } from './decks';
import { withDefaults } from './settings';

/**
 * Quota errors reach us in three shapes: the DOMException itself, Dexie's AbortError wrapping it
 * (the transaction failed at commit), or a BulkError listing it among the failed requests.
 */
export function toTransferError(error: unknown): unknown {
  const failures = (error as { failures?: unknown } | null)?.failures;
  if (Array.isArray(failures)) {
    for (const failure of failures) {
      if (toStorageError(failure) instanceof StorageFullError) return new StorageFullError();
    }
  }
  return toStorageError(error);
}

async function guarded<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw toTransferError(error);
  }
}

function allTables(db: KeypointsDb) {
  return [db.decks, db.cards, db.schedules, db.reviews, db.settings, db.meta];
}

// ---------------------------------------------------------------------------------------------
// Export.

interface Snapshot {
  data: BackupData;
  /** What tells, cheaply, whether the review log changed since: its size and its newest review. */
  reviewCount: number;
  newestReviewId: string | null;
}

async function reviewFingerprint(db: KeypointsDb): Promise<Pick<Snapshot, 'reviewCount' | 'newestReviewId'>> {
  const [reviewCount, newest] = await Promise.all([
    db.reviews.count(),
    db.reviews.orderBy('reviewedAt').last(),
  ]);
  return { reviewCount, newestReviewId: newest?.id ?? null };
}

async function snapshot(db: KeypointsDb): Promise<Snapshot> {
  return db.transaction('r', [db.decks, db.cards, db.schedules, db.reviews, db.settings], async () => {
    const [decks, cards, schedules, reviews, settings, fingerprint] = await Promise.all([
      db.decks.toArray(),
      db.cards.toArray(),
      db.schedules.toArray(),
      db.reviews.toArray(),
      db.settings.get('settings'),
      reviewFingerprint(db),
    ]);
    // canonicalData drops what storage adds (search text, the schedule's copies of card fields).
    return {
      data: canonicalData({ decks, cards, schedules, reviews, settings: withDefaults(settings) }),
      ...fingerprint,
    };
  });
}

/** Everything the device holds (decks, cards, schedules, reviews, settings), read in one transaction. */
export async function exportAll(db: KeypointsDb): Promise<BackupData> {
  return (await snapshot(db)).data;
}

/** The cards an Anki export carries: every card still in its deck, in deck order. */
export async function cardsForExport(db: KeypointsDb): Promise<Card[]> {
  const cards = await db.cards.toArray();
  return cards
    .filter((c) => !c.retired)
    .sort((a, b) => (a.deckId < b.deckId ? -1 : a.deckId > b.deckId ? 1 : a.order - b.order));
}

// ---------------------------------------------------------------------------------------------
// Restore.

export interface RestoreResult {
  decks: number;
  cards: number;
  reviews: number;
}

function scheduleRow(card: CardRecord, fsrs: Schedule): ScheduleRow {
  return { ...fsrs, cardId: card.id, ...scheduleCardFields(card) };
}

/**
 * Replaces everything on the device with `backup` (as read by `parseBackup`) in one transaction.
 * The backup's schedules are kept as they are (a faithful copy of the other device); a card
 * without one starts as new. The time of the last backup export stays: it is about this device.
 */
export async function restoreAll(db: KeypointsDb, backup: BackupData, now: number): Promise<RestoreResult> {
  // Settings the scheduler would refuse would stop every review: refuse them before writing.
  const scheduler = createScheduler(backup.settings);
  const scheduleOf = new Map(backup.schedules.map((s) => [s.cardId, s]));
  const cards: StoredCard[] = backup.cards;
  const rows = backup.cards.map((c) =>
    scheduleRow(c, scheduleOf.get(c.id) ?? scheduler.newSchedule(c.id, now)),
  );
  return guarded(() =>
    db.transaction('rw', allTables(db), async () => {
      await Promise.all([
        db.decks.clear(),
        db.cards.clear(),
        db.schedules.clear(),
        db.reviews.clear(),
        db.settings.clear(),
        db.meta.delete(BUILTIN_DECK_URL_KEY),
      ]);
      await db.decks.bulkAdd(backup.decks);
      await inSlices(cards, (slice) => db.cards.bulkAdd(slice));
      await inSlices(rows, (slice) => db.schedules.bulkAdd(slice));
      await inSlices(backup.reviews, (slice) => db.reviews.bulkAdd(slice));
      await db.settings.put({ ...backup.settings, key: 'settings' });
      return { decks: backup.decks.length, cards: cards.length, reviews: backup.reviews.length };
    }),
  );
}

/** `parseBackup` then `restoreAll`: throws ValidationError naming the field before anything is written. */
export async function restoreBackupText(db: KeypointsDb, text: string, now: number): Promise<RestoreResult> {
  return restoreAll(db, parseBackup(text), now);
}

// ---------------------------------------------------------------------------------------------
// Merge.

export interface MergeOutcome {
  /** What the backup brought that this device did not have. */
  added: { decks: number; cards: number; reviews: number };
  /** Cards whose schedule was rebuilt because the backup brought reviews of them. */
  replayed: number;
}

export interface MergeOptions {
  /** Cards replayed so far, to show progress on big merges. */
  onProgress?: (done: number, total: number) => void;
  /** Yield to the UI after this many replayed cards (default 500). */
  yieldEvery?: number;
}

/**
 * Unites `incoming` (another device's backup) with this device's data: reviews by id (never lost,
 * never doubled), cards by the newer copy, decks added; this device's settings stay.
 *
 * Reviews are the truth and schedules a cache, so the schedules of cards that gained reviews are
 * rebuilt by replaying the united log. The replay is computed first, from a snapshot, yielding to
 * the UI; then ONE transaction checks the review log did not change meanwhile (else it starts
 * over) and writes the new reviews together with the schedules replayed from them. There is thus
 * no moment, not even after a crash, when the stored reviews and the stored schedules disagree.
 */
export async function mergeBackup(
  db: KeypointsDb,
  incoming: BackupData,
  now: number,
  options: MergeOptions = {},
): Promise<MergeOutcome> {
  const yieldEvery = options.yieldEvery ?? 500;
  for (let attempt = 0; attempt < 3; attempt++) {
    const local = await snapshot(db);
    const scheduler = createScheduler(local.data.settings);
    const { data: merged, added } = mergeBackups(local.data, incoming);

    const localCards = new Map(local.data.cards.map((c) => [c.id, c]));
    const changedCards = merged.cards.filter((c) => localCards.get(c.id)?.updatedAt !== c.updatedAt);
    const localReviewIds = new Set(local.data.reviews.map((r) => r.id));
    const newReviews = merged.reviews.filter((r) => !localReviewIds.has(r.id));
    const localDeckIds = new Set(local.data.decks.map((d) => d.id));
    const newDecks = merged.decks.filter((d) => !localDeckIds.has(d.id));

    const replayIds = new Set(newReviews.map((r) => r.cardId));
    const history = new Map<string, Review[]>();
    for (const r of merged.reviews) {
      if (!replayIds.has(r.cardId)) continue;
      const list = history.get(r.cardId);
      if (list) list.push(r);
      else history.set(r.cardId, [r]);
    }
    const replayed = new Map<string, Schedule>();
    let done = 0;
    for (const [cardId, reviews] of history) {
      replayed.set(cardId, scheduler.replay(cardId, reviews));
      if (++done % yieldEvery === 0) {
        options.onProgress?.(done, history.size);
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }

    const mergedCards = new Map(merged.cards.map((c) => [c.id, c]));
    const mergedSchedules = new Map(merged.schedules.map((s) => [s.cardId, s]));
    const touched = [...new Set([...changedCards.map((c) => c.id), ...replayIds])];

    const written = await guarded(() =>
      db.transaction('rw', [db.decks, db.cards, db.schedules, db.reviews], async () => {
        const fresh = await reviewFingerprint(db);
        if (fresh.reviewCount !== local.reviewCount || fresh.newestReviewId !== local.newestReviewId)
          return false;
        // A card edited in another tab since the snapshot keeps that edit unless the backup's is newer still.
        const current = await db.cards.bulkGet(changedCards.map((c) => c.id));
        const cardsToWrite = changedCards.filter((c, i) => {
          const mine = current[i];
          return !mine || c.updatedAt > mine.updatedAt;
        });
        const writtenCardIds = new Set(cardsToWrite.map((c) => c.id));
        const rows = await db.schedules.bulkGet(touched);
        const freshCards = await db.cards.bulkGet(touched);
        const schedules: ScheduleRow[] = [];
        touched.forEach((cardId, i) => {
          const card = writtenCardIds.has(cardId)
            ? mergedCards.get(cardId)
            : (freshCards[i] ?? mergedCards.get(cardId));
          if (!card) return;
          const fsrs =
            replayed.get(cardId) ??
            rows[i] ??
            mergedSchedules.get(cardId) ??
            scheduler.newSchedule(cardId, now);
          schedules.push(scheduleRow(card, fsrs));
        });
        await db.decks.bulkPut(newDecks);
        await inSlices(cardsToWrite, (slice) => db.cards.bulkPut(slice));
        await inSlices(newReviews, (slice) => db.reviews.bulkAdd(slice));
        await inSlices(schedules, (slice) => db.schedules.bulkPut(slice));
        return true;
      }),
    );
    if (written) {
      options.onProgress?.(history.size, history.size);
      return { added, replayed: replayed.size };
    }
  }
  throw new Error(
    'Reviews kept changing while the backup was merged. Close other Keypoints tabs and try again.',
  );
}

/** `parseBackup` then `mergeBackup`. */
export async function mergeBackupText(db: KeypointsDb, text: string, now: number): Promise<MergeOutcome> {
  return mergeBackup(db, parseBackup(text), now);
}

// ---------------------------------------------------------------------------------------------
// Importing a deck (another page, a CSV, a JSON file).

// The rule lives in the domain; callers still import it from here.
export { importConflict };

export interface DeckImportPreview extends UpsertResult {
  /** Cards already on the device with the same content. */
  unchanged: number;
  /** The deck this import would update, if it exists. */
  existing: Deck | null;
  /** Why the import may not be written; empty when it may. */
  problems: Problem[];
}

async function checkTarget(
  db: KeypointsDb,
  file: DeckFile,
): Promise<{ existing: Deck | null; problems: Problem[] }> {
  const existing = (await db.decks.get(file.deck.id)) ?? null;
  const conflict = importConflict(existing ?? undefined, file.deck);
  return { existing, problems: [...(conflict ? [conflict] : []), ...deckNamespaceProblems(file)] };
}

/** What importing `file` would do to the device: cards added, updated, retired, unchanged. Reads only. */
export async function previewDeckImport(db: KeypointsDb, file: DeckFile): Promise<DeckImportPreview> {
  return db.transaction('r', db.decks, db.cards, async () => {
    const { existing, problems } = await checkTarget(db, file);
    const old = await db.cards.where('deckId').equals(file.deck.id).toArray();
    const byId = new Map(old.map((c) => [c.id, c]));
    const incoming = new Set(file.cards.map((c) => c.id));
    let added = 0;
    let updated = 0;
    let unchanged = 0;
    for (const card of file.cards) {
      const mine = byId.get(card.id);
      if (!mine) added++;
      else if (mine.retired || !sameContent(mine, card)) updated++;
      else unchanged++;
    }
    const retired = old.filter((c) => !incoming.has(c.id) && !c.retired).length;
    return { added, updated, retired, unchanged, existing, problems };
  });
}

/**
 * Writes an imported deck in one transaction: new cards are added, changed ones updated (history
 * kept), cards missing from the file retired. Throws ValidationError, with nothing written, when
 * the file is not a valid deck or may not replace the deck it names (see `importConflict`).
 */
export async function importDeck(db: KeypointsDb, file: DeckFile, now: number): Promise<UpsertResult> {
  const clean = validateDeckFile(file);
  return guarded(() =>
    db.transaction('rw', db.decks, db.cards, db.schedules, async () => {
      const { problems } = await checkTarget(db, clean);
      if (problems.length > 0) throw new ValidationError(problems);
      return upsertDeckFile(db, clean, now);
    }),
  );
}
