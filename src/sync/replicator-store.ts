// The replicator's storage: the sync repository bound to this device's database.
import type { KeypointsDb } from '../storage/db';
import { getSettings } from '../storage/repositories/settings';
import {
  applyPulled,
  enableSync,
  initialPushPending,
  knownRevisions,
  markInitialPushDone,
  markPushed,
  readAllRecords,
  readCheckpoint,
  readOutbox,
  readSyncConfig,
  writeSyncStatus,
} from '../storage/repositories/sync';
import type { ReplicatorStore } from './replicator';

export function storeFor(db: KeypointsDb): ReplicatorStore {
  return {
    hasConfig: async () => (await readSyncConfig(db)) !== null,
    readCheckpoint: () => readCheckpoint(db),
    initialPushPending: () => initialPushPending(db),
    // The same settings saved anew: checkpoint and known revisions reset, everything pushed again.
    restartInitialPush: async () => {
      const config = await readSyncConfig(db);
      if (config) await enableSync(db, config, Date.now());
    },
    readAllRecords: (after, limit) => readAllRecords(db, after, limit),
    markInitialPushDone: () => markInitialPushDone(db),
    readOutbox: (limit) => readOutbox(db, limit),
    knownRevisions: (keys) => knownRevisions(db, keys),
    markPushed: (pushed) => markPushed(db, pushed),
    applyPulled: async (batch, now) => {
      const result = await applyPulled(db, batch.records, batch.lastSeq, now);
      return { settingsChanged: result.rescheduleAll };
    },
    rebuildSchedules: async () => {
      // Dynamic, as everywhere else: grading's module keeps its own chunk, off the way to the first card.
      const { rebuildSchedules } = await import('../storage/repositories/reviews');
      await rebuildSchedules(db, await getSettings(db));
    },
    writeStatus: (patch) => writeSyncStatus(db, patch),
  };
}
