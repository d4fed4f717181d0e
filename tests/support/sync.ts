// Sync in unit tests: a device's database with sync on, and a small in-memory CouchDB stand-in to pass records through.
import { DEFAULT_SETTINGS, type Grade, Rating } from '../../src/domain';
import type { SyncRecord } from '../../src/domain/sync';
import type { KeypointsDb } from '../../src/storage/db';
import { gradeCard } from '../../src/storage/repositories/reviews';
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
  type SyncConfig,
} from '../../src/storage/repositories/sync';

export const CONFIG: SyncConfig = {
  serverUrl: 'http://127.0.0.1:5984',
  database: 'keypoints-test',
  user: 'ada',
  password: 'correct horse',
  encryption: null,
};

export async function enableSyncAt(db: KeypointsDb, now: number): Promise<KeypointsDb> {
  await enableSync(db, CONFIG, now);
  return db;
}

/** The keys of the outbox, sorted. */
export async function outboxKeys(db: KeypointsDb): Promise<string[]> {
  return (await db.outbox.toCollection().primaryKeys()).sort();
}

/** Grades a card on top of its schedule as it is now. */
export async function grade(db: KeypointsDb, cardId: string, now: number, rating: Grade = Rating.Good) {
  const shown = await db.schedules.get(cardId);
  if (!shown) throw new Error(`no schedule for ${cardId}`);
  return gradeCard(db, DEFAULT_SETTINGS, {
    cardId,
    shown,
    rating,
    now,
    durationMs: 4_000,
    keyPointsRecalled: [0],
    pitfallsFlagged: [],
    notes: '',
  });
}

interface Doc {
  rev: string;
  seq: number;
  record: SyncRecord;
}

/** A CouchDB database as far as sync uses it: one document per record, `_rev`s, a sequence of changes. */
export class FakeServer {
  docs = new Map<string, Doc>();
  seq = 0;

  /** Writes each record whose `rev` matches the server's (none for a new document); the others conflict. */
  bulkDocs(
    items: { record: SyncRecord; rev: string | undefined }[],
  ): { key: string; hlc: string; rev: string }[] {
    const ok: { key: string; hlc: string; rev: string }[] = [];
    for (const { record, rev } of items) {
      const key = `${record.type}:${record.id}`;
      const doc = this.docs.get(key);
      if (doc?.rev !== rev) continue;
      const generation = doc ? Number.parseInt(doc.rev, 10) + 1 : 1;
      const next = { rev: `${generation}-${record.hlc}`, seq: ++this.seq, record: structuredClone(record) };
      this.docs.set(key, next);
      ok.push({ key, hlc: record.hlc, rev: next.rev });
    }
    return ok;
  }

  changes(since: number, limit = Infinity): { results: { record: SyncRecord; rev: string }[]; last: number } {
    const docs = [...this.docs.values()].filter((d) => d.seq > since).sort((a, b) => a.seq - b.seq);
    const page = docs.slice(0, limit);
    return {
      results: page.map((d) => ({ record: structuredClone(d.record), rev: d.rev })),
      last: page.length ? (page[page.length - 1] as Doc).seq : since,
    };
  }
}

async function push(db: KeypointsDb, server: FakeServer, records: SyncRecord[]): Promise<void> {
  const revs = await knownRevisions(
    db,
    records.map((r) => `${r.type}:${r.id}`),
  );
  await markPushed(
    db,
    server.bulkDocs(records.map((record) => ({ record, rev: revs.get(`${record.type}:${record.id}`) }))),
  );
}

/**
 * One round of sync as a replicator would run it: the initial push (pages), the outbox, every
 * change since the checkpoint (pages), then the outbox again (local copies that won).
 */
export async function syncOnce(db: KeypointsDb, server: FakeServer, now: number, page = 50): Promise<void> {
  if (await initialPushPending(db)) {
    let after: string | null = null;
    do {
      const { records, next } = await readAllRecords(db, after, page);
      await push(db, server, records);
      after = next;
    } while (after !== null);
    await markInitialPushDone(db);
  }
  await push(db, server, await readOutbox(db, 10_000));
  for (;;) {
    const since = Number((await readCheckpoint(db)) ?? 0);
    const { results, last } = server.changes(since, page);
    if (results.length === 0) break;
    await applyPulled(db, results, String(last), now);
  }
  await push(db, server, await readOutbox(db, 10_000));
}
