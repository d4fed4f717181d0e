// End-to-end encryption of sync documents with WebCrypto only: the server stores what it cannot read.
import { concatBytes, fromBase64, randomBytes, toBase64, toBase64Url } from './bytes';
import { SyncError } from './sync-error';

/** The two keys of an encrypted database: both non-extractable, so script on the page can use but never read them. */
export interface SyncKeys {
  /** AES-GCM 256: encrypts document bodies. */
  enc: CryptoKey;
  /** HMAC-SHA-256: turns a record key into a document id the server cannot read back. */
  ids: CryptoKey;
}

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256: a passphrase guess costs an attacker as much as it costs us once. */
export const PBKDF2_ITERATIONS = 600_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;
/** The text the meta document's `check` encrypts: opening it proves the passphrase before anything is written. */
const CHECK_TEXT = 'keypoints-sync check';

/** A fresh random salt per database (base64): the same passphrase gives different keys on different databases. */
export function newSalt(): string {
  return toBase64(randomBytes(SALT_BYTES));
}

/**
 * The keys for a passphrase and a database's salt. PBKDF2 runs once, to 256 bits; HKDF then splits
 * them into two independent keys by distinct `info` labels. Asking PBKDF2 for 512 bits instead
 * would cost two full runs of 600,000 iterations (each 256-bit block is computed separately), and
 * one key used for both jobs would mix AES and HMAC on the same secret.
 */
export async function deriveKeys(
  passphrase: string,
  saltB64: string,
  iterations: number = PBKDF2_ITERATIONS,
): Promise<SyncKeys> {
  const salt = fromBase64(saltB64);
  if (!salt)
    throw new SyncError('bad-response', 'The database’s encryption settings are damaged (bad salt).');
  const material = await crypto.subtle.importKey('raw', utf8(passphrase.normalize('NFC')), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const master = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: copy(salt), iterations },
    material,
    256,
  );
  const hkdf = await crypto.subtle.importKey('raw', master, 'HKDF', false, ['deriveKey']);
  const label = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: new Uint8Array(0),
    info: utf8(info),
  });
  const [enc, ids] = await Promise.all([
    crypto.subtle.deriveKey(label('keypoints-sync enc'), hkdf, { name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]),
    crypto.subtle.deriveKey(
      label('keypoints-sync ids'),
      hkdf,
      { name: 'HMAC', hash: 'SHA-256', length: 256 },
      false,
      ['sign'],
    ),
  ]);
  return { enc, ids };
}

/**
 * base64(iv ‖ AES-GCM(JSON)). A fresh random IV each time: reusing one with the same key would
 * leak the XOR of two plaintexts and let anyone forge GCM tags.
 */
export async function encryptJson(key: CryptoKey, value: unknown): Promise<string> {
  const iv = randomBytes(IV_BYTES);
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, utf8(JSON.stringify(value)));
  return toBase64(concatBytes(iv, new Uint8Array(sealed)));
}

/**
 * The value `encryptJson` sealed. GCM authenticates: a wrong key and a changed byte both fail here,
 * as 'wrong-passphrase' (the caller that knows the passphrase is right words it differently).
 */
export async function decryptJson(key: CryptoKey, text: string): Promise<unknown> {
  const bytes = fromBase64(text);
  if (!bytes || bytes.length < IV_BYTES + 16) throw wrongPassphrase();
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: copy(bytes.subarray(0, IV_BYTES)) },
      key,
      copy(bytes.subarray(IV_BYTES)),
    );
  } catch {
    throw wrongPassphrase();
  }
  return JSON.parse(new TextDecoder().decode(plain));
}

/** The document id of an encrypted record: "k:" + base64url(HMAC(recordKey)), stable, and no card id readable in it. */
export async function hashedDocId(idsKey: CryptoKey, recordKey: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', idsKey, utf8(recordKey));
  return `k:${toBase64Url(new Uint8Array(mac))}`;
}

/** The meta document's `check`: a known text sealed with the database's key. */
export function makeCheck(keys: SyncKeys): Promise<string> {
  return encryptJson(keys.enc, CHECK_TEXT);
}

/** Whether these keys open the check, i.e. the passphrase is the database's. */
export async function verifyCheck(keys: SyncKeys, check: string): Promise<boolean> {
  try {
    return (await decryptJson(keys.enc, check)) === CHECK_TEXT;
  } catch {
    return false;
  }
}

function wrongPassphrase(): SyncError {
  return new SyncError(
    'wrong-passphrase',
    'This passphrase does not open the data on the server: check it (it is the one chosen on your first device).',
  );
}

const encoder = new TextEncoder();

function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/** WebCrypto wants bytes over a plain ArrayBuffer; the domain's decoder returns a wider type. */
function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}
