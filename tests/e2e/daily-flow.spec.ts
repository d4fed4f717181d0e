// The daily flow on the page's clock: learn ahead instead of "Next card soon", and the answer timer's overrun kept in the card's history.
import { expect, type Page, test } from '@playwright/test';
import { minutesSeconds } from '../../src/domain/pacing';
import { readStore } from './helpers/indexed-db';
import { gradeShownCard, showAnswer } from './helpers/review';

// A fixed morning (local time), far from the day's start at 04:00.
const T0 = new Date(2030, 2, 4, 9, 0).getTime();
const FIRST_CARD = 'amazon-engineer/1.1'; // Junior, operational: a 3:00 target by default

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

test("an answer graded past its target shows its overrun in the card's history, after a reload too", async ({
  page,
}) => {
  await startReview(page);
  const timer = page.getByRole('timer');
  await expect(timer).toHaveText(/^\d:\d\d left$/);
  await expect(timer).toHaveAccessibleName(/^Answer time, target 3:00: /);

  await page.clock.fastForward('03:40');
  await expect(timer).toHaveText(/^\d:\d\d over$/);
  await showAnswer(page);
  await gradeShownCard(page, '3');

  const [review] = await readStore<{ cardId: string; durationMs: number; targetMs?: number }>(
    page,
    'reviews',
  );
  expect(review).toMatchObject({ cardId: FIRST_CARD, targetMs: 180_000 });
  const over = Math.floor(((review?.durationMs ?? 0) - 180_000) / 1000);
  expect(over).toBeGreaterThanOrEqual(40);
  const overText = `over by ${minutesSeconds(over)}`;

  await page.goto(`/#/card/${encodeURIComponent(FIRST_CARD)}`);
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByRole('listitem').filter({ hasText: 'Good' })).toContainText(overText);

  await page.reload();
  await expect(page.getByRole('region', { name: 'History' }).getByRole('listitem').first()).toContainText(
    overText,
  );
});
