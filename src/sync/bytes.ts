// Bytes as text for documents and links: base64 (the domain's one encoder) and its URL-safe form.
import { fromBase64, toBase64 as toBase64InScript } from '../domain/recording';

export { fromBase64 };

type NativeBase64 = Uint8Array & { toBase64?: () => string };

/**
 * Base64 by the platform's own encoder where it has one (Uint8Array.prototype.toBase64), else the
 * domain's: an initial push encodes a hundred thousand documents.
 */
export function toBase64(bytes: Uint8Array): string {
  const native = (bytes as NativeBase64).toBase64;
  return typeof native === 'function' ? native.call(bytes) : toBase64InScript(bytes);
}

/** Base64 without `+`, `/` or `=`, so it travels in a URL fragment and in a document id unescaped. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of a base64url text, or null when it is not one. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return fromBase64(padded);
}

/** The bytes laid end to end (iv ‖ ciphertext, header ‖ salt ‖ …). */
export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Random bytes from the platform's cryptographic generator (never Math.random). */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}
