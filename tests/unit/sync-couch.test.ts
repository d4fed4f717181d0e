// The CouchDB client against a real pouchdb-server on loopback, and against a broken server that answers 500 or garbage.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncRecord } from '../../src/domain/sync';
import { decodeDocument, encodeRecord, isRecordDocument } from '../../src/sync/codec';
import { CouchClient, type CouchClientOptions } from '../../src/sync/couch';
import { deriveKeys, newSalt } from '../../src/sync/crypto';
import { type SyncServer, startSyncServer } from '../sync-server';

const ADMIN = { user: 'ana', password: 'right password' };
let server: SyncServer;

const client = (options: Partial<CouchClientOptions> = {}) =>
  new CouchClient({
    serverUrl: server.url,
    database: 'keypoints',
    user: ADMIN.user,
    password: ADMIN.password,
    fetch: globalThis.fetch,
    ...options,
  });

beforeAll(async () => {
  server = await startSyncServer({
    port: 5991,
    admin: ADMIN,
    databases: ['keypoints', 'changes', 'longpoll'],
  });
}, 60_000);
afterAll(() => server?.stop());

describe('CouchClient against pouchdb-server', () => {
  it('writes many documents at once and reports a conflict for one without failing the others', async () => {
    const db = client();
    const first = await db.bulkDocs([
      { _id: 'card:1', n: 1 },
      { _id: 'card:2', n: 2 },
    ]);
    expect(first).toEqual([
      { id: 'card:1', ok: true, rev: expect.stringMatching(/^1-/) },
      { id: 'card:2', ok: true, rev: expect.stringMatching(/^1-/) },
    ]);
    const rev1 = first[0]?.ok ? first[0].rev : '';
    const second = await db.bulkDocs([
      { _id: 'card:1', _rev: rev1, n: 10 },
      { _id: 'card:2', n: 20 }, // no revision: the server already has this document
    ]);
    expect(second[0]).toEqual({ id: 'card:1', ok: true, rev: expect.stringMatching(/^2-/) });
    expect(second[1]).toMatchObject({ id: 'card:2', ok: false, kind: 'conflict' });
    expect(await db.get('card:2')).toMatchObject({ n: 2 });
  });

  it('gets, puts, says null for a missing document, and throws conflict for a stale revision', async () => {
    const db = client();
    expect(await db.get('nothing-here')).toBeNull();
    const { rev } = await db.put({
      _id: 'keypoints-sync',
      format: 'keypoints-sync',
      version: 1,
      encryption: null,
    });
    expect(await db.get('keypoints-sync')).toEqual({
      _id: 'keypoints-sync',
      _rev: rev,
      format: 'keypoints-sync',
      version: 1,
      encryption: null,
    });
    await expect(db.put({ _id: 'keypoints-sync', other: true })).rejects.toMatchObject({ kind: 'conflict' });
    const { rev: rev2 } = await db.put({ _id: 'keypoints-sync', _rev: rev, version: 2 });
    expect(rev2).toMatch(/^2-/);
    // Ids with a slash (card ids do) are one path segment.
    await db.put({ _id: 'card:amazon-engineer/1.1', n: 1 });
    expect(await db.get('card:amazon-engineer/1.1')).toMatchObject({ n: 1 });
  });

  it('lists documents, all or by key, marking those it does not have', async () => {
    const db = client();
    const rows = await db.allDocs({ keys: ['card:1', 'card:nope'], includeDocs: true });
    expect(rows).toEqual([
      {
        key: 'card:1',
        id: 'card:1',
        rev: expect.stringMatching(/^2-/),
        deleted: false,
        doc: expect.objectContaining({ n: 10 }),
      },
      { key: 'card:nope', missing: true },
    ]);
    const all = await db.allDocs();
    expect(all.map((r) => r.key)).toEqual(expect.arrayContaining(['card:1', 'card:2', 'keypoints-sync']));
    expect(await db.info()).toMatchObject({ dbName: 'keypoints', docCount: all.length });
  });

  it('reads changes since a checkpoint, with documents, in pages', async () => {
    const db = client({ database: 'changes' });
    await db.bulkDocs([1, 2, 3].map((n) => ({ _id: `review:${n}`, n })));
    const page1 = await db.changes({ since: null, limit: 2, includeDocs: true });
    expect(page1.results.map((c) => c.id)).toEqual(['review:1', 'review:2']);
    expect(page1.results[0]?.doc).toMatchObject({ _id: 'review:1', n: 1 });
    expect(page1.results[0]?.rev).toMatch(/^1-/);
    const page2 = await db.changes({ since: page1.lastSeq, includeDocs: true });
    expect(page2.results.map((c) => c.id)).toEqual(['review:3']);
    const none = await db.changes({ since: page2.lastSeq });
    expect(none.results).toEqual([]);
    expect(none.lastSeq).toBe(page2.lastSeq);
    expect((await db.info()).updateSeq).toBe(page2.lastSeq);
  });

  it('long-polls until another device writes, then answers with that change', async () => {
    const db = client({ database: 'longpoll' });
    const { lastSeq } = await db.changes({ since: null });
    const waiting = db.changes({ since: lastSeq, feed: 'longpoll', includeDocs: true, timeoutMs: 20_000 });
    await client({ database: 'longpoll' }).bulkDocs([{ _id: 'review:from-the-phone', n: 1 }]);
    const answer = await waiting;
    expect(answer.aborted).toBeUndefined();
    expect(answer.results.map((c) => c.id)).toEqual(['review:from-the-phone']);
    expect(answer.lastSeq).not.toBe(lastSeq);
  });

  it('ends a long-poll quietly when aborted or when its time is up (pouchdb-server ignores `timeout`)', async () => {
    const db = client({ database: 'longpoll' });
    const { lastSeq } = await db.changes({ since: null });
    const controller = new AbortController();
    const waiting = db.changes({
      since: lastSeq,
      feed: 'longpoll',
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    controller.abort();
    expect(await waiting).toEqual({ results: [], lastSeq, aborted: true });
    expect(await db.changes({ since: lastSeq, feed: 'longpoll', timeoutMs: 100 })).toEqual({
      results: [],
      lastSeq,
      aborted: true,
    });
  });

  it('stores encrypted records the server cannot read, and reads them back', async () => {
    const keys = await deriveKeys('our passphrase', newSalt(), 1_000);
    const record: SyncRecord = {
      type: 'card',
      id: 'amazon-engineer/3.2',
      hlc: '1760000000000-0000-devA',
      deleted: false,
      value: { question: 'How would you design a rate limiter?' },
    };
    const db = client({ database: 'changes' });
    const [written] = await db.bulkDocs([await encodeRecord(record, keys)]);
    expect(written?.ok).toBe(true);
    const raw = await fetch(`${server.url}/changes/_all_docs?include_docs=true`, {
      headers: { Authorization: `Basic ${btoa(`${ADMIN.user}:${ADMIN.password}`)}` },
    }).then((r) => r.text());
    expect(raw).not.toContain('rate limiter');
    expect(raw).not.toContain('amazon-engineer');
    const { results } = await db.changes({ since: null, includeDocs: true });
    const docs = results.filter((c) => isRecordDocument(c.id) && c.id.startsWith('k:'));
    expect(await Promise.all(docs.map((c) => decodeDocument(c.doc, keys)))).toEqual([record]);
  });

  it('says the password is wrong', async () => {
    const db = client({ password: 'wrong' });
    await expect(db.info()).rejects.toMatchObject({
      kind: 'unauthorized',
      message: 'Wrong user name or password for this server.',
    });
    await expect(db.changes({ since: null, feed: 'longpoll' })).rejects.toMatchObject({
      kind: 'unauthorized',
    });
  });

  it('tells a missing database from a missing document', async () => {
    const db = client({ database: 'no-such-db' });
    const words = 'The database “no-such-db” does not exist on this server.';
    await expect(db.info()).rejects.toMatchObject({ kind: 'no-database', message: words });
    await expect(db.get('card:1')).rejects.toMatchObject({ kind: 'no-database' });
    await expect(db.changes({ since: null })).rejects.toMatchObject({ kind: 'no-database' });
    await expect(db.bulkDocs([{ _id: 'a' }])).rejects.toMatchObject({ kind: 'no-database' });
    await expect(db.allDocs({ keys: ['a'] })).rejects.toMatchObject({ kind: 'no-database' });
  });

  it('creates a database with the admin’s credentials, and tells one that already exists', async () => {
    const db = client({ database: 'made-by-setup' });
    expect(await db.createDatabase()).toBe(true);
    expect(await db.createDatabase()).toBe(false);
    expect(await db.info()).toMatchObject({ dbName: 'made-by-setup', docCount: 0 });
  });

  it('says the server is not answering once it has stopped', async () => {
    const other = await startSyncServer({ port: 5992, databases: ['keypoints'] });
    const db = client({ serverUrl: other.url, user: '', password: '' });
    expect(await db.info()).toMatchObject({ dbName: 'keypoints' });
    await other.stop();
    await expect(db.info()).rejects.toMatchObject({
      kind: 'offline',
      message: expect.stringContaining('The server is not answering'),
    });
    await expect(db.changes({ since: null, feed: 'longpoll' })).rejects.toMatchObject({ kind: 'offline' });
  }, 60_000);
});

describe('CouchClient against a broken server', () => {
  let broken: Server;
  let url: string;
  beforeAll(async () => {
    // Answers by database name: what a crashed CouchDB, a wrong address or a full disk look like.
    broken = createServer((req, res) => {
      const db = req.url?.split('/')[1]?.split('?')[0];
      if (db === 'fails')
        return void res
          .writeHead(500, { 'Content-Type': 'application/json' })
          .end('{"error":"unknown_error"}');
      if (db === 'garbage')
        return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"results": [tru');
      if (db === 'html')
        return void res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not Found</h1>');
      if (db === 'full')
        return void res
          .writeHead(507, { 'Content-Type': 'application/json' })
          .end('{"error":"insufficient_storage"}');
      if (db === 'locked')
        return void res
          .writeHead(403, { 'Content-Type': 'application/json' })
          .end('{"error":"forbidden","reason":"You are not allowed to access this db."}');
      if (db === 'array')
        return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('[1,2,3]');
      res.writeHead(200).end('{}');
    });
    await new Promise<void>((done) => broken.listen(5994, '127.0.0.1', done));
    url = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => broken.close(() => done())));
  const on = (database: string) => client({ serverUrl: url, database });

  it('says the server had a problem when it answers 500', async () => {
    const error = await on('fails')
      .info()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'server', status: 500 });
    expect((error as Error).message).toMatch(/The server had a problem \(error 500\)/);
  });

  it('says the answer is not CouchDB when it is garbage, HTML or the wrong shape', async () => {
    const words = /not CouchDB JSON/;
    await expect(on('garbage').changes({ since: null })).rejects.toMatchObject({
      kind: 'bad-response',
      message: expect.stringMatching(words),
    });
    await expect(on('html').info()).rejects.toMatchObject({
      kind: 'bad-response',
      message: expect.stringMatching(words),
    });
    await expect(on('html').get('card:1')).rejects.toMatchObject({ kind: 'bad-response' });
    await expect(on('array').changes({ since: null })).rejects.toMatchObject({ kind: 'bad-response' });
    await expect(on('array').bulkDocs([{ _id: 'a' }])).resolves.toHaveLength(3);
    await expect(on('garbage').bulkDocs([{ _id: 'a' }])).rejects.toMatchObject({ kind: 'bad-response' });
  });

  it('says when the server is full or the user may not use the database', async () => {
    await expect(on('full').bulkDocs([{ _id: 'a' }])).rejects.toMatchObject({ kind: 'quota' });
    await expect(on('locked').info()).rejects.toMatchObject({
      kind: 'forbidden',
      message: expect.stringContaining('“locked”'),
    });
  });
});
