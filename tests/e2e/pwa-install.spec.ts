// The production build is an installable PWA whose shell opens offline, under a CSP with no inline script.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, expect, type Page, test } from '@playwright/test';
import { BASE_URL, CHROMIUM, CHROMIUM_ARGS } from '../../playwright.config';

// Installability needs a persistent profile: an incognito context reports `in-incognito`.
async function withProfile(run: (context: BrowserContext, page: Page) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'kp-pwa-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await run(context, page);
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function serviceWorkerReady(page: Page): Promise<boolean> {
  // Bounded so a missing registration fails with a message instead of the test timeout.
  return page.evaluate(() =>
    Promise.race([
      navigator.serviceWorker.ready.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 20_000)),
    ]),
  );
}

test('Chromium reports no installability errors and no CSP violations', async () => {
  await withProfile(async (context, page) => {
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
    });
    await page.goto(BASE_URL);
    expect(await serviceWorkerReady(page), 'the app registers its service worker at start-up').toBe(true);

    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);

    await expect(page.locator('script:not([src])')).toHaveCount(0);
    expect(cspViolations).toEqual([]);
  });
});

test('after one visit the app opens with no network', async () => {
  await withProfile(async (context, page) => {
    await page.goto(BASE_URL);
    expect(await serviceWorkerReady(page), 'the app registers its service worker at start-up').toBe(true);
    // The first page is not controlled (no clients.claim); the next navigation is.
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await expect(page).toHaveTitle('Keypoints');
    await expect(page.locator('#root')).not.toBeEmpty();
  });
});

test('the manifest icons are not precached, yet once fetched they are served with no network', async () => {
  await withProfile(async (context, page) => {
    await page.goto(BASE_URL);
    expect(await serviceWorkerReady(page), 'the app registers its service worker at start-up').toBe(true);
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    const cdp = await context.newCDPSession(page);
    const { data } = await cdp.send('Page.getAppManifest');
    const icons = (JSON.parse(data ?? '{}') as { icons?: Array<{ src: string }> }).icons ?? [];
    const sources = icons.map((icon) => icon.src);
    expect(sources).toHaveLength(3);
    const precached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of (await caches.keys()).filter((n) => n.includes('precache')))
        for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      return urls;
    });
    expect(precached.length).toBeGreaterThan(0);
    expect(precached.filter((url) => url.includes('/icons/'))).toEqual([]);

    // As the browser does when it installs the app: fetch each icon, here from a page the worker controls.
    const sizes = () =>
      page.evaluate(
        (list) => Promise.all(list.map(async (src) => (await (await fetch(src)).blob()).size)),
        sources,
      );
    const online = await sizes();
    expect(online.every((size) => size > 1_000)).toBe(true);
    await context.setOffline(true);
    expect(await sizes()).toEqual(online);
  });
});
