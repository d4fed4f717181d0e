// The small reads of sync's storage that screens make whether or not sync runs: Home's status line (the
// status record and the count of changes waiting) and a card's lost versions. Kept apart from the rest
// of sync's storage, whose chunk is neither on the way to the first card nor precached (vite.config.ts).
import type { LostCardVersion } from '../../domain/union';
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

/** The versions of a card that lost to another device's newer edit, oldest first. */
export async function cardVersionsLost(db: KeypointsDb, cardId: string): Promise<LostCardVersion[]> {
  const versions = await db.lostCardVersions.where('cardId').equals(cardId).toArray();
  return versions.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
}
