// Sync's storage: its state, the initial push in pages, pushes acknowledged, and pulled records applied by the union rules in one transaction.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, Rating } from '../../src/domain';
import { canonicalData } from '../../src/domain/backup-data';
import type { CardRecord } from '../../src/domain/card';
import { hlcFromTime, nextHlc, OLDEST_HLC, receiveHlc } from '../../src/domain/hlc';
import { SYNCED_SETTING_KEYS, type SyncRecord } from '../../src/domain/sync';
import type { KeypointsDb } from '../../src/storage/db';
import { setSuspended, updateCard } from '../../src/storage/repositories/cards';
import { exportAll } from '../../src/storage/repositories/data-transfer';
import { saveRecording } from '../../src/storage/repositories/recordings';
import { undoReview } from '../../src/storage/repositories/reviews';
import { getSettings } from '../../src/storage/repositories/settings';
import { saveSettings } from '../../src/storage/repositories/settings-save';
import {
  applyPulled,
  cardVersionsLost,
  deviceId,
  disableSync,
  enableSync,
  initialPushPending,
  knownRevisions,
  markInitialPushDone,
  markPushed,
  PulledRecordError,
  readAllRecords,
  readCheckpoint,
  readOutbox,
  readSyncConfig,
  readSyncStatus,
  writeSyncStatus,
} from '../../src/storage/repositories/sync';
import { DAY, MID_JANUARY_UTC, MINUTE } from '../support/clock';
import { seededDb } from '../support/db';
import { builtInCard } from '../support/deck';
import { CONFIG, enableSyncAt, FakeServer, grade, outboxKeys, syncOnce } from '../support/sync';

const T0 = MID_JANUARY_UTC;
const C11 = 'amazon-engineer/1.1';
const C12 = 'amazon-engineer/1.2';
const C13 = 'amazon-engineer/1.3';

const opened: KeypointsDb[] = [];
async function device(syncing = true): Promise<KeypointsDb> {
  const db = await seededDb(T0);
  opened.push(db);
  return syncing ? enableSyncAt(db, T0) : db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function draftOf(card: CardRecord, question: string) {
  const { level, kind, context, keyPoints, pitfalls, exampleAnswer, tags } = card;
  return { question, level, kind, context, keyPoints, pitfalls, exampleAnswer, tags };
}

async function card(db: KeypointsDb, id: string): Promise<CardRecord> {
  const found = await db.cards.get(id);
  if (!found) throw new Error(`no card ${id}`);
  return found;
}

/** What both devices must agree on: decks, cards, reviews, schedules, interviews and the shared settings. */
async function contentOf(db: KeypointsDb): Promise<string> {
  const data = canonicalData(await exportAll(db));
  const shared = Object.fromEntries(SYNCED_SETTING_KEYS.map((k) => [k, data.settings[k] ?? null]));
  const json = JSON.stringify({ ...data, settings: shared });
  return createHash('sha256').update(json).digest('hex');
}

async function schedulesOf(db: KeypointsDb): Promise<string> {
  const rows = (await db.schedules.toArray()).sort((a, b) => (a.cardId < b.cardId ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

/** A clock reading another device makes after this device's pending change of `key`. */
async function laterThanPending(db: KeypointsDb, key: string): Promise<string> {
  const pending = await db.outbox.get(key);
  if (!pending) throw new Error(`nothing pending for ${key}`);
  return receiveHlc(pending.hlc, pending.hlc, 0, 'zz-other');
}

function cardRecord(value: CardRecord, hlc: string, deleted = false): SyncRecord {
  return { type: 'card', id: value.id, hlc, deleted, value: deleted ? null : value };
}

describe('sync state', () => {
  it('keeps one device id, through sync turned off and on again', async () => {
    const db = await device(false);
    const id = await deviceId(db);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await enableSync(db, CONFIG, T0);
    await disableSync(db);
    expect(await deviceId(db)).toBe(id);
  });

  it('turns on in one go (settings, tracking, initial push pending, idle) and off forgetting the server', async () => {
    const db = await device(false);
    expect(await readSyncStatus(db)).toEqual({ state: 'off', lastSyncedAt: null, error: null, pending: 0 });
    const enc = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    const ids = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const config = { ...CONFIG, encryption: { salt: 'c2FsdA==', iterations: 600_000, keys: { enc, ids } } };
    await enableSync(db, config, T0);
    expect(await initialPushPending(db)).toBe(true);
    expect(await readSyncStatus(db)).toEqual({ state: 'idle', lastSyncedAt: null, error: null, pending: 0 });
    const stored = await readSyncConfig(db);
    expect(stored?.user).toBe('ada');
    // The keys come back usable, and still not extractable.
    const keys = stored?.encryption?.keys;
    expect(keys?.enc.extractable).toBe(false);
    const iv = new Uint8Array(12);
    const sealed = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv },
      keys?.enc as CryptoKey,
      new Uint8Array([1, 2]),
    );
    expect(new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, enc, sealed))).toEqual(
      new Uint8Array([1, 2]),
    );

    await grade(db, C11, T0 + MINUTE);
    await writeSyncStatus(db, { state: 'error', error: { kind: 'offline', message: 'No connection.' } });
    await applyPulled(db, [], '12-abc', T0);
    await markPushed(db, [{ key: 'review:x', hlc: hlcFromTime(T0, 'a'), rev: '1-a' }]);
    expect(await readSyncStatus(db)).toMatchObject({ state: 'error', pending: 1 });

    const before = await contentOf(db);
    await disableSync(db);
    expect(await readSyncConfig(db)).toBeNull();
    expect(await readCheckpoint(db)).toBeNull();
    expect(await knownRevisions(db, ['review:x'])).toEqual(new Map());
    expect(await readSyncStatus(db)).toEqual({ state: 'off', lastSyncedAt: null, error: null, pending: 0 });
    expect(await contentOf(db)).toBe(before);
    // A replicator still finishing after the user turned sync off cannot bring the status back.
    await writeSyncStatus(db, { state: 'syncing' });
    expect((await readSyncStatus(db)).state).toBe('off');
  });

  it('marks the initial push done', async () => {
    const db = await device();
    await markInitialPushDone(db);
    expect(await initialPushPending(db)).toBe(false);
  });
});

describe('readAllRecords', () => {
  it('pages through every synced record once, in a fixed order, with clocks from their times', async () => {
    const db = await device();
    for (let i = 0; i < 40; i++) await grade(db, [C11, C12, C13][i % 3] as string, T0 + i * DAY, Rating.Good);
    await db.outbox.clear();
    const seen: SyncRecord[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: { records: SyncRecord[]; next: string | null } = await readAllRecords(db, after, 7);
      expect(page.records.length).toBeLessThanOrEqual(7);
      seen.push(...page.records);
      after = page.next;
      pages++;
    } while (after !== null);
    const keys = seen.map((r) => `${r.type}:${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(seen.map((r) => r.type)).toEqual([
      'settings',
      'deck',
      ...Array(15).fill('card'),
      ...Array(40).fill('review'),
    ]);
    expect(pages).toBe(Math.ceil(seen.length / 7) + (seen.length % 7 === 0 ? 1 : 0));
    // Built-in cards never edited are the oldest; a review's clock is its time.
    expect(seen.find((r) => r.type === 'card')?.hlc).toBe(OLDEST_HLC);
    const review = seen.find((r) => r.type === 'review');
    expect(review?.hlc).toBe(
      hlcFromTime((review?.value as { reviewedAt: number } | undefined)?.reviewedAt ?? -1),
    );
    expect(Object.keys(seen[0]?.value as object).sort()).toEqual(
      SYNCED_SETTING_KEYS.filter((k) => k !== 'fsrsParameters' && k !== 'revertFsrsParameters').sort(),
    );
  });
});

describe('markPushed', () => {
  it('drops the outbox rows pushed as they were, keeps one changed since, and remembers the revisions', async () => {
    const db = await device();
    await setSuspended(db, C11, true);
    await setSuspended(db, C12, true);
    const pushed = await readOutbox(db, 10);
    await setSuspended(db, C12, false); // changed while the push was on its way
    await markPushed(
      db,
      pushed.map((r) => ({ key: `card:${r.id}`, hlc: r.hlc, rev: `1-${r.id}` })),
    );
    expect(await outboxKeys(db)).toEqual([`card:${C12}`]);
    expect(await knownRevisions(db, [`card:${C11}`, `card:${C12}`, 'card:none'])).toEqual(
      new Map([
        [`card:${C11}`, `1-${C11}`],
        [`card:${C12}`, `1-${C12}`],
      ]),
    );
  });
});

describe('applyPulled', () => {
  it("takes another device's newer edit and keeps this device's version in the card's history", async () => {
    const db = await device();
    const mine = await updateCard(db, C11, draftOf(await card(db, C11), 'Edited here'), T0 + DAY);
    const theirs = { ...mine, question: 'Edited there', updatedAt: T0 + 2 * DAY };
    const outcome = await applyPulled(
      db,
      [{ record: cardRecord(theirs, await laterThanPending(db, `card:${C11}`)), rev: '2-b' }],
      '5',
      T0 + 3 * DAY,
    );
    expect(outcome).toEqual({ applied: 1, cardIds: [C11], rescheduleAll: false });
    expect((await card(db, C11)).question).toBe('Edited there');
    expect(await db.outbox.count()).toBe(0);
    expect(await knownRevisions(db, [`card:${C11}`])).toEqual(new Map([[`card:${C11}`, '2-b']]));
    expect(await readCheckpoint(db)).toBe('5');
    const lost = await cardVersionsLost(db, C11);
    expect(lost.map((v) => [v.card.question, v.lostAt])).toEqual([['Edited here', T0 + 3 * DAY]]);
  });

  it("keeps this device's newer edit, queues it again, and keeps the other device's version in history", async () => {
    const db = await device();
    const older = { ...(await card(db, C11)), question: 'Edited there', updatedAt: T0 + DAY };
    await updateCard(db, C11, draftOf(await card(db, C11), 'Edited here'), T0 + 2 * DAY);
    const outcome = await applyPulled(
      db,
      [{ record: cardRecord(older, hlcFromTime(0, 'zz-other')), rev: '2-b' }],
      '5',
      T0 + 3 * DAY,
    );
    expect(outcome.applied).toBe(0);
    expect((await card(db, C11)).question).toBe('Edited here');
    expect(await outboxKeys(db)).toEqual([`card:${C11}`]);
    expect(await knownRevisions(db, [`card:${C11}`])).toEqual(new Map([[`card:${C11}`, '2-b']]));
    expect((await cardVersionsLost(db, C11)).map((v) => v.card.question)).toEqual(['Edited there']);
  });

  it('puts an edit made before sync was on into the outbox when it is newer than the pulled copy', async () => {
    const db = await device(false);
    await updateCard(db, C11, draftOf(await card(db, C11), 'Edited before sync'), T0 + 2 * DAY);
    await enableSyncAt(db, T0 + 3 * DAY);
    const shipped = { ...(await card(db, C11)), ...builtInCard('1.1'), updatedAt: T0 + DAY };
    await applyPulled(db, [{ record: cardRecord(shipped, hlcFromTime(T0 + DAY, 'x')), rev: '1-a' }], '1', T0);
    expect((await card(db, C11)).question).toBe('Edited before sync');
    expect((await readOutbox(db, 10)).map((r) => [r.id, r.hlc])).toEqual([[C11, hlcFromTime(T0 + 2 * DAY)]]);
  });

  it("adds another device's reviews and replays the card's schedule to what grading there gave", async () => {
    const there = await device();
    const { review, after } = await grade(there, C11, T0 + MINUTE);
    const here = await device();
    const outcome = await applyPulled(
      here,
      [
        {
          record: {
            type: 'review',
            id: review.id,
            hlc: nextHlc(null, T0 + MINUTE, 'b'),
            deleted: false,
            value: review,
          },
          rev: '1-r',
        },
      ],
      '1',
      T0 + DAY,
    );
    expect(outcome).toMatchObject({ applied: 1, cardIds: [C11] });
    expect(await here.reviews.get(review.id)).toEqual(review);
    expect(await here.schedules.get(C11)).toEqual(after);
    // Pulled changes are not local changes: nothing to push back.
    expect(await here.outbox.count()).toBe(0);
  });

  it('removes a review tombstoned elsewhere, and keeps out a review tombstoned here', async () => {
    const here = await device();
    const { review: first, before } = await grade(here, C11, T0 + MINUTE);
    const { review: second } = await grade(here, C12, T0 + 2 * MINUTE);
    await undoReview(here, DEFAULT_SETTINGS, second.id);
    await applyPulled(
      here,
      [
        {
          record: {
            type: 'review',
            id: first.id,
            hlc: await laterThanPending(here, `review:${first.id}`),
            deleted: true,
            value: null,
          },
          rev: '2-r',
        },
        // The server still holds the review undone here, pushed before its undo.
        {
          record: {
            type: 'review',
            id: second.id,
            hlc: hlcFromTime(T0 + 2 * MINUTE, 'a'),
            deleted: false,
            value: second,
          },
          rev: '1-s',
        },
      ],
      '2',
      T0 + DAY,
    );
    expect(await here.reviews.count()).toBe(0);
    expect(await here.schedules.get(C11)).toEqual(before);
    // This device's undo is newer than the server's copy: it waits to be pushed.
    expect((await readOutbox(here, 10)).map((r) => [r.id, r.deleted])).toEqual([[second.id, true]]);
  });

  it('deletes a card tombstoned elsewhere with its schedule and recordings; its reviews follow as their own tombstones', async () => {
    const db = await device();
    const { review } = await grade(db, C11, T0 + MINUTE);
    await saveRecording(
      db,
      { cardId: C11, durationMs: 900, mimeType: 'audio/webm', audio: new ArrayBuffer(2) },
      T0,
    );
    await db.outbox.clear();
    const outcome = await applyPulled(
      db,
      [{ record: cardRecord(await card(db, C11), nextHlc(null, T0 + DAY, 'b'), true), rev: '3-c' }],
      '3',
      T0 + DAY,
    );
    expect(outcome).toMatchObject({ applied: 1, cardIds: [C11] });
    expect(await db.cards.get(C11)).toBeUndefined();
    expect(await db.schedules.get(C11)).toBeUndefined();
    expect(await db.recordings.count()).toBe(0);
    expect(await db.reviews.get(review.id)).toEqual(review);
  });

  it('merges only the shared settings: device settings neither leave nor enter', async () => {
    const db = await device();
    await saveSettings(db, { showTimer: false, keepRecordingsPerCard: 2 });
    const theirs = {
      ...Object.fromEntries(SYNCED_SETTING_KEYS.map((k) => [k, DEFAULT_SETTINGS[k]])),
      newPerDay: 7,
      showTimer: true,
      keepRecordingsPerCard: 9,
    };
    const settings = (hlc: string, value: object): SyncRecord => ({
      type: 'settings',
      id: 'settings',
      hlc,
      deleted: false,
      value,
    });
    const first = await applyPulled(
      db,
      [{ record: settings(nextHlc(null, T0, 'b'), theirs), rev: '1-s' }],
      '1',
      T0,
    );
    expect(first.rescheduleAll).toBe(false);
    expect(await getSettings(db)).toMatchObject({ newPerDay: 7, showTimer: false, keepRecordingsPerCard: 2 });
    const second = await applyPulled(
      db,
      [{ record: settings(nextHlc(null, T0 + 1, 'b'), { ...theirs, desiredRetention: 0.8 }), rev: '2-s' }],
      '2',
      T0,
    );
    expect(second.rescheduleAll).toBe(true);
    expect((await getSettings(db)).desiredRetention).toBe(0.8);
    const [outgoing] = (await readAllRecords(db, null, 1)).records;
    expect(outgoing?.value).not.toHaveProperty('showTimer');
    expect(outgoing?.value).not.toHaveProperty('keepRecordingsPerCard');
  });

  it('moves the local clock past every pulled one, so the next local change sorts after them', async () => {
    const db = await device();
    const future = nextHlc(null, T0 + 365 * DAY, 'fast-clock');
    await applyPulled(
      db,
      [{ record: cardRecord({ ...(await card(db, C12)), suspended: true }, future), rev: '1-x' }],
      '1',
      T0,
    );
    await setSuspended(db, C11, true);
    const [record] = await readOutbox(db, 10);
    expect((record?.hlc ?? '') > future).toBe(true);
  });

  it('applying the same batch twice changes nothing the second time', async () => {
    const there = await device();
    const { review } = await grade(there, C11, T0 + MINUTE);
    const edited = await updateCard(there, C12, draftOf(await card(there, C12), 'Edited there'), T0 + DAY);
    const batch = [
      {
        record: {
          type: 'review' as const,
          id: review.id,
          hlc: hlcFromTime(T0 + MINUTE, 'b'),
          deleted: false,
          value: review,
        },
        rev: '1-r',
      },
      { record: cardRecord(edited, hlcFromTime(T0 + DAY, 'b')), rev: '1-c' },
    ];
    const here = await device();
    await updateCard(here, C12, draftOf(await card(here, C12), 'Edited here'), T0 + 2 * MINUTE);
    await applyPulled(here, batch, '2', T0 + DAY);
    const once = [await contentOf(here), await schedulesOf(here), await outboxKeys(here), await db(here)];
    const again = await applyPulled(here, batch, '2', T0 + DAY);
    expect(again.applied).toBe(0);
    expect([await contentOf(here), await schedulesOf(here), await outboxKeys(here), await db(here)]).toEqual(
      once,
    );
    expect(await cardVersionsLost(here, C12)).toHaveLength(1);

    async function db(d: KeypointsDb) {
      return [await d.lostCardVersions.count(), await d.syncRevisions.count(), await readCheckpoint(d)];
    }
  });

  it('writes nothing, checkpoint included, when one record of the batch is bad', async () => {
    const db = await device();
    await applyPulled(db, [], '1', T0);
    const before = await contentOf(db);
    const good = cardRecord({ ...(await card(db, C11)), question: 'Changed' }, nextHlc(null, T0 + DAY, 'b'));
    const bad = cardRecord(
      { ...(await card(db, C12)), level: 'wizard' as never },
      nextHlc(null, T0 + DAY, 'b'),
    );
    const attempt = applyPulled(
      db,
      [
        { record: good, rev: '1-a' },
        { record: bad, rev: '1-b' },
      ],
      '2',
      T0,
    );
    await expect(attempt).rejects.toBeInstanceOf(PulledRecordError);
    await expect(attempt).rejects.toThrow(/card:amazon-engineer\/1\.2: level/);
    for (const broken of [
      { ...good, hlc: 'yesterday' },
      { ...good, type: 'schedule' },
      { ...good, id: C12 },
    ] as SyncRecord[])
      await expect(applyPulled(db, [{ record: broken, rev: '1-a' }], '2', T0)).rejects.toBeInstanceOf(
        PulledRecordError,
      );
    expect(await contentOf(db)).toBe(before);
    expect(await readCheckpoint(db)).toBe('1');
    expect(await knownRevisions(db, [`card:${C11}`])).toEqual(new Map());
  });

  it('writes nothing when the write fails part-way through the batch (a crash between records is impossible)', async () => {
    const db = await device();
    await applyPulled(db, [], '1', T0);
    const before = [await contentOf(db), await schedulesOf(db)];
    const there = await device();
    const { review } = await grade(there, C11, T0 + MINUTE);
    const put = vi.spyOn(db.cards, 'put').mockRejectedValueOnce(new Error('disk failed'));
    await expect(
      applyPulled(
        db,
        [
          {
            record: {
              type: 'review',
              id: review.id,
              hlc: hlcFromTime(T0 + MINUTE, 'b'),
              deleted: false,
              value: review,
            },
            rev: '1-r',
          },
          {
            record: cardRecord(
              { ...(await card(db, C12)), question: 'Changed' },
              nextHlc(null, T0 + DAY, 'b'),
            ),
            rev: '1-c',
          },
        ],
        '2',
        T0,
      ),
    ).rejects.toThrow();
    expect(put).toHaveBeenCalled();
    expect([await contentOf(db), await schedulesOf(db)]).toEqual(before);
    expect(await readCheckpoint(db)).toBe('1');
    expect(await db.syncRevisions.count()).toBe(0);
  });
});

describe('two devices through one server', () => {
  it('end with the same content and the same schedules, the losing edit in both histories', async () => {
    const server = new FakeServer();
    const phone = await device(false);
    const laptop = await device(false);
    // Before sync: history on the phone, an edit of the same card on each device.
    for (let i = 0; i < 6; i++) await grade(phone, [C11, C12][i % 2] as string, T0 + i * DAY);
    await updateCard(phone, C13, draftOf(await card(phone, C13), 'Phone wording'), T0 + DAY);
    await saveSettings(phone, { newPerDay: 12, showTimer: false });
    await enableSyncAt(phone, T0 + 7 * DAY);
    await syncOnce(phone, server, T0 + 7 * DAY);

    await updateCard(laptop, C13, draftOf(await card(laptop, C13), 'Laptop wording'), T0 + 2 * DAY);
    await enableSyncAt(laptop, T0 + 7 * DAY);
    await syncOnce(laptop, server, T0 + 7 * DAY);
    expect(await laptop.reviews.count()).toBe(6);
    expect((await getSettings(laptop)).newPerDay).toBe(12);
    expect((await getSettings(laptop)).showTimer).toBe(DEFAULT_SETTINGS.showTimer);

    // Both offline: each grades, the same card on both; the same card edited on both.
    await grade(phone, C11, T0 + 10 * DAY, Rating.Hard);
    await grade(laptop, C11, T0 + 10 * DAY + MINUTE, Rating.Easy);
    await grade(laptop, C13, T0 + 10 * DAY + 2 * MINUTE);
    await updateCard(phone, C12, draftOf(await card(phone, C12), 'Phone edit'), T0 + 11 * DAY);
    await updateCard(laptop, C12, draftOf(await card(laptop, C12), 'Laptop edit'), T0 + 11 * DAY + MINUTE);
    const undone = await grade(phone, C13, T0 + 12 * DAY);
    await undoReview(phone, DEFAULT_SETTINGS, undone.review.id);

    await syncOnce(phone, server, T0 + 12 * DAY);
    await syncOnce(laptop, server, T0 + 12 * DAY);
    await syncOnce(phone, server, T0 + 12 * DAY);

    expect(await contentOf(laptop)).toBe(await contentOf(phone));
    expect(await schedulesOf(laptop)).toBe(await schedulesOf(phone));
    expect(await phone.reviews.count()).toBe(9);
    expect((await card(phone, C12)).question).toBe('Laptop edit');
    expect((await card(phone, C13)).question).toBe('Laptop wording');
    for (const db of [phone, laptop]) {
      expect((await cardVersionsLost(db, C12)).map((v) => v.card.question)).toContain('Phone edit');
      expect(await db.outbox.count()).toBe(0);
    }
    // Device settings stayed where they were made.
    expect((await getSettings(phone)).showTimer).toBe(false);
    expect((await getSettings(laptop)).showTimer).toBe(DEFAULT_SETTINGS.showTimer);
  });
});
