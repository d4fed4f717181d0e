// Two devices and a server: turning sync on through the Sync screen, waiting for it, and comparing what each device holds.
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';
import { readStore } from './indexed-db';
import { reviewCards } from './review';

export interface SyncFields {
  serverUrl: string;
  database: string;
  user?: string;
  password?: string;
  passphrase?: string;
}

/** A device: its own browser context (its own IndexedDB), on Home. */
export async function device(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/#/');
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  return { context, page };
}

export async function fillSyncForm(page: Page, fields: SyncFields): Promise<void> {
  await page.goto('/#/sync');
  await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
  await page.getByLabel('Server address', { exact: true }).fill(fields.serverUrl);
  await page.getByLabel('Database', { exact: true }).fill(fields.database);
  await page.getByLabel('User', { exact: true }).fill(fields.user ?? '');
  await page.getByLabel('Password', { exact: true }).fill(fields.password ?? '');
  await page.getByLabel('Passphrase', { exact: true }).fill(fields.passphrase ?? '');
}

/** Turns sync on from the Sync screen and waits for the first sync to finish. */
export async function turnOnSync(page: Page, fields: SyncFields): Promise<void> {
  await fillSyncForm(page, fields);
  await page.getByRole('button', { name: 'Turn on sync' }).click();
  await expect(page.getByRole('heading', { name: 'Sync is on' })).toBeVisible({ timeout: 30_000 });
  await waitSynced(page);
}

/** On the Sync screen: synced, with nothing waiting and no error. */
export async function waitSynced(page: Page, timeout = 30_000): Promise<void> {
  if (!page.url().includes('#/sync')) await page.goto('/#/sync');
  const status = page.getByTestId('sync-status');
  await expect(status).toContainText('Last synced', { timeout });
  await expect(status).toContainText('No changes waiting', { timeout });
  await expect(page.getByTestId('sync-error')).toHaveCount(0);
}

/** Sync now, then wait until it has gone through. */
export async function syncNow(page: Page): Promise<void> {
  if (!page.url().includes('#/sync')) await page.goto('/#/sync');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await waitSynced(page);
}

/** Grades `count` cards of a session narrowed by `query` (e.g. 'levels=principal'), Good by default. */
export async function grade(
  page: Page,
  count: number,
  query = '',
  key: '1' | '2' | '3' | '4' = '3',
): Promise<void> {
  await page.goto(`/#/review${query ? `?${query}` : ''}`);
  await reviewCards(page, count, key);
}

interface ScheduleRow {
  cardId: string;
  due: number;
  stability: number;
  difficulty: number;
  state: number;
  reps: number;
  lapses: number;
}

/**
 * What both devices must agree on, as one SHA-256: review ids, every schedule's FSRS state, and the
 * cards' questions. A card never reviewed has no FSRS state yet; its `due` is only the moment this
 * device first stored it (each device seeds the built-in deck itself), so it is left out.
 */
export async function contentHash(page: Page): Promise<string> {
  const reviews = (await readStore<{ id: string }>(page, 'reviews')).map((r) => r.id).sort();
  const schedules = (await readStore<ScheduleRow>(page, 'schedules'))
    .map((s) => [s.cardId, s.reps === 0 ? null : s.due, s.stability, s.difficulty, s.state, s.reps, s.lapses])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  const cards = (await readStore<{ id: string; question: string; deletedAt?: number }>(page, 'cards'))
    .map((c) => [c.id, c.question])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return page.evaluate(async (text) => {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  }, JSON.stringify({ reviews, schedules, cards }));
}

export async function reviewIds(page: Page): Promise<string[]> {
  return (await readStore<{ id: string }>(page, 'reviews')).map((r) => r.id).sort();
}

/** Every document in a database of the server, read by the test as its admin (or anonymously). */
export async function serverDocs(
  serverUrl: string,
  database: string,
  auth?: { user: string; password: string },
): Promise<{ id: string; doc: unknown }[]> {
  const headers: Record<string, string> = auth
    ? { Authorization: `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}` }
    : {};
  const res = await fetch(`${serverUrl}/${database}/_all_docs?include_docs=true`, { headers });
  const body = (await res.json()) as { rows: { id: string; doc: unknown }[] };
  return body.rows.map((r) => ({ id: r.id, doc: r.doc }));
}

/** The screen as it is now passes axe-core in the light and the dark theme (screens the a11y spec cannot reach without a server). */
export async function expectAccessible(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(
      violations.map(
        (v) => `${colorScheme}: ${v.id} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
      ),
    ).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}
