// The production build opens on the built-in deck and shows its first question.
import { expect, test } from '@playwright/test';

test('a new user starts a review and sees the deck’s first question', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await expect(page.getByTestId('new-left')).toHaveText('10');
  await page.getByRole('button', { name: 'Start review' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Explain how you would diagnose and fix a sudden increase in 5xx errors from an AWS-backed service that you maintain.',
  );
  await expect(page.getByText('Junior', { exact: true })).toBeVisible();
});
