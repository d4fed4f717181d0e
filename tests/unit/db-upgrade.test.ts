// Opening a database written by schema version 1 (a fixture of real records) with today's schema keeps all of it.

import { randomUUID } from 'node:crypto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { defaultInterviewDraft } from '../../src/domain/interview';
import { createDb, type KeypointsDb } from '../../src/storage/db';
import { deleteInterview, listInterviews, saveInterview } from '../../src/storage/repositories/interviews';
import fixture from '../fixtures/db/keypoints-v1.json';
import { DAY } from '../support/clock';

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
    expect(db.verno).toBe(2);
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
