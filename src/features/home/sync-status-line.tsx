// Home's one line about sync ("Synced 2 min ago", "3 changes waiting"): a small record read live, never the sync client.
import { SYNC_HREF } from '../../components/routes';
import { syncStatusLine } from '../../components/sync-words';
import { useDb } from '../../hooks/use-db';
import { useLive } from '../../hooks/use-live';
import { readSyncStatus } from '../../storage/repositories/sync-status';

export function SyncStatusLine({ now }: { now: number }) {
  const db = useDb();
  const status = useLive(() => readSyncStatus(db), [db]);
  const line = status ? syncStatusLine(status, now) : null;
  if (!line) return null;
  return (
    <p className="kp-muted kp-home__sync" data-testid="sync-status-line">
      <a href={SYNC_HREF}>{line}</a>
    </p>
  );
}
