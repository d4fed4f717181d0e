// A synced record as a server document and back, plain or encrypted, and the meta document every device reads first.
import * as v from 'valibot';
import { recordKey, SYNCED_TYPES, type SyncRecord } from '../domain/sync';
import type { CouchDocument } from './couch';
import {
  decryptJson,
  deriveKeys,
  encryptJson,
  hashedDocId,
  makeCheck,
  newSalt,
  PBKDF2_ITERATIONS,
  type SyncKeys,
  verifyCheck,
} from './crypto';
import { SyncError } from './sync-error';

export const META_DOC_ID = 'keypoints-sync';
const META_FORMAT = 'keypoints-sync';
const META_VERSION = 1;

/** How an encrypted database's keys are made again from the passphrase. */
export interface MetaEncryption {
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  salt: string;
  check: string;
}

export interface MetaDocument extends CouchDocument {
  _id: typeof META_DOC_ID;
  format: typeof META_FORMAT;
  version: number;
  encryption: MetaEncryption | null;
}

/** The body of a record as it travels: short names, since there are a hundred thousand reviews. */
const BodySchema = v.object({
  t: v.picklist(SYNCED_TYPES),
  id: v.pipe(v.string(), v.nonEmpty()),
  hlc: v.pipe(v.string(), v.nonEmpty()),
  del: v.boolean(),
  v: v.unknown(),
});
type Body = v.InferOutput<typeof BodySchema>;

const EncryptedSchema = v.object({ e: v.string() });

const MetaSchema = v.object({
  _id: v.literal(META_DOC_ID),
  _rev: v.optional(v.string()),
  format: v.literal(META_FORMAT),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  encryption: v.nullable(
    v.object({
      kdf: v.literal('PBKDF2-SHA-256'),
      // Bounded above so a damaged document cannot freeze a phone in key derivation.
      iterations: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000_000)),
      salt: v.pipe(v.string(), v.nonEmpty()),
      check: v.pipe(v.string(), v.nonEmpty()),
    }),
  ),
});

/**
 * Documents that are not records: the meta document and CouchDB's design documents (an admin may
 * add validation functions). Callers skip them before decoding.
 */
export function isRecordDocument(id: string): boolean {
  return id !== META_DOC_ID && !id.startsWith('_');
}

/** The server id of a record: its record key in a plain database, a keyed hash of it in an encrypted one. */
export function docIdFor(key: string, keys: SyncKeys | null): Promise<string> {
  return keys ? hashedDocId(keys.ids, key) : Promise.resolve(key);
}

/** The server document for a record; `rev` is the server's revision being replaced, when there is one. */
export async function encodeRecord(
  record: SyncRecord,
  keys: SyncKeys | null,
  rev?: string,
): Promise<CouchDocument> {
  const body: Body = {
    t: record.type,
    id: record.id,
    hlc: record.hlc,
    del: record.deleted,
    v: record.deleted ? null : record.value,
  };
  const _id = await docIdFor(recordKey(record.type, record.id), keys);
  const head = rev ? { _id, _rev: rev } : { _id };
  return keys ? { ...head, e: await encryptJson(keys.enc, body) } : { ...head, ...body };
}

/**
 * The record a server document holds. The value itself is checked by storage when it is applied;
 * here, the envelope. In an encrypted database the decrypted record must hash to the document's own
 * id: the server cannot pass one record's body off under another record's id.
 */
export async function decodeDocument(doc: unknown, keys: SyncKeys | null): Promise<SyncRecord> {
  const id = doc && typeof doc === 'object' && '_id' in doc ? String(doc._id) : '(no id)';
  let body: unknown = doc;
  if (keys) {
    const sealed = v.safeParse(EncryptedSchema, doc);
    if (!sealed.success) throw damaged(id, 'it is not encrypted, yet this database is');
    try {
      body = await decryptJson(keys.enc, sealed.output.e);
    } catch {
      throw new SyncError(
        'wrong-passphrase',
        `The document “${id}” on the server does not open with this passphrase: it was written with another one.`,
      );
    }
  } else if (doc && typeof doc === 'object' && 'e' in doc) {
    throw damaged(id, 'it is encrypted, yet this database is not');
  }
  const parsed = v.safeParse(BodySchema, body);
  if (!parsed.success) throw damaged(id, v.summarize(parsed.issues));
  const record = parsed.output;
  if ((await docIdFor(recordKey(record.t, record.id), keys)) !== id) {
    throw damaged(id, 'its content belongs to another document');
  }
  return {
    type: record.t,
    id: record.id,
    hlc: record.hlc,
    deleted: record.del,
    value: record.del ? null : record.v,
  };
}

/** The meta document the first device writes: `encryption` null for a plain database. */
export function makeMetaDocument(encryption: MetaEncryption | null): MetaDocument {
  return { _id: META_DOC_ID, format: META_FORMAT, version: META_VERSION, encryption };
}

/** The meta document as read from the server, checked; one from a newer Keypoints is refused rather than misread. */
export function readMetaDocument(doc: unknown): MetaDocument {
  const parsed = v.safeParse(MetaSchema, doc);
  if (!parsed.success) {
    throw new SyncError(
      'bad-response',
      `The database’s Keypoints settings (document “${META_DOC_ID}”) are damaged: ${v.summarize(parsed.issues)}`,
    );
  }
  if (parsed.output.version > META_VERSION) {
    throw new SyncError(
      'bad-response',
      'This database was set up by a newer version of Keypoints: update the app on this device first.',
    );
  }
  return parsed.output as MetaDocument;
}

/**
 * A new encrypted database's settings and keys, for the first device: a fresh salt, the keys from
 * the passphrase, and the check that lets every other device test its passphrase.
 */
export async function newEncryption(
  passphrase: string,
  iterations: number = PBKDF2_ITERATIONS,
): Promise<{ encryption: MetaEncryption; keys: SyncKeys }> {
  const salt = newSalt();
  const keys = await deriveKeys(passphrase, salt, iterations);
  return { encryption: { kdf: 'PBKDF2-SHA-256', iterations, salt, check: await makeCheck(keys) }, keys };
}

/**
 * The keys for a database given its meta document and the passphrase typed on this device (null or
 * empty: none), or the SyncError that says which of the two is wrong — before anything is written.
 */
export async function openDatabaseKeys(
  meta: MetaDocument,
  passphrase: string | null,
): Promise<SyncKeys | null> {
  const given = passphrase !== null && passphrase !== '';
  if (!meta.encryption) {
    if (given) {
      throw new SyncError(
        'not-encrypted',
        'The data on this server is not encrypted, but you gave a passphrase: leave the passphrase empty to use this database, or choose a new, empty database to encrypt.',
      );
    }
    return null;
  }
  if (!given) {
    throw new SyncError(
      'encrypted',
      'The data on this server is encrypted: enter the passphrase chosen on your first device.',
    );
  }
  const keys = await deriveKeys(passphrase, meta.encryption.salt, meta.encryption.iterations);
  if (!(await verifyCheck(keys, meta.encryption.check))) {
    throw new SyncError(
      'wrong-passphrase',
      'This passphrase does not open the data on the server: check it (it is the one chosen on your first device).',
    );
  }
  return keys;
}

function damaged(id: string, why: string): SyncError {
  return new SyncError(
    'bad-response',
    `The document “${id}” on the server is not a Keypoints record: ${why}.`,
  );
}
