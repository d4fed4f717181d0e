// Two tabs on the same card: the second grade is refused, explained, and never stored twice.
import { expect, type Page, test } from '@playwright/test';
import { readReviewCount as reviewCount } from './helpers/indexed-db';

const question = (page: Page) => page.getByRole('heading', { level: 1 });
const showAnswer = (page: Page) => page.getByRole('button', { name: /Show answer/ });

async function reveal(page: Page) {
  await expect(showAnswer(page)).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('heading', { name: 'Key points' })).toBeVisible();
}

test('a card graded in tab A is not graded again in tab B, which says so and moves on', async ({
  context,
}) => {
  const tabA = await context.newPage();
  await tabA.goto('/#/review');
  await expect(showAnswer(tabA)).toBeVisible();
  const tabB = await context.newPage();
  await tabB.goto('/#/review');
  await expect(showAnswer(tabB)).toBeVisible();

  const first = (await question(tabA).textContent()) ?? '';
  await expect(question(tabB)).toHaveText(first);

  await reveal(tabA);
  await reveal(tabB);
  await tabA.keyboard.press('3');
  await expect(question(tabA)).not.toHaveText(first);
  const second = (await question(tabA).textContent()) ?? '';
  await expect.poll(() => reviewCount(tabA)).toBe(1);

  await tabB.keyboard.press('3');

  await expect(tabB.getByRole('alert')).toContainText('graded in another tab');
  await expect(question(tabB)).toHaveText(second);
  await expect(showAnswer(tabB)).toBeVisible();
  expect(await reviewCount(tabB)).toBe(1);

  // Tab B goes on normally from there.
  await reveal(tabB);
  await tabB.keyboard.press('3');
  await expect(question(tabB)).not.toHaveText(second);
  await expect.poll(() => reviewCount(tabA)).toBe(2);
});

test('a tab skips the cards another tab graded after it started, instead of showing them again', async ({
  context,
}) => {
  const tabA = await context.newPage();
  await tabA.goto('/#/review');
  await expect(showAnswer(tabA)).toBeVisible();
  const tabB = await context.newPage();
  await tabB.goto('/#/review');
  await expect(showAnswer(tabB)).toBeVisible();
  const first = (await question(tabB).textContent()) ?? '';

  // Tab A works through the first two cards while tab B stays on the first.
  const gradedInA: string[] = [];
  for (let i = 0; i < 2; i++) {
    gradedInA.push((await question(tabA).textContent()) ?? '');
    await reveal(tabA);
    await tabA.keyboard.press('3');
    await expect(question(tabA)).not.toHaveText(gradedInA.at(-1) ?? '');
  }
  const third = (await question(tabA).textContent()) ?? '';
  expect(gradedInA[0]).toBe(first);

  await reveal(tabB);
  await tabB.keyboard.press('3');

  await expect(tabB.getByRole('alert')).toContainText('graded in another tab');
  await expect(question(tabB)).toHaveText(third);
  expect(await reviewCount(tabB)).toBe(2);
});
