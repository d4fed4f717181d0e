// Recordings of spoken answers: save (keeping the newest few per card), list, delete, total size.
import Dexie from 'dexie';
import { DEFAULT_SETTINGS, DomainError } from '../../domain';
import { type Recording, recordingsBeyond } from '../../domain/recording';
import type { KeypointsDb } from '../db';
import { newId } from '../ids';
import { writeTransaction } from '../write';

/** A card's recordings, oldest first (sound included: a card keeps only a few). */
export function cardRecordings(db: KeypointsDb, cardId: string): Promise<Recording[]> {
  return db.recordings
    .where('[cardId+createdAt]')
    .between([cardId, Dexie.minKey], [cardId, Dexie.maxKey])
    .toArray();
}

/** The card a recording was made for is gone (deleted in another tab while recording). */
export class RecordingCardGoneError extends DomainError {
  readonly code = 'recording-card-gone';
  constructor(readonly cardId: string) {
    super('This card was deleted meanwhile, so its recording was not kept.');
    this.name = 'RecordingCardGoneError';
  }
}

export interface NewRecording {
  cardId: string;
  durationMs: number;
  mimeType: string;
  audio: ArrayBuffer;
}

/**
 * Stores a recording and, in the same transaction, deletes the card's oldest ones beyond the
 * number the settings keep. A full disk throws StorageFullError with nothing changed (the older
 * recordings stay). Separate from any grade: a recording that cannot be kept never costs a review.
 */
export function saveRecording(db: KeypointsDb, take: NewRecording, now: number): Promise<Recording> {
  return writeTransaction(db, [db.recordings, db.cards, db.settings], async () => {
    if (!(await db.cards.get(take.cardId))) throw new RecordingCardGoneError(take.cardId);
    const keep =
      (await db.settings.get('settings'))?.keepRecordingsPerCard ?? DEFAULT_SETTINGS.keepRecordingsPerCard;
    const recording: Recording = {
      id: newId(),
      cardId: take.cardId,
      createdAt: now,
      durationMs: Math.max(0, Math.round(take.durationMs)),
      mimeType: take.mimeType,
      size: take.audio.byteLength,
      audio: take.audio,
    };
    await db.recordings.add(recording);
    await trimCard(db, take.cardId, keep);
    return recording;
  });
}

/** Deletes a card's oldest recordings beyond `keep`; inside a transaction over db.recordings. */
async function trimCard(db: KeypointsDb, cardId: string, keep: number): Promise<number> {
  // Keys only: the index holds each recording's time, so no sound is read to choose.
  const keys = (await db.recordings
    .where('[cardId+createdAt]')
    .between([cardId, Dexie.minKey], [cardId, Dexie.maxKey])
    .keys()) as unknown as [string, number][];
  const ids = await db.recordings
    .where('[cardId+createdAt]')
    .between([cardId, Dexie.minKey], [cardId, Dexie.maxKey])
    .primaryKeys();
  const infos = ids.map((id, i) => ({ id, createdAt: keys[i]?.[1] ?? 0 }));
  const drop = recordingsBeyond(infos, keep).map((r) => r.id);
  await db.recordings.bulkDelete(drop);
  return drop.length;
}

/**
 * Keeps at most `keep` recordings per card (the newest) across the device, in one transaction:
 * what lowering the setting does.
 */
export function trimAllRecordings(db: KeypointsDb, keep: number): Promise<number> {
  return writeTransaction(db, db.recordings, async () => {
    const cardIds = new Set(
      ((await db.recordings.orderBy('[cardId+createdAt]').keys()) as unknown as [string, number][]).map(
        (k) => k[0],
      ),
    );
    let dropped = 0;
    for (const cardId of cardIds) dropped += await trimCard(db, cardId, keep);
    return dropped;
  });
}

export function deleteRecording(db: KeypointsDb, id: string): Promise<void> {
  return writeTransaction(db, db.recordings, () => db.recordings.delete(id));
}

export function deleteAllRecordings(db: KeypointsDb): Promise<void> {
  return writeTransaction(db, db.recordings, () => db.recordings.clear());
}

/** How many recordings the device holds and their bytes, summed from the size index (no sound read). */
export async function recordingTotals(db: KeypointsDb): Promise<{ count: number; bytes: number }> {
  const sizes = (await db.recordings.orderBy('size').keys()) as number[];
  return { count: sizes.length, bytes: sizes.reduce((sum, n) => sum + n, 0) };
}
