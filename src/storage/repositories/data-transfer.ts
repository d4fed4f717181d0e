// Everything in and out at once: backup export, restore, merge of another device's backup, deck import.
//
// Every write here is one Dexie `rw` transaction that starts only after the input was validated in
// full, so a bad file or a full disk leaves the database exactly as it was.
import {
  type Card,
  type CardRecord,
  type Deck,
  type DeckFile,
  type Problem,
  type Review,
  type Schedule,
  ValidationError,
  validateDeckFile,
} from '../../domain';
import { parseBackup } from '../../domain/backup';
import { type BackupData, canonicalData } from '../../domain/backup-data';
import { deckNamespaceProblems, importConflict } from '../../domain/import-rules';
import { mergeBackups, mergeInterview } from '../../domain/merge-backups';
import { recordingFromFile, recordingsBeyond, recordingToFile } from '../../domain/recording';
import { createScheduler } from '../../domain/scheduler';
import { newerCard } from '../../domain/union';
import { inSlices, yieldToUi } from '../batches';
import { BUILTIN_DECK_URL_KEY, type KeypointsDb, type ScheduleRow, type StoredCard } from '../db';
import { writeOverUnchangedReviews, writeTransaction } from '../write';
import { sameContent, scheduleCardFields, type UpsertResult, upsertDeckFile } from './decks';
import { withDefaults } from './settings';

function allTables(db: KeypointsDb) {
  return [db.decks, db.cards, db.schedules, db.reviews, db.settings, db.meta, db.interviews, db.recordings];
}

// ---------------------------------------------------------------------------------------------
// Export.

export interface ExportOptions {
  /** Carry the recordings too (their sound as base64): off unless the user ticks it. */
  recordings?: boolean;
}

/**
 * Everything the device holds (decks, cards, schedules, reviews, settings, interviews, and the
 * recordings when asked for), read in one transaction.
 */
export function exportAll(db: KeypointsDb, options: ExportOptions = {}): Promise<BackupData> {
  return db.transaction(
    'r',
    [db.decks, db.cards, db.schedules, db.reviews, db.settings, db.interviews, db.recordings],
    async () => {
      const [decks, cards, schedules, reviews, settings, interviews, recordings] = await Promise.all([
        db.decks.toArray(),
        db.cards.toArray(),
        db.schedules.toArray(),
        db.reviews.toArray(),
        db.settings.get('settings'),
        db.interviews.toArray(),
        options.recordings ? db.recordings.toArray() : null,
      ]);
      // canonicalData drops what storage adds (search text, the schedule's copies of card fields).
      return canonicalData({
        decks,
        cards,
        schedules,
        reviews,
        settings: withDefaults(settings),
        interviews,
        ...(recordings && { recordings: recordings.map(recordingToFile) }),
      });
    },
  );
}

/** How much the device holds, counted in one transaction. */
export function dataCounts(db: KeypointsDb): Promise<{ decks: number; cards: number; reviews: number }> {
  return db.transaction('r', [db.decks, db.cards, db.reviews], async () => {
    const [decks, cards, reviews] = await Promise.all([
      db.decks.count(),
      db.cards.count(),
      db.reviews.count(),
    ]);
    return { decks, cards, reviews };
  });
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
 * Replaces everything on the device (interviews too) with `backup` (as read by `parseBackup`) in one transaction.
 * The backup's schedules are kept as they are (a faithful copy of the other device); a card
 * without one starts as new. The time of the last backup export stays: it is about this device.
 * A backup with recordings replaces the device's; one made without them keeps the device's
 * recordings of the cards it brings back (and drops those of cards it does not have).
 */
export async function restoreAll(db: KeypointsDb, backup: BackupData, now: number): Promise<RestoreResult> {
  // Settings the scheduler would refuse would stop every review: refuse them before writing.
  const scheduler = createScheduler(backup.settings);
  const scheduleOf = new Map(backup.schedules.map((s) => [s.cardId, s]));
  const cards: StoredCard[] = backup.cards;
  const rows = backup.cards.map((c) =>
    scheduleRow(c, scheduleOf.get(c.id) ?? scheduler.newSchedule(c.id, now)),
  );
  const restoredCards = new Set(backup.cards.map((c) => c.id));
  const recordings = backup.recordings?.map(recordingFromFile);
  return writeTransaction(db, allTables(db), async () => {
    if (recordings) await db.recordings.clear();
    else {
      const orphans = (await db.recordings.orderBy('[cardId+createdAt]').keys()) as unknown as [
        string,
        number,
      ][];
      const ids = await db.recordings.orderBy('[cardId+createdAt]').primaryKeys();
      await db.recordings.bulkDelete(ids.filter((_, i) => !restoredCards.has(orphans[i]?.[0] ?? '')));
    }
    await Promise.all([
      db.decks.clear(),
      db.cards.clear(),
      db.schedules.clear(),
      db.reviews.clear(),
      db.settings.clear(),
      db.meta.delete(BUILTIN_DECK_URL_KEY),
      db.interviews.clear(),
    ]);
    await db.decks.bulkAdd(backup.decks);
    await inSlices(cards, (slice) => db.cards.bulkAdd(slice));
    await inSlices(rows, (slice) => db.schedules.bulkAdd(slice));
    await inSlices(backup.reviews, (slice) => db.reviews.bulkAdd(slice));
    await db.settings.put({ ...backup.settings, key: 'settings' });
    // A backup made before interviews existed has none: the device then has none either.
    await db.interviews.bulkAdd(backup.interviews ?? []);
    // One at a time: each may be megabytes, and a bulk write would hold them all twice.
    for (const recording of recordings ?? []) await db.recordings.add(recording);
    return { decks: backup.decks.length, cards: cards.length, reviews: backup.reviews.length };
  });
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
 * never doubled), cards and interviews by the newer copy, decks added; this device's settings stay.
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
  const written = await writeOverUnchangedReviews(db, {
    tables: [db.decks, db.cards, db.schedules, db.reviews, db.interviews, db.recordings, db.settings],
    activity: 'the backup was merged',
    prepare: async () => {
      const local = await exportAll(db);
      const scheduler = createScheduler(local.settings);
      const { data: merged, added } = mergeBackups(local, incoming);

      const localCards = new Map(local.cards.map((c) => [c.id, c]));
      const changedCards = merged.cards.filter((c) => {
        const mine = localCards.get(c.id);
        return mine?.updatedAt !== c.updatedAt || mine.createdAt !== c.createdAt;
      });
      const localReviewIds = new Set(local.reviews.map((r) => r.id));
      const newReviews = merged.reviews.filter((r) => !localReviewIds.has(r.id));
      const localDeckIds = new Set(local.decks.map((d) => d.id));
      const newDecks = merged.decks.filter((d) => !localDeckIds.has(d.id));
      const localInterviews = new Map((local.interviews ?? []).map((i) => [i.id, JSON.stringify(i)]));
      const changedInterviews = (merged.interviews ?? []).filter(
        (i) => localInterviews.get(i.id) !== JSON.stringify(i),
      );

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
          await yieldToUi();
        }
      }
      const mergedCards = new Map(merged.cards.map((c) => [c.id, c]));
      const mergedSchedules = new Map(merged.schedules.map((s) => [s.cardId, s]));
      const touched = [...new Set([...changedCards.map((c) => c.id), ...replayIds])];
      const outcome: MergeOutcome = { added, replayed: replayed.size };
      return {
        scheduler,
        outcome,
        changedCards,
        changedInterviews,
        newReviews,
        newDecks,
        touched,
        mergedCards,
        mergedSchedules,
        replayed,
        replaying: history.size,
      };
    },
    write: async (plan) => {
      const { scheduler, changedCards, touched, mergedCards, mergedSchedules, replayed } = plan;
      // A card edited in another tab since the snapshot keeps that edit unless the backup's is newer still.
      const current = await db.cards.bulkGet(changedCards.map((c) => c.id));
      const cardsToWrite = changedCards.filter((c, i) => {
        const mine = current[i];
        return !mine || newerCard(mine, c).winner === 'remote';
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
      // An interview changed in another tab since the snapshot is merged again with the current copy.
      const currentInterviews = await db.interviews.bulkGet(plan.changedInterviews.map((i) => i.id));
      const interviews = plan.changedInterviews.map((i, n) => {
        const mine = currentInterviews[n];
        return mine ? mergeInterview(mine, i) : i;
      });
      await db.decks.bulkPut(plan.newDecks);
      await db.interviews.bulkPut(interviews);
      await inSlices(cardsToWrite, (slice) => db.cards.bulkPut(slice));
      await inSlices(plan.newReviews, (slice) => db.reviews.bulkAdd(slice));
      await inSlices(schedules, (slice) => db.schedules.bulkPut(slice));
      await mergeRecordings(db, incoming.recordings ?? []);
      return plan;
    },
  });
  options.onProgress?.(written.replaying, written.replaying);
  return written.outcome;
}

/**
 * Adds the backup's recordings this device lacks (by id) for cards it holds, then keeps the newest
 * of each card as the settings say. Inside the merge's transaction.
 */
async function mergeRecordings(db: KeypointsDb, files: NonNullable<BackupData['recordings']>): Promise<void> {
  if (files.length === 0) return;
  const present = new Set(await db.recordings.toCollection().primaryKeys());
  const cardIds = [...new Set(files.map((f) => f.cardId))];
  const held = new Set((await db.cards.bulkGet(cardIds)).flatMap((c) => (c ? [c.id] : [])));
  const keep = withDefaults(await db.settings.get('settings')).keepRecordingsPerCard;
  for (const cardId of held) {
    const mine = (await db.recordings
      .where('[cardId+createdAt]')
      .between([cardId, -Infinity], [cardId, Infinity])
      .keys()) as unknown as [string, number][];
    const mineIds = await db.recordings
      .where('[cardId+createdAt]')
      .between([cardId, -Infinity], [cardId, Infinity])
      .primaryKeys();
    const theirs = files.filter((f) => f.cardId === cardId && !present.has(f.id));
    const all = [
      ...mineIds.map((id, i) => ({ id, createdAt: mine[i]?.[1] ?? 0, file: null })),
      ...theirs.map((f) => ({ id: f.id, createdAt: f.createdAt, file: f })),
    ];
    const dropped = new Set(recordingsBeyond(all, keep).map((r) => r.id));
    await db.recordings.bulkDelete(mineIds.filter((id) => dropped.has(id)));
    for (const f of theirs) if (!dropped.has(f.id)) await db.recordings.add(recordingFromFile(f));
  }
}

/** `parseBackup` then `mergeBackup`. */
export async function mergeBackupText(db: KeypointsDb, text: string, now: number): Promise<MergeOutcome> {
  return mergeBackup(db, parseBackup(text), now);
}

// ---------------------------------------------------------------------------------------------
// Importing a deck (another page, a CSV, a JSON file).

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
  return writeTransaction(db, [db.decks, db.cards, db.schedules], async () => {
    const { problems } = await checkTarget(db, clean);
    if (problems.length > 0) throw new ValidationError(problems);
    return upsertDeckFile(db, clean, now);
  });
}
