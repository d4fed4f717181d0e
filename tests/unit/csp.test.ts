import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/app/csp';
import { originProblem, parseSyncOrigins } from '../../src/sync/origins';

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

describe('the servers a build can reach', () => {
  it('reaches loopback always, and other servers only when the build lists their origin', () => {
    expect(originProblem('http://127.0.0.1:5984', [])).toBeNull();
    expect(originProblem('http://localhost:5984/couch', [])).toBeNull();
    expect(originProblem('https://couch.example.com/db-prefix', ['https://couch.example.com'])).toBeNull();
    expect(originProblem('https://couch.example.com', null)).toBeNull();
  });

  it('says how to build for a server the CSP does not list, instead of a CSP error', () => {
    expect(originProblem('https://other.example.com', ['https://couch.example.com'])).toBe(
      'This copy of Keypoints can sync only with https://couch.example.com and servers on this device, so it cannot reach https://other.example.com. Build it with KEYPOINTS_SYNC_ORIGINS=https://other.example.com to sync with your server.',
    );
    expect(originProblem('https://couch.example.com', [])).toContain('only with servers on this device');
  });
});
