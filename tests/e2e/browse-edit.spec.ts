// An own card's whole life in the production build: add, find, edit, review, suspend, delete and undo.
import { expect, type Page, test } from '@playwright/test';

const QUESTION = 'Tell me about a time you untangled a flaky deploy pipeline.';
const EDITED = 'Tell me about a time you untangled a flaky deploy pipeline under pressure.';
// Senior judgement cards: the built-in deck has none, so a session narrowed to them holds only ours.
const SESSION = '/#/?levels=senior&kinds=judgement';

async function historyEntries(page: Page) {
  return page.getByRole('region', { name: 'History' }).locator('.kp-history__item');
}

test('an own card: add, find by search, edit, review, suspend, delete and undo', async ({ page }) => {
  await page.goto('/#/browse');
  await expect(page.getByRole('heading', { level: 1, name: 'Browse' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('15 cards');

  // Add
  await page.getByRole('link', { name: 'Add card' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add card' })).toBeVisible();
  await page.getByLabel('Question', { exact: true }).fill(QUESTION);
  await page.getByLabel('Key point 1', { exact: true }).fill('Found the shared cache');
  await page.getByRole('button', { name: 'Add key point' }).click();
  await page.getByLabel('Key point 2', { exact: true }).fill('Pinned the tool versions');
  await page.getByLabel('Pitfall 1', { exact: true }).fill('Blaming CI');
  await page.getByLabel('Level', { exact: true }).selectOption('senior');
  await page.getByLabel('Kind', { exact: true }).selectOption('judgement');
  await page.getByLabel('Tags (optional)', { exact: true }).fill('story');
  await page.getByRole('button', { name: 'Save card' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(QUESTION);
  await expect(page).toHaveURL(/#\/card\/own%2F[0-9a-z]{10}$/);
  const cardUrl = page.url();

  // Find by search: case and word order do not matter.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Browse' }).click();
  await page.getByLabel('Search cards', { exact: true }).fill('PIPELINE flaky');
  await expect(page.getByRole('status')).toHaveText('1 card');
  await page.getByRole('link', { name: new RegExp(QUESTION) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(QUESTION);
  await expect(page.getByText('My cards')).toBeVisible();

  // Edit: same card, same address.
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit card' })).toBeVisible();
  await page.getByLabel('Question', { exact: true }).fill(EDITED);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EDITED);
  expect(page.url()).toBe(cardUrl);

  // Review it from Home, in a session narrowed to its level and kind.
  await page.goto(SESSION);
  await expect(page.getByTestId('new-left')).toHaveText('1');
  await page.getByRole('button', { name: 'Start review' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EDITED);
  await page.getByRole('button', { name: /Show answer/ }).click();
  await page.getByRole('checkbox', { name: 'Found the shared cache' }).check();
  await page.getByRole('button', { name: /^Good/ }).click();
  // Nothing else is left in this session: learn ahead brings the card, now learning, back at once.
  await expect(page.getByRole('heading', { name: 'Key points' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EDITED);
  await expect(page.getByRole('button', { name: /Show answer/ })).toBeVisible();

  // Its page shows the review.
  await page.goto(cardUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EDITED);
  const entries = await historyEntries(page);
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('Good');
  await expect(entries.first()).toContainText('Recalled 1 key point:');
  await expect(entries.first()).toContainText('Found the shared cache');

  // Suspend: out of sessions.
  await page.getByRole('button', { name: 'Suspend' }).click();
  await expect(page.getByRole('button', { name: 'Unsuspend' })).toBeVisible();
  await page.goto(SESSION);
  await expect(page.getByTestId('next-due')).toHaveText('No cards match these filters.');

  // Delete, then Undo: back with its history.
  await page.goto(cardUrl);
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Delete card' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Card deleted' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('was deleted with its 1 review');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EDITED);
  await expect(await historyEntries(page)).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Unsuspend' })).toBeVisible();
});
