// Sync's status record and the count of changes waiting: all Home's status line reads, kept apart from
// the rest of sync's storage so the way to the first card does not load it (bench/build-sizes.ts).
import type { KeypointsDb } from '../db';

export type SyncState = 'off' | 'idle' | 'syncing' | 'offline' | 'error';

export interface SyncStatus {
  state: SyncState;
  lastSyncedAt: number | null;
  error: { kind: string; message: string } | null;
}

/** The syncState row of the status. */
export const STATUS_KEY = 'status';

export const OFF: SyncStatus = { state: 'off', lastSyncedAt: null, error: null };

/** Sync's status and how many changes wait to be pushed: one row and a key count (Home reads it live). */
export function readSyncStatus(db: KeypointsDb): Promise<SyncStatus & { pending: number }> {
  return db.transaction('r', [db.syncState, db.outbox], async () => {
    const [row, pending] = await Promise.all([db.syncState.get(STATUS_KEY), db.outbox.count()]);
    return { ...((row?.value as SyncStatus | undefined) ?? OFF), pending };
  });
}
