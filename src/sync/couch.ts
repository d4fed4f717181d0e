// A small fetch client for the few CouchDB 3 endpoints sync uses: PouchDB itself would add ~39 kB gzip to the app.
import { SyncError } from './sync-error';

export { checkDatabaseName, checkServerUrl } from './server-url';
export { SyncError, type SyncErrorKind } from './sync-error';

export interface CouchClientOptions {
  /** Already normalised by `checkServerUrl` (no trailing slash). */
  serverUrl: string;
  database: string;
  user: string;
  password: string;
  /** Tests pass Node's fetch; the app the window's. Defaults to the global one. */
  fetch?: typeof fetch;
  /**
   * How long an ordinary request may take before the server counts as not answering. Long-polls have
   * their own `timeoutMs`.
   */
  requestTimeoutMs?: number;
}

/** Any document as stored: its id, its revision and a JSON body. */
export interface CouchDocument {
  _id: string;
  _rev?: string;
  [field: string]: unknown;
}

export interface DatabaseInfo {
  dbName: string;
  docCount: number;
  /** Opaque: a number on pouchdb-server, a long string on CouchDB 3. Kept as text either way. */
  updateSeq: string;
}

/** One document's fate in a `_bulk_docs` write: a conflict is an answer for that document, not a failure of the call. */
export type BulkResult =
  | { id: string; ok: true; rev: string }
  | { id: string; ok: false; kind: 'conflict' | 'forbidden' | 'unauthorized' | 'server'; reason: string };

export interface Change {
  id: string;
  seq: string;
  /** The winning revision after this change. */
  rev: string;
  /** CouchDB's own deletion; Keypoints writes tombstones as documents, so only foreign deletions show here. */
  deleted: boolean;
  doc?: CouchDocument;
}

export interface ChangesResult {
  results: Change[];
  /** The checkpoint to pass as `since` next time. */
  lastSeq: string;
  /** Set when the caller's signal (or the long-poll's own time limit) ended the wait: nothing is wrong. */
  aborted?: boolean;
}

export interface ChangesOptions {
  since?: string | null;
  limit?: number;
  includeDocs?: boolean;
  feed?: 'normal' | 'longpoll';
  /** For a long-poll: how long to wait for a change before answering with none. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type AllDocsRow =
  | { key: string; id: string; rev: string; deleted: boolean; doc: CouchDocument | null }
  | { key: string; missing: true };

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_LONGPOLL_MS = 25_000;
/**
 * pouchdb-server ignores `timeout` on a long-poll (it waits until a change comes, however long), and
 * a proxy may too: the client ends the wait itself a little after the server should have.
 */
const LONGPOLL_GRACE_MS = 2_000;
/** The ways CouchDB says "no such document" (as opposed to "no such database"). */
const MISSING_DOC_REASONS = new Set(['missing', 'deleted']);

interface RequestOptions {
  method?: string;
  /** Path below the database (starting with `/`), or below the server when `atServer`. */
  path?: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** A long-poll ends quietly when its time is up or the caller aborts it. */
  longpoll?: boolean;
}

interface Answer {
  status: number;
  json: unknown;
}

export class CouchClient {
  private readonly base: string;
  private readonly authorization: string | null;
  private readonly fetchImpl: typeof fetch;
  private readonly requestTimeoutMs: number;

  constructor(private readonly options: CouchClientOptions) {
    this.base = `${options.serverUrl.replace(/\/+$/, '')}/${encodeURIComponent(options.database)}`;
    // No credentials means anonymous requests (a public database, or CouchDB's old "admin party").
    this.authorization =
      options.user === '' ? null : `Basic ${basicCredentials(options.user, options.password)}`;
    // Bound: a bare `fetch` called as a method of another object throws "Illegal invocation" in browsers.
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  /** The database's name, size and latest sequence: also what "Test connection" calls (it proves address, login and database). */
  async info(): Promise<DatabaseInfo> {
    const { json } = await this.expectOk({});
    const body = asObject(json);
    return {
      dbName: String(body.db_name ?? this.options.database),
      docCount: typeof body.doc_count === 'number' ? body.doc_count : 0,
      updateSeq: seqText(body.update_seq),
    };
  }

  /**
   * Creates the database; true if made, false if it was already there. On pouchdb-server, call it
   * with credentials once an admin exists: an anonymous create then crashes that server.
   */
  async createDatabase(): Promise<boolean> {
    const answer = await this.request({ method: 'PUT' });
    if (answer.status === 412) return false;
    this.check(answer);
    return true;
  }

  /**
   * Writes many documents in one request. `newEdits: false` stores the given revisions as they are
   * (replication style); CouchDB then answers only for the documents it refused.
   */
  async bulkDocs(docs: CouchDocument[], options: { newEdits?: boolean } = {}): Promise<BulkResult[]> {
    const body = options.newEdits === false ? { docs, new_edits: false } : { docs };
    const { json } = await this.expectOk({ method: 'POST', path: '/_bulk_docs', body });
    if (!Array.isArray(json)) throw notCouch();
    return json.map((row): BulkResult => {
      const r = fields(row);
      const id = String(r.id ?? '');
      if (typeof r.rev === 'string' && r.error === undefined) return { id, ok: true, rev: r.rev };
      const reason = typeof r.reason === 'string' ? r.reason : String(r.error ?? 'unknown');
      return { id, ok: false, kind: bulkErrorKind(r.error), reason };
    });
  }

  /**
   * The changes after `since`, oldest first. A long-poll waits until at least one change comes or
   * `timeoutMs` passes; aborting it through `signal` (the app went to the background) is not an error:
   * it answers with no changes and `aborted: true`.
   */
  async changes(options: ChangesOptions = {}): Promise<ChangesResult> {
    const since = options.since ?? '0';
    const longpoll = options.feed === 'longpoll';
    const waitMs = options.timeoutMs ?? DEFAULT_LONGPOLL_MS;
    const query = {
      since,
      limit: options.limit,
      include_docs: options.includeDocs ? true : undefined,
      feed: longpoll ? 'longpoll' : undefined,
      timeout: longpoll ? waitMs : undefined,
    };
    let answer: Answer;
    try {
      answer = await this.request({
        path: '/_changes',
        query,
        signal: options.signal,
        timeoutMs: longpoll ? waitMs + LONGPOLL_GRACE_MS : undefined,
        longpoll,
      });
    } catch (error) {
      if (error instanceof LongpollEnded) return { results: [], lastSeq: String(since), aborted: true };
      throw error;
    }
    this.check(answer);
    const body = asObject(answer.json);
    if (!Array.isArray(body.results)) throw notCouch();
    const results = body.results.map((row): Change => {
      const r = fields(row);
      const revs = Array.isArray(r.changes) ? r.changes : [];
      const doc = r.doc && typeof r.doc === 'object' ? (r.doc as CouchDocument) : undefined;
      return {
        id: String(r.id ?? ''),
        seq: seqText(r.seq),
        rev: String(fields(revs[0]).rev ?? ''),
        deleted: r.deleted === true,
        ...(doc ? { doc } : {}),
      };
    });
    return { results, lastSeq: seqText(body.last_seq ?? since) };
  }

  /** Every document (or the given ids, each found or `missing`), with revisions and optionally bodies. */
  async allDocs(
    options: { keys?: string[]; includeDocs?: boolean; signal?: AbortSignal } = {},
  ): Promise<AllDocsRow[]> {
    const query = { include_docs: options.includeDocs ? true : undefined };
    const { signal } = options;
    // Keys go in a POST body: a few hundred ids would not fit in a URL.
    const { json } = options.keys
      ? await this.expectOk({
          method: 'POST',
          path: '/_all_docs',
          query,
          body: { keys: options.keys },
          signal,
        })
      : await this.expectOk({ path: '/_all_docs', query, signal });
    const rows = asObject(json).rows;
    if (!Array.isArray(rows)) throw notCouch();
    return rows.map((row): AllDocsRow => {
      const r = fields(row);
      const value = fields(r.value);
      const key = String(r.key ?? '');
      // A deleted document asked for by key comes back with `value.deleted` and `doc: null`.
      if (r.error !== undefined || typeof value.rev !== 'string') return { key, missing: true };
      const doc = r.doc && typeof r.doc === 'object' ? (r.doc as CouchDocument) : null;
      return { key, id: String(r.id ?? key), rev: value.rev, deleted: value.deleted === true, doc };
    });
  }

  /** One document, or null when the database has no such document (a missing database is an error). */
  async get(id: string): Promise<CouchDocument | null> {
    const answer = await this.request({ path: `/${docPath(id)}` });
    if (answer.status === 404) {
      const reason = asObject(answer.json).reason;
      if (typeof reason === 'string' && MISSING_DOC_REASONS.has(reason)) return null;
    }
    this.check(answer);
    const doc = asObject(answer.json);
    if (typeof doc._id !== 'string') throw notCouch();
    return doc as CouchDocument;
  }

  /** Writes one document; a stale or missing `_rev` for an existing document throws SyncError 'conflict'. */
  async put(doc: CouchDocument): Promise<{ id: string; rev: string }> {
    const { json } = await this.expectOk({ method: 'PUT', path: `/${docPath(doc._id)}`, body: doc });
    const body = asObject(json);
    if (typeof body.rev !== 'string') throw notCouch();
    return { id: doc._id, rev: body.rev };
  }

  private async expectOk(options: RequestOptions): Promise<Answer> {
    return this.check(await this.request(options));
  }

  /** Turns an error status into the SyncError a user can act on; passes a success through. */
  private check(answer: Answer): Answer {
    if (answer.status >= 200 && answer.status < 300) return answer;
    throw statusError(answer, this.options.database);
  }

  private async request(options: RequestOptions): Promise<Answer> {
    const url = new URL(`${this.base}${options.path ?? ''}`);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.authorization) headers.Authorization = this.authorization;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';

    const limit = limitedSignal(options.signal, options.timeoutMs ?? this.requestTimeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(url, {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        // Basic auth travels in a header: no cookie is needed, and none from another login is sent.
        credentials: 'omit',
        signal: limit.signal,
      });
      // The body is read under the same time limit: a long-poll's answer arrives in the body.
      text = await response.text();
    } catch (error) {
      if (limit.signal.aborted) {
        if (options.longpoll) throw new LongpollEnded();
        if (options.signal?.aborted) throw error; // the caller's own abort: theirs to expect
        throw offline();
      }
      throw await this.networkError();
    } finally {
      limit.done();
    }
    return { status: response.status, json: parseJson(text) };
  }

  /**
   * In a browser, a server that refuses this page's origin (CORS) and a server that is down fail
   * alike ("Failed to fetch"). An opaque `no-cors` request tells them apart: it succeeds when the
   * server answered at all.
   */
  private async networkError(): Promise<SyncError> {
    if (typeof document === 'undefined') return offline();
    try {
      await this.fetchImpl(`${this.options.serverUrl}/`, { mode: 'no-cors', credentials: 'omit' });
    } catch {
      return offline();
    }
    return new SyncError(
      'not-allowed-origin',
      `The server answers but does not allow this app (${location.origin}) to read it: add this address to the server's CORS origins.`,
    );
  }
}

/** A long-poll ended by its own limit or the caller's signal. */
class LongpollEnded extends Error {}

function offline(): SyncError {
  return new SyncError('offline', 'The server is not answering (is it running, and is this device online?).');
}

function notCouch(status?: number): SyncError {
  return new SyncError(
    'bad-response',
    'The server answered with something that is not CouchDB JSON: check the server address.',
    status,
  );
}

/** The SyncError for a status CouchDB uses; the server's own reason is added when it helps. */
function statusError(answer: Answer, database: string): SyncError {
  const { status } = answer;
  const body = fields(answer.json);
  const reason = typeof body.reason === 'string' ? body.reason : '';
  if (status === 401)
    return new SyncError('unauthorized', 'Wrong user name or password for this server.', status);
  if (status === 403) {
    return new SyncError(
      'forbidden',
      `This user may not use the database “${database}”: the server's admin can add the user as a member.`,
      status,
    );
  }
  if (status >= 500 && status !== 507) {
    return new SyncError(
      'server',
      `The server had a problem (error ${status}). Sync will try again later.`,
      status,
    );
  }
  // Below: answers only CouchDB gives in JSON. Anything else (an HTML page from the wrong address).
  if (answer.json === undefined) return notCouch(status);
  if (status === 404) {
    return new SyncError('no-database', `The database “${database}” does not exist on this server.`, status);
  }
  if (status === 409) {
    return new SyncError(
      'conflict',
      'Someone else changed this document at the same time. Sync will try again.',
      status,
    );
  }
  if (status === 413 || status === 507) {
    return new SyncError(
      'quota',
      'The server refused to store more: it is full, or its size limit was reached.',
      status,
    );
  }
  if (status === 429) {
    return new SyncError(
      'server',
      'The server is busy (too many requests). Sync will try again later.',
      status,
    );
  }
  return new SyncError(
    'bad-response',
    `The server refused the request (error ${status}${reason ? `: ${reason}` : ''}).`,
    status,
  );
}

function bulkErrorKind(error: unknown): 'conflict' | 'forbidden' | 'unauthorized' | 'server' {
  if (error === 'conflict') return 'conflict';
  if (error === 'forbidden') return 'forbidden';
  if (error === 'unauthorized') return 'unauthorized';
  return 'server';
}

/** JSON of the body, or undefined when it is not JSON (an HTML error page, a truncated answer). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A successful answer must be JSON (undefined: it was not); an object is then read field by field. */
function asObject(value: unknown): Record<string, unknown> {
  if (value === undefined) throw notCouch();
  return fields(value);
}

/** The fields of a JSON value without trusting its shape: none when it is not an object. */
function fields(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function seqText(seq: unknown): string {
  return seq === undefined || seq === null ? '0' : String(seq);
}

/** Design documents keep their slash (`_design/x`); every other id is one path segment. */
function docPath(id: string): string {
  const design = /^_design\/(.*)$/.exec(id);
  return design ? `_design/${encodeURIComponent(design[1] ?? '')}` : encodeURIComponent(id);
}

/** Basic auth encodes `user:password` as UTF-8 then base64 (`btoa` alone fails on non-Latin-1 passwords). */
function basicCredentials(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * A signal that fires on the caller's abort or after `ms`. Written out rather than
 * `AbortSignal.any`/`timeout`, which older Safari lacks; `done` clears the timer.
 */
function limitedSignal(
  outer: AbortSignal | undefined,
  ms: number,
): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, ms);
  if (outer?.aborted) controller.abort();
  outer?.addEventListener('abort', abort, { once: true });
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', abort);
    },
  };
}
