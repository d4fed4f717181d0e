// Rehearsing out loud with the microphone refused: a clear line, and the review works exactly as before.
import { expect, test } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../../playwright.config';
import { noAxeViolations, storedRecordings, storedReviews } from './helpers/recording';

// A microphone exists, but every permission prompt is answered No (no fake-ui flag).
test.use({
  launchOptions: {
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--deny-permission-prompts'],
  },
});

test.describe('with the microphone refused', () => {
  test('Record says so in a clear line, and the review goes on exactly as before', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Start review' }).click();
    const first = await page.getByRole('heading', { level: 1 }).textContent();
    await page.getByRole('button', { name: 'Record your answer' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      /The microphone is not allowed for Keypoints, so nothing was recorded/,
    );
    await noAxeViolations(page);

    await page.keyboard.press('Space');
    await expect(page.getByRole('heading', { name: 'Key points' })).toBeVisible();
    await page.keyboard.press('3');
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(first ?? '');
    await expect(page.getByRole('button', { name: 'Record your answer' })).toBeVisible();
    expect(await storedReviews(page)).toHaveLength(1);
    expect(await storedRecordings(page)).toEqual([]);
  });
});
