// When the last backup was exported: kept in `meta` so screens can remind the user to make a new one.
import type { KeypointsDb } from '../db';
import { writeTransaction } from '../write';

export const LAST_BACKUP_KEY = 'last-backup-at';

/** Epoch ms of the last completed backup export, or null when there was none on this device. */
export async function getLastBackupAt(db: KeypointsDb): Promise<number | null> {
  const row = await db.meta.get(LAST_BACKUP_KEY);
  return typeof row?.value === 'number' ? row.value : null;
}

export async function recordBackup(db: KeypointsDb, now: number): Promise<void> {
  await writeTransaction(db, db.meta, () => db.meta.put({ key: LAST_BACKUP_KEY, value: now }));
}
