// The daily flow on the page's clock: learn ahead instead of "Next card soon".
import { expect, type Page, test } from '@playwright/test';
import { readStore } from './helpers/indexed-db';
import { gradeShownCard, showAnswer } from './helpers/review';

// A fixed morning (local time), far from the day's start at 04:00.
const T0 = new Date(2030, 2, 4, 9, 0).getTime();

const question = (page: Page) => page.getByRole('heading', { level: 1 });
const waitingScreen = (page: Page) => page.getByRole('heading', { name: 'Next card soon' });

test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: T0 });
});

/** Types settings on the Settings screen, as a user would, and waits until they are stored. */
async function useSettings(page: Page, fields: Record<string, string>, stored: Record<string, unknown>) {
  await page.goto('/#/settings');
  for (const [label, value] of Object.entries(fields))
    await page.getByLabel(label, { exact: true }).fill(value);
  await expect
    .poll(async () => (await readStore<Record<string, unknown>>(page, 'settings'))[0])
    .toMatchObject(stored);
}

async function startReview(page: Page): Promise<string> {
  await page.goto('/#/');
  await page.getByRole('button', { name: 'Start review' }).click();
  await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();
  return (await question(page).textContent()) ?? '';
}

test('learn ahead: with nothing else left, the learning card comes at once instead of "Next card soon"', async ({
  page,
}) => {
  await useSettings(page, { 'New cards per day': '1' }, { newPerDay: 1, learnAheadMinutes: 20 });
  const first = await startReview(page);

  await showAnswer(page);
  await gradeShownCard(page, '3'); // Good: due again in 10 minutes, within the default 20.

  await expect(question(page)).toHaveText(first);
  await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();
  await expect(waitingScreen(page)).toHaveCount(0);
});

test('beyond the learn-ahead limit: "Next card soon", then the card once it is within the limit', async ({
  page,
}) => {
  await useSettings(
    page,
    { 'New cards per day': '1', 'Learn ahead limit (minutes)': '5' },
    { newPerDay: 1, learnAheadMinutes: 5 },
  );
  const first = await startReview(page);

  await showAnswer(page);
  await gradeShownCard(page, '3'); // due in 10 minutes: 5 beyond the limit.

  await expect(waitingScreen(page)).toBeVisible();
  await expect(page.getByRole('button', { name: /Show answer/ })).toHaveCount(0);

  await page.clock.fastForward('05:00');
  await expect(question(page)).toHaveText(first);
  await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();
});
