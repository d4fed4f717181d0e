// Every screen passes axe-core with no violation, in the light and the dark theme. A new screen is one line in SCREENS.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';

const CARD_ID = encodeURIComponent('amazon-engineer/1.1');

interface Screen {
  name: string;
  /** Opens the screen and waits until the user sees it. */
  open: (page: Page) => Promise<void>;
}

/** Goes to `hash` and waits for the screen's main heading. */
function at(hash: string, heading: string | RegExp): Screen['open'] {
  return async (page) => {
    await page.goto(`/${hash}`);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  };
}

async function recallStage(page: Page): Promise<void> {
  await page.goto('/#/review');
  await expect(page.getByRole('button', { name: /^Show answer/ })).toBeVisible();
}

async function answerStage(page: Page): Promise<void> {
  await recallStage(page);
  await page.getByRole('button', { name: /^Show answer/ }).click();
  await expect(page.getByRole('heading', { name: 'Key points' })).toBeVisible();
}

async function allCaughtUp(page: Page): Promise<void> {
  await page.goto('/#/review');
  // Easy sends a new card straight to review, so the day's new cards run out.
  for (let i = 0; i < 20; i++) {
    const done = page.getByRole('heading', { name: 'All caught up' });
    await expect(page.getByRole('button', { name: /^Show answer/ }).or(done)).toBeVisible();
    if (await done.isVisible()) return;
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: /^Easy/ }).click();
  }
  await expect(page.getByRole('heading', { name: 'All caught up' })).toBeVisible();
}

/** 'YYYY-MM-DD' two weeks from today, in the browser's (the machine's) time zone. */
function twoWeeksAhead(): string {
  const d = new Date(Date.now() + 14 * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function interviewEditorWithProblems(page: Page): Promise<void> {
  await at('#/interviews/new', 'Add interview')(page);
  await page.getByRole('button', { name: 'Save interview' }).click();
  await expect(page.getByText('Give the interview a name.')).toBeVisible();
}

/** Adds an interview through the editor, which then shows the list. */
async function interviewList(page: Page): Promise<void> {
  await at('#/interviews/new', 'Add interview')(page);
  await page.getByLabel('Name', { exact: true }).fill('Amazon loop');
  await page.getByLabel('Date', { exact: true }).fill(twoWeeksAhead());
  await page.getByRole('button', { name: 'Save interview' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Amazon loop' })).toBeVisible();
}

async function homeWithInterview(page: Page): Promise<void> {
  await interviewList(page);
  await at('#/', 'Today')(page);
  await expect(page.getByTestId('interview-summary')).toBeVisible();
}

async function readiness(page: Page): Promise<void> {
  await interviewList(page);
  await page.getByRole('link', { name: 'Readiness Amazon loop' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Readiness for Amazon loop' })).toBeVisible();
  await page.getByText('Histogram as a table').click();
  await page.getByText('Day by day as a table').click();
}

async function editInterview(page: Page): Promise<void> {
  await interviewList(page);
  await page.getByRole('link', { name: 'Edit Amazon loop' }).click();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Amazon loop');
}

async function removeInterview(page: Page): Promise<void> {
  await interviewList(page);
  await page.getByRole('button', { name: 'Remove Amazon loop' }).click();
  await expect(page.getByRole('button', { name: 'Remove interview' })).toBeVisible();
}

/** The shell's heading comes first; the charts follow once their chunk has loaded, a section a frame. */
async function statistics(page: Page): Promise<void> {
  await at('#/stats', 'Statistics')(page);
  await expect(page.getByRole('region', { name: 'Answer time' })).toBeVisible();
}

/** Headless Chromium has no voice: listen mode says so and shows the text with its big buttons. */
async function listening(page: Page): Promise<void> {
  await at('#/listen', 'Listen')(page);
  await page.getByRole('button', { name: 'Start listening' }).click();
  await expect(page.getByRole('button', { name: 'Good', exact: true })).toBeVisible();
  await expect(page.getByTestId('listen-notice')).toBeVisible();
}

/** The Sync screen's form after a failed Test connection: nothing listens on port 9 of this machine. */
async function syncRefused(page: Page): Promise<void> {
  await at('#/sync', 'Sync')(page);
  await page.getByLabel('Server address', { exact: true }).fill('http://127.0.0.1:9');
  await page.getByLabel('Database', { exact: true }).fill('keypoints');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
}

const SCREENS: Screen[] = [
  { name: 'home', open: at('#/', 'Today') },
  { name: 'review, recall stage', open: recallStage },
  { name: 'review, answer stage', open: answerStage },
  { name: 'review, all caught up', open: allCaughtUp },
  { name: 'settings', open: at('#/settings', 'Settings') },
  { name: 'browse', open: at('#/browse', 'Browse') },
  { name: 'card page', open: at(`#/card/${CARD_ID}`, /diagnose and fix a sudden increase in 5xx/) },
  { name: 'add card', open: at('#/new', 'Add card') },
  { name: 'edit card', open: at(`#/edit/${CARD_ID}`, 'Edit card') },
  { name: 'import', open: at('#/import', 'Import cards') },
  { name: 'data', open: at('#/data', 'Your data') },
  { name: 'interviews, none yet', open: at('#/interviews', 'Interviews') },
  { name: 'interviews, one ahead', open: interviewList },
  { name: 'interviews, removing one', open: removeInterview },
  { name: 'add interview', open: at('#/interviews/new', 'Add interview') },
  { name: 'add interview, problems shown', open: interviewEditorWithProblems },
  { name: 'edit interview', open: editInterview },
  { name: 'readiness', open: readiness },
  { name: 'home with an interview', open: homeWithInterview },
  { name: 'statistics', open: statistics },
  { name: 'listen, before starting', open: at('#/listen', 'Listen') },
  { name: 'listen, reading a card', open: listening },
  { name: 'sync, off', open: at('#/sync', 'Sync') },
  { name: 'sync, connection refused', open: syncRefused },
  { name: 'sync, joining by a link', open: at('#/sync/join?s=x', 'Sync this device') },
];

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });
    for (const screen of SCREENS) {
      test(`${screen.name} has no axe violations`, async ({ page }) => {
        await screen.open(page);
        const { violations } = await new AxeBuilder({ page }).analyze();
        const found = violations.map(
          (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
        );
        expect(found).toEqual([]);
      });
    }
  });
}
