// The user's settings as a live query: a change in Settings (or another tab) applies at once.
import { useLiveQuery } from 'dexie-react-hooks';
import type { Settings } from '../domain';
import { withDefaults } from '../storage/repositories/settings';
import { useDb } from './use-db';

/** Undefined while the first read is in flight. */
export function useSettings(): Settings | undefined {
  const db = useDb();
  return useLiveQuery(async () => withDefaults(await db.settings.get('settings')), [db]);
}
