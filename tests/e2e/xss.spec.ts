// Hostile card text, imported through the Import screen, shows as literal text on every screen and never runs.
import { expect, type Page, test } from '@playwright/test';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<img src=x onerror="window.__pwned=1">',
  '<a href="javascript:alert(1)">javascript:alert(1)</a>',
  '<svg onload=alert(1)>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '"><svg/onload=window.__pwned=1>',
] as const;

/** Each field carries the payload behind a label, so a test can tell which field showed it. */
function fields(i: number, p: string) {
  return {
    question: `Q${i} ${p}`,
    context: `context ${i}: ${p}`,
    keyPoint: `key point ${i}: ${p}`,
    pitfall: `pitfall ${i}: ${p}`,
    exampleAnswer: `example ${i}: ${p}`,
    tag: `t${i}${p}`,
  };
}

// The first payloads go in as a JSON list, the last one as CSV, so both parsers' output is exercised.
const JSON_PAYLOADS = PAYLOADS.slice(0, -1);
const CSV_PAYLOAD = PAYLOADS.at(-1) as string;
const CSV_INDEX = PAYLOADS.length - 1;

function jsonCards(): string {
  return JSON.stringify(
    JSON_PAYLOADS.map((p, i) => {
      const f = fields(i, p);
      return {
        number: `x${i}`,
        question: f.question,
        context: f.context,
        keyPoints: [f.keyPoint, 'A plain key point'],
        pitfalls: [f.pitfall],
        exampleAnswer: f.exampleAnswer,
        level: 'junior',
        kind: 'judgement',
        tags: [f.tag],
      };
    }),
  );
}

function csvCards(): string {
  const f = fields(CSV_INDEX, CSV_PAYLOAD);
  const cell = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return [
    'number,question,context,keyPoints,pitfalls,exampleAnswer,level,kind,tags',
    [
      'x0',
      f.question,
      f.context,
      f.keyPoint,
      f.pitfall,
      f.exampleAnswer,
      'junior',
      'judgement',
      f.tag.replace(/\s/g, ''),
    ]
      .map(cell)
      .join(','),
  ].join('\n');
}

interface Watch {
  dialogs: string[];
  cspViolations: string[];
  errors: string[];
}

function watch(page: Page): Watch {
  const w: Watch = { dialogs: [], cspViolations: [], errors: [] };
  page.on('dialog', (dialog) => {
    w.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to (execute|load|frame)/i.test(msg.text()))
      w.cspViolations.push(msg.text());
  });
  page.on('pageerror', (error) => w.errors.push(error.message));
  return w;
}

async function expectNothingRan(page: Page, w: Watch) {
  expect(w.dialogs).toEqual([]);
  expect(w.cspViolations).toEqual([]);
  expect(w.errors).toEqual([]);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  // No element a payload could have smuggled in exists in the app's part of the page.
  expect(
    await page.locator('#kp-main :is(script, iframe, noscript, img[src="x"], svg[onload])').count(),
  ).toBe(0);
  expect(await page.locator('#kp-main a[href^="javascript:" i]').count()).toBe(0);
}

async function importDeck(page: Page, name: string, text: string, questions: number) {
  await page.goto('/#/import');
  await expect(page.getByRole('heading', { level: 1, name: 'Import cards' })).toBeVisible();
  await page.getByLabel('Or paste the text').fill(text);
  await expect(page.getByTestId('import-found')).toContainText(`Found ${questions} question`);
  await page.getByLabel('Deck name').fill(name);
  const button = page.getByRole('button', { name: /^Import \d/ });
  await expect(button).toBeEnabled();
  await button.click();
  await expect(page.getByRole('status')).toContainText('Imported');
}

test('hostile card text is shown as text on import, review, browse, card and edit screens, and never runs', async ({
  page,
}) => {
  const w = watch(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();

  // "A …" sorts before the built-in deck, so these junior cards are the first new cards of a session.
  await importDeck(page, 'A XSS json', jsonCards(), JSON_PAYLOADS.length);
  await expect(page.locator('.kp-import__sample')).toContainText(fields(0, PAYLOADS[0]).question);
  await importDeck(page, 'A XSS csv', csvCards(), 1);
  await expectNothingRan(page, w);

  const byQuestion = new Map(PAYLOADS.map((p, i) => [fields(i, p).question, fields(i, p)]));

  await test.step('review: recall and answer stages', async () => {
    await page.goto('/#/review');
    const seen = new Set<string>();
    for (let n = 0; n < PAYLOADS.length; n++) {
      const heading = page.locator('#kp-question');
      await expect(heading).toBeVisible();
      const question = (await heading.textContent()) ?? '';
      const f = byQuestion.get(question);
      expect(f, `card ${n + 1} of the session is one of ours: ${question}`).toBeDefined();
      if (!f) return;
      seen.add(question);
      const main = page.locator('#kp-main');
      await expect(main).toContainText(f.context);
      await page.getByRole('button', { name: /^Show answer/ }).click();
      await expect(main).toContainText(f.keyPoint);
      await expect(main).toContainText(f.pitfall);
      await expect(main).toContainText(f.exampleAnswer);
      await expectNothingRan(page, w);
      await page.getByRole('button', { name: /^Good/ }).click();
      await expect(heading).not.toHaveText(question);
    }
    expect(seen.size).toBe(PAYLOADS.length);
  });

  await test.step('browse', async () => {
    await page.goto('/#/browse');
    await expect(page.getByRole('heading', { level: 1, name: 'Browse' })).toBeVisible();
    for (const f of byQuestion.values()) await expect(page.locator('#kp-main')).toContainText(f.question);
    await expectNothingRan(page, w);
  });

  const ids = [...JSON_PAYLOADS.map((_, i) => `a-xss-json/x${i}`), 'a-xss-csv/x0'];
  // Card i carries payload i: the JSON cards first, then the CSV one.
  const fieldsAt = (i: number) => fields(i, PAYLOADS[i] as string);

  await test.step('card page', async () => {
    for (const [i, id] of ids.entries()) {
      const f = fieldsAt(i);
      await page.goto(`/#/card/${encodeURIComponent(id)}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(f.question);
      const main = page.locator('#kp-main');
      for (const text of [f.context, f.keyPoint, f.pitfall, f.exampleAnswer])
        await expect(main).toContainText(text);
      await expectNothingRan(page, w);
    }
  });

  await test.step('edit', async () => {
    for (const [i, id] of ids.entries()) {
      const f = fieldsAt(i);
      await page.goto(`/#/edit/${encodeURIComponent(id)}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      // The editor shows the texts as the values of its fields, to be edited as they are.
      await expect
        .poll(() =>
          page
            .locator('#kp-main :is(input, textarea)')
            .evaluateAll((els) => els.map((el) => (el as HTMLInputElement | HTMLTextAreaElement).value)),
        )
        .toEqual(expect.arrayContaining([f.question, f.context, f.keyPoint, f.pitfall, f.exampleAnswer]));
      await expectNothingRan(page, w);
    }
  });
});
