// Setting sync up: the server address a user types, the setup link for another device and its QR code.
import { describe, expect, it } from 'vitest';
import { qrSvgPath } from '../../src/sync/qr';
import { checkDatabaseName, checkServerUrl } from '../../src/sync/server-url';
import { makeSetupLink, readSetupLink, type SetupSettings } from '../../src/sync/setup-link';
import { SyncError } from '../../src/sync/sync-error';

const settings: SetupSettings = {
  serverUrl: 'https://couch.example.com',
  database: 'keypoints',
  user: 'ana',
  password: 'pässword',
  passphrase: 'correct horse battery staple',
};
const APP = 'https://keypoints.example/';

describe('setup link', () => {
  it('round-trips the settings, with the passphrase and password nowhere in clear', async () => {
    const { link, code } = await makeSetupLink(settings, `${APP}#/sync`);
    expect(link.startsWith(`${APP}#/sync/join?s=`)).toBe(true);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    for (const secret of ['correct', 'horse', 'ana', 'couch.example', 'keypoints']) {
      expect(link.replace(APP, '')).not.toContain(secret);
    }
    expect(await readSetupLink(link, code)).toEqual(settings);
  });

  it('reads the fragment alone, and a code typed loosely (lower case, spaces, O for 0)', async () => {
    const { link, code } = await makeSetupLink({ ...settings, passphrase: null }, APP);
    const loose = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    expect(await readSetupLink(link.slice(link.indexOf('#')), loose)).toEqual({
      ...settings,
      passphrase: null,
    });
  });

  it('makes a new code every time', async () => {
    const a = await makeSetupLink(settings, APP);
    const b = await makeSetupLink(settings, APP);
    expect(a.code).not.toBe(b.code);
    expect(a.link).not.toBe(b.link);
  });

  it('says the code is wrong when it is another code, or incomplete', async () => {
    const { link } = await makeSetupLink(settings, APP);
    const { code: other } = await makeSetupLink(settings, APP);
    await expect(readSetupLink(link, other)).rejects.toMatchObject({ kind: 'wrong-code' });
    await expect(readSetupLink(link, 'K7Q2-9XMP')).rejects.toMatchObject({ kind: 'wrong-code' });
  });

  it('refuses a link changed in transit', async () => {
    const { link, code } = await makeSetupLink(settings, APP);
    const at = link.length - 10;
    const flipped = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
    await expect(readSetupLink(flipped, code)).rejects.toMatchObject({ kind: 'wrong-code' });
    await expect(readSetupLink(link.slice(0, link.indexOf('s=') + 20), code)).rejects.toMatchObject({
      kind: 'bad-link',
    });
    await expect(readSetupLink('https://keypoints.example/#/sync/join', code)).rejects.toMatchObject({
      kind: 'bad-link',
    });
    const error = await readSetupLink('not a link at all!', code).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).message).toMatch(/setup link/);
  });
});

describe('server address', () => {
  it.each([
    ['https://couch.example.com/', 'https://couch.example.com'],
    ['  couch.example.com  ', 'https://couch.example.com'],
    ['https://example.com:6984/couchdb/', 'https://example.com:6984/couchdb'],
    ['HTTPS://Couch.Example.com', 'https://couch.example.com'],
    ['http://localhost:5984', 'http://localhost:5984'],
    ['http://127.0.0.1:5984/', 'http://127.0.0.1:5984'],
    ['http://[::1]:5984', 'http://[::1]:5984'],
  ])('accepts %s as %s', (input, normal) => {
    expect(checkServerUrl(input)).toBe(normal);
  });

  it.each([
    ['', /Enter the address/],
    ['http://couch.example.com', /https:\/\//],
    ['http://192.168.1.10:5984', /https:\/\//],
    ['https://ana:secret@couch.example.com', /own fields/],
    ['https://couch.example.com/?x=1', /remove what follows/],
    ['ftp://couch.example.com', /https:\/\//],
    ['https://exa mple.com', /not a web address/],
  ])('refuses %j in words', (input, words) => {
    const result = checkServerUrl(input);
    expect(result).toBeInstanceOf(SyncError);
    expect(result).toMatchObject({ kind: 'bad-url' });
    expect((result as SyncError).message).toMatch(words);
  });

  it('checks a database name by CouchDB’s rule', () => {
    expect(checkDatabaseName(' keypoints ')).toBe('keypoints');
    expect(checkDatabaseName('userdb-616e61')).toBe('userdb-616e61');
    expect(checkDatabaseName('Keypoints')).toBeInstanceOf(SyncError);
    expect(checkDatabaseName('_users')).toBeInstanceOf(SyncError);
    expect(checkDatabaseName('')).toBeInstanceOf(SyncError);
  });
});

describe('QR code', () => {
  it('draws a square code with its quiet zone and the three finder squares, as path commands only', async () => {
    const { link } = await makeSetupLink(settings, APP);
    const { size, path } = qrSvgPath(link);
    // A version-N code has 17 + 4N modules; 8 more for the quiet zone on both sides.
    expect((size - 8 - 17) % 4).toBe(0);
    expect(size).toBeLessThanOrEqual(8 + 17 + 4 * 15);
    expect(path).toMatch(/^[Mhvz0-9 -]+$/);
    const n = size - 8;
    // The top row of each finder square is seven dark modules.
    expect(path).toContain('M4 4h7v1h-7z');
    expect(path).toContain(`M${4 + n - 7} 4h7v1h-7z`);
    expect(path).toContain(`M4 ${4 + n - 7}h7v1h-7z`);
  });
});
