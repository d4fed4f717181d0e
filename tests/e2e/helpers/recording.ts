// Shared by the recording specs: what the device stored, axe in both themes, and playing a recording.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { readStore } from './indexed-db';

interface StoredRecording {
  id: string;
  cardId: string;
  durationMs: number;
  mimeType: string;
  size: number;
}

export const storedRecordings = (page: Page) => readStore<StoredRecording>(page, 'recordings');
export const storedReviews = (page: Page) => readStore<{ cardId: string }>(page, 'reviews');
// Played from a script, not a tap on the controls: no gesture needed for that.
export const AUTOPLAY = '--autoplay-policy=no-user-gesture-required';

export async function noAxeViolations(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(
      violations.map((v) => `${colorScheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
    ).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}

/** Plays an audio element from the start and waits until it has played past `seconds`. */
export async function playsPast(selector: Locator, seconds: number): Promise<void> {
  // The length is found (WebM from MediaRecorder starts as Infinity) before playing.
  await expect.poll(() => selector.evaluate((el: HTMLAudioElement) => el.duration)).toBeGreaterThan(1);
  await expect
    .poll(() => selector.evaluate((el: HTMLAudioElement) => Number.isFinite(el.duration)))
    .toBe(true);
  await selector.evaluate((el: HTMLAudioElement) => {
    el.currentTime = 0;
    return el.play();
  });
  await expect
    .poll(() => selector.evaluate((el: HTMLAudioElement) => el.currentTime), { timeout: 15_000 })
    .toBeGreaterThan(seconds);
  await selector.evaluate((el: HTMLAudioElement) => el.pause());
}
