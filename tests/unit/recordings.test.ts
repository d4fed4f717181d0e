// Recordings of spoken answers: the newest few kept per card, gone with their card, counted, and carried by backups only when asked.
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain';
import { contentHash, createBackup, parseBackup, serializeBackup } from '../../src/domain/backup';
import { fromBase64, recordingsBeyond, toBase64 } from '../../src/domain/recording';
import type { KeypointsDb } from '../../src/storage/db';
import { StorageFullError } from '../../src/storage/errors';
import { deleteCard, restoreDeletedCard } from '../../src/storage/repositories/cards';
import {
  exportAll,
  mergeBackupText,
  restoreAll,
  restoreBackupText,
} from '../../src/storage/repositories/data-transfer';
import {
  cardRecordings,
  deleteAllRecordings,
  deleteRecording,
  RecordingCardGoneError,
  recordingTotals,
  saveRecording,
} from '../../src/storage/repositories/recordings';
import { getSettings } from '../../src/storage/repositories/settings';
import { saveSettings } from '../../src/storage/repositories/settings-save';
import { MINUTE, MONDAY_MORNING } from '../support/clock';
import { seededDb } from '../support/db';

const T0 = MONDAY_MORNING;
const C11 = 'amazon-engineer/1.1';
const C12 = 'amazon-engineer/1.2';

const opened: KeypointsDb[] = [];
async function db(): Promise<KeypointsDb> {
  const d = await seededDb(T0);
  opened.push(d);
  return d;
}
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

/** `n` bytes of made-up sound, each byte telling which take it is. */
function sound(n: number, fill: number): ArrayBuffer {
  return new Uint8Array(n).fill(fill).buffer;
}

function take(cardId: string, n: number, fill = n % 256) {
  return { cardId, durationMs: 2_000 + n, mimeType: 'audio/webm;codecs=opus', audio: sound(n, fill) };
}

describe('the recordings repository', () => {
  it('keeps only the newest three per card by default, in the order they were made', async () => {
    const d = await db();
    for (let i = 1; i <= 5; i++) await saveRecording(d, take(C11, 10 * i), T0 + i * MINUTE);
    await saveRecording(d, take(C12, 7), T0);
    const kept = await cardRecordings(d, C11);
    expect(kept.map((r) => r.size)).toEqual([30, 40, 50]);
    expect(kept.map((r) => r.durationMs)).toEqual([2_030, 2_040, 2_050]);
    expect(new Uint8Array(kept[2]?.audio as ArrayBuffer)).toEqual(new Uint8Array(50).fill(50));
    expect(await cardRecordings(d, C12)).toHaveLength(1);
  });

  it('keeps the number the settings say, and lowering it deletes the oldest at once', async () => {
    const d = await db();
    await saveSettings(d, { keepRecordingsPerCard: 5 });
    for (let i = 1; i <= 6; i++) await saveRecording(d, take(C11, i), T0 + i * MINUTE);
    expect((await cardRecordings(d, C11)).map((r) => r.size)).toEqual([2, 3, 4, 5, 6]);
    await saveSettings(d, { keepRecordingsPerCard: 2 });
    expect((await cardRecordings(d, C11)).map((r) => r.size)).toEqual([5, 6]);
    expect((await getSettings(d)).keepRecordingsPerCard).toBe(2);
  });

  it('counts the total size, deletes one, deletes all', async () => {
    const d = await db();
    expect(await recordingTotals(d)).toEqual({ count: 0, bytes: 0 });
    const first = await saveRecording(d, take(C11, 100), T0);
    await saveRecording(d, take(C11, 250), T0 + MINUTE);
    await saveRecording(d, take(C12, 1_000), T0);
    expect(await recordingTotals(d)).toEqual({ count: 3, bytes: 1_350 });
    await deleteRecording(d, first.id);
    expect(await recordingTotals(d)).toEqual({ count: 2, bytes: 1_250 });
    await deleteAllRecordings(d);
    expect(await recordingTotals(d)).toEqual({ count: 0, bytes: 0 });
  });

  it('deleting a card deletes its recordings, and Undo brings them back', async () => {
    const d = await db();
    await saveRecording(d, take(C11, 10), T0);
    await saveRecording(d, take(C11, 20), T0 + MINUTE);
    await saveRecording(d, take(C12, 30), T0);
    const deleted = await deleteCard(d, C11);
    expect(await cardRecordings(d, C11)).toEqual([]);
    expect(await recordingTotals(d)).toEqual({ count: 1, bytes: 30 });
    await restoreDeletedCard(d, deleted, T0 + 2 * MINUTE);
    expect((await cardRecordings(d, C11)).map((r) => r.size)).toEqual([10, 20]);
  });

  it('refuses a recording of a card deleted meanwhile, keeping nothing', async () => {
    const d = await db();
    await deleteCard(d, C11);
    await expect(saveRecording(d, take(C11, 10), T0)).rejects.toBeInstanceOf(RecordingCardGoneError);
    expect(await recordingTotals(d)).toEqual({ count: 0, bytes: 0 });
  });

  it('storage full while saving: StorageFullError, and the recordings already kept stay', async () => {
    const d = await db();
    for (let i = 1; i <= 3; i++) await saveRecording(d, take(C11, i), T0 + i * MINUTE);
    const add = d.recordings.add.bind(d.recordings);
    d.recordings.add = (() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }) as typeof d.recordings.add;
    await expect(saveRecording(d, take(C11, 99), T0 + 9 * MINUTE)).rejects.toBeInstanceOf(StorageFullError);
    d.recordings.add = add;
    expect((await cardRecordings(d, C11)).map((r) => r.size)).toEqual([1, 2, 3]);
  });

  it('chooses the newest to keep by time, then by id', () => {
    const takes = [
      { id: 'a', createdAt: 5 },
      { id: 'c', createdAt: 9 },
      { id: 'b', createdAt: 9 },
      { id: 'd', createdAt: 1 },
    ];
    expect(recordingsBeyond(takes, 2).map((r) => r.id)).toEqual(['a', 'd']);
    expect(recordingsBeyond(takes, 0)).toHaveLength(4);
  });
});

describe('recordings in backups', () => {
  it('base64 round-trips every byte value and length', () => {
    for (let n = 0; n < 10; n++) {
      const bytes = Uint8Array.from({ length: 250 + n }, (_, i) => (i * 7 + n) % 256);
      const text = toBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(fromBase64(text)).toEqual(bytes);
    }
    expect(fromBase64('abc')).toBeNull();
    expect(fromBase64('ab!=')).toBeNull();
  });

  it('are left out unless asked for; a backup without them restores and keeps the device’s of its cards', async () => {
    const d = await db();
    await saveRecording(d, take(C11, 40), T0);
    const plain = await exportAll(d);
    expect(plain.recordings).toBeUndefined();
    const text = serializeBackup(createBackup(plain, T0));
    expect(text).not.toContain('recordings');
    await restoreBackupText(d, text, T0 + MINUTE);
    expect((await cardRecordings(d, C11)).map((r) => r.size)).toEqual([40]);
  });

  it('round-trip with their sound when included: restore on an empty device brings them back', async () => {
    const d = await db();
    await saveRecording(d, take(C11, 40, 7), T0);
    await saveRecording(d, take(C12, 3, 250), T0 + MINUTE);
    const data = await exportAll(d, { recordings: true });
    const text = serializeBackup(createBackup(data, T0));
    // The hash of the content is the same with or without recordings: it is about the rest.
    expect(contentHash(data)).toBe(contentHash(await exportAll(d)));

    const other = await db();
    await saveRecording(other, take(C12, 99), T0);
    await restoreBackupText(other, text, T0 + MINUTE);
    const back = await cardRecordings(other, C11);
    expect(back.map((r) => ({ size: r.size, durationMs: r.durationMs, mimeType: r.mimeType }))).toEqual([
      { size: 40, durationMs: 2_040, mimeType: 'audio/webm;codecs=opus' },
    ]);
    expect(new Uint8Array(back[0]?.audio as ArrayBuffer)).toEqual(new Uint8Array(40).fill(7));
    // The backup's recordings replaced this device's.
    expect((await cardRecordings(other, C12)).map((r) => r.size)).toEqual([3]);
    expect(await exportAll(other, { recordings: true })).toEqual(data);
  });

  it('merge adds the recordings this device lacks, within the number kept', async () => {
    const d = await db();
    for (let i = 1; i <= 2; i++) await saveRecording(d, take(C11, i), T0 + i * MINUTE);
    const text = serializeBackup(createBackup(await exportAll(d, { recordings: true }), T0));
    const other = await db();
    await saveRecording(other, take(C11, 9), T0 + 5 * MINUTE);
    await saveRecording(other, take(C11, 8), T0);
    await mergeBackupText(other, text, T0 + 10 * MINUTE);
    expect((await cardRecordings(other, C11)).map((r) => r.size)).toEqual([1, 2, 9]);
    // Merging again adds nothing twice.
    await mergeBackupText(other, text, T0 + 11 * MINUTE);
    expect(await recordingTotals(other)).toEqual({ count: 3, bytes: 12 });
  });

  it('a recording of a card the backup lacks, or whose sound is not base64, is refused by name', async () => {
    const d = await db();
    await saveRecording(d, take(C11, 4), T0);
    const backup = createBackup(await exportAll(d, { recordings: true }), T0);
    const broken = JSON.parse(serializeBackup(backup));
    broken.recordings[0].cardId = 'nowhere/1';
    expect(() => parseBackup(JSON.stringify(broken))).toThrow(ValidationError);
    broken.recordings[0].cardId = C11;
    broken.recordings[0].data = 'not base64';
    broken.recordings[0].mimeType = 'text/html';
    try {
      parseBackup(JSON.stringify(broken));
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as ValidationError).problems.map((p) => p.field)).toEqual([
        'recordings[0].mimeType',
        'recordings[0].data',
      ]);
    }
    // Nothing was written by the refused restore either.
    await expect(restoreBackupText(d, JSON.stringify(broken), T0)).rejects.toThrow(ValidationError);
    expect(await recordingTotals(d)).toEqual({ count: 1, bytes: 4 });
  });

  it('restore of a backup without a card drops that card’s recordings with it', async () => {
    const d = await db();
    await saveRecording(d, take(C11, 4), T0);
    const data = await exportAll(d);
    await restoreAll(
      d,
      { ...data, cards: data.cards.filter((c) => c.id !== C11), schedules: [], reviews: [] },
      T0,
    );
    expect(await recordingTotals(d)).toEqual({ count: 0, bytes: 0 });
  });
});
