// The database's meta document: read and checked before anything is written, written by the first device.
import type { SyncConfig } from '../storage/repositories/sync';
import {
  META_DOC_ID,
  type MetaDocument,
  makeMetaDocument,
  newEncryption,
  openDatabaseKeys,
  readMetaDocument,
} from './codec';
import { type CouchClient, SyncError } from './couch';
import { makeCheck } from './crypto';

/** What a device found in the database, with the keys for it. */
export interface Opened {
  encryption: SyncConfig['encryption'];
  /** The database had no meta document (empty): this device is the first. */
  empty: boolean;
  /** Records already on the server (the meta document aside). */
  documents: number;
}

async function readMeta(client: CouchClient): Promise<MetaDocument | null> {
  const doc = await client.get(META_DOC_ID);
  return doc === null ? null : readMetaDocument(doc);
}

function notKeypoints(): SyncError {
  return new SyncError(
    'bad-response',
    'This database holds data that is not from Keypoints. Use an empty database, or the one your other devices sync with.',
  );
}

/**
 * Opens the database with `passphrase` ('' for none): the meta document is read and the passphrase
 * checked against it before anything is written; with `create`, an empty database gets its meta
 * document (with a new salt when there is a passphrase). Throws a SyncError in plain words.
 */
export async function openDatabase(
  client: CouchClient,
  passphrase: string,
  { create }: { create: boolean },
): Promise<Opened> {
  const info = await client.info();
  const meta = await readMeta(client);
  if (!meta) {
    if (info.docCount > 0) throw notKeypoints();
    if (!passphrase) {
      if (create) await client.put(makeMetaDocument(null));
      return { encryption: null, empty: true, documents: 0 };
    }
    const fresh = await newEncryption(passphrase);
    if (create) await client.put(makeMetaDocument(fresh.encryption));
    const { salt, iterations } = fresh.encryption;
    return { encryption: { salt, iterations, keys: fresh.keys }, empty: true, documents: 0 };
  }
  const documents = Math.max(0, info.docCount - 1);
  const keys = await openDatabaseKeys(meta, passphrase);
  const encryption =
    keys && meta.encryption
      ? { salt: meta.encryption.salt, iterations: meta.encryption.iterations, keys }
      : null;
  return { encryption, empty: false, documents };
}

/**
 * Before each sync: the database still is the one this device was set up with (same encryption and
 * salt). A database emptied or made anew gets this device's meta document back, and `fresh` says
 * everything must be pushed again.
 */
export async function checkMeta(client: CouchClient, config: SyncConfig): Promise<{ fresh: boolean }> {
  const meta = await readMeta(client);
  const enc = config.encryption;
  if (!meta) {
    if ((await client.info()).docCount > 0) throw notKeypoints();
    await client.put(
      makeMetaDocument(
        enc
          ? {
              kdf: 'PBKDF2-SHA-256',
              iterations: enc.iterations,
              salt: enc.salt,
              check: await makeCheck(enc.keys),
            }
          : null,
      ),
    );
    return { fresh: true };
  }
  const same = meta.encryption === null ? enc === null : enc !== null && meta.encryption.salt === enc.salt;
  if (!same)
    throw new SyncError(
      'wrong-passphrase',
      'The database on the server was set up again, with another passphrase or none. Turn sync off, then on again with the passphrase your other devices use. Nothing was changed.',
    );
  return { fresh: false };
}
