// Runs the replicator in one tab per origin (Web Locks) and wakes it: on start, after local changes,
// when the page shows again or the network returns, and when another tab asks.
import { liveQuery } from 'dexie';
import type { KeypointsDb } from '../storage/db';
import { readSyncConfig, readSyncStatus } from '../storage/repositories/sync';
import { remoteFor } from './remote';
import { Replicator } from './replicator';
import { storeFor } from './replicator-store';

const LOCK = 'keypoints-sync';
const CHANNEL = 'keypoints-sync';
type Message = 'sync-now' | 'config-changed';

let started: KeypointsDb | null = null;
let replicator: Replicator | null = null;
let channel: BroadcastChannel | null = null;

function post(message: Message): void {
  channel?.postMessage(message);
}

/** Asks the tab that syncs (this one or another) to sync at once. */
export function requestSync(): void {
  if (replicator) replicator.syncNow();
  else post('sync-now');
}

/** Sync was turned on or off, or set up anew: every tab's replicator forgets the old server. */
export function syncConfigChanged(): void {
  replicator?.reset();
  replicator?.syncNow();
  post('config-changed');
}

/**
 * Starts background sync in this tab (once). The tab that holds the lock syncs; the others wait for it
 * (a closed tab lets the next one take over) and meanwhile show the status the syncing tab writes.
 */
export function startSync(db: KeypointsDb): void {
  if (started) return;
  started = db;
  channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
  channel?.addEventListener('message', (event: MessageEvent<Message>) => {
    if (!replicator) return;
    if (event.data === 'config-changed') replicator.reset();
    replicator.syncNow();
  });
  const run = () => runReplicator(db);
  if (typeof navigator !== 'undefined' && navigator.locks) void navigator.locks.request(LOCK, run);
  else void run();
}

/** Holds the lock for the life of the tab: the replicator runs until the page goes away. */
function runReplicator(db: KeypointsDb): Promise<never> {
  const r = new Replicator({
    store: storeFor(db),
    openRemote: async () => {
      const config = await readSyncConfig(db);
      return config ? remoteFor(config) : null;
    },
    isVisible: () => document.visibilityState === 'visible',
    isOnline: () => navigator.onLine,
  });
  replicator = r;
  // Local changes: the outbox grows (a grade, an edit made in any tab). Its count is part of the status.
  let pending = -1;
  liveQuery(() => readSyncStatus(db)).subscribe({
    next: (status) => {
      if (status.pending > 0 && status.pending !== pending) r.changed();
      pending = status.pending;
    },
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') r.resume();
    else r.pause();
  });
  window.addEventListener('online', () => r.online());
  window.addEventListener('offline', () => r.pause());
  r.syncNow();
  return new Promise<never>(() => undefined);
}
