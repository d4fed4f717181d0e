// Opens the database once, seeds the built-in deck, and reports anything that stops the app from starting.
import { useEffect, useState } from 'react';
import { createDb, type KeypointsDb } from '../storage/db';
import { ensureBuiltInDeck } from '../storage/seed';

export type DatabaseState =
  | { status: 'opening' }
  | { status: 'ready'; db: KeypointsDb }
  /** The app cannot start; the message says why and what to do. A blocked upgrade turns 'ready' by itself. */
  | { status: 'error'; message: string }
  /** Another tab opened a newer version of the app: this tab must reload to go on. */
  | { status: 'outdated' };

/** Shown while another tab, still on an older version, keeps this tab from upgrading the data. */
export const BLOCKED_MESSAGE =
  'Keypoints is open in another tab that runs an older version, and it must let go of your data before this tab can update it. Reload or close the other Keypoints tabs; this tab goes on by itself. Nothing you saved is lost.';

let shared: KeypointsDb | null = null;

function openShared(): KeypointsDb {
  shared ??= createDb();
  return shared;
}

function describe(error: unknown): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'MissingAPIError' || name === 'InvalidStateError')
    return 'This browser does not allow Keypoints to store data here (private browsing may block it). Open Keypoints in a normal window.';
  if (name === 'QuotaExceededError')
    return 'Your device is out of storage space, so Keypoints could not set up its deck. Free some space, then reload.';
  if (name === 'VersionError')
    return 'Your data was saved by a newer version of Keypoints. Reload to get the newest version.';
  return `Keypoints could not open its storage (${error instanceof Error ? error.message : String(error)}). Reload to try again; your saved reviews are kept on this device.`;
}

export function useDatabase(): DatabaseState {
  const [state, setState] = useState<DatabaseState>({ status: 'opening' });
  useEffect(() => {
    let cancelled = false;
    let outdated = false;
    const db = openShared();
    // A newer version in another tab wants to upgrade the schema (or delete the data): step aside and ask
    // for a reload. Closing lets transactions already running commit (IndexedDB finishes them first), so a
    // grade in flight is saved; anything started afterwards fails before it writes (auto-open is off).
    const onVersionChange = () => {
      outdated = true;
      db.close();
      setState({ status: 'outdated' });
      // Skips Dexie's own handler, which closes with auto-open on: a later write would reopen the database
      // at the new version and this tab's old code would write into it.
      return false;
    };
    // This tab upgrades the schema while another tab holds the old version open. The open request waits;
    // when the other tab lets go, it completes and the app starts, so the message only has to explain.
    const onBlocked = () => {
      if (!cancelled) setState({ status: 'error', message: BLOCKED_MESSAGE });
    };
    db.on('versionchange', onVersionChange);
    db.on('blocked', onBlocked);
    (async () => {
      try {
        await db.open();
        await ensureBuiltInDeck(db, Date.now());
        if (!cancelled && !outdated) setState({ status: 'ready', db });
      } catch (error) {
        // Closing for another tab's upgrade fails the seeding too: the reload message says it better.
        if (!cancelled && !outdated) setState({ status: 'error', message: describe(error) });
      }
    })();
    return () => {
      cancelled = true;
      db.on.versionchange.unsubscribe(onVersionChange);
      db.on.blocked.unsubscribe(onBlocked);
    };
  }, []);
  return state;
}
