// Updates the user controls: a new version waits for the card and the user's Reload; old tabs keep working.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { DIST, PORT } from '../../playwright.config';
import { UPDATE_WAITING_LOG } from '../../src/pwa/update-connection';
import { buildApp } from './helpers/build-app';
import { readReviewCount } from './helpers/indexed-db';
import { gradeShownCard, reviewCards, showAnswer, startReview } from './helpers/review';
import { checkForUpdate, waitForServiceWorkerControl, waitForWaitingWorker } from './helpers/service-worker';
import { type StaticServer, startStaticServer } from './helpers/static-server';

// Next to the preview server's port (4322 → 4323), so parallel runs on other ports do not collide.
const UPDATE_PORT = Number(process.env.KP_UPDATE_PORT ?? PORT + 1);
const V1 = resolve(`${DIST}-v1`);
const V2 = resolve(`${DIST}-v2`);

let site: string;
let server: StaticServer;

/** Replaces everything the server serves with one build, as a deploy does: the old files are gone. */
async function deploy(build: string): Promise<void> {
  for (const entry of await readdir(site)) await rm(join(site, entry), { recursive: true, force: true });
  await cp(build, site, { recursive: true });
}

async function settingsChunk(build: string): Promise<string | undefined> {
  return (await readdir(join(build, 'assets'))).find((f) => /^settings-screen-.*\.js$/.test(f));
}

function updateNotice(page: Page) {
  return page.getByRole('status').filter({ hasText: 'Update available' });
}

test.beforeAll(async () => {
  // Two builds that differ only by their label (Settings: "Keypoints version v1" / "v2").
  await buildApp(V1, 'v1');
  await buildApp(V2, 'v2');
  site = await mkdtemp(join(tmpdir(), 'kp-update-'));
  server = await startStaticServer(site, UPDATE_PORT);
});

test.afterAll(async () => {
  await server?.close();
  if (site) await rm(site, { recursive: true, force: true });
});

test('a version deployed mid-card waits for the card and the user; Reload switches to it, history intact', async ({
  page,
}) => {
  const oldSettingsChunk = await settingsChunk(V1);
  expect(oldSettingsChunk, 'v1 has a lazily loaded Settings chunk').toBeDefined();
  // So that only v1's precache can still serve it once v2 is deployed.
  expect(await settingsChunk(V2)).not.toBe(oldSettingsChunk);

  await deploy(V1);
  await page.goto(`${server.url}/`);
  await waitForServiceWorkerControl(page);
  await startReview(page);
  await showAnswer(page);
  const question = await page.getByRole('heading', { level: 1 }).textContent();

  const appKnows = page.waitForEvent('console', (message) => message.text() === UPDATE_WAITING_LOG);
  await deploy(V2);
  // The app checks every hour; a reload is not an option with a card on screen, so ask the worker directly.
  await checkForUpdate(page);
  await waitForWaitingWorker(page);
  // The app itself has been told (not just the browser): from here on, a notice would be on screen.
  await appKnows;

  // The card in progress is untouched: same question, answer still shown, no notice over it.
  await expect(updateNotice(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(question ?? '');
  await expect(page.getByRole('heading', { name: 'Key points' })).toBeVisible();
  await gradeShownCard(page);
  expect(await readReviewCount(page)).toBe(1);

  await page.getByRole('button', { name: 'End session' }).click();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await expect(updateNotice(page)).toBeVisible();
  await expect(page.getByTestId('reviewed-today')).toHaveText('1');

  // The old tab keeps working until the user says so, screens it has not opened yet included.
  const requestsBefore = server.requests.length;
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('app-version')).toHaveText('Keypoints version v1');
  expect(server.requests.slice(requestsBefore).filter((r) => r.includes('settings-screen'))).toEqual([]);

  await page.getByRole('link', { name: 'Home' }).click();
  const reloaded = page.waitForEvent('load');
  await updateNotice(page).getByRole('button', { name: 'Reload' }).click();
  await reloaded;

  await expect(page.getByTestId('reviewed-today')).toHaveText('1');
  await expect(updateNotice(page)).toHaveCount(0);
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('app-version')).toHaveText('Keypoints version v2');
  expect(await readReviewCount(page)).toBe(1);
});

test('another tab applying the update leaves this one working: a screen it had not opened yet still opens', async ({
  context,
  page,
}) => {
  test.setTimeout(120_000);
  await deploy(V1);
  await page.goto(`${server.url}/`);
  await waitForServiceWorkerControl(page);
  await startReview(page);
  await reviewCards(page, 1);
  await page.getByRole('button', { name: 'End session' }).click();
  const other = await context.newPage();
  await other.goto(`${server.url}/`);
  await expect(other.getByTestId('reviewed-today')).toHaveText('1');

  await deploy(V2);
  await checkForUpdate(page);
  await waitForWaitingWorker(page);
  // A tab that stayed on Home connects to the service worker by its fallback timer (10 s after it
  // loaded, src/app/main.tsx), so its notice may come that much later than this tab's.
  await expect(updateNotice(other)).toBeVisible({ timeout: 25_000 });
  const otherReloaded = other.waitForEvent('load');
  await updateNotice(other).getByRole('button', { name: 'Reload' }).click();
  await otherReloaded;
  await other.getByRole('link', { name: 'Settings' }).click();
  await expect(other.getByTestId('app-version')).toHaveText('Keypoints version v2');

  // v1's files are gone from the server and, once v2 took over, from the cache too: this tab cannot load
  // v1's Settings any more. It must not go blank; it opens the screen in the version now installed.
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByTestId('app-version')).toHaveText('Keypoints version v2');
  await page.getByRole('link', { name: 'Home' }).click();
  await expect(page.getByTestId('reviewed-today')).toHaveText('1');
});
