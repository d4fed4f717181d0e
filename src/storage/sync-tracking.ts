// Change tracking for sync: while sync is on, each write to a synced store adds its outbox row in the same transaction.
import Dexie, {
  type DBCore,
  type DBCoreMutateRequest,
  type DBCoreMutateResponse,
  type DBCoreTable,
  type DBCoreTransaction,
} from 'dexie';
import { nextHlc } from '../domain/hlc';
import { DEFAULT_SETTINGS } from '../domain/settings';
import { type Hlc, recordKey, SYNCED_SETTING_KEYS, type SyncedType } from '../domain/sync';

export const OUTBOX = 'outbox';
export const SYNC_STATE = 'syncState';
/** The syncState row the tracking reads in every write transaction: kept small. */
export const TRACK_KEY = 'track';

export interface TrackState {
  /** Sync is enabled: writes are tracked. */
  on: boolean;
  device: string;
  /** The last clock reading made or heard on this device. */
  clock: Hlc | null;
  initialPushPending: boolean;
}

/** Which stores sync, as which record type. Recordings, schedules and meta never travel. */
export const SYNCED_STORES: ReadonlyMap<string, SyncedType> = new Map([
  ['decks', 'deck'],
  ['cards', 'card'],
  ['reviews', 'review'],
  ['settings', 'settings'],
  ['interviews', 'interview'],
]);

type Tx = DBCoreTransaction & {
  kpUntracked?: true;
  kpTrack?: Promise<TrackState | undefined>;
  kpHlc?: Hlc;
  /** The settings row was removed earlier in this transaction (a restore): the next one written is a change. */
  kpSettingsGone?: true;
};

/**
 * Marks the current transaction as one whose writes are not local changes (seeding the built-in
 * deck, applying pulled records): nothing goes to the outbox. Call it inside the transaction.
 */
export function untracked(): void {
  const tx = Dexie.currentTransaction;
  if (tx) (tx.idbtrans as unknown as Tx).kpUntracked = true;
}

function sameSyncedSettings(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return SYNCED_SETTING_KEYS.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/**
 * Promises are chained on the ones DBCore returns (Dexie's own), never awaited in an async
 * function before the write: an extra native hop can let IndexedDB commit a transaction whose
 * caller still has writes to make (Dexie's PrematureCommitError).
 */
function track(down: DBCore, table: DBCoreTable, type: SyncedType, req: DBCoreMutateRequest) {
  const trans = req.trans as Tx;
  if (trans.kpUntracked) return table.mutate(req);
  // Read inside the transaction, once: another tab enabling sync is seen by the next write.
  trans.kpTrack ??= down
    .table(SYNC_STATE)
    .get({ trans, key: TRACK_KEY })
    .then((row?: { value: TrackState }) => row?.value);
  return trans.kpTrack.then((state) =>
    state?.on ? trackOn(down, table, type, req, state) : table.mutate(req),
  );
}

async function trackOn(
  down: DBCore,
  table: DBCoreTable,
  type: SyncedType,
  req: DBCoreMutateRequest,
  state: TrackState,
): Promise<DBCoreMutateResponse> {
  const trans = req.trans as Tx;
  if (type === 'settings') {
    // Only the shared settings travel, and the row is never deleted for good, only replaced.
    if (req.type === 'delete' || req.type === 'deleteRange') {
      trans.kpSettingsGone = true;
      return table.mutate(req);
    }
    const before = trans.kpSettingsGone
      ? null
      : ((await table.get({ trans, key: 'settings' })) ?? DEFAULT_SETTINGS);
    const result = await table.mutate(req);
    const after = req.values[req.values.length - 1];
    return before && sameSyncedSettings(before, after)
      ? result
      : enqueue(down, trans, state, type, ['settings'], result);
  }
  let keys: unknown[] | undefined;
  if (req.type === 'deleteRange') {
    // A clear: its keys are read first, as each needs a tombstone.
    keys = (await table.query({ trans, query: { index: table.schema.primaryKey, range: req.range } })).result;
  }
  const result = await table.mutate(req);
  if (req.type === 'delete') keys = req.keys;
  else if (req.type !== 'deleteRange') keys = result.results ?? [];
  return enqueue(down, trans, state, type, keys ?? [], result);
}

async function enqueue(
  down: DBCore,
  trans: Tx,
  state: TrackState,
  type: SyncedType,
  keys: readonly unknown[],
  result: DBCoreMutateResponse,
): Promise<DBCoreMutateResponse> {
  const changed = keys.filter((key, i) => key !== undefined && !result.failures[i]);
  if (changed.length === 0) return result;
  let hlc = trans.kpHlc;
  if (!hlc) {
    // One reading per transaction, taken before any await so parallel writes share it.
    hlc = trans.kpHlc = nextHlc(state.clock, Date.now(), state.device);
    await down
      .table(SYNC_STATE)
      .mutate({ type: 'put', trans, values: [{ key: TRACK_KEY, value: { ...state, clock: hlc } }] });
  }
  await down.table(OUTBOX).mutate({
    type: 'put',
    trans,
    values: changed.map((id) => ({ key: recordKey(type, String(id)), hlc })),
  });
  return result;
}

/**
 * Installs the tracking on `db` (before it opens). Write transactions over a synced store are
 * widened to the outbox and the sync state, so the outbox row is written in the change's own
 * transaction: both are stored, or neither.
 */
export function trackSyncedChanges(db: Dexie): void {
  db.use({
    stack: 'dbcore',
    name: 'sync-tracking',
    create: (down) => ({
      ...down,
      transaction: (stores, mode, options) =>
        down.transaction(
          mode === 'readwrite' && stores.some((s) => SYNCED_STORES.has(s))
            ? [...new Set([...stores, OUTBOX, SYNC_STATE])]
            : stores,
          mode,
          options,
        ),
      table: (name) => {
        const table = down.table(name);
        const type = SYNCED_STORES.get(name);
        return type ? { ...table, mutate: (req) => track(down, table, type, req) } : table;
      },
    }),
  });
}
