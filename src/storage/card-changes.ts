// Following writes to cards and schedules from any tab or worker, for a reader that keeps its own copy.
import Dexie, { type ObservabilitySet } from 'dexie';
import type { KeypointsDb } from './db';

/** Which cards a committed write touched. */
export interface CardChange {
  /** Cards written one by one (their record or their schedule). */
  ids: ReadonlySet<string>;
  /** Card records were written over a range (a clear, a bulk write of 50 rows or more): re-read them all. */
  manyCards: boolean;
  /** Schedules were written over a range (a replay of every card): re-read every schedule. */
  manySchedules: boolean;
}

/**
 * The ids in one part of a Dexie change notice (an interval tree of primary keys), or 'many' when
 * it holds a range rather than single keys.
 */
function changedIds(tree: unknown, into: Set<string>): 'many' | undefined {
  const stack: unknown[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as { from?: unknown; to?: unknown; l?: unknown; r?: unknown } | null | undefined;
    if (!node || !('from' in node)) continue;
    if (typeof node.from !== 'string' || node.from !== node.to) return 'many';
    into.add(node.from);
    stack.push(node.l, node.r);
  }
  return undefined;
}

/**
 * Calls `onChange` after each committed write to `db`'s cards or schedules, wherever it was made:
 * Dexie broadcasts every write to the other tabs and workers of the origin. Returns the unsubscribe.
 */
export function followCardChanges(db: KeypointsDb, onChange: (change: CardChange) => void): () => void {
  const listener = (parts: ObservabilitySet) => {
    const cards = parts[`idb://${db.name}/cards/`];
    const schedules = parts[`idb://${db.name}/schedules/`];
    if (!cards && !schedules) return;
    const ids = new Set<string>();
    const manyCards = cards !== undefined && changedIds(cards, ids) === 'many';
    const manySchedules = schedules !== undefined && changedIds(schedules, ids) === 'many';
    onChange({ ids, manyCards, manySchedules });
  };
  Dexie.on('storagemutated', listener);
  return () => Dexie.on.storagemutated.unsubscribe(listener);
}

/**
 * Closes `db` at once when another tab upgrades or deletes the database, else that tab waits for
 * this connection; then calls `onClosed`. Dexie's own handler is skipped: it would let a later
 * read reopen the database at a version this code does not know.
 */
export function closeOnVersionChange(db: KeypointsDb, onClosed: () => void): void {
  db.on('versionchange', () => {
    db.close();
    onClosed();
    return false;
  });
}
