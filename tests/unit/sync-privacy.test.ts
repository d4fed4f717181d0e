// Sync's credentials and keys stay on the device: a backup or an Anki export made while sync is on carries none of them.
import { afterEach, describe, expect, it } from 'vitest';
import { createBackup, serializeBackup } from '../../src/domain/backup';
import { toAnkiTsv } from '../../src/domain/export-anki';
import type { KeypointsDb } from '../../src/storage/db';
import { cardsForExport, exportAll, restoreBackupText } from '../../src/storage/repositories/data-transfer';
import { enableSync, readSyncConfig } from '../../src/storage/repositories/sync';
import { deriveKeys, newSalt } from '../../src/sync/crypto';
import { MID_JANUARY_UTC } from '../support/clock';
import { seededDb } from '../support/db';

const T0 = MID_JANUARY_UTC;
const SECRETS = {
  serverUrl: 'https://couch.private-host.example',
  database: 'ada-private-db',
  user: 'ada-sync-user',
  password: 'tr0ub4dor&3-password',
};

const opened: KeypointsDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function syncingDevice(): Promise<KeypointsDb> {
  const db = await seededDb(T0);
  opened.push(db);
  const salt = newSalt();
  const keys = await deriveKeys('a passphrase never stored', salt, 1_000);
  await enableSync(db, { ...SECRETS, encryption: { salt, iterations: 1_000, keys } }, T0);
  return db;
}

function expectNoSecret(text: string): void {
  for (const secret of [...Object.values(SECRETS), 'a passphrase never stored']) {
    expect(text).not.toContain(secret);
  }
}

describe('sync credentials stay on the device', () => {
  it('a backup file made while sync is on holds no server, user, password or passphrase', async () => {
    const db = await syncingDevice();
    const text = serializeBackup(createBackup(await exportAll(db), T0));
    expect(text).toContain('amazon-engineer/1.1');
    expectNoSecret(text);
  });

  it('an Anki export holds none of them either', async () => {
    const db = await syncingDevice();
    expectNoSecret(toAnkiTsv(await cardsForExport(db)));
  });

  it('the passphrase itself is never stored: only keys that cannot be exported', async () => {
    const db = await syncingDevice();
    const config = await readSyncConfig(db);
    expect(config?.password).toBe(SECRETS.password);
    expect(JSON.stringify(await db.syncState.toArray())).not.toContain('a passphrase never stored');
    expect(config?.encryption?.keys.enc.extractable).toBe(false);
    expect(config?.encryption?.keys.ids.extractable).toBe(false);
  });

  it('restoring a backup keeps this device’s sync settings as they were', async () => {
    const db = await syncingDevice();
    const backup = serializeBackup(createBackup(await exportAll(db), T0));
    await restoreBackupText(db, backup, T0 + 1_000);
    expect((await readSyncConfig(db))?.serverUrl).toBe(SECRETS.serverUrl);
  });
});
