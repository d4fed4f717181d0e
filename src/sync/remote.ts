// The server side of the replicator for one configuration: the CouchDB client, the codec and the meta document.
import { recordKey, type SyncRecord } from '../domain/sync';
import type { SyncConfig } from '../storage/repositories/sync';
import { decodeDocument, encodeRecord, isRecordDocument } from './codec';
import { CouchClient, type CouchDocument, SyncError } from './couch';
import type { SyncKeys } from './crypto';
import { checkMeta } from './meta';
import type { PulledBatch, PushResult, Remote } from './replicator';
import { timed } from './timing';

/** How long one `_changes` long-poll waits on the server before it answers "nothing new". */
export const LONG_POLL_MS = 25_000;

/** Records encoded (and encrypted) at once before the page gets a turn: a few milliseconds of work. */
const ENCODE_SLICE = 50;

/** Lets the page paint and answer input between slices of work. */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A page's documents, encoded a slice at a time: started all at once, five hundred encryptions and
 * hashes hold the main thread for one long task while they are handed to WebCrypto and come back.
 */
async function encodeInSlices(
  records: { record: SyncRecord; rev: string | undefined }[],
  keys: SyncKeys | null,
): Promise<CouchDocument[]> {
  const docs: CouchDocument[] = [];
  for (let at = 0; at < records.length; at += ENCODE_SLICE) {
    if (at > 0) await yieldToPage();
    const slice = records.slice(at, at + ENCODE_SLICE);
    docs.push(...(await Promise.all(slice.map(({ record, rev }) => encodeRecord(record, keys, rev)))));
  }
  return docs;
}

export function clientFor(
  config: Pick<SyncConfig, 'serverUrl' | 'database' | 'user' | 'password'>,
): CouchClient {
  return new CouchClient({
    serverUrl: config.serverUrl,
    database: config.database,
    user: config.user,
    password: config.password,
  });
}

export function remoteFor(config: SyncConfig): Remote {
  const client = clientFor(config);
  const keys = config.encryption?.keys ?? null;
  /**
   * The revisions this device just pushed, by document id: `_changes` brings them back (the server cannot
   * tell whose they are), and a document still at the revision pushed holds what the device already has,
   * so it is neither decrypted nor applied. After an initial push of 110,000 documents this is most of
   * the pull that follows.
   */
  const echoes = new Map<string, string>();
  return {
    prepare: () => checkMeta(client, config),

    async pull(since, limit, signal): Promise<PulledBatch> {
      // Revisions first, bodies after: the documents this device pushed itself come back here at the
      // revision it knows, and those are neither fetched nor decrypted.
      const page = await client.changes({ since, limit, signal });
      if (page.aborted) throw new DOMException('Sync was stopped.', 'AbortError');
      const wanted: string[] = [];
      for (const change of page.results) {
        // The meta document, design documents and foreign deletions are not records.
        if (!isRecordDocument(change.id) || change.deleted) continue;
        const pushed = echoes.get(change.id);
        if (pushed !== undefined) {
          echoes.delete(change.id);
          if (pushed === change.rev) continue;
        }
        wanted.push(change.id);
      }
      const rows = wanted.length ? await client.allDocs({ keys: wanted, includeDocs: true, signal }) : [];
      const records = await Promise.all(
        rows.flatMap((row) =>
          // Deleted or gone since the change was listed: nothing to apply.
          'missing' in row || row.deleted || !row.doc
            ? []
            : [decodeDocument(row.doc, keys).then((record) => ({ record, rev: row.rev }))],
        ),
      );
      return { records, lastSeq: page.lastSeq, count: page.results.length };
    },

    async waitForChanges(since, signal) {
      const page = await client.changes({
        since,
        limit: 1,
        feed: 'longpoll',
        timeoutMs: LONG_POLL_MS,
        signal,
      });
      return page.results.length > 0;
    },

    async push(records): Promise<PushResult[]> {
      const docs = await timed('encode', () => encodeInSlices(records, keys));
      const keyOf = new Map(docs.map((doc, i) => [doc._id, records[i]?.record]));
      const results = await timed('post', () => client.bulkDocs(docs));
      return results.map((result) => {
        const record = keyOf.get(result.id);
        if (!record)
          throw new SyncError('bad-response', 'The server answered about a document it was not sent.');
        const key = recordKey(record.type, record.id);
        if (result.ok) {
          echoes.set(result.id, result.rev);
          return { key, rev: result.rev, conflict: false };
        }
        if (result.kind === 'conflict') return { key, rev: null, conflict: true };
        // Refused for another reason (a validation function, rights): the change stays waiting, and the words say why.
        throw new SyncError(
          result.kind === 'server' ? 'server' : result.kind,
          result.kind === 'server'
            ? `The server could not store a change (${result.reason}). It will be tried again.`
            : 'The server refused to store a change: the user may read this database but not write to it. Check its permissions.',
        );
      });
    },
  };
}
