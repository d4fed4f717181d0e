// Live reads for screens: re-run a repository read whenever a write it depends on commits, in any tab.
import { useLiveQuery } from 'dexie-react-hooks';

/**
 * The result of `read` (a repository read function), kept current: Dexie re-runs it after every
 * committed write that touches what it read, in this tab or another. Undefined while the first
 * read is in flight. `deps` as for useEffect: a change re-runs the read.
 */
export function useLive<T>(read: () => Promise<T> | T, deps: readonly unknown[]): T | undefined {
  // An async querier: Dexie counts the native awaits of an async querier to keep its context across
  // them (a plain arrow handing back read()'s promise is not counted), and re-reads come as promptly
  // as with the inline async queriers screens used to write.
  return useLiveQuery(async () => await read(), [...deps]);
}
