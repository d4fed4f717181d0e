// The settings screen: every change is stored at once, out-of-range values are clamped, bad steps are refused.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/domain';
import { HomeScreen } from '../../src/features/home/home-screen';
import { parseMinutesSeconds, SettingsScreen } from '../../src/features/settings/settings-screen';
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
    expect(screen.getByLabelText('Show the answer timer')).toBeChecked();
    expect(screen.getByLabelText('Learn ahead limit (minutes)')).toHaveValue(20);
    expect(screen.getByLabelText('Learn ahead limit (minutes)')).toHaveAccessibleDescription(
      /When nothing else is left, a learning card due within this many minutes comes at once/,
    );
    const targets = screen.getByRole('group', { name: /Target time per answer/ });
    expect(within(targets).getByLabelText('Behavioral')).toHaveValue('2:00');
    expect(within(targets).getByLabelText('System design')).toHaveValue('5:00');
    expect(within(targets).getByLabelText('Operational')).toHaveValue('3:00');
    expect(within(targets).getByLabelText('Judgement')).toHaveValue('2:00');
  });

  it('stores a learn-ahead limit, 0 included, and clamps one beyond a day', async () => {
    const { user } = await renderSettings();
    const ahead = screen.getByLabelText('Learn ahead limit (minutes)');
    await user.clear(ahead);
    await user.type(ahead, '0');
    await waitFor(async () => expect((await stored()).learnAheadMinutes).toBe(0));
    await user.clear(ahead);
    await user.type(ahead, '5000');
    await waitFor(async () => expect((await stored()).learnAheadMinutes).toBe(1440));
  });

  it('stores a target typed as minutes:seconds or as minutes, and refuses one out of bounds, saying why', async () => {
    const { user } = await renderSettings();
    const design = screen.getByLabelText('System design');

    await user.clear(design);
    await user.type(design, '7:30');
    await waitFor(async () => expect((await stored()).answerTargetSeconds['system-design']).toBe(450));

    const behavioral = screen.getByLabelText('Behavioral');
    await user.clear(behavioral);
    await user.type(behavioral, '3');
    await waitFor(async () => expect((await stored()).answerTargetSeconds.behavioral).toBe(180));
    // The other kinds keep theirs.
    expect((await stored()).answerTargetSeconds).toEqual({
      ...DEFAULT_SETTINGS.answerTargetSeconds,
      'system-design': 450,
      behavioral: 180,
    });

    // Each of these only ever reads, keystroke by keystroke, as no time or as the 3:00 stored.
    for (const bad of ['0:10', '31', 'two minutes', '3:5', '3:75']) {
      await user.clear(behavioral);
      await user.type(behavioral, bad);
      expect(behavioral).toHaveAttribute('aria-invalid', 'true');
      expect(behavioral).toHaveAccessibleDescription(
        'A target must be from 0:15 to 30:00, e.g. 2:00 or 3. Not saved: it stays 3:00.',
      );
    }
    expect((await stored()).answerTargetSeconds.behavioral).toBe(180);
    await user.tab();
    expect(behavioral).toHaveValue('3:00');
    expect(behavioral).not.toHaveAttribute('aria-invalid');
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

    await user.click(screen.getByLabelText('Show the answer timer'));
    await waitFor(async () => expect((await stored()).showTimer).toBe(false));
    expect(screen.getByLabelText('Show the answer timer')).not.toBeChecked();

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

describe('parseMinutesSeconds', () => {
  it('reads minutes:seconds or whole minutes, and nothing else', () => {
    expect(['2:30', ' 2 ', '0:15', '30:00', '5:07'].map(parseMinutesSeconds)).toEqual([
      150, 120, 15, 1800, 307,
    ]);
    for (const text of ['', '2:5', '2:60', '1.5', '-1', '2m', '2:30:00', ':30']) {
      expect(parseMinutesSeconds(text)).toBeNull();
    }
  });
});
