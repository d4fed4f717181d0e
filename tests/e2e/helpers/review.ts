// The review loop as a user drives it with the keyboard: Start review, Space to reveal, a digit to grade.
import { expect, type Page } from '@playwright/test';

export async function startReview(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start review' }).click();
  await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();
}

/** Space on a card in its recall stage: the answer stage (key points, rubric, example) opens. */
export async function showAnswer(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('heading', { name: 'Key points' })).toBeVisible();
}

/**
 * Grades the card whose answer is shown (1 Again … 4 Easy) and waits until the screen has moved on,
 * which happens only once the grade is stored (a failed grade keeps the card and its answer on screen).
 */
export async function gradeShownCard(page: Page, key: '1' | '2' | '3' | '4' = '3'): Promise<void> {
  await page.keyboard.press(key);
  await expect(page.getByRole('heading', { name: 'Key points' })).toHaveCount(0);
}

/** Reveals and grades `count` cards in a row, from a card in its recall stage. */
export async function reviewCards(
  page: Page,
  count: number,
  key: '1' | '2' | '3' | '4' = '3',
): Promise<void> {
  for (let i = 0; i < count; i++) {
    await showAnswer(page);
    await gradeShownCard(page, key);
  }
}
