// Moves records between this device and the user's CouchDB database: pull `_changes`, push the outbox,
// keep a long-poll open while the app is visible, back off on failure. Plain TypeScript, no screen.
import { recordKey, type SyncRecord } from '../domain/sync';
import { measureSync, timed } from './timing';

/** A failure in words: `kind` for code (SyncError's kinds, plus 'local'), `message` for the user. */
export interface SyncProblem {
  kind: string;
  message: string;
}

export type ReplicatorState = 'off' | 'idle' | 'syncing' | 'offline' | 'error';

/** What the replicator writes for every screen (and every tab) to read: the sync status record. */
export interface StatusPatch {
  state?: ReplicatorState;
  lastSyncedAt?: number | null;
  error?: SyncProblem | null;
}

/** One document of `_changes`, already decoded (decrypted); null records are skipped (the meta document). */
export interface PulledBatch {
  records: { record: SyncRecord; rev: string }[];
  /** The sequence to resume from: saved with the batch, in the same transaction. */
  lastSeq: string;
  /** How many documents `_changes` returned (decoded or not): fewer than asked means the end. */
  count: number;
}

export interface PushResult {
  key: string;
  /** The server's new revision, or null when the document was not stored. */
  rev: string | null;
  /** Another device changed the document since the revision we knew: pull, then push again. */
  conflict: boolean;
}

/**
 * The server as the replicator sees it, for one sync configuration: the CouchDB client, the codec
 * (encryption) and the meta document behind it (src/sync/remote.ts builds it).
 */
export interface Remote {
  /**
   * Reads the meta document and checks it against this device's configuration (or writes it when
   * the database is empty). `fresh`: the database had none, so everything local must be pushed again.
   * Throws a SyncError (wrong passphrase, not a Keypoints database …) before anything is written.
   */
  prepare(signal: AbortSignal): Promise<{ fresh: boolean }>;
  pull(since: string | null, limit: number, signal: AbortSignal): Promise<PulledBatch>;
  /** Resolves when the database has changes after `since` (true), or after the poll's timeout (false). */
  waitForChanges(since: string | null, signal: AbortSignal): Promise<boolean>;
  push(
    records: { record: SyncRecord; rev: string | undefined }[],
    signal: AbortSignal,
  ): Promise<PushResult[]>;
}

/** The storage the replicator needs (src/storage/repositories/sync.ts, bound to the database). */
export interface ReplicatorStore {
  hasConfig(): Promise<boolean>;
  readCheckpoint(): Promise<string | null>;
  initialPushPending(): Promise<boolean>;
  /** The database on the server is new: reset the checkpoint and push everything again. */
  restartInitialPush(): Promise<void>;
  /** `revisions`, when given: the server revision of each record key of the page that has one. */
  readAllRecords(
    after: string | null,
    limit: number,
  ): Promise<{ records: SyncRecord[]; next: string | null; revisions?: Map<string, string> }>;
  markInitialPushDone(): Promise<void>;
  readOutbox(limit: number): Promise<SyncRecord[]>;
  knownRevisions(keys: string[]): Promise<Map<string, string>>;
  markPushed(pushed: { key: string; hlc: string; rev: string }[]): Promise<void>;
  /** One short transaction per batch: records, revisions, replayed schedules, checkpoint. */
  applyPulled(batch: PulledBatch, now: number): Promise<{ settingsChanged: boolean }>;
  /** After pulled scheduling settings: every schedule replayed under them. */
  rebuildSchedules(now: number): Promise<void>;
  writeStatus(patch: StatusPatch): Promise<void>;
}

export interface ReplicatorOptions {
  store: ReplicatorStore;
  /** Builds the server side from the saved configuration; null when sync is off. */
  openRemote(): Promise<Remote | null>;
  now?: () => number;
  random?: () => number;
  /** Documents per `_changes` page and per `_bulk_docs` request (BATCH_SIZE). */
  batchSize?: number;
  /** Quiet time after a local change before it is pushed. */
  debounceMs?: number;
  /** Whether the page is on screen: the long-poll runs only then. */
  isVisible?: () => boolean;
  isOnline?: () => boolean;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * Documents per `_changes` page and per `_bulk_docs` request: one page is one short IndexedDB
 * transaction and a few WebCrypto calls per document, so the page stays responsive meanwhile.
 */
export const BATCH_SIZE = 500;
export const DEBOUNCE_MS = 600;
/** Pulled pages with nothing to apply between two saves of the checkpoint. */
const SKIPPED_PAGES_PER_CHECKPOINT = 20;
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/**
 * How long to wait before attempt `failures` + 1: doubling from 2 s up to 5 min, with jitter (half
 * the delay at random) so that devices and tabs that failed together do not retry together.
 */
export function backoffDelay(failures: number, random: number): number {
  const full = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(full / 2 + (full / 2) * random);
}

/** Any thrown value as a problem a screen can show. */
export function problemOf(error: unknown): SyncProblem {
  const e = error as { kind?: unknown; message?: unknown; name?: unknown } | null;
  if (e && typeof e.kind === 'string' && typeof e.message === 'string')
    return { kind: e.kind, message: e.message };
  if (e?.name === 'QuotaExceededError')
    return {
      kind: 'quota',
      message: 'This device is out of storage space, so pulled changes could not be saved. Free some space.',
    };
  const detail = e && typeof e.message === 'string' ? e.message : String(error);
  return { kind: 'local', message: `Sync stopped on this device: ${detail}` };
}

/**
 * Failures that trying again cannot fix: a wrong password or passphrase, a missing database, no
 * right to write, an origin the server refuses. The replicator waits for new settings or "Sync now".
 */
const LASTING_KINDS: ReadonlySet<string> = new Set([
  'unauthorized',
  'forbidden',
  'no-database',
  'wrong-passphrase',
  'encrypted',
  'not-encrypted',
  'not-allowed-origin',
]);

/** Whether a problem waits for the user rather than for a retry. */
export function isLasting(problem: SyncProblem): boolean {
  return LASTING_KINDS.has(problem.kind);
}

function isAbort(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'AbortError';
}

export class Replicator {
  private readonly o: Required<ReplicatorOptions>;
  private timer: unknown = null;
  private timerDue = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  /** The last failure was one only the user can fix: no retry until "Sync now" or new settings. */
  private waitingForUser = false;
  private pollFailures = 0;
  private stopped = false;
  private cycleAbort: AbortController | null = null;
  private pollAbort: AbortController | null = null;
  private remote: Remote | null = null;

  constructor(options: ReplicatorOptions) {
    this.o = {
      now: () => Date.now(),
      random: Math.random,
      batchSize: BATCH_SIZE,
      debounceMs: DEBOUNCE_MS,
      isVisible: () => true,
      isOnline: () => true,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      ...options,
    };
  }

  /** Syncs now (app start, "Sync now", new settings), even after a failure only the user could fix. */
  syncNow(): void {
    this.failures = 0;
    this.waitingForUser = false;
    this.schedule(0);
  }

  /** A local change: pushed after a short quiet time, unless a retry after a failure is already waiting. */
  changed(): void {
    if (this.failures > 0) return;
    this.schedule(this.o.debounceMs);
  }

  /**
   * The page was shown again or the network came back: sync at once and resume the long-poll, unless
   * the last failure waits for the user (a wrong password stays wrong however often the page shows).
   */
  resume(): void {
    if (this.waitingForUser) return;
    this.syncNow();
  }

  /**
   * The network came back: as resume(), and a cycle begun while offline is aborted and started afresh,
   * since it may be waiting on a request sent as the network went away, which will never answer.
   */
  online(): void {
    if (this.waitingForUser) return;
    this.cycleAbort?.abort();
    this.syncNow();
  }

  /** The page was hidden: no long-poll while nobody looks (a change still pushes). */
  pause(): void {
    this.pollAbort?.abort();
    this.pollAbort = null;
  }

  /** The configuration changed (turned off, or on with other settings): forget the server side. */
  reset(): void {
    this.remote = null;
    this.pause();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.o.clearTimer(this.timer);
    this.timer = null;
    this.cycleAbort?.abort();
    this.pause();
  }

  /** Resolves when the cycle running now (if any) has ended: for tests and "Sync now". */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const due = this.o.now() + delayMs;
    // A sooner request wins; a later one never postpones what is already due (no starving by a stream of grades).
    if (this.timer !== null && this.timerDue <= due) return;
    if (this.timer !== null) this.o.clearTimer(this.timer);
    this.timerDue = due;
    this.timer = this.o.setTimer(() => {
      this.timer = null;
      void this.run();
    }, delayMs);
  }

  private run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.pause();
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async loop(): Promise<void> {
    const abort = new AbortController();
    this.cycleAbort = abort;
    try {
      do {
        this.again = false;
        if (!(await this.cycle(abort.signal))) return;
      } while (this.again && !this.stopped && !abort.signal.aborted);
      // online() aborted this cycle (its requests may never have answered): start afresh.
      if (abort.signal.aborted) {
        this.schedule(0);
        return;
      }
      this.failures = 0;
      this.startLongPoll();
    } catch (error) {
      if (this.stopped) return;
      if (isAbort(error) || abort.signal.aborted) {
        // Aborted by online() (stop() is handled above): the fresh sync it asked for runs next.
        this.schedule(0);
        return;
      }
      this.failures += 1;
      this.remote = null;
      const problem = problemOf(error);
      const offline = problem.kind === 'offline' || !this.o.isOnline();
      await this.o.store
        .writeStatus({ state: offline ? 'offline' : 'error', error: problem })
        .catch(() => undefined);
      if (!offline && isLasting(problem)) this.waitingForUser = true;
      else this.schedule(backoffDelay(this.failures, this.o.random()));
    } finally {
      if (this.cycleAbort === abort) this.cycleAbort = null;
    }
  }

  /** One whole sync: false when sync is off. Every write is a short transaction of its own. */
  private async cycle(signal: AbortSignal): Promise<boolean> {
    const { store } = this.o;
    if (!(await store.hasConfig())) {
      this.remote = null;
      return false;
    }
    await store.writeStatus({ state: 'syncing' });
    if (!this.remote) {
      const remote = await this.o.openRemote();
      if (!remote) return false;
      const { fresh } = await remote.prepare(signal);
      if (fresh && (await store.readCheckpoint()) !== null) await store.restartInitialPush();
      this.remote = remote;
    }
    const remote = this.remote;
    await this.pull(remote, signal);
    const conflicts = await this.push(remote, signal);
    if (conflicts) {
      // Another device wrote the same records meanwhile: take its versions (ours, if newer, go back
      // into the outbox with the new revision), then push once more.
      await this.pull(remote, signal);
      await this.push(remote, signal);
    }
    await store.writeStatus({ state: 'idle', lastSyncedAt: this.o.now(), error: null });
    return true;
  }

  private async pull(remote: Remote, signal: AbortSignal): Promise<void> {
    const { store, batchSize } = this.o;
    let rebuild = false;
    let since = await store.readCheckpoint();
    // Pages with nothing to apply (this device's own documents coming back) only move the checkpoint:
    // it is saved every few such pages and at the end rather than in a transaction per page. Pulling
    // one of them again after a crash changes nothing.
    let unsaved: PulledBatch | null = null;
    let skipped = 0;
    for (;;) {
      const batch = await remote.pull(since, batchSize, signal);
      if (batch.count === 0) break;
      since = batch.lastSeq;
      if (batch.records.length === 0 && ++skipped < SKIPPED_PAGES_PER_CHECKPOINT) unsaved = batch;
      else {
        const { settingsChanged } = await store.applyPulled(batch, this.o.now());
        rebuild ||= settingsChanged;
        unsaved = null;
        skipped = 0;
      }
      if (batch.count < batchSize) break;
    }
    if (unsaved) await store.applyPulled(unsaved, this.o.now());
    if (rebuild) await store.rebuildSchedules(this.o.now());
  }

  /** Pushes the initial records (once) and the outbox; true when the server refused some as conflicts. */
  private async push(remote: Remote, signal: AbortSignal): Promise<boolean> {
    const { store, batchSize } = this.o;
    let conflicts = false;
    if (await store.initialPushPending()) {
      measureSync(true);
      try {
        // Pipelined, two pages in flight: while the server stores one page, the next is read from
        // IndexedDB, encoded and sent; each page's revisions are stored while later pages travel.
        const send = (page: { records: SyncRecord[]; revisions?: Map<string, string> }) => {
          const sending = this.sendBatch(remote, page.records, signal, page.revisions);
          // Awaited in turn; one that fails while an earlier page is awaited must not fail unhandled.
          sending.catch(() => undefined);
          return sending;
        };
        let page = await timed('wait read', () => store.readAllRecords(null, batchSize));
        let sending = send(page);
        let marking: Promise<void> = Promise.resolve();
        for (;;) {
          const after = page.next;
          const next =
            after === null ? null : await timed('wait read', () => store.readAllRecords(after, batchSize));
          const nextSending = next ? send(next) : null;
          const sent = await timed('wait send', () => sending);
          if (sent.conflicts) conflicts = true;
          // One page's revisions at a time, in order.
          await timed('wait mark', () => marking);
          marking = sent.pushed.length > 0 ? store.markPushed(sent.pushed) : Promise.resolve();
          marking.catch(() => undefined);
          if (!next || !nextSending) break;
          page = next;
          sending = nextSending;
        }
        await timed('wait mark', () => marking);
      } finally {
        measureSync(false);
      }
      await store.markInitialPushDone();
    }
    for (;;) {
      const records = await store.readOutbox(batchSize);
      if (records.length === 0) break;
      const result = await this.pushBatch(remote, records, signal);
      if (result.conflicts) conflicts = true;
      // What was refused stays in the outbox: stop rather than send it again and again.
      if (result.pushed === 0 || records.length < batchSize) break;
    }
    return conflicts;
  }

  private async pushBatch(
    remote: Remote,
    records: SyncRecord[],
    signal: AbortSignal,
  ): Promise<{ pushed: number; conflicts: boolean }> {
    const { pushed, conflicts } = await this.sendBatch(remote, records, signal);
    if (pushed.length > 0) await this.o.store.markPushed(pushed);
    return { pushed: pushed.length, conflicts };
  }

  /** Sends records to the server; what it stored is for `markPushed`. `revisions`: already read with them. */
  private async sendBatch(
    remote: Remote,
    records: SyncRecord[],
    signal: AbortSignal,
    revisions?: Map<string, string>,
  ): Promise<{ pushed: { key: string; hlc: string; rev: string }[]; conflicts: boolean }> {
    if (records.length === 0) return { pushed: [], conflicts: false };
    const { store } = this.o;
    const keys = records.map((r) => recordKey(r.type, r.id));
    const revs = revisions ?? (await store.knownRevisions(keys));
    const results = await remote.push(
      records.map((record, i) => ({ record, rev: revs.get(keys[i] as string) })),
      signal,
    );
    const byKey = new Map(records.map((r, i) => [keys[i] as string, r]));
    const pushed: { key: string; hlc: string; rev: string }[] = [];
    let conflicts = false;
    for (const result of results) {
      const record = byKey.get(result.key);
      if (result.rev && record) pushed.push({ key: result.key, hlc: record.hlc, rev: result.rev });
      else if (result.conflict) conflicts = true;
    }
    return { pushed, conflicts };
  }

  /** While visible and online: wait on `_changes` for another device's writes, then sync. */
  private startLongPoll(): void {
    if (this.stopped || this.pollAbort || !this.remote || !this.o.isVisible() || !this.o.isOnline()) return;
    const abort = new AbortController();
    this.pollAbort = abort;
    const remote = this.remote;
    void (async () => {
      try {
        while (!abort.signal.aborted) {
          const since = await this.o.store.readCheckpoint();
          const changed = await remote.waitForChanges(since, abort.signal);
          this.pollFailures = 0;
          if (changed) {
            if (this.pollAbort === abort) this.pollAbort = null;
            this.schedule(0);
            return;
          }
        }
      } catch (error) {
        if (abort.signal.aborted || isAbort(error)) return;
        if (this.pollAbort === abort) this.pollAbort = null;
        // A failed poll gets a full sync after a pause: the sync says why if the server is down, and a
        // proxy that cuts long requests short cannot make the two loop.
        this.pollFailures += 1;
        this.schedule(backoffDelay(this.pollFailures, this.o.random()));
      }
    })();
  }
}
