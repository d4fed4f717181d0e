import { describe, expect, it } from 'vitest';
import { parseHash } from '../../src/app/router';
import { joinHref, PATHS } from '../../src/components/routes';
import { agoText, syncStatusLine } from '../../src/components/sync-words';

const NOW = 1_700_000_000_000;
const base = { state: 'idle' as const, lastSyncedAt: NOW - 2 * 60_000, error: null, pending: 0 };

describe("Home's sync line", () => {
  it('is absent while sync is off', () => {
    expect(syncStatusLine({ ...base, state: 'off' }, NOW)).toBeNull();
  });

  it('says when the device last synced, or what waits', () => {
    expect(syncStatusLine(base, NOW)).toBe('Synced 2 min ago');
    expect(syncStatusLine({ ...base, pending: 3 }, NOW)).toBe('3 changes waiting');
    expect(syncStatusLine({ ...base, pending: 1 }, NOW)).toBe('1 change waiting');
    expect(syncStatusLine({ ...base, lastSyncedAt: null }, NOW)).toBe('Not synced yet');
  });

  it('names the problem in a few words and points to the Sync screen', () => {
    const error = { kind: 'unauthorized', message: 'The server refused the user or password.' };
    expect(syncStatusLine({ ...base, state: 'error', error }, NOW)).toBe(
      'Sync: wrong user or password — open Sync',
    );
    expect(
      syncStatusLine(
        { ...base, state: 'offline', pending: 2, error: { kind: 'offline', message: '…' } },
        NOW,
      ),
    ).toBe('Offline: 2 changes waiting');
  });

  it('counts time in minutes, hours and days', () => {
    expect(agoText(NOW - 10_000, NOW)).toBe('just now');
    expect(agoText(NOW - 3 * 3_600_000, NOW)).toBe('3 h ago');
    expect(agoText(NOW - 2 * 86_400_000, NOW)).toBe('2 days ago');
  });
});

describe('the setup link address', () => {
  it('reads back as the join screen with its sealed settings', () => {
    const sealed = 'aB-_+/=?&x';
    const route = parseHash(joinHref(sealed));
    expect(route).toMatchObject({ path: PATHS.sync, params: ['join'] });
    expect(route.query.get('s')).toBe(sealed);
  });
});
