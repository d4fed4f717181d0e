// A whole review session with the keyboard alone (Tab, Space, Enter, digits; never a click), as a screen-reader user hears it.
import { expect, type Locator, type Page, test } from '@playwright/test';

/** Presses Tab until `target` has the focus, as a keyboard user walks through the page. */
async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** The polite live region that tells a screen-reader user which card is on screen. */
function announcer(page: Page): Locator {
  return page.locator('[aria-live="polite"]').filter({ hasText: /^(Next card|Answer shown|All caught up)/ });
}

test('a keyboard user reviews every card of the day, hears each next card, then reaches Settings', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Start review' }));
  await page.keyboard.press('Enter');

  // Each card starts at its question, which has the focus and is announced.
  const question = page.getByRole('heading', { level: 1 });
  await expect(question).toBeFocused();
  const first = (await question.textContent()) ?? '';
  expect(first).not.toBe('');
  await expect(announcer(page)).toHaveText(`Next card: ${first}`);

  // The first card by Tab and Enter on the controls themselves.
  await tabTo(page, page.getByRole('button', { name: /^Show answer/ }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Key points' })).toBeFocused();
  await expect(announcer(page)).toHaveText(`Answer shown: ${first}`);

  // Ticking key points moves the suggestion, which is said in words, not only in colour.
  const points = page.getByRole('region', { name: 'Key points' }).getByRole('checkbox');
  const count = await points.count();
  expect(count).toBeGreaterThan(1);
  await expect(page.getByRole('button', { name: /Suggested/ })).toHaveAccessibleName(/^Again/);
  for (let i = 0; i < count; i++) {
    await tabTo(page, points.nth(i));
    await page.keyboard.press('Space');
    await expect(points.nth(i)).toBeChecked();
  }
  await expect(page.getByText(`Recalled ${count} of ${count}.`)).toBeVisible();
  const suggested = page.getByRole('button', { name: /Suggested/ });
  await expect(suggested).toHaveCount(1);
  await expect(suggested).toHaveAccessibleName(/^Good/);
  await expect(suggested).toContainText('Suggested');

  // Easy sends a new card straight to review, so the day's new cards run out and the session ends.
  await tabTo(page, page.getByRole('button', { name: /^Easy/ }));
  await page.keyboard.press('Enter');
  await expect(question).not.toHaveText(first);
  await expect(question).toBeFocused();
  const second = (await question.textContent()) ?? '';
  await expect(announcer(page)).toHaveText(`Next card: ${second}`);

  // The rest with the shortcuts: Space reveals, 4 grades Easy.
  const caughtUp = page.getByRole('heading', { level: 1, name: 'All caught up' });
  let previous = second;
  for (let graded = 1; graded < 30; graded++) {
    await page.keyboard.press('Space');
    await expect(page.getByRole('heading', { name: 'Key points' })).toBeVisible();
    await page.keyboard.press('4');
    await expect(question.filter({ hasNotText: previous }).or(caughtUp)).toBeVisible();
    if (await caughtUp.isVisible()) break;
    previous = (await question.textContent()) ?? '';
    await expect(announcer(page)).toHaveText(`Next card: ${previous}`);
  }
  await expect(caughtUp).toBeVisible();
  await expect(announcer(page)).toHaveText('All caught up');

  // Undo is one key away even after the last card.
  await page.keyboard.press('z');
  await expect(page.getByRole('heading', { name: 'Key points' })).toBeVisible();
  await expect(question).toHaveText(previous);
  await page.keyboard.press('4');
  await expect(caughtUp).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: 'Back to Home' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();

  await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

test('a key point reached with Tab is above the sticky grade bar, never hidden under it', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Start review' }).click();
  const question = page.getByRole('heading', { level: 1 });
  const bar = page.locator('.kp-actionbar');
  // The first four cards: two of them have key points low enough to land behind the bar.
  for (let card = 0; card < 4; card++) {
    const shown = (await question.textContent()) ?? '';
    await page.keyboard.press('Space');
    const points = page.getByRole('region', { name: 'Key points' }).getByRole('checkbox');
    await expect(points.first()).toBeVisible();
    for (let i = 0; i < (await points.count()); i++) {
      await tabTo(page, points.nth(i));
      const [point, grades] = await Promise.all([points.nth(i).boundingBox(), bar.boundingBox()]);
      expect(point && grades && point.y + point.height).toBeLessThanOrEqual(grades?.y ?? 0);
    }
    await page.keyboard.press('4');
    await expect(question).not.toHaveText(shown);
  }
});
