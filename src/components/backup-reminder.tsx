// A gentle reminder to export a backup when the browser may clear the data and the last backup is old.

import { useEffect, useState } from 'react';
import { count } from '../domain';
import { useDb } from '../hooks/use-db';
import { useLive } from '../hooks/use-live';
import { storageInfo } from '../pwa/persistence';
import { getLastBackupAt } from '../storage/repositories/backup-meta';
import { reviewCount } from '../storage/repositories/queries';

const DAY_MS = 86_400_000;
export const REMINDER_AFTER_DAYS = 7;

export interface ReminderFacts {
  /** The browser's answer to navigator.storage.persisted(); null when it cannot say. */
  persisted: boolean | null;
  lastBackupAt: number | null;
  reviewCount: number;
  now: number;
}

/** Persistent storage or nothing reviewed yet: nothing to lose, so no reminder. */
export function needsBackupReminder({ persisted, lastBackupAt, reviewCount, now }: ReminderFacts): boolean {
  if (persisted === true || reviewCount === 0) return false;
  return lastBackupAt === null || now - lastBackupAt > REMINDER_AFTER_DAYS * DAY_MS;
}

export interface BackupReminderProps {
  /** Where to export from; omitted on the screen that has the Export button itself. */
  exportHref?: string;
}

export function BackupReminder({ exportHref }: BackupReminderProps) {
  const db = useDb();
  const [persisted, setPersisted] = useState<boolean | null | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    void storageInfo().then((info) => {
      if (!cancelled) setPersisted(info.persisted);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  const facts = useLive(
    async () => ({ lastBackupAt: await getLastBackupAt(db), reviewCount: await reviewCount(db) }),
    [db],
  );
  if (persisted === undefined || !facts) return null;
  const now = Date.now();
  if (!needsBackupReminder({ persisted, ...facts, now })) return null;
  const when =
    facts.lastBackupAt === null
      ? 'you have not exported a backup yet'
      : `your last backup was ${count(Math.floor((now - facts.lastBackupAt) / DAY_MS), 'day')} ago`;
  return (
    <p className="kp-notice" role="note" data-testid="backup-reminder">
      This browser may clear Keypoints’ data when the device runs low on space, and {when}.{' '}
      {exportHref ? <a href={exportHref}>Export a backup</a> : 'Export one now to keep your reviews safe.'}
    </p>
  );
}
