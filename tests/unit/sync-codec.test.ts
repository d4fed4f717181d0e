// Records as server documents and back, plain and encrypted; the meta document that guards the passphrase.
import { describe, expect, it } from 'vitest';
import type { SyncRecord } from '../../src/domain/sync';
import {
  decodeDocument,
  docIdFor,
  encodeRecord,
  isRecordDocument,
  META_DOC_ID,
  makeMetaDocument,
  newEncryption,
  openDatabaseKeys,
  readMetaDocument,
} from '../../src/sync/codec';
import { deriveKeys, newSalt } from '../../src/sync/crypto';
import { SyncError } from '../../src/sync/sync-error';

const FAST = 1_000;
const card: SyncRecord = {
  type: 'card',
  id: 'amazon-engineer/1.1',
  hlc: '1760000000000-0000-devA',
  deleted: false,
  value: { id: 'amazon-engineer/1.1', question: 'Tell me about a time you disagreed with your manager' },
};
const tombstone: SyncRecord = {
  type: 'review',
  id: 'r-42',
  hlc: '1760000000001-0000-devB',
  deleted: true,
  value: null,
};

describe('plain documents', () => {
  it('round-trips a record and a tombstone, with the record key as id', async () => {
    const doc = await encodeRecord(card, null);
    expect(doc).toEqual({
      _id: 'card:amazon-engineer/1.1',
      t: 'card',
      id: card.id,
      hlc: card.hlc,
      del: false,
      v: card.value,
    });
    expect(await decodeDocument(doc, null)).toEqual(card);
    expect(await decodeDocument(await encodeRecord(tombstone, null), null)).toEqual(tombstone);
  });

  it('carries the revision it replaces', async () => {
    expect((await encodeRecord(card, null, '3-abc'))._rev).toBe('3-abc');
  });

  it.each([
    ['a document of an unknown type', { _id: 'note:1', t: 'note', id: '1', hlc: 'h', del: false, v: 1 }],
    ['a document without a clock', { _id: 'card:1', t: 'card', id: '1', del: false, v: 1 }],
    [
      'a document whose deletion flag is text',
      { _id: 'card:1', t: 'card', id: '1', hlc: 'h', del: 'no', v: 1 },
    ],
    [
      'a document whose id names another record',
      { _id: 'card:2', t: 'card', id: '1', hlc: 'h', del: false, v: 1 },
    ],
    ['an encrypted document in a plain database', { _id: 'k:abc', e: 'AAAA' }],
    ['not a document at all', 'garbage'],
  ])('rejects %s as bad-response naming the document', async (_, doc) => {
    const error = await decodeDocument(doc, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ kind: 'bad-response' });
    const id = typeof doc === 'object' ? doc._id : '(no id)';
    expect((error as SyncError).message).toContain(id);
  });
});

describe('encrypted documents', () => {
  it('round-trips a record under a hashed id, with neither text nor card id visible', async () => {
    const keys = await deriveKeys('pass', newSalt(), FAST);
    const doc = await encodeRecord(card, keys, '1-x');
    expect(Object.keys(doc).sort()).toEqual(['_id', '_rev', 'e']);
    expect(doc._id).toBe(await docIdFor('card:amazon-engineer/1.1', keys));
    const stored = JSON.stringify(doc);
    expect(stored).not.toContain('amazon-engineer');
    expect(stored).not.toContain('disagreed');
    expect(await decodeDocument(doc, keys)).toEqual(card);
    expect(await decodeDocument(await encodeRecord(tombstone, keys), keys)).toEqual(tombstone);
  });

  it('refuses a body moved under another record’s id (the server swapping documents)', async () => {
    const keys = await deriveKeys('pass', newSalt(), FAST);
    const a = await encodeRecord(card, keys);
    const b = await encodeRecord({ ...card, id: 'amazon-engineer/1.2' }, keys);
    await expect(decodeDocument({ ...a, e: b.e }, keys)).rejects.toMatchObject({ kind: 'bad-response' });
  });

  it('refuses a plain document in an encrypted database, and says when the passphrase does not open one', async () => {
    const keys = await deriveKeys('pass', newSalt(), FAST);
    const other = await deriveKeys('other', newSalt(), FAST);
    await expect(decodeDocument(await encodeRecord(card, null), keys)).rejects.toMatchObject({
      kind: 'bad-response',
    });
    await expect(decodeDocument(await encodeRecord(card, other), keys)).rejects.toMatchObject({
      kind: 'wrong-passphrase',
    });
  });
});

describe('meta document', () => {
  it('tells records from the meta and design documents', () => {
    expect(isRecordDocument('card:x')).toBe(true);
    expect(isRecordDocument('k:abc')).toBe(true);
    expect(isRecordDocument(META_DOC_ID)).toBe(false);
    expect(isRecordDocument('_design/validate')).toBe(false);
  });

  it('opens a plain database without a passphrase', async () => {
    const meta = readMetaDocument(JSON.parse(JSON.stringify(makeMetaDocument(null))));
    expect(await openDatabaseKeys(meta, null)).toBeNull();
    expect(await openDatabaseKeys(meta, '')).toBeNull();
  });

  it('opens an encrypted database with its passphrase: the keys read what the first device wrote', async () => {
    const first = await newEncryption('our passphrase', FAST);
    const meta = readMetaDocument({ ...makeMetaDocument(first.encryption), _rev: '1-a' });
    const keys = await openDatabaseKeys(meta, 'our passphrase');
    expect(keys).not.toBeNull();
    const doc = await encodeRecord(card, first.keys);
    expect(await decodeDocument(doc, keys)).toEqual(card);
  });

  it('names each mismatch between the database and the passphrase', async () => {
    const plain = makeMetaDocument(null);
    const encrypted = makeMetaDocument((await newEncryption('our passphrase', FAST)).encryption);
    await expect(openDatabaseKeys(encrypted, 'not it')).rejects.toMatchObject({ kind: 'wrong-passphrase' });
    await expect(openDatabaseKeys(encrypted, null)).rejects.toMatchObject({ kind: 'encrypted' });
    await expect(openDatabaseKeys(plain, 'a passphrase')).rejects.toMatchObject({ kind: 'not-encrypted' });
  });

  it.each([
    ['another application’s document', { _id: META_DOC_ID, format: 'other', version: 1, encryption: null }],
    [
      'a damaged encryption block',
      { _id: META_DOC_ID, format: 'keypoints-sync', version: 1, encryption: { kdf: 'PBKDF2-SHA-256' } },
    ],
    [
      'absurd iterations',
      {
        _id: META_DOC_ID,
        format: 'keypoints-sync',
        version: 1,
        encryption: { kdf: 'PBKDF2-SHA-256', iterations: 1e12, salt: 'AA==', check: 'x' },
      },
    ],
    ['garbage', '<html>'],
  ])('refuses %s as bad-response', (_, doc) => {
    expect(() => readMetaDocument(doc)).toThrow(SyncError);
    try {
      readMetaDocument(doc);
    } catch (error) {
      expect(error).toMatchObject({ kind: 'bad-response' });
    }
  });

  it('asks to update the app for a database set up by a newer version', () => {
    expect(() => readMetaDocument({ ...makeMetaDocument(null), version: 2 })).toThrow(
      /newer version of Keypoints/,
    );
  });
});
