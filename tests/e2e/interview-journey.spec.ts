// Two weeks to an interview on the page's clock, as a user lives them: add it, study every day by the
// app's suggested grades (and a few Again), watch readiness rise on Home, and on the eve find every card
// last graded Good predicted at or above the interview's target.
import { expect, type Page, test } from '@playwright/test';
import type { Schedule } from '../../src/domain';
import type { CoverableCard } from '../../src/domain/interview';
import { cardRecalls } from '../../src/domain/readiness';
import { withDefaults } from '../../src/storage/repositories/settings';
import { DAY } from '../support/clock';
import { readStore } from './helpers/indexed-db';

// Tuesday 1 December 2026, 10:00 in Berlin; the interview is on the 15th at 09:00, 14 study days later.
const T0 = Date.UTC(2026, 11, 1, 9, 0);
const DATE = '2026-12-15';
const INTERVIEW_AT = Date.UTC(2026, 11, 15, 8, 0);
const LAST_DAY = 13; // the day before the interview
/** Time spent recalling each card before showing its answer. */
const THINKING = '00:20';
/** The cards the user gets wrong, on the day given: each is then relearned the same day. */
const AGAIN: Record<number, string> = { 2: 'amazon-engineer/1.1', 3: 'amazon-engineer/4.2' };
/** Days whose end-of-day readiness on Home must never go down, from one to the next. */
const CHECKPOINTS = [0, 1, 3, 7, LAST_DAY];

test.use({ timezoneId: 'Europe/Berlin', locale: 'en-US' });

interface StoredReview {
  cardId: string;
  rating: number;
  reviewedAt: number;
}

const question = (page: Page) => page.getByRole('heading', { level: 1 });
const showAnswerButton = (page: Page) => page.getByRole('button', { name: /Show answer/ });
const caughtUp = (page: Page) => page.getByRole('heading', { level: 1, name: 'All caught up' });
const waiting = (page: Page) => page.getByRole('heading', { level: 1, name: 'Next card soon' });
const summary = (page: Page) => page.getByTestId('interview-summary');

/** Home's readiness for the interview, as the user reads it: "Readiness 74%" → 74. */
async function homeReadiness(page: Page): Promise<number> {
  await expect(summary(page)).toContainText(/Readiness \d+%/);
  const text = (await summary(page).textContent()) ?? '';
  return Number(/Readiness (\d+)%/.exec(text)?.[1]);
}

/**
 * Reveals the card on screen, ticks every key point (a full answer) or none (a blank), and presses
 * the grade the app marks as suggested, which must be Good or Again accordingly.
 */
async function gradeBySuggestion(page: Page, recalled: boolean): Promise<void> {
  await page.clock.fastForward(THINKING);
  await page.keyboard.press('Space');
  const keyPoints = page.getByRole('region', { name: 'Key points' });
  await expect(keyPoints).toBeVisible();
  if (recalled) for (const box of await keyPoints.getByRole('checkbox').all()) await box.check();
  const suggested = page
    .getByRole('group', { name: 'Grade your answer' })
    .getByRole('button')
    .filter({ hasText: 'Suggested' });
  await expect(suggested).toHaveCount(1);
  await expect(suggested).toHaveAccessibleName(recalled ? /^Good\b/ : /^Again\b/);
  await suggested.click();
  // Moved on only once the grade is stored.
  await expect(keyPoints).toHaveCount(0);
}

/** Studies until the session is caught up; returns the card ids shown, in order. */
async function studyTheDay(page: Page, cardOf: Map<string, string>, againId?: string): Promise<string[]> {
  await page.getByRole('button', { name: 'Start review' }).click();
  const shown: string[] = [];
  let wentAgain = false;
  for (;;) {
    await expect(showAnswerButton(page).or(caughtUp(page)).or(waiting(page))).toBeVisible();
    if (await caughtUp(page).isVisible()) return shown;
    if (await waiting(page).isVisible()) {
      // Beyond the learn-ahead limit: wait on the page's clock until the card is back.
      await page.clock.fastForward('05:00');
      continue;
    }
    const id = cardOf.get((await question(page).textContent()) ?? '') ?? '';
    expect(id).not.toBe('');
    shown.push(id);
    const again = id === againId && !wentAgain;
    if (again) wentAgain = true;
    await gradeBySuggestion(page, !again);
    expect(shown.length).toBeLessThan(60);
  }
}

test('two weeks to an interview: readiness rises day by day, and on the eve every card last graded Good is at or above the target', async ({
  page,
}) => {
  // Fourteen study days of some seventy reviews, each with its key points ticked one by one.
  test.setTimeout(180_000);
  await page.clock.install({ time: T0 });
  await page.goto('/#/');

  // Day 0: the interview, added through the editor, covering the whole built-in deck.
  await page.getByRole('link', { name: 'Add an interview' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add interview' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Amazon loop');
  await page.getByLabel('Date', { exact: true }).fill(DATE);
  await expect(page.getByRole('status')).toHaveText('Covers 15 cards of 15.');
  await page.getByRole('button', { name: 'Save interview' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Interviews' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(summary(page)).toContainText('14 days left');
  expect(await homeReadiness(page)).toBe(0);

  const cards = await readStore<CoverableCard & { question: string }>(page, 'cards');
  expect(cards).toHaveLength(15);
  const cardOf = new Map(cards.map((c) => [c.question, c.id]));

  const readiness: number[] = [];
  const studied = new Set<string>();
  for (let day = 0; day <= LAST_DAY; day++) {
    if (day > 0) {
      // The next morning the user opens the app again.
      await page.clock.setSystemTime(T0 + day * DAY);
      await page.reload();
    }
    await expect(summary(page)).toContainText(day === LAST_DAY ? 'Tomorrow' : `${14 - day} days left`);
    const shown = await studyTheDay(page, cardOf, AGAIN[day]);
    for (const id of shown) studied.add(id);
    const againId = AGAIN[day];
    if (againId) {
      // Forgotten, then relearned the same day: shown again after the Again.
      expect(shown.filter((id) => id === againId).length).toBeGreaterThanOrEqual(2);
    }
    await page.getByRole('button', { name: 'Back to Home' }).click();
    readiness.push(await homeReadiness(page));
  }
  // By the lead (3 days before), every covered card has been studied.
  expect(studied.size).toBe(15);
  test.info().annotations.push({ type: 'readiness by day', description: readiness.join(' ') });

  // Readiness on Home rises over the fortnight and ends high.
  const atCheckpoints = CHECKPOINTS.map((day) => readiness[day] ?? Number.NaN);
  for (let i = 1; i < atCheckpoints.length; i++) {
    expect(atCheckpoints[i]).toBeGreaterThanOrEqual(atCheckpoints[i - 1] ?? Number.POSITIVE_INFINITY);
  }
  expect(atCheckpoints[0]).toBeGreaterThan(0);
  expect(readiness.at(-1)).toBeGreaterThanOrEqual(90);

  // The eve of the interview, on its Readiness screen.
  await summary(page).getByRole('link', { name: 'Amazon loop' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Readiness for Amazon loop' })).toBeVisible();
  const [interview] = await readStore<{ at: number; covers: object; target: number }>(page, 'interviews');
  expect(interview).toMatchObject({ at: INTERVIEW_AT, target: 0.9 });
  const now = await page.evaluate(() => Date.now());
  const schedules = await readStore<Schedule>(page, 'schedules');
  const [settingsRow] = await readStore<Record<string, unknown>>(page, 'settings');
  // The screen lists only the weakest cards: every card's prediction comes from the app's own
  // readiness code over what is stored, checked against what the screen shows.
  const recalls = cardRecalls({
    cards,
    schedules: new Map(schedules.map((s) => [s.cardId, s])),
    interview: { at: INTERVIEW_AT, covers: interview?.covers ?? {} },
    now,
    settings: withDefaults(settingsRow),
  });
  expect(recalls).toHaveLength(15);
  const mean = (100 * recalls.reduce((sum, r) => sum + r.recall, 0)) / recalls.length;
  await expect(page.getByTestId('readiness-percent')).toHaveText(`${Math.round(mean)}%`);
  const recallOf = new Map(recalls.map((r) => [r.cardId, r.recall]));
  const weakest = page.getByRole('region', { name: 'Weakest cards' }).getByRole('listitem');
  await expect(weakest).toHaveCount(10);
  for (const item of await weakest.all()) {
    const id = cardOf.get((await item.getByRole('link').textContent()) ?? '') ?? '';
    await expect(item).toContainText(`${Math.round(100 * (recallOf.get(id) ?? Number.NaN))}% predicted`);
  }

  const reviews = await readStore<StoredReview>(page, 'reviews');
  const last = new Map<string, StoredReview>();
  for (const r of [...reviews].sort((a, b) => a.reviewedAt - b.reviewedAt)) last.set(r.cardId, r);
  const lastGood = [...last.values()].filter((r) => r.rating === 3).map((r) => r.cardId);
  expect(lastGood.length).toBeGreaterThan(0);
  const under = lastGood
    .map((id) => ({ id, recall: recallOf.get(id) ?? 0 }))
    .filter((c) => c.recall < (interview?.target ?? 1));
  expect(under).toEqual([]);
});
