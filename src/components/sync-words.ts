// Sync's status in words, as Home's status line and the Sync screen both say it.

/** "just now", "2 min ago", "3 h ago", "4 days ago". */
export function agoText(at: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return `${days} ${days === 1 ? 'day' : 'days'} ago`;
}

export interface SyncStatusWords {
  state: 'off' | 'idle' | 'syncing' | 'offline' | 'error';
  lastSyncedAt: number | null;
  error: { kind: string; message: string } | null;
  pending: number;
}

/** The short words for an error's kind: Home's line has room for a few words only. */
const SHORT_ERROR: Record<string, string> = {
  offline: 'offline',
  unauthorized: 'wrong user or password',
  forbidden: 'no access to the database',
  'no-database': 'no such database',
  server: 'the server failed',
  'bad-response': 'the server answered nonsense',
  quota: 'out of space',
  'wrong-passphrase': 'wrong passphrase',
  encrypted: 'passphrase needed',
  'not-encrypted': 'no passphrase expected',
  conflict: 'changes crossed, retrying',
  'not-allowed-origin': 'server not allowed in this copy',
};

/** Home's one line, or null when sync is off: "Synced 2 min ago", "3 changes waiting", "Sync: wrong password — open Sync". */
export function syncStatusLine(status: SyncStatusWords, now: number): string | null {
  if (status.state === 'off') return null;
  const waiting =
    status.pending > 0 ? `${status.pending} ${status.pending === 1 ? 'change' : 'changes'} waiting` : '';
  if (status.error && status.state !== 'syncing') {
    const words = SHORT_ERROR[status.error.kind] ?? 'stopped';
    if (status.error.kind === 'offline') return `Offline${waiting ? `: ${waiting}` : ''}`;
    return `Sync: ${words} — open Sync`;
  }
  if (waiting)
    return status.state === 'syncing' ? `Syncing: ${waiting}` : waiting.replace(/^./, (c) => c.toUpperCase());
  if (status.state === 'syncing' && status.lastSyncedAt === null) return 'Syncing…';
  return status.lastSyncedAt === null ? 'Not synced yet' : `Synced ${agoText(status.lastSyncedAt, now)}`;
}
