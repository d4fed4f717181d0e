// The daily loop on a phone, as a new user: grade by keyboard and by touch, undo, reload, Home counts, timer off.
import { expect, type Page, test } from '@playwright/test';
import { readStore } from './helpers/indexed-db';

/** All reviews stored on the device, read with the browser's own IndexedDB API (no app code). */
const storedReviews = (page: Page) =>
  readStore<{ cardId: string; rating: number; notes: string }>(page, 'reviews');

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const question = (page: Page) => page.getByRole('heading', { level: 1 });
const showAnswer = (page: Page) => page.getByRole('button', { name: /Show answer/ });
const keyPoints = (page: Page) => page.getByRole('heading', { name: 'Key points' });

async function expectTouchTarget(page: Page, name: RegExp) {
  const box = await page.getByRole('button', { name }).boundingBox();
  expect(box, `${name} is on screen`).not.toBeNull();
  expect(box?.height ?? 0, `${name} is at least 44px tall`).toBeGreaterThanOrEqual(44);
  expect(box?.width ?? 0, `${name} is at least 44px wide`).toBeGreaterThanOrEqual(44);
}

test('a new user reviews 3 cards by keyboard and 2 by touch, undoes one, and Home counts right after a reload', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await expect(page.getByTestId('new-left')).toHaveText('10');
  await expect(page.getByTestId('reviewed-today')).toHaveText('0');
  await page.getByRole('button', { name: 'Start review' }).tap();

  // Keyboard only. Card 1: jot notes, reveal with Space on Show answer, grade with a digit.
  const seen: string[] = [];
  await expect(showAnswer(page)).toBeVisible();
  seen.push((await question(page).textContent()) ?? '');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Your key points (optional)')).toBeFocused();
  await page.keyboard.type('Check the load balancer metrics first');
  await expect(keyPoints(page)).toHaveCount(0);
  // Past the optional recorder, which stays untouched: the review goes on without it.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Record your answer' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(showAnswer(page)).toBeFocused();
  await page.keyboard.press('Space');
  await expect(keyPoints(page)).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Your notes' })).toContainText(
    'Check the load balancer metrics first',
  );
  await page.keyboard.press('3');

  // Cards 2 and 3: Space reveals, a digit grades; each new card appears at once.
  for (let i = 0; i < 2; i++) {
    await expect(question(page)).not.toHaveText(seen.at(-1) ?? '');
    await expect(showAnswer(page)).toBeVisible();
    seen.push((await question(page).textContent()) ?? '');
    await page.keyboard.press('Space');
    await expect(keyPoints(page)).toBeVisible();
    await page.keyboard.press(i === 0 ? '3' : '4');
  }

  // Touch only: cards 4 and 5.
  for (let i = 0; i < 2; i++) {
    await expect(question(page)).not.toHaveText(seen.at(-1) ?? '');
    await expect(showAnswer(page)).toBeVisible();
    seen.push((await question(page).textContent()) ?? '');
    await expectTouchTarget(page, /Show answer/);
    await showAnswer(page).tap();
    await expect(keyPoints(page)).toBeVisible();
    for (const grade of [/^Again/, /^Hard/, /^Good/, /^Easy/, /^Undo/]) await expectTouchTarget(page, grade);
    await page.getByRole('checkbox').first().tap();
    await page.getByRole('button', { name: /^Good/ }).tap();
  }
  await expect(question(page)).not.toHaveText(seen.at(-1) ?? '');
  expect(new Set(seen).size).toBe(5);
  expect(await storedReviews(page)).toHaveLength(5);

  // Undo the last grade: card 5 comes back, answer shown, with its tick.
  await page.getByRole('button', { name: /^Undo/ }).tap();
  await expect(question(page)).toHaveText(seen[4] ?? '');
  await expect(keyPoints(page)).toBeVisible();
  await expect(page.getByRole('checkbox').first()).toBeChecked();
  await expect.poll(async () => (await storedReviews(page)).length).toBe(4);

  await page.reload();
  await page.getByRole('link', { name: 'Home' }).tap();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  const reviews = await storedReviews(page);
  expect(reviews.map((r) => r.rating)).toEqual(expect.arrayContaining([3, 3, 4, 3]));
  expect(reviews.find((r) => r.notes)?.notes).toBe('Check the load balancer metrics first');
  await expect(page.getByTestId('reviewed-today')).toHaveText('4');
  await expect(page.getByTestId('new-left')).toHaveText(String(10 - 4));
  // Three cards are learning (back in minutes) and the Easy one is days away: nothing is due now.
  await expect(page.getByTestId('due-now')).toHaveText('0');
  await expect(page.getByTestId('next-due')).toHaveText(/Next review in \d+m\./);
  await expect(page.getByTestId('streak')).toHaveText('1 day');

  // The card undone is the first one offered again.
  await page.getByRole('button', { name: 'Start review' }).tap();
  await expect(question(page)).toHaveText(seen[4] ?? '');
  await expect(showAnswer(page)).toBeVisible();
});

test('the timer can be turned off in Settings, and is then gone from the review screen', async ({ page }) => {
  await page.goto('/#/review');
  await expect(showAnswer(page)).toBeVisible();
  await expect(page.getByRole('timer')).toBeVisible();

  await page.getByRole('link', { name: 'Settings' }).tap();
  const timer = page.getByLabel('Show the answer timer');
  await expect(timer).toBeChecked();
  await timer.tap();
  await expect(timer).not.toBeChecked();

  await page.goto('/#/review');
  await expect(showAnswer(page)).toBeVisible();
  await expect(page.getByRole('timer')).toHaveCount(0);
  await page.reload();
  await expect(showAnswer(page)).toBeVisible();
  await expect(page.getByRole('timer')).toHaveCount(0);
});

test.describe('at 200% zoom (a 1280×800 screen)', () => {
  test.use({ viewport: { width: 640, height: 400 }, hasTouch: false, isMobile: false });

  test('the answer stage opens on the key points, not hidden under the grade buttons, with no sideways scroll', async ({
    page,
  }) => {
    await page.goto('/#/review');
    await expect(showAnswer(page)).toBeVisible();
    await page.keyboard.press('Space');
    await expect(keyPoints(page)).toBeFocused();
    // The heading is on top at its own centre: nothing (such as the sticky grade bar) covers it.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const heading = document.activeElement;
          if (!heading) return false;
          const r = heading.getBoundingClientRect();
          const top = document.elementFromPoint(r.left + 10, r.top + r.height / 2);
          return top !== null && heading.contains(top);
        }),
      )
      .toBe(true);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
  });
});
