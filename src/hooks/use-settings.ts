// The user's settings as a live query: a change in Settings (or another tab) applies at once.
import type { Settings } from '../domain';
import { getSettings } from '../storage/repositories/settings';
import { useDb } from './use-db';
import { useLive } from './use-live';

/** Undefined while the first read is in flight. */
export function useSettings(): Settings | undefined {
  const db = useDb();
  return useLive(() => getSettings(db), [db]);
}
