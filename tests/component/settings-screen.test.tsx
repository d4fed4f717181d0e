// The settings screen: every change is stored at once, out-of-range values are clamped, bad steps are refused.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/domain';
import { HomeScreen } from '../../src/features/home/home-screen';
import { SettingsScreen } from '../../src/features/settings/settings-screen';
import { DbContext } from '../../src/hooks/use-db';
import type { KeypointsDb } from '../../src/storage/db';
import { getSettings } from '../../src/storage/repositories/settings';
import { saveSettings } from '../../src/storage/repositories/settings-save';
import { freshDb, seededDb } from '../support/db';

let db: KeypointsDb;

beforeEach(() => {
  db = freshDb();
});

afterEach(async () => {
  cleanup();
  await db.delete();
});

async function renderSettings(withHome = false) {
  const user = userEvent.setup();
  if (withHome) {
    await seededDb(Date.now(), db);
  }
  render(
    <DbContext.Provider value={db}>
      <SettingsScreen />
      {withHome && <HomeScreen initialFilter={{}} onStart={() => {}} />}
    </DbContext.Provider>,
  );
  await screen.findByRole('heading', { name: 'Settings' });
  return { user };
}

const stored = () => getSettings(db);

describe('SettingsScreen', () => {
  it('shows the defaults to a new user', async () => {
    await renderSettings();
    expect(screen.getByLabelText('New cards per day')).toHaveValue(10);
    expect(screen.getByLabelText('Maximum reviews per day')).toHaveValue(200);
    expect(screen.getByLabelText('A new day starts at')).toHaveValue('4');
    expect(screen.getByLabelText('Learning steps')).toHaveValue('1m 10m');
    expect(screen.getByLabelText(/Desired retention/)).toHaveValue('0.9');
    expect(screen.getByLabelText('Show the time spent on each card')).toBeChecked();
  });

  it('stores each change in the database as it is made', async () => {
    const { user } = await renderSettings();

    const newPerDay = screen.getByLabelText('New cards per day');
    await user.clear(newPerDay);
    await user.type(newPerDay, '25');
    await waitFor(async () => expect((await stored()).newPerDay).toBe(25));
    expect(newPerDay).toHaveValue(25);

    const maxReviews = screen.getByLabelText('Maximum reviews per day');
    await user.clear(maxReviews);
    await user.type(maxReviews, '150');
    await waitFor(async () => expect((await stored()).maxReviewsPerDay).toBe(150));
    expect(maxReviews).toHaveValue(150);

    await user.selectOptions(screen.getByLabelText('A new day starts at'), '06:00');
    await waitFor(async () => expect((await stored()).dayStartHour).toBe(6));

    fireEvent.change(screen.getByLabelText(/Desired retention/), { target: { value: '0.85' } });
    await waitFor(async () => expect((await stored()).desiredRetention).toBe(0.85));
    expect(screen.getByText('85%')).toBeInTheDocument();

    await user.click(screen.getByLabelText('Show the time spent on each card'));
    await waitFor(async () => expect((await stored()).showTimer).toBe(false));
    expect(screen.getByLabelText('Show the time spent on each card')).not.toBeChecked();

    const steps = screen.getByLabelText('Learning steps');
    await user.clear(steps);
    await user.type(steps, '2m 15m 1h');
    await waitFor(async () => expect((await stored()).learningSteps).toEqual(['2m', '15m', '1h']));
  });

  it('clamps values out of range instead of storing them', async () => {
    const { user } = await renderSettings();

    const newPerDay = screen.getByLabelText('New cards per day');
    await user.clear(newPerDay);
    await user.type(newPerDay, '-5');
    await waitFor(async () => expect((await stored()).newPerDay).toBe(0));

    const maxReviews = screen.getByLabelText('Maximum reviews per day');
    await user.clear(maxReviews);
    await user.type(maxReviews, '1234567');
    await waitFor(async () => expect((await stored()).maxReviewsPerDay).toBe(99999));

    fireEvent.change(screen.getByLabelText(/Desired retention/), { target: { value: '0.5' } });
    await waitFor(async () => expect((await stored()).desiredRetention).toBe(0.7));
    expect(screen.getByText('70%')).toBeInTheDocument();
  });

  it('refuses learning steps the scheduler cannot use, says why, and keeps the stored ones', async () => {
    const { user } = await renderSettings();
    const steps = screen.getByLabelText('Learning steps');

    for (const bad of ['ten minutes', '30s', '1.5m', '0m']) {
      await user.clear(steps);
      await user.type(steps, bad);
      expect(steps).toHaveAttribute('aria-invalid', 'true');
      expect(
        screen.getByText(/is not a step: write a whole number and m, h or d, e\.g\. 10m\..*Not saved/),
      ).toBeInTheDocument();
      expect((await stored()).learningSteps).toEqual(DEFAULT_SETTINGS.learningSteps);
    }

    // An emptied field (about to be retyped) does not wipe the steps either.
    await user.clear(steps);
    expect(screen.getByText(/Write at least one step.*Not saved/)).toBeInTheDocument();
    expect((await stored()).learningSteps).toEqual(DEFAULT_SETTINGS.learningSteps);

    // Leaving the field shows what is stored again.
    await user.tab();
    expect(steps).toHaveValue('1m 10m');
    expect(steps).toHaveAttribute('aria-invalid', 'false');
  });

  it('applies a change at once: Home counts with the new limit', async () => {
    const { user } = await renderSettings(true);
    expect(await screen.findByTestId('new-left')).toHaveTextContent('10');

    const newPerDay = screen.getByLabelText('New cards per day');
    await user.clear(newPerDay);
    await user.type(newPerDay, '3');

    await waitFor(() => expect(screen.getByTestId('new-left')).toHaveTextContent('3'));
  });
});

describe('saveSettings', () => {
  it('clamps a retention outside 0.70–0.97 that a stale form or another tab sends', async () => {
    expect((await saveSettings(db, { desiredRetention: 1.5 })).desiredRetention).toBe(0.97);
    expect((await stored()).desiredRetention).toBe(0.97);
    expect((await saveSettings(db, { desiredRetention: 0.2 })).desiredRetention).toBe(0.7);
    expect((await saveSettings(db, { desiredRetention: Number.NaN })).desiredRetention).toBe(0.9);
  });

  it('refuses learning steps the scheduler cannot use and stores nothing', async () => {
    await expect(saveSettings(db, { learningSteps: ['30s'] })).rejects.toThrow(/"30s" is not a step/);
    expect((await stored()).learningSteps).toEqual(DEFAULT_SETTINGS.learningSteps);
    expect(await db.settings.count()).toBe(0);
  });
});
