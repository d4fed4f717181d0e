// Interviews in the production build, as a user meets them: add one 14 days ahead, see it on Home and on its
// Readiness screen, open a weakest card, edit and remove it, everything kept across reloads; keyboard only; a phone's width.
import { expect, type Page, test } from '@playwright/test';
import { readStore } from './helpers/indexed-db';
import { reviewCards, startReview } from './helpers/review';

// Tuesday 1 December 2026, 10:00 in Berlin; the interview is on the 15th, 14 study days later.
const T0 = Date.UTC(2026, 11, 1, 9, 0);
const DATE = '2026-12-15';

test.use({ timezoneId: 'Europe/Berlin', locale: 'en-US' });

test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: T0 });
});

interface StoredInterview {
  name: string;
  at: number;
  dailyMinutes: number;
  leadDays: number;
  target: number;
}

async function addThroughEditor(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Add interview' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Date', { exact: true }).fill(DATE);
  await expect(page.getByRole('status')).toHaveText('Covers 15 cards of 15.');
  await page.getByRole('button', { name: 'Save interview' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Interviews' })).toBeVisible();
}

function summary(page: Page) {
  return page.getByTestId('interview-summary');
}

test('add an interview, see its readiness on Home and its own screen, open a weakest card, edit and remove it', async ({
  page,
}) => {
  await page.goto('/#/');
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  await page.getByRole('link', { name: 'Add an interview' }).click();
  await addThroughEditor(page, 'Amazon loop');

  const item = page.getByRole('listitem').filter({ hasText: 'Amazon loop' });
  await expect(item).toContainText('14 days left');
  await expect(item).toContainText('Readiness 0% of 15 cards');
  const [stored] = await readStore<StoredInterview>(page, 'interviews');
  expect(stored).toMatchObject({
    name: 'Amazon loop',
    at: Date.UTC(2026, 11, 15, 8, 0), // 09:00 in Berlin: a date without a time
    dailyMinutes: 20,
    leadDays: 3,
    target: 0.9,
  });

  // Home: days left, readiness and today's line; studying moves the readiness.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(summary(page)).toContainText('14 days left');
  await expect(summary(page)).toContainText('Readiness 0%');
  await expect(summary(page)).toContainText(/For Amazon loop: your queue.* today, about \d+ minutes\./);
  await startReview(page);
  await reviewCards(page, 3, '4');
  await page.goto('/#/');
  await expect(summary(page)).toContainText(/Readiness ([1-9]\d?)%/);

  // Its Readiness screen, and from there a weakest card's page.
  await summary(page).getByRole('link', { name: 'Amazon loop' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Readiness for Amazon loop' })).toBeVisible();
  await expect(page.getByTestId('readiness-percent')).toHaveText(/^[1-9]\d?%$/);
  await expect(page.getByText('14 days left')).toBeVisible();
  await expect(page.getByRole('region', { name: 'By level' }).getByRole('row')).toHaveCount(6);
  const weakest = page.getByRole('region', { name: 'Weakest cards' }).getByRole('link').first();
  const question = await weakest.textContent();
  await weakest.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(question ?? '');
  await expect(page).toHaveURL(/#\/card\/amazon-engineer%2F/);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Readiness for Amazon loop' })).toBeVisible();

  // Edit: a new name and budget, kept across a reload.
  await page.getByRole('link', { name: 'All interviews' }).click();
  await page.getByRole('link', { name: 'Edit Amazon loop' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit interview' })).toBeVisible();
  await expect(page.getByLabel('Date', { exact: true })).toHaveValue(DATE);
  await page.getByLabel('Name', { exact: true }).fill('Amazon onsite');
  await page.getByLabel('Minutes per day', { exact: true }).fill('35');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Amazon onsite' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 3, name: 'Amazon onsite' })).toBeVisible();
  expect(await readStore<StoredInterview>(page, 'interviews')).toEqual([
    expect.objectContaining({ name: 'Amazon onsite', dailyMinutes: 35, at: stored?.at }),
  ]);
  await page.goto('/#/');
  await expect(summary(page).getByRole('link', { name: 'Amazon onsite' })).toBeVisible();

  // Remove, after the confirmation; gone for good after a reload, Home invites a new one.
  await page.goto('/#/interviews');
  await page.getByRole('button', { name: 'Remove Amazon onsite' }).click();
  await expect(page.getByRole('region', { name: 'Remove “Amazon onsite”?' })).toBeVisible();
  await page.getByRole('button', { name: 'Remove interview' }).click();
  await expect(page.getByRole('status')).toHaveText(/“Amazon onsite” was removed\./);
  await page.reload();
  await expect(page.getByText(/No interviews yet/)).toBeVisible();
  expect(await readStore(page, 'interviews')).toEqual([]);
  await page.goto('/#/');
  await expect(page.getByRole('link', { name: 'Add an interview' })).toBeVisible();
  await expect(summary(page)).toHaveCount(0);
});

test('after its day an interview is past: the readiness it reached is kept, and Home no longer plans for it', async ({
  page,
}) => {
  await page.goto('/#/interviews/new');
  await addThroughEditor(page, 'Amazon loop');
  await page.goto('/#/');
  await startReview(page);
  await reviewCards(page, 3, '4');

  // The day after the interview.
  await page.clock.setSystemTime(Date.UTC(2026, 11, 16, 9, 0));
  await page.goto('/#/interviews');
  await expect(page.getByRole('heading', { level: 2, name: 'Past' })).toBeVisible();
  const past = page.getByRole('listitem').filter({ hasText: 'Amazon loop' });
  await expect(past).toContainText('passed');
  await expect(past).toContainText(/Readiness reached on the day: [1-9]\d?%/);
  const [kept] = await readStore<{ reachedReadiness: number | null }>(page, 'interviews');
  expect(kept?.reachedReadiness).toBeGreaterThan(0);

  await page.reload();
  await expect(past).toContainText(
    `Readiness reached on the day: ${Math.round(kept?.reachedReadiness ?? -1)}%`,
  );
  await past.getByRole('link', { name: 'Readiness Amazon loop' }).click();
  await expect(page.getByTestId('readiness-percent')).toHaveText(
    `${Math.round(kept?.reachedReadiness ?? -1)}%`,
  );
  await page.goto('/#/');
  await expect(page.getByText('No interview ahead.')).toBeVisible();
  await expect(page.getByTestId('due-now')).toBeVisible();
});

/** Presses Tab until `target` has the focus (at most `limit` times), as a keyboard user would. */
async function tabTo(page: Page, target: ReturnType<Page['getByRole']>, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('an interview can be added with the keyboard alone', async ({ page }) => {
  await page.goto('/#/');
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  await tabTo(page, page.getByRole('link', { name: 'Add an interview' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Add interview' })).toBeVisible();

  await tabTo(page, page.getByRole('textbox', { name: 'Name' }));
  await page.keyboard.type('Keyboard loop');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Date', { exact: true })).toBeFocused();
  await page.keyboard.type('12152026');
  await tabTo(page, page.getByRole('checkbox', { name: 'Senior' }));
  await page.keyboard.press('Space');
  await expect(page.getByRole('status')).toHaveText('Covers 3 cards of 15.');
  await tabTo(page, page.getByRole('button', { name: 'Save interview' }));
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 3, name: 'Keyboard loop' })).toBeVisible();
  expect(await readStore(page, 'interviews')).toEqual([
    expect.objectContaining({
      name: 'Keyboard loop',
      at: Date.UTC(2026, 11, 15, 8, 0),
      covers: { levels: ['senior'] },
    }),
  ]);
});

test('a phone 360 px wide shows the interview screens without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/#/interviews/new');
  await addThroughEditor(page, 'A rather long interview name for a narrow phone screen');
  const screens: [string, string | RegExp][] = [
    ['/#/interviews', 'Interviews'],
    ['/#/interviews/new', 'Add interview'],
    ['/#/', 'Today'],
  ];
  for (const [hash, heading] of screens) {
    await page.goto(hash);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  }
  await page.getByTestId('interview-summary').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: /^Readiness for / })).toBeVisible();
  for (const summaryText of ['Histogram as a table', 'Day by day as a table']) {
    await page.getByText(summaryText).click();
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
