// Listen mode in Chromium, offline: five cards graded by media keys and by the big buttons, one skipped by its timeout.
import { expect, type Page, test } from '@playwright/test';
import { installFakeSpeech, pressMediaKey, speechLog } from './helpers/fake-speech';
import { readStore } from './helpers/indexed-db';
import { waitForServiceWorkerControl } from './helpers/service-worker';

const T0 = new Date(2025, 0, 6, 9, 0).getTime();

// A phone held in one hand: the screen the big buttons are sized for.
test.use({ viewport: { width: 390, height: 844 } });

interface StoredReview {
  cardId: string;
  rating: number;
  reviewedAt: number;
  source?: string;
}

/** The question on screen now. */
function question(page: Page) {
  return page.locator('#kp-listen-question');
}

/** Waits until the fake voice has begun saying `text` (long texts are said a sentence at a time). */
async function heard(page: Page, text: string): Promise<void> {
  await expect
    .poll(async () => (await speechLog(page)).said.some((line) => text.startsWith(line)))
    .toBe(true);
}

test('a listen session offline: media keys and buttons grade, the timeout skips, reviews record their source', async ({
  context,
  page,
}) => {
  await page.clock.install({ time: T0 });
  await installFakeSpeech(page);
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();

  await page.getByRole('button', { name: 'Listen', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Listen' })).toBeVisible();
  await expect(page.getByText('Listening is for passengers and walkers, not drivers.')).toBeVisible();
  await page.getByRole('button', { name: 'Start listening' }).click();

  const questions: string[] = [];
  const next = async () => {
    const text = (await question(page).textContent()) ?? '';
    expect(questions).not.toContain(text);
    questions.push(text);
    await heard(page, text);
    return text;
  };

  // 1: next track = Good. The lock screen shows the question and the deck.
  const first = await next();
  const log = await speechLog(page);
  expect(log.actions.sort()).toEqual(['nexttrack', 'pause', 'play', 'previoustrack', 'stop']);
  expect(log).toMatchObject({ title: first, album: expect.stringMatching(/\S/) });
  await pressMediaKey(page, 'nexttrack');
  await expect(question(page)).not.toHaveText(first);

  // 2: pause and play, then previous track = Again.
  const second = await next();
  await pressMediaKey(page, 'pause');
  await expect(page.getByTestId('listen-step')).toHaveText('Paused');
  expect((await speechLog(page)).speaking).toBe(false);
  await pressMediaKey(page, 'play');
  await expect(page.getByTestId('listen-step')).not.toHaveText('Paused');
  await pressMediaKey(page, 'previoustrack');
  await expect(question(page)).not.toHaveText(second);

  // 3 and 4: the big buttons, each at least a quarter of the screen.
  const third = await next();
  const viewport = page.viewportSize();
  for (const name of ['Again', 'Good']) {
    const box = await page.getByRole('button', { name, exact: true }).boundingBox();
    expect(
      box && viewport && (box.width * box.height) / (viewport.width * viewport.height),
    ).toBeGreaterThanOrEqual(0.25);
  }
  await page.getByRole('button', { name: 'Good', exact: true }).click();
  await expect(question(page)).not.toHaveText(third);
  const fourth = await next();
  await page.getByRole('button', { name: 'Again', exact: true }).click();
  await expect(question(page)).not.toHaveText(fourth);

  // 5: the thinking pause, the key points, "How did you do?", then no grade: skipped after 15 s.
  const fifth = await next();
  await expect(page.getByTestId('listen-step')).toHaveText('Think it through…');
  await page.clock.fastForward(20_000);
  await heard(page, 'How did you do?');
  await expect(page.getByTestId('listen-step')).toHaveText('How did you do?');
  // The 15 s start once the question is said: a jump of the clock while it is still being said would
  // end the line and only then start them, after the jump.
  await expect.poll(async () => (await speechLog(page)).speaking).toBe(false);
  await page.clock.fastForward(15_000);
  await expect(question(page)).not.toHaveText(fifth);

  // Stop silences at once.
  await next();
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('heading', { name: 'Listening stopped' })).toBeVisible();
  await expect(page.getByTestId('listen-summary')).toHaveText('Graded 4 cards; 1 card skipped, still due.');
  expect((await speechLog(page)).speaking).toBe(false);

  const cards = await readStore<{ id: string; question: string }>(page, 'cards');
  const idOf = (q: string) => cards.find((c) => c.question === q)?.id;
  const reviews = (await readStore<StoredReview>(page, 'reviews')).sort(
    (a, b) => a.reviewedAt - b.reviewedAt,
  );
  expect(reviews.map((r) => [r.cardId, r.rating, r.source])).toEqual([
    [idOf(first), 3, 'listening'],
    [idOf(second), 1, 'listening'],
    [idOf(third), 3, 'listening'],
    [idOf(fourth), 1, 'listening'],
  ]);
  const schedules = await readStore<{ cardId: string; state: number; due: number }>(page, 'schedules');
  const skipped = schedules.find((s) => s.cardId === idOf(fifth));
  expect(skipped?.state).toBe(0);
  expect(skipped?.due).toBeLessThanOrEqual(await page.evaluate(() => Date.now()));

  // Leaving the screen lets go of the media keys.
  await page.getByRole('button', { name: 'Back to Home' }).click();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  expect((await speechLog(page)).actions).toEqual([]);
});
