// Opening a database written by an earlier schema version (a fixture of real records) with today's schema keeps all of it.

import { randomUUID } from 'node:crypto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { defaultInterviewDraft } from '../../src/domain/interview';
import { createDb, type KeypointsDb } from '../../src/storage/db';
import { deleteInterview, listInterviews, saveInterview } from '../../src/storage/repositories/interviews';
import { cardRecordings, recordingTotals, saveRecording } from '../../src/storage/repositories/recordings';
import { enableSync, readAllRecords, readSyncStatus } from '../../src/storage/repositories/sync';
import fixture from '../fixtures/db/keypoints-v1.json';
import { DAY } from '../support/clock';
import { CONFIG } from '../support/sync';

/** Schema version 1 exactly as it shipped (src/storage/db.ts), frozen here so the fixture is written by it. */
const V1_STORES = {
  decks: 'id',
  cards: 'id, deckId, [deckId+order]',
  schedules: 'cardId, due',
  reviews: 'id, reviewedAt, [cardId+reviewedAt]',
  settings: 'key',
  meta: 'key',
} as const;

type Tables = Record<keyof typeof V1_STORES, unknown[]>;

/** Schema version 2 exactly as it shipped: version 1 and the interviews store. */
const V2_STORES = { interviews: 'id, at' } as const;

type V2Tables = Tables & Record<keyof typeof V2_STORES, unknown[]>;

/** An interview as version 2 stored it. */
const V2_INTERVIEW = {
  id: 'Xq3v9Lr2TtW0bYk1mN5pAa',
  name: 'Final loop',
  at: Date.UTC(2026, 11, 15, 14),
  covers: { levels: ['senior'], kinds: ['behavioral'] },
  dailyMinutes: 25,
  leadDays: 2,
  target: 0.9,
  createdAt: Date.UTC(2026, 10, 1, 9),
  updatedAt: Date.UTC(2026, 10, 2, 9),
  reachedReadiness: null,
};

async function writeV2Database(name: string, data: V2Tables): Promise<void> {
  const v2 = new Dexie(name);
  v2.version(1).stores(V1_STORES);
  v2.version(2).stores(V2_STORES);
  await v2.transaction('rw', v2.tables, async () => {
    for (const table of v2.tables) await table.bulkAdd(data[table.name as keyof V2Tables]);
  });
  expect(v2.verno).toBe(2);
  v2.close();
}

/** Schema version 3 exactly as it shipped: version 2 and the recordings store. */
const V3_STORES = { recordings: 'id, [cardId+createdAt], size' } as const;

type V3Tables = V2Tables & Record<keyof typeof V3_STORES, unknown[]>;

/** A recording as version 3 stored it (a few bytes of sound). */
const V3_RECORDING = {
  id: 'Rk7pQ2mZ9vB4cX1nL8sT0w',
  cardId: 'amazon-engineer/1.1',
  createdAt: Date.UTC(2026, 10, 3, 8),
  durationMs: 2_100,
  mimeType: 'audio/webm',
  size: 4,
  audio: new Uint8Array([1, 2, 3, 4]).buffer,
};

/** A device's data as version 3 held it: the version-1 fixture, an interview, a recording, settings with every field. */
function v3Data(): V3Tables {
  const base = fixture as unknown as Tables;
  return { ...base, interviews: [V2_INTERVIEW], recordings: [V3_RECORDING] };
}

async function writeV3Database(name: string, data: V3Tables): Promise<void> {
  const v3 = new Dexie(name);
  v3.version(1).stores(V1_STORES);
  v3.version(2).stores(V2_STORES);
  v3.version(3).stores(V3_STORES);
  await v3.transaction('rw', v3.tables, async () => {
    for (const table of v3.tables) await table.bulkAdd(data[table.name as keyof V3Tables]);
  });
  expect(v3.verno).toBe(3);
  v3.close();
}

async function writeV1Database(name: string, data: Tables): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores(V1_STORES);
  await v1.transaction('rw', v1.tables, async () => {
    for (const table of v1.tables) await table.bulkAdd(data[table.name as keyof Tables]);
  });
  expect(v1.verno).toBe(1);
  v1.close();
}

async function readAll(db: KeypointsDb): Promise<Tables> {
  const out: Partial<Tables> = {};
  for (const name of Object.keys(V1_STORES) as (keyof Tables)[]) {
    out[name] = await db.table(name).toArray();
  }
  return out as Tables;
}

describe('schema upgrade from version 1', () => {
  it('keeps every record of every store and adds an empty interviews store', async () => {
    const name = `upgrade-${randomUUID()}`;
    const data = fixture as unknown as Tables;
    expect(data.cards).toHaveLength(15);
    expect(data.reviews.length).toBeGreaterThan(0);
    await writeV1Database(name, data);

    const db = createDb(name);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await readAll(db)).toEqual(data);
    expect(await db.interviews.count()).toBe(0);
    // The indexes version 1 queried still answer after the upgrade.
    const firstReview = data.reviews[0] as { cardId: string; reviewedAt: number };
    expect(
      await db.reviews
        .where('[cardId+reviewedAt]')
        .between([firstReview.cardId, 0], [firstReview.cardId, Infinity])
        .count(),
    ).toBeGreaterThan(0);
    expect(await db.cards.where('deckId').equals('amazon-engineer').count()).toBe(15);

    // And the new store works on the upgraded database.
    const at = Date.UTC(2026, 11, 15, 14);
    const saved = await saveInterview(
      db,
      { ...defaultInterviewDraft(at), name: 'Final loop' },
      at - 14 * DAY,
    );
    expect((await listInterviews(db)).map((i) => i.name)).toEqual(['Final loop']);
    await deleteInterview(db, saved.id);
    expect(await db.interviews.count()).toBe(0);
    expect(await readAll(db)).toEqual(data);
    db.close();
  });
});

describe('schema upgrade from version 2', () => {
  it('keeps every record of every store, interviews included, and adds an empty recordings store', async () => {
    const name = `upgrade-${randomUUID()}`;
    const data: V2Tables = { ...(fixture as unknown as Tables), interviews: [V2_INTERVIEW] };
    await writeV2Database(name, data);

    const db = createDb(name);
    await db.open();
    expect(db.verno).toBe(4);
    const all = await readAll(db);
    expect({ ...all, interviews: await db.interviews.toArray() }).toEqual(data);
    expect(await db.recordings.count()).toBe(0);
    expect((await listInterviews(db)).map((i) => i.name)).toEqual(['Final loop']);

    // The new store works on the upgraded database, and the rest is untouched by it.
    const cardId = (data.cards[0] as { id: string }).id;
    const audio = new Uint8Array([1, 2, 3, 4]).buffer;
    await saveRecording(
      db,
      { cardId, durationMs: 2_100, mimeType: 'audio/webm', audio },
      Date.UTC(2026, 10, 3),
    );
    expect((await cardRecordings(db, cardId)).map((r) => r.durationMs)).toEqual([2_100]);
    expect(await recordingTotals(db)).toEqual({ count: 1, bytes: 4 });
    expect({ ...(await readAll(db)), interviews: await db.interviews.toArray() }).toEqual(data);
    db.close();
  });
});

describe('schema upgrade from version 3', () => {
  it('keeps every record of every store, recordings included, and adds the empty stores of sync', async () => {
    const name = `upgrade-${randomUUID()}`;
    const data = v3Data();
    expect(data.settings.length).toBeGreaterThan(0);
    await writeV3Database(name, data);

    const db = createDb(name);
    await db.open();
    expect(db.verno).toBe(4);
    const readV3 = async () => ({
      ...(await readAll(db)),
      interviews: await db.interviews.toArray(),
      recordings: await db.recordings.toArray(),
    });
    expect(await readV3()).toEqual(data);
    for (const store of [db.outbox, db.syncRevisions, db.syncState, db.lostCardVersions])
      expect(await store.count()).toBe(0);
    expect(await readSyncStatus(db)).toEqual({ state: 'off', lastSyncedAt: null, error: null, pending: 0 });

    // Sync works on the upgraded database: turned on, a change is tracked; the old records stay.
    await enableSync(db, CONFIG, Date.UTC(2026, 10, 4));
    await saveInterview(
      db,
      { ...defaultInterviewDraft(Date.UTC(2026, 11, 20)), name: 'Onsite' },
      Date.UTC(2026, 10, 4),
    );
    expect(await db.outbox.count()).toBe(1);
    const { records } = await readAllRecords(db, null, 1000);
    expect(records.filter((r) => r.type === 'card')).toHaveLength(15);
    expect(records.filter((r) => r.type === 'review')).toHaveLength(data.reviews.length);
    expect(await db.lostCardVersions.where('cardId').equals('amazon-engineer/1.1').count()).toBe(0);
    const after = await readV3();
    expect({ ...after, interviews: after.interviews.filter((i) => i.name !== 'Onsite') }).toEqual(data);
    db.close();
  });
});
