// Home's counts as a user reads them: what Start review would show now, learn ahead included.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Grade, type Settings } from '../../src/domain';
import { HomeScreen } from '../../src/features/home/home-screen';
import { DbContext } from '../../src/hooks/use-db';
import type { KeypointsDb } from '../../src/storage/db';
import { gradeCard } from '../../src/storage/repositories/reviews';
import { MINUTE } from '../support/clock';
import { seededDb } from '../support/db';

const C11 = 'amazon-engineer/1.1';

let db: KeypointsDb;

beforeEach(async () => {
  db = await seededDb(Date.now() - 10 * MINUTE);
});

afterEach(async () => {
  cleanup();
  await db.delete();
});

async function useSettings(settings: Partial<Settings>) {
  await db.settings.put({ ...DEFAULT_SETTINGS, ...settings, key: 'settings' });
}

async function grade(cardId: string, rating: Grade, at: number) {
  const shown = await db.schedules.get(cardId);
  if (!shown) throw new Error(cardId);
  await gradeCard(db, DEFAULT_SETTINGS, {
    cardId,
    shown,
    rating,
    now: at,
    durationMs: 30_000,
    keyPointsRecalled: [],
    pitfallsFlagged: [],
    notes: '',
  });
}

function showHome() {
  render(
    <DbContext.Provider value={db}>
      <HomeScreen initialFilter={{}} onStart={() => {}} />
    </DbContext.Provider>,
  );
}

describe('HomeScreen', () => {
  it('counts a learning card within the learn-ahead limit as due now, not "All caught up" (Start review shows it at once)', async () => {
    // The day's one new card, graded Good a minute ago: back in about 9 minutes, within the default 20.
    await useSettings({ newPerDay: 1 });
    await grade(C11, 3, Date.now() - MINUTE);
    showHome();

    expect(await screen.findByTestId('due-now')).toHaveTextContent('1');
    expect(screen.getByTestId('new-left')).toHaveTextContent('0');
    const line = screen.getByTestId('next-due');
    expect(line).not.toHaveTextContent(/All caught up/);
    expect(line).not.toHaveTextContent(/come(s)? back later today/);
    expect(line).toHaveTextContent('No other review scheduled yet.');
  });

  it('still says the learning card comes back later when it is beyond the learn-ahead limit', async () => {
    await useSettings({ newPerDay: 1, learnAheadMinutes: 5 });
    await grade(C11, 3, Date.now() - MINUTE);
    showHome();

    expect(await screen.findByTestId('due-now')).toHaveTextContent('0');
    expect(screen.getByTestId('next-due')).toHaveTextContent(
      /^All caught up\. 1 learning card comes back later today\. Next review in \d+m\.$/,
    );
  });
});
