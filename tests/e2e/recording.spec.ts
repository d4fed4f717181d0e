// Rehearsing out loud in real Chromium with its fake microphone: record, play back, find it again, delete it with its card; a refused microphone changes nothing else.
import { expect, test } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../../playwright.config';
import { AUTOPLAY, noAxeViolations, playsPast, storedRecordings, storedReviews } from './helpers/recording';

// A fake microphone (a beep) that the page may use without asking.
test.use({
  launchOptions: {
    executablePath: CHROMIUM,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      AUTOPLAY,
    ],
  },
});

test.describe('with a microphone', () => {
  test('records 2 s, plays it back beside the key points, finds it on the card page after a reload, and it goes with its card', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Start review' }).click();
    await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();

    await page.getByRole('button', { name: 'Record your answer' }).click();
    await expect(page.getByText('Recording your answer')).toBeVisible();
    // A real two seconds of (fake) speech: the recorder runs on the machine's clock.
    await page.waitForTimeout(2_200);
    await page.getByRole('button', { name: 'Stop recording' }).click();
    await expect(page.getByText(/Recorded 0:0[2-9]\. Play it back with the answer\./)).toBeVisible();

    const [stored] = await storedRecordings(page);
    expect(stored?.durationMs).toBeGreaterThan(1_000);
    expect(stored?.size).toBeGreaterThan(0);
    expect(stored?.mimeType).toMatch(/^audio\/(webm|mp4|ogg)/);
    const cardId = stored?.cardId ?? '';

    // The answer stage: the recording beside the key points, with its real length once loaded.
    await page.getByRole('button', { name: /Show answer/ }).click();
    await expect(page.getByRole('heading', { name: 'Key points' })).toBeVisible();
    const player = page.getByLabel(/^Your recorded answer, 0:0[2-9]$/);
    await expect(player).toBeVisible();
    await playsPast(player, 1);
    await noAxeViolations(page);
    await page.keyboard.press('3');
    await expect(page.getByRole('heading', { name: 'Key points' })).toHaveCount(0);
    expect(await storedReviews(page)).toHaveLength(1);

    // After a reload, on the card's page: date, length, a player that plays it.
    await page.goto(`/#/card/${encodeURIComponent(cardId)}`);
    await page.reload();
    const item = page.getByTestId('card-recording');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(/0:0[2-9]/);
    await playsPast(item.locator('audio'), 1);
    await noAxeViolations(page);

    // Settings counts it.
    await page.goto('/#/settings');
    await expect(page.getByTestId('recordings-total')).toHaveText(
      /^1 recording on this device, [\d.]+ (B|KB)/,
    );

    // Deleting the card deletes its recording.
    await page.goto(`/#/card/${encodeURIComponent(cardId)}`);
    await page
      .getByRole('button', { name: /^Delete/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Delete card' }).click();
    await expect(page.getByRole('heading', { name: 'Card deleted' })).toBeVisible();
    await expect(page.getByText(/with its 1 review and 1 recording/)).toBeVisible();
    expect(await storedRecordings(page)).toEqual([]);
  });

  test('a recording deleted on the card page, and Delete all recordings in Settings after a confirmation', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Start review' }).click();
    for (let i = 0; i < 2; i++) {
      await page.getByRole('button', { name: 'Record your answer' }).click();
      await expect(page.getByText('Recording your answer')).toBeVisible();
      await page.waitForTimeout(1_200);
      // Show answer ends the recording and keeps it.
      await page.getByRole('button', { name: /Show answer/ }).click();
      await expect(page.getByLabel(/^Your recorded answer/)).toBeVisible();
      await page.keyboard.press('3');
      await expect(page.getByRole('heading', { name: 'Key points' })).toHaveCount(0);
    }
    const recordings = await storedRecordings(page);
    expect(recordings).toHaveLength(2);

    await page.goto(`/#/card/${encodeURIComponent(recordings[0]?.cardId ?? '')}`);
    await expect(page.getByTestId('card-recording')).toHaveCount(1);
    await page.getByRole('button', { name: /^Delete the recording of/ }).click();
    await expect(page.getByTestId('card-recording')).toHaveCount(0);
    await expect(page.getByText('No recordings.', { exact: false })).toBeVisible();

    await page.goto('/#/settings');
    await expect(page.getByTestId('recordings-total')).toHaveText(/^1 recording on this device/);
    await page.getByRole('button', { name: 'Delete all recordings…' }).click();
    await expect(page.getByRole('heading', { name: 'Delete all recordings?' })).toBeVisible();
    await noAxeViolations(page);
    await page.getByRole('button', { name: 'Delete all recordings', exact: true }).click();
    await expect(page.getByTestId('recordings-total')).toHaveText('No recordings on this device.');
    expect(await storedRecordings(page)).toEqual([]);
    expect(await storedReviews(page)).toHaveLength(2);
  });
});
