// While sync is on, every change to a synced record lands in the outbox in the change's own transaction; otherwise nothing does.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, OWN_DECK } from '../../src/domain';
import { defaultInterviewDraft } from '../../src/domain/interview';
import { createDb, type KeypointsDb } from '../../src/storage/db';
import {
  createOwnCard,
  deleteCard,
  resetProgress,
  restoreDeletedCard,
  setSuspended,
  updateCard,
} from '../../src/storage/repositories/cards';
import { exportAll, importDeck, mergeBackup, restoreAll } from '../../src/storage/repositories/data-transfer';
import { applyFsrsParameters, revertFsrsParameters } from '../../src/storage/repositories/fsrs-parameters';
import {
  deleteInterview,
  keepReachedReadiness,
  saveInterview,
} from '../../src/storage/repositories/interviews';
import { saveRecording } from '../../src/storage/repositories/recordings';
import { undoReview } from '../../src/storage/repositories/reviews';
import { saveSettings } from '../../src/storage/repositories/settings-save';
import { disableSync, readOutbox, readSyncStatus } from '../../src/storage/repositories/sync';
import { untracked } from '../../src/storage/sync-tracking';
import { writeTransaction } from '../../src/storage/write';
import { DAY, MID_JANUARY_UTC, MINUTE } from '../support/clock';
import { freshDb, seededDb } from '../support/db';
import { builtInCard, builtInDeck } from '../support/deck';
import { enableSyncAt, grade, outboxKeys } from '../support/sync';

const T0 = MID_JANUARY_UTC;
const C11 = 'amazon-engineer/1.1';
const C12 = 'amazon-engineer/1.2';
const FSRS_W = [
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629,
  1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
];

const opened: KeypointsDb[] = [];
async function syncingDb(): Promise<KeypointsDb> {
  const db = await seededDb(T0);
  opened.push(db);
  return enableSyncAt(db, T0);
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

const draft = {
  question: 'How do you roll back a bad deploy?',
  context: '',
  keyPoints: ['Stop the rollout'],
  pitfalls: [],
  exampleAnswer: '',
  level: 'senior' as const,
  kind: 'operational' as const,
  tags: [],
};

describe('with sync off', () => {
  it('tracks nothing: no outbox for a user who never syncs', async () => {
    const db = await seededDb(T0);
    opened.push(db);
    await grade(db, C11, T0 + MINUTE);
    await createOwnCard(db, draft, T0);
    await saveSettings(db, { desiredRetention: 0.85 });
    expect(await db.outbox.count()).toBe(0);
    expect((await readSyncStatus(db)).state).toBe('off');
  });

  it('stops tracking once sync is turned off, and forgets what was waiting', async () => {
    const db = await syncingDb();
    await grade(db, C11, T0 + MINUTE);
    expect(await db.outbox.count()).toBe(1);
    await disableSync(db);
    expect(await db.outbox.count()).toBe(0);
    await grade(db, C12, T0 + 2 * MINUTE);
    expect(await db.outbox.count()).toBe(0);
  });

  it('honours sync turned on in another tab at the next write', async () => {
    const db = await seededDb(T0);
    opened.push(db);
    const otherTab = createDb(db.name);
    await enableSyncAt(otherTab, T0);
    otherTab.close();
    const { review } = await grade(db, C11, T0 + MINUTE);
    expect(await outboxKeys(db)).toEqual([`review:${review.id}`]);
  });
});

describe('with sync on, each kind of write is tracked', () => {
  it('a grade: its review, with a fresh clock; the pending count says so', async () => {
    const db = await syncingDb();
    const { review } = await grade(db, C11, T0 + MINUTE);
    expect(await outboxKeys(db)).toEqual([`review:${review.id}`]);
    const [record] = await readOutbox(db, 10);
    expect(record).toMatchObject({ type: 'review', id: review.id, deleted: false, value: review });
    expect(await readSyncStatus(db)).toMatchObject({ state: 'idle', pending: 1 });
  });

  it('an undone grade: a tombstone for the review', async () => {
    const db = await syncingDb();
    const { review } = await grade(db, C11, T0 + MINUTE);
    const [before] = await readOutbox(db, 10);
    await undoReview(db, DEFAULT_SETTINGS, review.id);
    const [record] = await readOutbox(db, 10);
    expect(record).toMatchObject({ type: 'review', id: review.id, deleted: true, value: null });
    expect((record?.hlc ?? '') > (before?.hlc ?? '')).toBe(true);
  });

  it('a new card of my own (and its deck), an edit, a suspend', async () => {
    const db = await syncingDb();
    const card = await createOwnCard(db, draft, T0);
    expect(await outboxKeys(db)).toEqual([`card:${card.id}`, `deck:${OWN_DECK.id}`]);
    await db.outbox.clear();
    await updateCard(db, card.id, { ...draft, question: 'How do you undo a bad deploy?' }, T0 + DAY);
    expect(await outboxKeys(db)).toEqual([`card:${card.id}`]);
    await db.outbox.clear();
    await setSuspended(db, C11, true);
    expect(await outboxKeys(db)).toEqual([`card:${C11}`]);
  });

  it('a deleted card (with its reviews) and its undo', async () => {
    const db = await syncingDb();
    const { review } = await grade(db, C11, T0 + MINUTE);
    await db.outbox.clear();
    const deleted = await deleteCard(db, C11);
    expect(await outboxKeys(db)).toEqual([`card:${C11}`, `review:${review.id}`]);
    expect((await readOutbox(db, 10)).every((r) => r.deleted)).toBe(true);
    await restoreDeletedCard(db, deleted, T0 + DAY);
    expect((await readOutbox(db, 10)).map((r) => [r.id, r.deleted])).toEqual([
      [C11, false],
      [review.id, false],
    ]);
  });

  it("a card's progress reset: its reviews become tombstones", async () => {
    const db = await syncingDb();
    const { review } = await grade(db, C11, T0 + MINUTE);
    await db.outbox.clear();
    await resetProgress(db, C11, T0 + DAY);
    expect((await readOutbox(db, 10)).map((r) => [r.type, r.id, r.deleted])).toEqual([
      ['review', review.id, true],
    ]);
  });

  it('an interview saved, its readiness kept, then removed', async () => {
    const db = await syncingDb();
    const at = T0 + 14 * DAY;
    const interview = await saveInterview(db, { ...defaultInterviewDraft(at), name: 'Final loop' }, T0);
    expect(await outboxKeys(db)).toEqual([`interview:${interview.id}`]);
    await db.outbox.clear();
    await keepReachedReadiness(db, interview.id, 88);
    expect(await outboxKeys(db)).toEqual([`interview:${interview.id}`]);
    await deleteInterview(db, interview.id);
    expect((await readOutbox(db, 10)).map((r) => r.deleted)).toEqual([true]);
  });

  it('settings: only a change of a shared setting, and only the shared keys travel', async () => {
    const db = await syncingDb();
    await saveSettings(db, { showTimer: !DEFAULT_SETTINGS.showTimer, keepRecordingsPerCard: 1 });
    expect(await db.outbox.count()).toBe(0);
    await saveSettings(db, { desiredRetention: 0.85 });
    const [record] = await readOutbox(db, 10);
    expect(record).toMatchObject({ type: 'settings', id: 'settings', deleted: false });
    expect(record?.value).toMatchObject({ desiredRetention: 0.85 });
    expect(Object.keys(record?.value as object)).not.toContain('showTimer');
    expect(Object.keys(record?.value as object)).not.toContain('listen');
  });

  it('FSRS parameters applied and reverted: the settings', async () => {
    const db = await syncingDb();
    await applyFsrsParameters(db, FSRS_W);
    expect(await outboxKeys(db)).toEqual(['settings:settings']);
    await db.outbox.clear();
    await revertFsrsParameters(db);
    expect(await outboxKeys(db)).toEqual(['settings:settings']);
  });

  it('a deck import: the deck and every card it changed', async () => {
    const db = await syncingDb();
    const file = builtInDeck();
    file.deck = { ...file.deck, id: 'imported', source: 'page', title: 'Imported' };
    file.cards = [builtInCard('1.1'), builtInCard('1.2')].map((c, i) => ({
      ...c,
      id: `imported/${i}`,
      deckId: 'imported',
    }));
    await importDeck(db, file, T0);
    expect(await outboxKeys(db)).toEqual(['card:imported/0', 'card:imported/1', 'deck:imported']);
  });

  it('a restore: every record it replaced or removed', async () => {
    const db = await syncingDb();
    const { review } = await grade(db, C11, T0 + MINUTE);
    const backup = await exportAll(db);
    await grade(db, C12, T0 + 2 * MINUTE);
    await db.outbox.clear();
    await restoreAll(db, backup, T0 + DAY);
    const records = await readOutbox(db, 1000);
    expect(records.filter((r) => r.deleted).map((r) => r.type)).toEqual(['review']);
    expect(records.filter((r) => r.type === 'review' && !r.deleted).map((r) => r.id)).toEqual([review.id]);
    expect(records.filter((r) => r.type === 'card')).toHaveLength(backup.cards.length);
    expect(records.some((r) => r.type === 'settings')).toBe(true);
  });

  it('a merged backup: the reviews and cards it brought', async () => {
    const db = await syncingDb();
    const other = await seededDb(T0);
    opened.push(other);
    const { review } = await grade(other, C12, T0 + MINUTE);
    await db.outbox.clear();
    await mergeBackup(db, await exportAll(other), T0 + DAY);
    expect(await outboxKeys(db)).toEqual([`review:${review.id}`]);
  });

  it('recordings, schedules and meta never: they stay on the device', async () => {
    const db = await syncingDb();
    await saveRecording(
      db,
      { cardId: C11, durationMs: 1000, mimeType: 'audio/webm', audio: new ArrayBuffer(4) },
      T0,
    );
    await writeTransaction(db, [db.schedules, db.meta], async () => {
      await db.schedules.update(C11, { due: T0 + DAY });
      await db.meta.put({ key: 'x', value: 1 });
    });
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('the outbox row and its change are one write', () => {
  it('a write that fails leaves no outbox row', async () => {
    const db = await syncingDb();
    await expect(
      writeTransaction(db, [db.cards], async () => {
        await db.cards.update(C11, { question: 'Changed, then the write fails' });
        throw new Error('disk on fire');
      }),
    ).rejects.toThrow();
    expect(await db.outbox.count()).toBe(0);
    expect((await db.cards.get(C11))?.question).toBe(builtInCard('1.1').question);
  });

  it('a transaction marked untracked (seeding the built-in deck) adds nothing', async () => {
    const db = freshDb();
    opened.push(db);
    await enableSyncAt(db, T0);
    await writeTransaction(db, [db.decks, db.cards, db.schedules], async () => {
      untracked();
      const { upsertDeckFile } = await import('../../src/storage/repositories/decks');
      await upsertDeckFile(db, builtInDeck(), T0);
    });
    expect(await db.cards.count()).toBeGreaterThan(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('a later change of the same record overwrites its row: one row per record', async () => {
    const db = await syncingDb();
    await setSuspended(db, C11, true);
    await setSuspended(db, C11, false);
    await setSuspended(db, C11, true);
    expect(await outboxKeys(db)).toEqual([`card:${C11}`]);
  });
});
