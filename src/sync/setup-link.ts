// The link (and QR code) that sets up another device, sealed with a one-time code shown apart from it.
import * as v from 'valibot';
import { concatBytes, fromBase64Url, randomBytes, toBase64Url } from './bytes';
import { SyncError } from './sync-error';

/** Everything a second device needs. The passphrase travels only inside the sealed part. */
export interface SetupSettings {
  serverUrl: string;
  database: string;
  user: string;
  password: string;
  /** Empty or null when the database is not encrypted. */
  passphrase: string | null;
}

/** Where the app reads a setup link (its hash route). */
export const SETUP_LINK_ROUTE = '#/sync/join';
/** Bumped if the sealed layout ever changes; a link of an unknown version is refused, not misread. */
const LINK_VERSION = 1;
/**
 * 80 random bits cannot be guessed however fast each guess is; the iterations only add a margin. A
 * phone derives the key in well under a second at this count.
 */
const CODE_ITERATIONS = 100_000;
const CODE_BYTES = 10;
const SALT_BYTES = 16;
const IV_BYTES = 12;
/**
 * Crockford's base32: no I, L, O or U, so the code reads aloud and types without confusing 0/O, 1/I/L.
 * 80 bits are exactly 16 of its letters.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const SettingsSchema = v.object({
  serverUrl: v.string(),
  database: v.string(),
  user: v.string(),
  password: v.string(),
  passphrase: v.nullable(v.string()),
});

/**
 * A setup link for `appUrl` and the code that opens it. Layout of `s`: version ‖ salt ‖ iv ‖
 * AES-GCM(JSON settings), base64url; the version byte is authenticated as additional data.
 */
export async function makeSetupLink(
  settings: SetupSettings,
  appUrl: string,
): Promise<{ link: string; code: string }> {
  const secret = randomBytes(CODE_BYTES);
  const code = formatCode(secret);
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const key = await codeKey(normaliseCode(code) as string, salt);
  const plain = new TextEncoder().encode(JSON.stringify(v.parse(SettingsSchema, settings)));
  const header = new Uint8Array([LINK_VERSION]);
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: header }, key, plain);
  const s = toBase64Url(concatBytes(header, salt, iv, new Uint8Array(sealed)));
  return { link: `${appUrl.split('#')[0]}${SETUP_LINK_ROUTE}?s=${s}`, code };
}

/**
 * The settings in a setup link, given the whole link, its fragment or just its `s` value, and the
 * code. GCM cannot tell a wrong code from a link changed in transit: both are 'wrong-code', and the
 * words mention both; a link that is not one at all is 'bad-link'.
 */
export async function readSetupLink(linkOrFragment: string, code: string): Promise<SetupSettings> {
  const bytes = linkBytes(linkOrFragment);
  if (!bytes || bytes.length < 1 + SALT_BYTES + IV_BYTES + 16 || bytes[0] !== LINK_VERSION) {
    throw new SyncError(
      'bad-link',
      'This is not a complete Keypoints setup link: copy the whole link again from the first device.',
    );
  }
  const normal = normaliseCode(code);
  if (!normal) {
    throw new SyncError(
      'wrong-code',
      'The code has 16 letters and digits (like K7Q2-9XMP-4RTA-8CWD): check that it is complete.',
    );
  }
  const header = bytes.subarray(0, 1);
  const salt = bytes.subarray(1, 1 + SALT_BYTES);
  const iv = bytes.subarray(1 + SALT_BYTES, 1 + SALT_BYTES + IV_BYTES);
  const sealed = bytes.subarray(1 + SALT_BYTES + IV_BYTES);
  let plain: ArrayBuffer;
  try {
    const key = await codeKey(normal, new Uint8Array(salt));
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: new Uint8Array(iv), additionalData: new Uint8Array(header) },
      key,
      new Uint8Array(sealed),
    );
  } catch {
    throw new SyncError(
      'wrong-code',
      'This code does not open the link: check the code shown on the first device (and that the link was copied whole).',
    );
  }
  const parsed = v.safeParse(SettingsSchema, JSON.parse(new TextDecoder().decode(plain)));
  if (!parsed.success) {
    throw new SyncError(
      'bad-link',
      'This setup link was made by another version of Keypoints: make a new one.',
    );
  }
  return parsed.output;
}

/** The code in groups of four, as shown to the user: K7Q2-9XMP-4RTA-8CWD. */
function formatCode(bytes: Uint8Array): string {
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = CODE_BYTES * 8 - 5; i >= 0; i -= 5) out += ALPHABET[Number((bits >> BigInt(i)) & 31n)];
  return out.match(/.{4}/g)?.join('-') ?? out;
}

/**
 * The code as typed, in its one form (upper case, no spaces or dashes, O read as 0 and I/L as 1),
 * or null when it cannot be a code.
 */
function normaliseCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return code.length === 16 && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

async function codeKey(code: string, salt: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(code), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: CODE_ITERATIONS },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** The sealed bytes of a link, fragment or bare `s` value; null when there are none. */
function linkBytes(text: string): Uint8Array | null {
  const trimmed = text.trim();
  const query = trimmed.includes('?') ? trimmed.slice(trimmed.indexOf('?') + 1) : null;
  const s = query === null ? trimmed : new URLSearchParams(query).get('s');
  return s ? fromBase64Url(s) : null;
}
