// Opens the database once, seeds the built-in deck, and reports anything that stops the app from starting.
import { useEffect, useState } from 'react';
import { createDb, type KeypointsDb } from '../storage/db';
import { ensureBuiltInDeck } from '../storage/seed';

export type DatabaseState =
  | { status: 'opening' }
  | { status: 'ready'; db: KeypointsDb }
  | { status: 'error'; message: string }
  /** Another tab opened a newer version of the app: this tab must reload to go on. */
  | { status: 'outdated' };

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
    const db = openShared();
    // A newer version in another tab wants to upgrade the schema: step aside (close) and ask for a reload.
    const onVersionChange = () => {
      db.close();
      setState({ status: 'outdated' });
      return false;
    };
    db.on('versionchange', onVersionChange);
    (async () => {
      try {
        await db.open();
        await ensureBuiltInDeck(db, Date.now());
        if (!cancelled) setState({ status: 'ready', db });
      } catch (error) {
        if (!cancelled) setState({ status: 'error', message: describe(error) });
      }
    })();
    return () => {
      cancelled = true;
      db.on.versionchange.unsubscribe(onVersionChange);
    };
  }, []);
  return state;
}
