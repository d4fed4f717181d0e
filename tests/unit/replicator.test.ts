import { describe, expect, it } from 'vitest';
import { recordKey, type SyncRecord } from '../../src/domain/sync';
import {
  BACKOFF_CAP_MS,
  backoffDelay,
  type PulledBatch,
  type Remote,
  Replicator,
  type ReplicatorStore,
  type StatusPatch,
} from '../../src/sync/replicator';

/** A CouchDB database in memory: documents with revisions and a change sequence. */
class FakeServer {
  docs = new Map<string, { rev: number; record: SyncRecord }>();
  seq: { seq: number; key: string }[] = [];
  failNext: { kind: string; message: string } | null = null;
  pushes = 0;

  write(record: SyncRecord): string {
    const key = recordKey(record.type, record.id);
    const rev = (this.docs.get(key)?.rev ?? 0) + 1;
    this.docs.set(key, { rev, record });
    this.seq = this.seq.filter((s) => s.key !== key);
    this.seq.push({ seq: (this.seq.at(-1)?.seq ?? 0) + 1 + this.pushes, key });
    return `${rev}-x`;
  }

  remote(): Remote {
    const fail = () => {
      if (this.failNext) {
        const e = this.failNext;
        this.failNext = null;
        throw e;
      }
    };
    return {
      prepare: async () => {
        fail();
        return { fresh: false };
      },
      pull: async (since, limit): Promise<PulledBatch> => {
        fail();
        const after = this.seq.filter((s) => s.seq > Number(since ?? 0)).slice(0, limit);
        return {
          records: after.map((s) => {
            const doc = this.docs.get(s.key) as { rev: number; record: SyncRecord };
            return { record: doc.record, rev: `${doc.rev}-x` };
          }),
          lastSeq: String(after.at(-1)?.seq ?? since ?? 0),
          count: after.length,
        };
      },
      waitForChanges: (_since, signal) =>
        new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      push: async (records) => {
        fail();
        this.pushes += 1;
        return records.map(({ record, rev }) => {
          const key = recordKey(record.type, record.id);
          const current = this.docs.get(key);
          if (current && rev !== `${current.rev}-x`) return { key, rev: null, conflict: true };
          return { key, rev: this.write(record), conflict: false };
        });
      },
    };
  }
}

/** One device's storage, with last-writer-wins by clock. */
class FakeDevice implements ReplicatorStore {
  records = new Map<string, SyncRecord>();
  outbox = new Set<string>();
  revs = new Map<string, string>();
  checkpoint: string | null = null;
  statuses: StatusPatch[] = [];
  initialPending = false;

  change(record: SyncRecord): void {
    const key = recordKey(record.type, record.id);
    this.records.set(key, record);
    this.outbox.add(key);
  }

  hasConfig = async () => true;
  readCheckpoint = async () => this.checkpoint;
  initialPushPending = async () => this.initialPending;
  restartInitialPush = async () => {
    this.initialPending = true;
    this.checkpoint = null;
  };
  readAllRecords = async () => ({ records: [...this.records.values()], next: null });
  markInitialPushDone = async () => {
    this.initialPending = false;
  };
  readOutbox = async (limit: number) =>
    [...this.outbox].slice(0, limit).map((k) => this.records.get(k) as SyncRecord);
  knownRevisions = async (keys: string[]) =>
    new Map(keys.filter((k) => this.revs.has(k)).map((k) => [k, this.revs.get(k) as string]));
  markPushed = async (pushed: { key: string; hlc: string; rev: string }[]) => {
    for (const p of pushed) {
      this.revs.set(p.key, p.rev);
      if (this.records.get(p.key)?.hlc === p.hlc) this.outbox.delete(p.key);
    }
  };
  applyPulled = async (batch: PulledBatch) => {
    for (const { record, rev } of batch.records) {
      const key = recordKey(record.type, record.id);
      this.revs.set(key, rev);
      const mine = this.records.get(key);
      if (!mine || mine.hlc < record.hlc) {
        this.records.set(key, record);
        this.outbox.delete(key);
      } else if (mine.hlc > record.hlc) this.outbox.add(key);
    }
    this.checkpoint = batch.lastSeq;
    return { settingsChanged: false };
  };
  rebuildSchedules = async () => undefined;
  writeStatus = async (patch: StatusPatch) => {
    this.statuses.push(patch);
  };
}

function review(id: string, hlc: string): SyncRecord {
  return { type: 'review', id, hlc, deleted: false, value: { id } };
}
function card(id: string, hlc: string, question: string): SyncRecord {
  return { type: 'card', id, hlc, deleted: false, value: { id, question } };
}

/** A replicator whose timers run only when the test says so. */
function replicatorFor(device: FakeDevice, server: FakeServer) {
  const timers: { fn: () => void; ms: number }[] = [];
  const replicator = new Replicator({
    store: device,
    openRemote: async () => server.remote(),
    now: () => 1_000,
    random: () => 0.5,
    isVisible: () => false,
    setTimer: (fn, ms) => {
      const timer = { fn, ms };
      timers.push(timer);
      return timer;
    },
    clearTimer: (t) => {
      timers.splice(timers.indexOf(t as (typeof timers)[number]), 1);
    },
  });
  const fire = async () => {
    const timer = timers.shift();
    timer?.fn();
    await replicator.settled();
    return timer?.ms;
  };
  return { replicator, timers, fire };
}

describe('replicator', () => {
  it('brings two devices to the same records: pull, then push the outbox', async () => {
    const server = new FakeServer();
    const a = new FakeDevice();
    const b = new FakeDevice();
    a.change(review('r1', '1'));
    a.change(card('c1', '1', 'Question A'));
    b.change(review('r2', '2'));
    const ra = replicatorFor(a, server);
    const rb = replicatorFor(b, server);
    ra.replicator.syncNow();
    await ra.fire();
    rb.replicator.syncNow();
    await rb.fire();
    ra.replicator.syncNow();
    await ra.fire();
    expect([...a.records.keys()].sort()).toEqual(['card:c1', 'review:r1', 'review:r2']);
    expect([...b.records.keys()].sort()).toEqual(['card:c1', 'review:r1', 'review:r2']);
    expect(a.outbox.size + b.outbox.size).toBe(0);
    expect(a.statuses.at(-1)).toEqual({ state: 'idle', lastSyncedAt: 1_000, error: null });
  });

  it('takes the newer version when another device pushed first, and pushes its own when it is newer', async () => {
    const server = new FakeServer();
    const a = new FakeDevice();
    const b = new FakeDevice();
    const ra = replicatorFor(a, server);
    const rb = replicatorFor(b, server);
    a.change(card('c1', '1', 'first'));
    ra.replicator.syncNow();
    await ra.fire();
    rb.replicator.syncNow();
    await rb.fire();
    // Both edit the card; B's edit is later by the clock but A pushes first, so B's push meets a conflict.
    a.change(card('c1', '2', 'edited on A'));
    b.change(card('c1', '3', 'edited on B'));
    ra.replicator.syncNow();
    await ra.fire();
    rb.replicator.syncNow();
    await rb.fire();
    ra.replicator.syncNow();
    await ra.fire();
    expect(a.records.get('card:c1')?.value).toEqual({ id: 'c1', question: 'edited on B' });
    expect(b.records.get('card:c1')?.value).toEqual({ id: 'c1', question: 'edited on B' });
    expect(server.docs.get('card:c1')?.record.hlc).toBe('3');
    expect(b.outbox.size).toBe(0);
  });

  it('says what went wrong, keeps the outbox, and retries later with growing pauses', async () => {
    const server = new FakeServer();
    const a = new FakeDevice();
    a.change(review('r1', '1'));
    const { replicator, fire, timers } = replicatorFor(a, server);
    server.failNext = { kind: 'offline', message: 'The server cannot be reached.' };
    replicator.syncNow();
    await fire();
    expect(a.statuses.at(-1)).toEqual({
      state: 'offline',
      error: { kind: 'offline', message: 'The server cannot be reached.' },
    });
    expect(a.outbox.size).toBe(1);
    // A grade meanwhile does not cut the pause short.
    replicator.changed();
    expect(timers).toHaveLength(1);
    server.failNext = { kind: 'server', message: 'The server failed.' };
    const first = await fire();
    const second = timers[0]?.ms ?? 0;
    expect(second).toBeGreaterThan(first ?? 0);
    await fire();
    expect(a.outbox.size).toBe(0);
    expect(a.statuses.at(-1)).toMatchObject({ state: 'idle', error: null });
  });

  it('waits for the user after a wrong password instead of retrying, and tries again on Sync now', async () => {
    const server = new FakeServer();
    const a = new FakeDevice();
    a.change(review('r1', '1'));
    const { replicator, fire, timers } = replicatorFor(a, server);
    server.failNext = { kind: 'unauthorized', message: 'The user name or password is wrong.' };
    replicator.syncNow();
    await fire();
    expect(a.statuses.at(-1)).toEqual({
      state: 'error',
      error: { kind: 'unauthorized', message: 'The user name or password is wrong.' },
    });
    // No retry is waiting; neither a grade nor the page showing again starts one.
    expect(timers).toHaveLength(0);
    replicator.changed();
    replicator.resume();
    expect(timers).toHaveLength(0);
    expect(a.outbox.size).toBe(1);
    replicator.syncNow();
    await fire();
    expect(a.outbox.size).toBe(0);
    expect(a.statuses.at(-1)).toMatchObject({ state: 'idle', error: null });
  });

  it('pushes everything once when the database on the server is new', async () => {
    const server = new FakeServer();
    const a = new FakeDevice();
    a.records.set('review:r1', review('r1', '1'));
    a.initialPending = true;
    const { replicator, fire } = replicatorFor(a, server);
    replicator.syncNow();
    await fire();
    expect([...server.docs.keys()]).toEqual(['review:r1']);
    expect(a.initialPending).toBe(false);
  });
});

describe('backoff', () => {
  it('doubles with jitter up to five minutes', () => {
    expect(backoffDelay(1, 0)).toBe(1_000);
    expect(backoffDelay(1, 1)).toBe(2_000);
    expect(backoffDelay(3, 1)).toBe(8_000);
    expect(backoffDelay(30, 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(30, 0)).toBe(BACKOFF_CAP_MS / 2);
  });
});
