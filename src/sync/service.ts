// What the Sync screens do: test a connection, turn sync on or off, make and open a setup link.
import type { KeypointsDb } from '../storage/db';
import { disableSync, enableSync, readSyncConfig, type SyncConfig } from '../storage/repositories/sync';
import { requestSync, startSync, syncConfigChanged } from './background';
import { checkDatabaseName, checkServerUrl, SyncError } from './couch';
import { deriveKeys } from './crypto';
import { openDatabase } from './meta';
import { BUILD_SYNC_ORIGINS, originProblem } from './origins';
import { qrSvgPath } from './qr';
import { clientFor } from './remote';
import { readSetupLink, type SetupSettings, makeSetupLink as sealSetupLink } from './setup-link';

export interface SyncForm {
  serverUrl: string;
  database: string;
  user: string;
  password: string;
  passphrase: string;
}

/** What a setup link carries: the form's settings, password and passphrase included (sealed by the code). */
export type JoinSettings = SyncForm;

export type Outcome = { ok: true; message: string } | { ok: false; message: string };

export interface SetupLink {
  url: string;
  code: string;
  qr: { path: string; size: number };
}

/** The form with its address and database name in their one form, or the words that say what to fix. */
function checkedForm(form: SyncForm): SyncForm | { problem: string } {
  const serverUrl = checkServerUrl(form.serverUrl);
  if (serverUrl instanceof SyncError) return { problem: serverUrl.message };
  const notAllowed = originProblem(serverUrl, BUILD_SYNC_ORIGINS);
  if (notAllowed) return { problem: notAllowed };
  const database = checkDatabaseName(form.database);
  if (database instanceof SyncError) return { problem: database.message };
  const user = form.user.trim();
  if (form.password && !user) return { problem: 'Type the user the password belongs to.' };
  return { serverUrl, database, user, password: form.password, passphrase: form.passphrase };
}

function failed(error: unknown): { ok: false; message: string } {
  if (error instanceof SyncError) return { ok: false, message: error.message };
  if ((error as { name?: unknown } | null)?.name === 'QuotaExceededError')
    return { ok: false, message: 'This device is out of storage space: free some space, then try again.' };
  const message = (error as { message?: unknown } | null)?.message;
  return {
    ok: false,
    message: `Something went wrong on this device: ${typeof message === 'string' ? message : String(error)}`,
  };
}

/** Connects and reads the database without writing anything: says what is wrong, or what turning on will do. */
export async function testConnection(input: SyncForm): Promise<Outcome> {
  const form = checkedForm(input);
  if ('problem' in form) return { ok: false, message: form.problem };
  try {
    const opened = await openDatabase(clientFor(form), form.passphrase, { create: false });
    if (opened.empty)
      return {
        ok: true,
        message: `Connected. The database is empty: this device will be the first to sync${form.passphrase ? ', encrypted with your passphrase' : ', not encrypted'}.`,
      };
    return {
      ok: true,
      message: `Connected. The database holds ${opened.documents} records from your other devices${opened.encryption ? ', encrypted, and the passphrase is right' : ', not encrypted'}.`,
    };
  } catch (error) {
    return failed(error);
  }
}

/** Checks everything first (nothing is written on a wrong passphrase), then saves the settings and syncs. */
export async function turnOnSync(db: KeypointsDb, input: SyncForm): Promise<Outcome> {
  const form = checkedForm(input);
  if ('problem' in form) return { ok: false, message: form.problem };
  try {
    const opened = await openDatabase(clientFor(form), form.passphrase, { create: true });
    await enableSync(
      db,
      {
        serverUrl: form.serverUrl,
        database: form.database,
        user: form.user,
        password: form.password,
        encryption: opened.encryption,
      },
      Date.now(),
    );
    startSync(db);
    syncConfigChanged();
    return { ok: true, message: 'Sync is on.' };
  } catch (error) {
    return failed(error);
  }
}

/** Forgets the server, the password and the keys; the cards and reviews stay on the device. */
export async function turnOffSync(db: KeypointsDb): Promise<void> {
  await disableSync(db);
  syncConfigChanged();
}

export function syncNow(db: KeypointsDb): void {
  startSync(db);
  requestSync();
}

/** What the Sync screen says about the server in use (never the password). */
export async function syncTarget(
  db: KeypointsDb,
): Promise<{ serverUrl: string; database: string; user: string; encrypted: boolean } | null> {
  const config = await readSyncConfig(db);
  if (!config) return null;
  return {
    serverUrl: config.serverUrl,
    database: config.database,
    user: config.user,
    encrypted: config.encryption !== null,
  };
}

/** Whether `passphrase` gives the keys this device syncs with (compared by a keyed hash of a probe). */
async function samePassphrase(
  passphrase: string,
  encryption: NonNullable<SyncConfig['encryption']>,
): Promise<boolean> {
  const keys = await deriveKeys(passphrase, encryption.salt, encryption.iterations);
  const probe = new TextEncoder().encode('keypoints-setup-link');
  const [a, b] = await Promise.all([
    crypto.subtle.sign('HMAC', keys.ids, probe),
    crypto.subtle.sign('HMAC', encryption.keys.ids, probe),
  ]);
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * A link to this app's join screen carrying this device's settings sealed with a one-time code, the code
 * (shown apart) and the link's QR code. The keys on this device cannot be exported and the passphrase
 * is not kept, so with encryption on the user types it once more here: it travels sealed in the link.
 */
export async function makeSetupLink(db: KeypointsDb, appUrl: string, passphrase: string): Promise<SetupLink> {
  const config = await readSyncConfig(db);
  if (!config) throw new Error('Sync is off on this device.');
  if (config.encryption) {
    if (!passphrase) throw new Error('Type the passphrase: the other device needs it to read your data.');
    if (!(await samePassphrase(passphrase, config.encryption)))
      throw new Error('That is not the passphrase this device syncs with. Type it again.');
  }
  const { link, code } = await sealSetupLink(
    {
      serverUrl: config.serverUrl,
      database: config.database,
      user: config.user,
      password: config.password,
      passphrase: config.encryption ? passphrase : null,
    },
    appUrl,
  );
  return { url: link, code, qr: qrSvgPath(link) };
}

export async function openSetupLink(
  link: string,
  code: string,
): Promise<{ ok: true; settings: JoinSettings } | { ok: false; message: string }> {
  try {
    const settings: SetupSettings = await readSetupLink(link, code);
    return { ok: true, settings: { ...settings, passphrase: settings.passphrase ?? '' } };
  } catch (error) {
    return failed(error);
  }
}

export function joinWithSettings(db: KeypointsDb, settings: JoinSettings): Promise<Outcome> {
  return turnOnSync(db, settings);
}
