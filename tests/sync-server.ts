// Starts and stops a pouchdb-server (the CouchDB protocol, in Node) on 127.0.0.1 for sync tests and trials.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface SyncServerOptions {
  port: number;
  /** The server admin; without one the server lets anyone in ("admin party"). */
  admin?: { user: string; password: string };
  /** Databases to create, before the admin exists (the other order can crash pouchdb-server). */
  databases?: string[];
  /**
   * Keep the data in this folder, so a server stopped and started again with the same folder still
   * has it (a restart mid-sync). Without it the data lives in memory and goes with the server.
   */
  dataDir?: string;
}

export interface SyncServer {
  /** e.g. http://127.0.0.1:5991, no trailing slash. */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const BIN = resolve(import.meta.dirname, '../node_modules/.bin/pouchdb-server');
const READY_WITHIN_MS = 30_000;

export async function startSyncServer(options: SyncServerOptions): Promise<SyncServer> {
  const url = `http://127.0.0.1:${options.port}`;
  if (await answers(url))
    throw new Error(`Port ${options.port} is already taken: stop what runs on ${url} first.`);

  // Its log file and config (admins included) go to a folder of their own, never into the repository.
  const workDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'keypoints-sync-server-'));
  mkdirSync(workDir, { recursive: true });
  const restarted = existsSync(join(workDir, 'config.json'));
  const args = [
    '--host',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--config',
    join(workDir, 'config.json'),
  ];
  args.push(...(options.dataDir ? ['--dir', workDir] : ['--in-memory']));
  args.push('--no-stdout-logs', '--no-color');

  // Its own process group: stopping kills the server and anything it started, leaving no orphan.
  const child = spawn(BIN, args, { cwd: workDir, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('pouchdb-server did not start.');
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const cleanUp = () => killGroup(pid, 'SIGKILL');
  process.once('exit', cleanUp);

  const stop = async () => {
    process.off('exit', cleanUp);
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(pid, 'SIGTERM');
      const killer = setTimeout(() => killGroup(pid, 'SIGKILL'), 3_000);
      await exited;
      clearTimeout(killer);
    }
    if (!options.dataDir) rmSync(workDir, { recursive: true, force: true });
  };

  try {
    await waitUntil(
      () => answers(url),
      () => failed(child, stderr),
    );
    // After a restart the admin already exists, and pouchdb-server crashes on an anonymous create.
    const auth = restarted && options.admin ? basic(options.admin) : undefined;
    for (const db of options.databases ?? []) {
      const res = await fetch(`${url}/${encodeURIComponent(db)}`, { method: 'PUT', headers: auth });
      if (res.status !== 201 && res.status !== 412)
        throw new Error(`Creating ${db}: ${res.status} ${await res.text()}`);
    }
    if (options.admin && !restarted) {
      const res = await fetch(`${url}/_config/admins/${encodeURIComponent(options.admin.user)}`, {
        method: 'PUT',
        body: JSON.stringify(options.admin.password),
      });
      if (!res.ok) throw new Error(`Adding the admin: ${res.status} ${await res.text()}`);
    }
    const admin = options.admin;
    // The admin's password is hashed in the background: wait until it logs in.
    if (admin)
      await waitUntil(
        () => logsIn(url, admin),
        () => failed(child, stderr),
      );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid, stop };
}

function basic(admin: { user: string; password: string }): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${admin.user}:${admin.password}`).toString('base64')}` };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

async function logsIn(url: string, admin: { user: string; password: string }): Promise<boolean> {
  try {
    const res = await fetch(`${url}/_session`, { headers: basic(admin), signal: AbortSignal.timeout(2_000) });
    const body = (await res.json()) as { userCtx?: { name?: string } };
    return body.userCtx?.name === admin.user;
  } catch {
    return false;
  }
}

function failed(child: ChildProcess, stderr: string): string | null {
  return child.exitCode !== null || child.signalCode !== null
    ? `pouchdb-server exited (${child.exitCode ?? child.signalCode}): ${stderr}`
    : null;
}

async function waitUntil(ready: () => Promise<boolean>, dead: () => string | null): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (!(await ready())) {
    const why = dead();
    if (why) throw new Error(why);
    if (Date.now() > deadline) throw new Error('pouchdb-server did not answer in time.');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
