// Two tabs at once: a card is never graded twice, and the day's new-card limit holds across both.
import { expect, type Page, test } from '@playwright/test';
import { readStore, readReviewCount as reviewCount } from './helpers/indexed-db';

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

/** Cards first graded (introduced) on this device, in every tab: reviews of a card in its new state. */
async function introducedCount(page: Page): Promise<number> {
  const reviews = await readStore<{ log: { state: number } }>(page, 'reviews');
  return reviews.filter((r) => r.log.state === 0).length;
}

test('two tabs narrowed differently never introduce more new cards in a day than the limit', async ({
  context,
}) => {
  const LIMIT = 3;
  const settings = await context.newPage();
  await settings.goto('/#/settings');
  const newPerDay = settings.getByLabel('New cards per day');
  await expect(newPerDay).toHaveValue('10');
  await newPerDay.fill(String(LIMIT));
  await expect
    .poll(async () => (await readStore<{ newPerDay: number }>(settings, 'settings'))[0]?.newPerDay)
    .toBe(LIMIT);
  await settings.close();

  // Each tab's own queue holds the whole allowance: three junior cards, three mid-level ones.
  const tabA = await context.newPage();
  await tabA.goto('/#/review?levels=junior');
  await expect(showAnswer(tabA)).toBeVisible();
  const tabB = await context.newPage();
  await tabB.goto('/#/review?levels=mid');
  await expect(showAnswer(tabB)).toBeVisible();

  // Grade alternately, Easy (so no card comes back today), until neither tab has a card left.
  for (let round = 0; round < 2 * LIMIT; round++) {
    for (const tab of [tabA, tabB]) {
      if (!(await showAnswer(tab).isVisible())) continue;
      await reveal(tab);
      await tab.keyboard.press('4');
      await expect(tab.getByRole('heading', { name: 'Key points' })).toHaveCount(0);
      expect(await introducedCount(tab)).toBeLessThanOrEqual(LIMIT);
    }
  }

  for (const tab of [tabA, tabB]) {
    await expect(tab.getByRole('heading', { name: 'All caught up' })).toBeVisible();
  }
  expect(await introducedCount(tabA)).toBe(LIMIT);
  // The tab whose card was shown before the last allowance went says why its grade was not kept.
  await expect(tabB.getByRole('alert')).toContainText('new cards have all been started');
});
