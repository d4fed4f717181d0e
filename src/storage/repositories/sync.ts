// What sync stores on the device: its settings and state, the outbox of local changes, and the pulled changes applied.
//
// Loaded only by sync (a dynamic import), never on the way to the first card. The tracking that
// fills the outbox lives in ../sync-tracking.ts, installed on every database.
import Dexie from 'dexie';
import * as v from 'valibot';
import { type CardRecord, DomainError, type Review, State } from '../../domain';
import { fuzzOncePerReview } from '../../domain/fuzz-once';
import { isHlc, receiveHlc } from '../../domain/hlc';
import type { Interview } from '../../domain/interview';
import {
  CardRecordSchema,
  DeckSchema,
  InterviewSchema,
  ReviewSchema,
  SettingsSchema,
} from '../../domain/record-schemas';
import { createScheduler } from '../../domain/scheduler';
import type { Settings } from '../../domain/settings';
import {
  type Hlc,
  recordKey,
  SCHEDULING_SETTING_KEYS,
  SYNCED_SETTING_KEYS,
  SYNCED_TYPES,
  type SyncedSettings,
  type SyncedType,
  type SyncRecord,
} from '../../domain/sync';
import { derivedHlc, type LostCardVersion, lastWriterWins, sameRecord } from '../../domain/union';
import type { KeypointsDb, OutboxRow, SyncRevisionRow } from '../db';
import { newId } from '../ids';
import { TRACK_KEY, type TrackState, untracked } from '../sync-tracking';
import { writeTransaction } from '../write';
import { scheduleCardFields } from './decks';
import { cardReviews } from './queries';
import { withDefaults } from './settings';
import {
  cardVersionsLost,
  OFF,
  readSyncStatus,
  STATUS_KEY,
  type SyncState,
  type SyncStatus,
} from './sync-status';

export type { LostCardVersion };

/** The keys derived from the passphrase: non-extractable, stored as they are in IndexedDB. */
export interface SyncKeys {
  enc: CryptoKey;
  ids: CryptoKey;
}

/** Where and how this device syncs. Stays on the device: never in backups, exports or logs. */
export interface SyncConfig {
  serverUrl: string;
  database: string;
  user: string;
  password: string;
  encryption: { salt: string; iterations: number; keys: SyncKeys } | null;
}

export type { SyncState, SyncStatus };
export { cardVersionsLost, readSyncStatus };

/** A pulled record that is not one this build can store: nothing of its batch was written. */
export class PulledRecordError extends DomainError {
  readonly code = 'bad-pulled-record';
  constructor(
    readonly key: string,
    readonly detail: string,
  ) {
    super(
      `A change from the sync server could not be read (${key}: ${detail}), so none of its batch was applied. Update Keypoints on this device, or on the device that made the change.`,
    );
    this.name = 'PulledRecordError';
  }
}

const CONFIG_KEY = 'config';
const CHECKPOINT_KEY = 'checkpoint';

/** The order of the initial push: settings, decks, cards, interviews, then the reviews. */
const PUSH_ORDER: readonly SyncedType[] = ['settings', 'deck', 'card', 'interview', 'review'];

function tableOf(db: KeypointsDb, type: Exclude<SyncedType, 'settings'>) {
  const tables = { deck: db.decks, card: db.cards, review: db.reviews, interview: db.interviews };
  return tables[type] as unknown as Dexie.Table<{ id: string }, string>;
}

function splitKey(key: string): { type: SyncedType; id: string } {
  const at = key.indexOf(':');
  return { type: key.slice(0, at) as SyncedType, id: key.slice(at + 1) };
}

function syncedSettings(settings: Settings): SyncedSettings {
  const out: Record<string, unknown> = {};
  for (const k of SYNCED_SETTING_KEYS) if (settings[k] !== undefined) out[k] = settings[k];
  return out as SyncedSettings;
}

async function readState<T>(db: KeypointsDb, key: string): Promise<T | undefined> {
  return (await db.syncState.get(key))?.value as T | undefined;
}

async function readTrack(db: KeypointsDb): Promise<TrackState | undefined> {
  return readState<TrackState>(db, TRACK_KEY);
}

/** The record as sync sees it, or undefined when the device does not hold it. */
async function localValue(db: KeypointsDb, type: SyncedType, id: string): Promise<unknown> {
  if (type === 'settings') return syncedSettings(withDefaults(await db.settings.get('settings')));
  return tableOf(db, type).get(id);
}

// ---------------------------------------------------------------------------------------------
// Settings and state.

export async function readSyncConfig(db: KeypointsDb): Promise<SyncConfig | null> {
  return (await readState<SyncConfig>(db, CONFIG_KEY)) ?? null;
}

async function ensureTrack(db: KeypointsDb): Promise<TrackState> {
  const track = await readTrack(db);
  if (track) return track;
  const made: TrackState = { on: false, device: newId(), clock: null, initialPushPending: false };
  await db.syncState.put({ key: TRACK_KEY, value: made });
  return made;
}

/** This device's id in clocks: random, made once, kept while the database lives (sync off and on again too). */
export function deviceId(db: KeypointsDb): Promise<string> {
  return writeTransaction(db, db.syncState, async () => (await ensureTrack(db)).device);
}

/**
 * Turns sync on in one transaction: the settings saved, tracking on, the initial push pending,
 * the checkpoint, the outbox and the known revisions reset (they belonged to any earlier server).
 */
export async function enableSync(db: KeypointsDb, config: SyncConfig, now: number): Promise<void> {
  await writeTransaction(db, [db.syncState, db.outbox, db.syncRevisions], async () => {
    const track = await ensureTrack(db);
    const clock = track.clock === null ? null : receiveHlc(track.clock, track.clock, now, track.device);
    await db.syncState.bulkPut([
      { key: TRACK_KEY, value: { ...track, on: true, clock, initialPushPending: true } },
      { key: CONFIG_KEY, value: config },
      { key: STATUS_KEY, value: { state: 'idle', lastSyncedAt: null, error: null } satisfies SyncStatus },
    ]);
    await db.syncState.delete(CHECKPOINT_KEY);
    await db.outbox.clear();
    await db.syncRevisions.clear();
  });
}

/** Turns sync off: forgets the server, credentials, keys, checkpoint, outbox and revisions. Local data stays. */
export async function disableSync(db: KeypointsDb): Promise<void> {
  await writeTransaction(db, [db.syncState, db.outbox, db.syncRevisions], async () => {
    const track = await readTrack(db);
    if (track)
      await db.syncState.put({ key: TRACK_KEY, value: { ...track, on: false, initialPushPending: false } });
    await db.syncState.bulkDelete([CONFIG_KEY, CHECKPOINT_KEY]);
    await db.syncState.put({ key: STATUS_KEY, value: OFF });
    await db.outbox.clear();
    await db.syncRevisions.clear();
  });
}

/** Updates the status; ignored (stays 'off') once sync was turned off, e.g. by another tab meanwhile. */
export async function writeSyncStatus(db: KeypointsDb, patch: Partial<SyncStatus>): Promise<void> {
  await writeTransaction(db, db.syncState, async () => {
    if (!(await readTrack(db))?.on) return;
    const status = (await readState<SyncStatus>(db, STATUS_KEY)) ?? OFF;
    await db.syncState.put({ key: STATUS_KEY, value: { ...status, ...patch } });
  });
}

/** The last `_changes` sequence applied, or null before the first pull. */
export async function readCheckpoint(db: KeypointsDb): Promise<string | null> {
  return (await readState<string>(db, CHECKPOINT_KEY)) ?? null;
}

export async function initialPushPending(db: KeypointsDb): Promise<boolean> {
  return (await readTrack(db))?.initialPushPending ?? false;
}

export async function markInitialPushDone(db: KeypointsDb): Promise<void> {
  await writeTransaction(db, db.syncState, async () => {
    const track = await readTrack(db);
    if (track) await db.syncState.put({ key: TRACK_KEY, value: { ...track, initialPushPending: false } });
  });
}

// ---------------------------------------------------------------------------------------------
// Pushing.

/**
 * The clock of each record: its pending change's, else the version last synced, else its own times.
 * `values` are in id order, so their outbox entries and revisions lie in one key range: two range
 * reads instead of a lookup per record (during an initial push both stores are nearly empty).
 */
async function withClocks(
  db: KeypointsDb,
  type: SyncedType,
  values: { id: string }[],
  revisions: Map<string, string>,
): Promise<SyncRecord[]> {
  const first = values[0];
  const last = values[values.length - 1];
  if (!first || !last) return [];
  const from = recordKey(type, first.id);
  const to = recordKey(type, last.id);
  const [pending, known] = await Promise.all([
    db.outbox.where('key').between(from, to, true, true).toArray(),
    db.syncRevisions.where('key').between(from, to, true, true).toArray(),
  ]);
  const clocks = new Map<string, Hlc>();
  for (const row of known) {
    clocks.set(row.key, row.hlc);
    revisions.set(row.key, row.rev);
  }
  for (const row of pending) clocks.set(row.key, row.hlc);
  return values.map((value) => ({
    type,
    id: value.id,
    hlc: clocks.get(recordKey(type, value.id)) ?? derivedHlc(type, value),
    deleted: false,
    value,
  }));
}

/**
 * Every synced record the device holds, a page at a time in a fixed order (settings, decks,
 * cards, interviews, reviews; each by id), for the initial push. `after` is the `next` of the
 * previous page (null for the first); `next` is null after the last page. Reads `limit` records
 * per page, never the whole store. `revisions`: the server's `_rev` of each record of the page that
 * has one (knownRevisions, read along).
 */
export function readAllRecords(
  db: KeypointsDb,
  after: string | null,
  limit: number,
): Promise<{ records: SyncRecord[]; next: string | null; revisions: Map<string, string> }> {
  const tables = [db.settings, db.decks, db.cards, db.interviews, db.reviews, db.outbox, db.syncRevisions];
  return db.transaction('r', tables, async () => {
    const from = after === null ? null : splitKey(after);
    const records: SyncRecord[] = [];
    const revisions = new Map<string, string>();
    let afterId = from?.id ?? null;
    for (let i = from ? PUSH_ORDER.indexOf(from.type) : 0; i < PUSH_ORDER.length; i++) {
      const type = PUSH_ORDER[i] as SyncedType;
      const left = limit - records.length;
      if (left <= 0) break;
      let values: { id: string }[];
      if (type === 'settings') {
        const settings = (await localValue(db, type, type)) as SyncedSettings;
        values = afterId === null ? [{ ...settings, id: 'settings' }] : [];
      } else {
        const table = tableOf(db, type);
        const range = afterId === null ? table.toCollection() : table.where(':id').above(afterId);
        values = await range.limit(left).toArray();
      }
      const page = await withClocks(db, type, values, revisions);
      if (type === 'settings') for (const r of page) r.value = syncedSettings(r.value as Settings);
      records.push(...page);
      afterId = null;
    }
    const last = records[records.length - 1];
    return {
      records,
      next: records.length >= limit && last ? recordKey(last.type, last.id) : null,
      revisions,
    };
  });
}

/**
 * Up to `limit` changed records (after the key `after`, when given), each with its current
 * value, or as a tombstone when the device no longer holds it. Settings carry only the shared keys.
 */
export function readOutbox(db: KeypointsDb, limit: number, after?: string): Promise<SyncRecord[]> {
  const tables = [db.outbox, db.settings, db.decks, db.cards, db.interviews, db.reviews];
  return db.transaction('r', tables, async () => {
    const rows: OutboxRow[] = await (after === undefined
      ? db.outbox.toCollection()
      : db.outbox.where('key').above(after)
    )
      .limit(limit)
      .toArray();
    return Promise.all(
      rows.map(async ({ key, hlc }) => {
        const { type, id } = splitKey(key);
        const value = await localValue(db, type, id);
        return { type, id, hlc, deleted: value === undefined, value: value ?? null };
      }),
    );
  });
}

/** The server's `_rev` of each record key this device knows one for. */
export async function knownRevisions(db: KeypointsDb, keys: string[]): Promise<Map<string, string>> {
  const rows = await db.syncRevisions.bulkGet(keys);
  return new Map(rows.flatMap((row) => (row ? [[row.key, row.rev] as const] : [])));
}

/** The generation of a CouchDB revision ("3-abc…" → 3). */
function generation(rev: string): number {
  return Number.parseInt(rev, 10) || 0;
}

function newerRevision(known: SyncRevisionRow | undefined, rev: string): boolean {
  return !known || generation(rev) >= generation(known.rev);
}

/**
 * Records what the server now holds after a push: each key's new `_rev` and clock. An outbox entry
 * is dropped only if its clock is still the one pushed; one changed since stays, to be pushed again.
 */
export async function markPushed(
  db: KeypointsDb,
  pushed: { key: string; hlc: Hlc; rev: string }[],
): Promise<void> {
  if (pushed.length === 0) return;
  await writeTransaction(db, [db.outbox, db.syncRevisions], async () => {
    const keys = pushed.map((p) => p.key);
    // One cursor over the keys each store holds (few, during an initial push) rather than a request per key.
    const [pendingRows, knownRows] = await Promise.all([
      db.outbox.where('key').anyOf(keys).toArray(),
      db.syncRevisions.where('key').anyOf(keys).toArray(),
    ]);
    const pending = new Map(pendingRows.map((row) => [row.key, row.hlc]));
    const known = new Map(knownRows.map((row) => [row.key, row]));
    const done = pushed.filter((p) => pending.get(p.key) === p.hlc).map((p) => p.key);
    if (done.length > 0) await db.outbox.bulkDelete(done);
    await db.syncRevisions.bulkPut(
      pushed
        .filter((p) => newerRevision(known.get(p.key), p.rev))
        .map(({ key, rev, hlc }) => ({ key, rev, hlc })),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Pulling.

const SyncedSettingsSchema = v.pick(SettingsSchema, [...SYNCED_SETTING_KEYS]);

const VALUE_SCHEMAS: Record<SyncedType, v.GenericSchema> = {
  deck: DeckSchema,
  card: CardRecordSchema,
  review: ReviewSchema,
  settings: SyncedSettingsSchema,
  interview: InterviewSchema,
};

/** Checks a pulled record in full and returns it as it will be stored; throws PulledRecordError. */
function checkedRecord(record: SyncRecord): SyncRecord {
  const key =
    typeof record?.type === 'string' && typeof record.id === 'string' ? `${record.type}:${record.id}` : '?';
  if (!SYNCED_TYPES.includes(record?.type)) throw new PulledRecordError(key, 'unknown type');
  if (typeof record.id !== 'string' || record.id === '') throw new PulledRecordError(key, 'no id');
  if (record.type === 'settings' && record.id !== 'settings')
    throw new PulledRecordError(key, 'not the settings');
  if (!isHlc(record.hlc)) throw new PulledRecordError(key, 'no clock');
  if (typeof record.deleted !== 'boolean') throw new PulledRecordError(key, 'no deleted flag');
  if (record.deleted) return { ...record, value: null };
  const parsed = v.safeParse(VALUE_SCHEMAS[record.type], record.value);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    throw new PulledRecordError(key, `${path ? `${path}: ` : ''}${issue.message}`);
  }
  const value = parsed.output as { id?: string };
  if (record.type !== 'settings' && value.id !== record.id)
    throw new PulledRecordError(key, 'id does not match');
  return { type: record.type, id: record.id, hlc: record.hlc, deleted: false, value };
}

export interface PullOutcome {
  /** Records that changed something on this device. */
  applied: number;
  /** Cards whose content, existence or reviews changed (their schedules were replayed). */
  cardIds: string[];
  /** Pulled settings changed how cards are scheduled: the caller runs rebuildSchedules. */
  rescheduleAll: boolean;
}

/**
 * Applies pulled records and saves `checkpoint`, in ONE transaction: a crash leaves either all of
 * it or none, so no change is skipped or applied twice. Each record is decided by the union rules
 * (union.ts) against the local copy's clock — its pending change's, else the version last synced,
 * else derived from its own times — ties going to the server's copy so devices agree:
 * - the server's copy wins: it is written (a card's local version, if different, is kept as lost);
 * - the local copy wins: it stays, and goes (back) into the outbox unless the server already has it;
 * - settings: only the shared keys are merged into this device's settings;
 * - a card deleted: its schedule and recordings go too; its reviews come as their own tombstones.
 * The schedules of touched cards are replayed from their reviews; the local clock is moved past
 * every pulled one. Every record is validated first: one bad record throws PulledRecordError and
 * nothing is written. Applying the same batch twice changes nothing the second time.
 */
export async function applyPulled(
  db: KeypointsDb,
  pulled: { record: SyncRecord; rev: string }[],
  checkpoint: string,
  now: number,
): Promise<PullOutcome> {
  const checked = pulled.map(({ record, rev }) => ({ record: checkedRecord(record), rev }));
  const tables = [
    db.decks,
    db.cards,
    db.schedules,
    db.reviews,
    db.settings,
    db.interviews,
    db.recordings,
    db.outbox,
    db.syncRevisions,
    db.syncState,
    db.lostCardVersions,
  ];
  return writeTransaction(db, tables, async () => {
    untracked();
    const touched = new Set<string>();
    const newDue = new Map<string, number>();
    let applied = 0;
    let rescheduleAll = false;
    let newest: Hlc | null = null;
    for (const { record, rev } of checked) {
      const key = recordKey(record.type, record.id);
      if (newest === null || record.hlc > newest) newest = record.hlc;
      const [pending, known, local] = await Promise.all([
        db.outbox.get(key),
        db.syncRevisions.get(key),
        localValue(db, record.type, record.id),
      ]);
      if (newerRevision(known, rev)) await db.syncRevisions.put({ key, rev, hlc: record.hlc });
      const localHlc =
        pending?.hlc ?? known?.hlc ?? (local === undefined ? null : derivedHlc(record.type, local));
      const decision =
        localHlc === null
          ? null
          : lastWriterWins(
              { hlc: localHlc, value: local ?? null },
              { hlc: record.hlc, value: record.value },
              'remote',
            );
      if (decision?.lost && record.type === 'card') {
        const lostHlc = decision.winner === 'local' ? record.hlc : (localHlc as Hlc);
        const card = decision.lost as CardRecord;
        await db.lostCardVersions.put({
          id: `${card.id}@${lostHlc}`,
          cardId: card.id,
          card,
          hlc: lostHlc,
          lostAt: now,
        });
      }
      if (decision?.winner === 'local') {
        // Already in the outbox, or already on the server (a pull older than this device's push).
        if (!pending && !known) await db.outbox.put({ key, hlc: localHlc as Hlc });
        continue;
      }
      if (pending) await db.outbox.delete(key);
      if (
        record.value === null ? local === undefined : local !== undefined && sameRecord(local, record.value)
      )
        continue;
      applied++;
      const outcome = await writePulled(db, record, local, newDue);
      if (outcome === 'reschedule') rescheduleAll = true;
      else if (outcome) touched.add(outcome);
    }
    await replaySchedules(db, touched, newDue);
    const track = await readTrack(db);
    if (track && newest !== null)
      await db.syncState.put({
        key: TRACK_KEY,
        value: { ...track, clock: receiveHlc(track.clock, newest, now, track.device) },
      });
    await db.syncState.put({ key: CHECKPOINT_KEY, value: checkpoint });
    return { applied, cardIds: [...touched], rescheduleAll };
  });
}

/** Writes the server's copy of one record; returns the card it touched, or 'reschedule'. */
async function writePulled(
  db: KeypointsDb,
  record: SyncRecord,
  local: unknown,
  newDue: Map<string, number>,
): Promise<string | 'reschedule' | null> {
  const { type, id, value } = record;
  switch (type) {
    case 'settings': {
      if (value === null) return null;
      const current = withDefaults(await db.settings.get('settings'));
      // Exactly the other device's shared settings (one it never set is unset here too); the rest stays.
      const next: Record<string, unknown> = { ...current, key: 'settings' };
      for (const k of SYNCED_SETTING_KEYS) {
        if (k in (value as object)) next[k] = (value as SyncedSettings)[k];
        else delete next[k];
      }
      await db.settings.put(next as unknown as Settings & { key: 'settings' });
      const before = syncedSettings(current);
      return SCHEDULING_SETTING_KEYS.some(
        (k) => !sameRecord(before[k] ?? null, (value as SyncedSettings)[k] ?? null),
      )
        ? 'reschedule'
        : null;
    }
    case 'card':
      if (value === null) {
        await db.cards.delete(id);
        await db.schedules.delete(id);
        await db.recordings
          .where('[cardId+createdAt]')
          .between([id, Dexie.minKey], [id, Dexie.maxKey])
          .delete();
      } else await db.cards.put(value as CardRecord);
      return id;
    case 'review': {
      const review = (value ?? local) as Review;
      if (value === null) {
        await db.reviews.delete(id);
        // A card's first grade undone: it is new again, due when it was before (as undoReview does).
        if (review.log.state === State.New) newDue.set(review.cardId, review.log.due);
      } else await db.reviews.put(value as Review);
      return review.cardId;
    }
    case 'deck':
      await (value === null ? db.decks.delete(id) : db.decks.put(value as never));
      return null;
    case 'interview':
      await (value === null ? db.interviews.delete(id) : db.interviews.put(value as Interview));
      return null;
  }
}

/** Each touched card still held gets its schedule replayed from its reviews, as rebuildSchedules does. */
async function replaySchedules(
  db: KeypointsDb,
  cardIds: ReadonlySet<string>,
  newDue: ReadonlyMap<string, number>,
): Promise<void> {
  if (cardIds.size === 0) return;
  const scheduler = createScheduler(withDefaults(await db.settings.get('settings')), fuzzOncePerReview);
  for (const cardId of cardIds) {
    const [card, row, reviews] = await Promise.all([
      db.cards.get(cardId),
      db.schedules.get(cardId),
      cardReviews(db, cardId),
    ]);
    if (!card) continue;
    const fsrs = reviews.length
      ? scheduler.replay(cardId, reviews)
      : scheduler.newSchedule(
          cardId,
          newDue.get(cardId) ??
            (row ? (row.state === State.New ? row.due : (row.lastReview ?? row.due)) : card.createdAt),
        );
    await db.schedules.put({ ...row, ...fsrs, ...scheduleCardFields(card), cardId });
  }
}
