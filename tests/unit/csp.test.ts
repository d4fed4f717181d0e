import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/app/csp';
import { checkServerUrl, parseSyncOrigins } from '../../src/sync/origins';

function connectSrc(policy: string): string[] {
  const directive = policy.split('; ').find((d) => d.startsWith('connect-src '));
  return directive?.split(' ').slice(1) ?? [];
}

describe('the page CSP', () => {
  it('lets the page reach itself and loopback servers only, when no sync origin was given', () => {
    expect(connectSrc(contentSecurityPolicy([]))).toEqual([
      "'self'",
      'http://127.0.0.1:*',
      'http://localhost:*',
    ]);
  });

  it('adds the origins listed at build time, and nothing as broad as https:', () => {
    const policy = contentSecurityPolicy(
      parseSyncOrigins(' https://couch.example.com , https://db.example.org:6984/'),
    );
    expect(connectSrc(policy)).toEqual([
      "'self'",
      'http://127.0.0.1:*',
      'http://localhost:*',
      'https://couch.example.com',
      'https://db.example.org:6984',
    ]);
    expect(policy).not.toMatch(/connect-src[^;]* https:( |;|$)/);
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(policy).toContain("object-src 'none'");
  });

  it('fails the build on an origin that is not plain https', () => {
    expect(() => parseSyncOrigins('http://couch.example.com')).toThrow(/must use https/);
    expect(() => parseSyncOrigins('couch.example.com')).toThrow(/not a URL/);
    expect(() => parseSyncOrigins('https://couch.example.com/db')).toThrow(/origin only/);
    expect(() => parseSyncOrigins('https://me:pw@couch.example.com')).toThrow(/origin only/);
    expect(() => parseSyncOrigins('https://a.example.com; script-src *')).toThrow();
  });

  it('reads an empty or missing list as loopback only, and drops duplicates', () => {
    expect(parseSyncOrigins(undefined)).toEqual([]);
    expect(parseSyncOrigins(' , ')).toEqual([]);
    expect(parseSyncOrigins('https://a.example.com,https://a.example.com/')).toEqual([
      'https://a.example.com',
    ]);
  });
});

describe('the server address on the Sync screen', () => {
  it('takes https servers this build allows, and loopback over plain http', () => {
    expect(checkServerUrl('https://couch.example.com/', ['https://couch.example.com'])).toEqual({
      ok: true,
      url: 'https://couch.example.com',
    });
    expect(checkServerUrl('http://127.0.0.1:5984', [])).toEqual({ ok: true, url: 'http://127.0.0.1:5984' });
    expect(checkServerUrl('http://localhost:5984', [])).toMatchObject({ ok: true });
  });

  it('refuses plain http elsewhere, and says how to build for a server the CSP does not list', () => {
    expect(checkServerUrl('http://couch.example.com', null)).toMatchObject({ ok: false, message: /https/ });
    const other = checkServerUrl('https://other.example.com', ['https://couch.example.com']);
    expect(other).toMatchObject({
      ok: false,
      message: expect.stringContaining('KEYPOINTS_SYNC_ORIGINS=https://other.example.com'),
    });
    expect(checkServerUrl('not a url', null)).toMatchObject({ ok: false });
    expect(checkServerUrl('https://u:p@couch.example.com', null)).toMatchObject({ ok: false });
  });
});
