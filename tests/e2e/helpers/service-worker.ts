// Service-worker steps for e2e specs: wait until it controls the page, ask it to look for an update, see one wait.
import { expect, type Page } from '@playwright/test';

// Installing precaches the whole shell; on a busy machine that takes longer than the default expect wait.
const INSTALL_WAIT_MS = 30_000;

function isControlled(page: Page): Promise<boolean> {
  return page.evaluate(() => navigator.serviceWorker.controller !== null);
}

function hasActiveWorker(page: Page): Promise<boolean> {
  return page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active != null);
}

/**
 * Waits until the app's service worker is active and controls `page`. The worker does not claim the page
 * that installed it (clientsClaim is off, so no page changes hands behind the user's back): one reload does.
 */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  if (await isControlled(page)) return;
  await expect
    .poll(() => hasActiveWorker(page), {
      message: 'the app registers and activates its service worker',
      timeout: INSTALL_WAIT_MS,
    })
    .toBe(true);
  await page.reload();
  await expect.poll(() => isControlled(page), { message: 'the service worker controls the page' }).toBe(true);
}

/** What the app does on its own every hour: ask the server whether a new service worker exists. */
export async function checkForUpdate(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update();
  });
}

/** Waits until a newer service worker is installed and waiting for the user's Reload. */
export async function waitForWaitingWorker(page: Page): Promise<void> {
  await expect
    .poll(
      () => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting != null),
      {
        message: 'the new version installs and waits',
        timeout: INSTALL_WAIT_MS,
      },
    )
    .toBe(true);
}
