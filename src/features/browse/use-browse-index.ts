// The browse index, kept for a minute after Browse closes and re-read only when cards or schedules change.
import Dexie from 'dexie';
import { useCallback, useSyncExternalStore } from 'react';
import type { KeypointsDb } from '../../storage/db';
import { type BrowseEntry, listBrowseIndex } from '../../storage/repositories/cards';

// Reading 10,000 cards takes seconds on a slow phone, so Back from a card's page reuses the list
// it left. A minute is enough for that and short enough not to hold the memory through a session.
const KEEP_MS = 60_000;
const WATCHED = ['cards', 'schedules'];

export interface IndexSnapshot {
  /** Undefined until the first read completes. */
  entries: BrowseEntry[] | undefined;
  error: unknown;
}

interface Cache {
  db: KeypointsDb;
  snapshot: IndexSnapshot;
  /** False once a write touched what the index holds; the next subscriber (or this one) re-reads. */
  fresh: boolean;
  loading: boolean;
  listeners: Set<() => void>;
  release: ReturnType<typeof setTimeout> | undefined;
}

const EMPTY: IndexSnapshot = { entries: undefined, error: null };
let cache: Cache | null = null;

// Fired by Dexie after every committed write, in this tab and (through a BroadcastChannel) others.
Dexie.on('storagemutated', (parts) => {
  const c = cache;
  if (!c) return;
  const prefixes = WATCHED.map((table) => `idb://${c.db.name}/${table}/`);
  if (!Object.keys(parts).some((part) => prefixes.some((p) => part.startsWith(p)))) return;
  c.fresh = false;
  if (c.listeners.size > 0) void load(c);
});

function publish(c: Cache, snapshot: IndexSnapshot): void {
  c.snapshot = snapshot;
  for (const listener of c.listeners) listener();
}

async function load(c: Cache): Promise<void> {
  if (c.loading) return; // the running read re-reads at its end if a write came meanwhile
  c.loading = true;
  c.fresh = true;
  try {
    const entries = await listBrowseIndex(c.db);
    if (cache === c) publish(c, { entries, error: null });
  } catch (error) {
    c.fresh = false;
    if (cache === c) publish(c, { entries: c.snapshot.entries, error });
    return;
  } finally {
    c.loading = false;
  }
  if (!c.fresh && c.listeners.size > 0) void load(c);
}

function cacheFor(db: KeypointsDb): Cache {
  if (cache?.db !== db) {
    if (cache?.release) clearTimeout(cache.release);
    cache = { db, snapshot: EMPTY, fresh: false, loading: false, listeners: new Set(), release: undefined };
  }
  return cache;
}

function subscribe(db: KeypointsDb, listener: () => void): () => void {
  const c = cacheFor(db);
  clearTimeout(c.release);
  c.listeners.add(listener);
  if (!c.fresh) void load(c);
  return () => {
    c.listeners.delete(listener);
    if (c.listeners.size > 0) return;
    c.release = setTimeout(() => {
      if (cache === c && c.listeners.size === 0) cache = null;
    }, KEEP_MS);
  };
}

/** Every card, light, in deck order; live while the screen shows it. */
export function useBrowseIndex(db: KeypointsDb): IndexSnapshot {
  const subscribeTo = useCallback((listener: () => void) => subscribe(db, listener), [db]);
  return useSyncExternalStore(subscribeTo, () => (cache?.db === db ? cache.snapshot : EMPTY));
}
