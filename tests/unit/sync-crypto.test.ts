// Sync's encryption: what the server stores reveals nothing, and a wrong passphrase is caught before any write.
import { describe, expect, it } from 'vitest';
import {
  decryptJson,
  deriveKeys,
  encryptJson,
  hashedDocId,
  makeCheck,
  newSalt,
  type SyncKeys,
  verifyCheck,
} from '../../src/sync/crypto';
import { SyncError } from '../../src/sync/sync-error';

// Fewer iterations than the real 600,000 keep the tests quick; the count is a parameter, not a rule of the code.
const FAST = 1_000;
const salt = newSalt();
const keys = (passphrase: string, s = salt): Promise<SyncKeys> => deriveKeys(passphrase, s, FAST);

describe('sync encryption', () => {
  it('round-trips a value through encrypt and decrypt', async () => {
    const k = await keys('correct horse battery staple');
    const value = {
      t: 'card',
      id: 'amazon-engineer/1.1',
      v: { question: 'Tell me about a time…', n: [1, 2] },
    };
    expect(await decryptJson(k.enc, await encryptJson(k.enc, value))).toEqual(value);
  });

  it('seals the same value differently each time (a fresh IV per document)', async () => {
    const k = await keys('pass');
    const a = await encryptJson(k.enc, { same: 'value' });
    const b = await encryptJson(k.enc, { same: 'value' });
    expect(a).not.toBe(b);
    expect(a.slice(0, 16)).not.toBe(b.slice(0, 16));
  });

  it('keeps the plain text out of the sealed text', async () => {
    const k = await keys('pass');
    const sealed = await encryptJson(k.enc, 'Describe a system you designed');
    expect(sealed).not.toContain('Describe');
    expect(atob(sealed)).not.toContain('Describe');
  });

  it('detects a wrong passphrase through the check, and as a SyncError when decrypting', async () => {
    const right = await keys('right passphrase');
    const wrong = await keys('wrong passphrase');
    const check = await makeCheck(right);
    expect(await verifyCheck(right, check)).toBe(true);
    expect(await verifyCheck(wrong, check)).toBe(false);
    const sealed = await encryptJson(right.enc, { a: 1 });
    await expect(decryptJson(wrong.enc, sealed)).rejects.toMatchObject({ kind: 'wrong-passphrase' });
    await expect(decryptJson(wrong.enc, sealed)).rejects.toBeInstanceOf(SyncError);
  });

  it('gives other keys for the same passphrase on another database (its own salt)', async () => {
    const here = await keys('pass');
    const there = await keys('pass', newSalt());
    expect(await verifyCheck(there, await makeCheck(here))).toBe(false);
    expect(await hashedDocId(there.ids, 'card:x')).not.toBe(await hashedDocId(here.ids, 'card:x'));
  });

  it('refuses a changed byte of a sealed text', async () => {
    const k = await keys('pass');
    const sealed = await encryptJson(k.enc, { a: 1 });
    const bytes = Uint8Array.from(atob(sealed), (c) => c.charCodeAt(0));
    bytes[20] = (bytes[20] as number) ^ 1;
    const tampered = btoa(String.fromCharCode(...bytes));
    await expect(decryptJson(k.enc, tampered)).rejects.toMatchObject({ kind: 'wrong-passphrase' });
  });

  it('hashes a record key to a stable id that does not contain the record key', async () => {
    const k = await keys('pass');
    const again = await keys('pass');
    const id = await hashedDocId(k.ids, 'card:amazon-engineer/2.3');
    expect(id).toMatch(/^k:[A-Za-z0-9_-]{43}$/);
    expect(await hashedDocId(again.ids, 'card:amazon-engineer/2.3')).toBe(id);
    expect(await hashedDocId(k.ids, 'card:amazon-engineer/2.4')).not.toBe(id);
    expect(id).not.toContain('amazon');
    expect(id).not.toContain('2.3');
  });

  it('makes keys no script can read back (non-extractable)', async () => {
    const k = await keys('pass');
    expect(k.enc.extractable).toBe(false);
    expect(k.ids.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', k.enc)).rejects.toThrow();
  });

  it('derives with the real 600,000 iterations by default', async () => {
    const slow = await deriveKeys('pass', salt);
    const fast = await keys('pass');
    // Different iteration counts, different keys: the default is not the test's count.
    expect(await verifyCheck(slow, await makeCheck(fast))).toBe(false);
    expect(await verifyCheck(slow, await makeCheck(await deriveKeys('pass', salt, 600_000)))).toBe(true);
  });
});
