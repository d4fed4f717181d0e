// The Statistics screen over a small real history: the numbers a user checks, kept true as they study.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Grade, Rating } from '../../src/domain';
import { StatsScreen } from '../../src/features/stats/stats-screen';
import { DbContext } from '../../src/hooks/use-db';
import type { KeypointsDb } from '../../src/storage/db';
import { setSuspended } from '../../src/storage/repositories/cards';
import { gradeCard } from '../../src/storage/repositories/reviews';
import { getSettings } from '../../src/storage/repositories/settings';
import { saveSettings } from '../../src/storage/repositories/settings-save';
import { DAY, MINUTE } from '../support/clock';
import { seededDb } from '../support/db';

const A = 'amazon-engineer/1.1';
const B = 'amazon-engineer/1.2';
const C = 'amazon-engineer/1.3';
const D = 'amazon-engineer/2.1';

let db: KeypointsDb;

async function grade(cardId: string, rating: Grade, at: number, durationMs = 60_000) {
  const shown = (await db.schedules.get(cardId)) ?? { reps: 0, lastReview: null };
  await gradeCard(db, DEFAULT_SETTINGS, {
    cardId,
    shown,
    rating,
    now: at,
    durationMs,
    keyPointsRecalled: [],
    pitfallsFlagged: [],
    notes: '',
  });
}

beforeEach(async () => {
  const now = Date.now();
  db = await seededDb(now - 10 * DAY);
  // A: learnt three days ago, forgotten today. B: learnt two days ago, remembered today.
  await grade(A, Rating.Good, now - 3 * DAY, 120_000);
  await grade(A, Rating.Good, now - 3 * DAY + 10 * MINUTE, 60_000);
  await grade(B, Rating.Good, now - 2 * DAY, 180_000);
  await grade(B, Rating.Good, now - 2 * DAY + 10 * MINUTE, 60_000);
  await grade(A, Rating.Again, now, 90_000);
  await grade(B, Rating.Good, now, 30_000);
  await setSuspended(db, C, true);
});

afterEach(async () => {
  cleanup();
  await db.delete();
});

function renderStats() {
  render(
    <DbContext.Provider value={db}>
      <StatsScreen />
    </DbContext.Provider>,
  );
}

// The sections under the calendar are shown a frame apart: found by waiting.
const region = (name: string) => screen.findByRole('region', { name });

describe('StatsScreen', () => {
  it("shows today's reviews in the calendar, the streak, true retention and the cards by state", async () => {
    renderStats();
    expect(screen.getByRole('status')).toHaveTextContent('Counting your reviews…');
    const today = await screen.findByRole('img', { name: /^Today, .+: 2 reviews$/ });
    expect(today).toHaveClass('kp-heat--4');

    const calendar = await region('Calendar');
    expect(within(calendar).getByText('Current streak').nextElementSibling).toHaveTextContent('1 day');

    // Today's two reviews are the only ones a day or more after the card's previous review: 1 of 2 passed.
    const retention = within(await region('True retention')).getByRole('table');
    const all = within(retention).getByRole('row', { name: /^All cards/ });
    expect(
      within(all)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['50% of 2', '—no reviews', '50% of 2']);
    const junior = within(retention).getByRole('row', { name: /^Junior/ });
    expect(within(junior).getAllByRole('cell')[0]).toHaveTextContent('50% of 2');
    expect(within(await region('True retention')).getByText('90%')).toBeInTheDocument();

    const states = within(await region('Cards by state')).getAllByRole('listitem');
    expect(states.map((li) => li.textContent)).toEqual([
      'New12 (80%)',
      'Learning0 (0%)',
      'Review1 (7%)',
      'Relearning1 (7%)',
      'Suspended1 (7%)',
    ]);
  });

  it('forecasts what is due, without new or suspended cards, with the numbers one tap away', async () => {
    const user = userEvent.setup();
    renderStats();
    const forecast = await screen.findByRole('region', { name: 'Due in the next 30 days' });
    // A relearns in ten minutes: due today. B is due in a few days.
    expect(within(forecast).getByText('Today', { selector: 'dt' }).nextElementSibling).toHaveTextContent('1');
    expect(within(forecast).getByText('Next 30 days').nextElementSibling).toHaveTextContent('2');
    expect(
      within(forecast).getByRole('img', { name: /^Reviews due per day.*: 1 today, 2 in all/ }),
    ).toBeVisible();

    await user.click(within(forecast).getByText('Reviews due per day'));
    const rows = within(within(forecast).getByRole('table')).getAllByRole('row');
    expect(rows).toHaveLength(31);
    expect(rows[1]).toHaveTextContent(/^Today, .+1$/);
  });

  it('switches the reviews-and-time charts between 30 days, 90 days and 12 months', async () => {
    const user = userEvent.setup();
    renderStats();
    const activity = await screen.findByRole('region', { name: 'Reviews and time' });
    expect(within(activity).getByText('Reviews').nextElementSibling).toHaveTextContent('6');
    expect(within(activity).getByText('Time studied').nextElementSibling).toHaveTextContent('9 min');
    expect(within(activity).getByText('Days studied').nextElementSibling).toHaveTextContent('3 of 30');
    expect(
      within(activity).getByRole('img', { name: /^Reviews per day, last 30 days: 6 in all/ }),
    ).toBeVisible();

    await user.click(within(activity).getByLabelText('12 months'));
    expect(within(activity).getByText('Days studied').nextElementSibling).toHaveTextContent('3 of 365');
    expect(
      within(activity).getByRole('img', { name: /^Minutes studied per day, last 12 months: 9 min/ }),
    ).toBeVisible();
  });

  it('counts again when a card is graded while the screen is open', async () => {
    renderStats();
    await screen.findByRole('img', { name: /^Today, .+: 2 reviews$/ });
    await grade(D, Rating.Good, Date.now());
    await screen.findByRole('img', { name: /^Today, .+: 3 reviews$/ });
    const states = within(await region('Cards by state')).getAllByRole('listitem');
    expect(states[0]).toHaveTextContent(/^New11/);
    expect(states[1]).toHaveTextContent(/^Learning1/);
  });

  it('shows the median answer time per kind beside its target, and follows a changed target', async () => {
    renderStats();
    const times = await screen.findByRole('region', { name: 'Answer time' });
    expect(within(times).getByRole('columnheader', { name: 'Target' })).toBeVisible();
    const cells = () =>
      within(within(times).getByRole('row', { name: /^Operational/ }))
        .getAllByRole('cell')
        .map((c) => c.textContent);
    // Card 1.1 is the only operational card reviewed: 120, 60 and 90 s → median 90 s, all within 3:00.
    expect(cells()).toEqual(['1:30', '3:00', '100%', '3']);

    const settings = await getSettings(db);
    await saveSettings(db, { answerTargetSeconds: { ...settings.answerTargetSeconds, operational: 60 } });
    await waitFor(() => expect(cells()).toEqual(['1:30', '1:00', '33%', '3']));
  });
});
