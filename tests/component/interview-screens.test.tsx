// The interview screens as a user meets them: the editor (messages at the field, the values saved), the list, Home's block, the readiness page.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardHref, interviewHref } from '../../src/components/routes';
import { DEFAULT_SETTINGS } from '../../src/domain';
import type { Interview } from '../../src/domain/interview';
import { defaultInterviewDraft } from '../../src/domain/interview';
import { HomeScreen } from '../../src/features/home/home-screen';
import { InterviewEditorScreen } from '../../src/features/interviews/interview-editor-screen';
import { InterviewsScreen } from '../../src/features/interviews/interviews-screen';
import { ReadinessScreen } from '../../src/features/readiness/readiness-screen';
import { DbContext } from '../../src/hooks/use-db';
import type { KeypointsDb } from '../../src/storage/db';
import { getInterview, listInterviews, saveInterview } from '../../src/storage/repositories/interviews';
import { gradeCard } from '../../src/storage/repositories/reviews';
import { DAY } from '../support/clock';
import { seededDb } from '../support/db';

let db: KeypointsDb;

beforeEach(async () => {
  db = await seededDb(Date.now() - 2 * DAY);
});

afterEach(async () => {
  cleanup();
  await db.delete();
});

function show(ui: React.ReactNode) {
  const user = userEvent.setup();
  render(<DbContext.Provider value={db}>{ui}</DbContext.Provider>);
  return user;
}

/** 'YYYY-MM-DD' of the local day `days` from today, as a date input holds it. */
function dateInput(days: number): string {
  const d = new Date(Date.now() + days * DAY);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function nineOClock(days: number): number {
  const d = new Date(Date.now() + days * DAY);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), 9, 0).getTime();
}

async function addInterview(name: string, daysAhead: number, over: Partial<Interview> = {}) {
  return saveInterview(
    db,
    { ...defaultInterviewDraft(nineOClock(daysAhead)), name, ...over },
    Date.now() - DAY,
  );
}

async function gradeSome(cardIds: string[], at: number) {
  for (const cardId of cardIds) {
    const shown = await db.schedules.get(cardId);
    if (!shown) throw new Error(cardId);
    await gradeCard(db, DEFAULT_SETTINGS, {
      cardId,
      shown,
      rating: 3,
      now: at,
      durationMs: 60_000,
      keyPointsRecalled: [],
      pitfallsFlagged: [],
      notes: '',
    });
  }
}

describe('InterviewEditorScreen', () => {
  it('shows each problem at its field and saves nothing', async () => {
    const user = show(<InterviewEditorScreen />);
    await screen.findByText(/^Covers 15 cards of 15/);
    const minutes = screen.getByLabelText('Minutes per day');
    await user.clear(minutes);
    await user.type(minutes, '0');
    await user.clear(screen.getByLabelText('Target recall (%)'));
    await user.type(screen.getByLabelText('Target recall (%)'), '100');
    await user.click(screen.getByRole('button', { name: 'Save interview' }));

    expect(screen.getByRole('alert')).toHaveTextContent('The interview was not saved: fix the 4 problems');
    const name = screen.getByLabelText('Name');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription(/Give the interview a name\./);
    expect(name).toHaveFocus();
    expect(screen.getByLabelText('Date')).toHaveAccessibleDescription('Choose the date of the interview.');
    expect(minutes).toHaveAccessibleDescription(/Minutes per day must be a whole number from 1 to 600\./);
    expect(screen.getByLabelText('Target recall (%)')).toHaveAccessibleDescription(
      /The target must be from 50% to 99%\./,
    );

    // A date already past is refused for a new interview.
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: dateInput(-2) } });
    expect(screen.getByLabelText('Date')).toHaveAccessibleDescription(
      'This moment has passed: choose a date and time still ahead.',
    );
    expect(await listInterviews(db)).toEqual([]);
  });

  it('saves what was chosen, 09:00 when no time is given, and counts the cards it covers', async () => {
    window.location.hash = '#/interviews/new';
    const user = show(<InterviewEditorScreen />);
    expect(screen.getByLabelText('Time (optional)')).toHaveAccessibleDescription(
      'Without a time, 09:00 is assumed.',
    );
    await user.type(screen.getByLabelText('Name'), 'Amazon loop');
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: dateInput(14) } });
    await user.click(screen.getByRole('checkbox', { name: 'Junior' }));
    await user.click(screen.getByRole('checkbox', { name: 'Senior' }));
    expect(await screen.findByText('Covers 6 cards of 15.')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Behavioral' }));
    const covered = await screen.findByRole('status');
    expect(covered.textContent).toMatch(/^(Covers \d+ cards? of 15\.|No card matches this choice yet\.)$/);
    for (const [label, value] of [
      ['Minutes per day', '35'],
      ['Days of lead', '5'],
      ['Target recall (%)', '85'],
    ] as const) {
      await user.clear(screen.getByLabelText(label));
      await user.type(screen.getByLabelText(label), value);
    }
    await user.click(screen.getByRole('button', { name: 'Save interview' }));

    await waitFor(() => expect(window.location.hash).toBe('#/interviews'));
    const [saved] = await listInterviews(db);
    expect(saved).toMatchObject({
      name: 'Amazon loop',
      at: nineOClock(14),
      covers: { levels: ['junior', 'senior'], kinds: ['behavioral'] },
      dailyMinutes: 35,
      leadDays: 5,
      target: 0.85,
      reachedReadiness: null,
    });
  });

  it('edits an interview in place, keeping a given time', async () => {
    const interview = await addInterview('Phone screen', 5, { dailyMinutes: 15 });
    const user = show(<InterviewEditorScreen interviewId={interview.id} />);
    const name = await screen.findByLabelText('Name');
    expect(name).toHaveValue('Phone screen');
    expect(screen.getByLabelText('Time (optional)')).toHaveValue('09:00');
    expect(screen.getByLabelText('Minutes per day')).toHaveValue(15);
    await user.clear(name);
    await user.type(name, 'Phone screen with Ana');
    fireEvent.change(screen.getByLabelText('Time (optional)'), { target: { value: '14:30' } });
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(async () =>
      expect(await getInterview(db, interview.id)).toMatchObject({
        name: 'Phone screen with Ana',
        at: nineOClock(5) + 5.5 * 3_600_000,
        dailyMinutes: 15,
        createdAt: interview.createdAt,
      }),
    );
  });

  it('says so when the interview to edit is gone', async () => {
    show(<InterviewEditorScreen interviewId="no-such-id" />);
    expect(await screen.findByText(/not on this device any more/)).toBeInTheDocument();
  });
});

describe('InterviewsScreen', () => {
  it('lists interviews ahead and past, and removes one after asking', async () => {
    const ahead = await addInterview('Amazon loop', 14);
    const past = await addInterview('Old screen', 3);
    await db.interviews.update(past.id, { at: Date.now() - DAY, reachedReadiness: 64.4 });
    const user = show(<InterviewsScreen />);

    const aheadItem = (await screen.findByRole('heading', { name: 'Amazon loop' })).closest('li');
    expect(aheadItem).not.toBeNull();
    const inAhead = within(aheadItem as HTMLElement);
    expect(inAhead.getByText(/14 days left/)).toBeInTheDocument();
    expect(aheadItem).toHaveTextContent('Readiness 0% of 15 cards');
    expect(inAhead.getByRole('link', { name: 'Readiness Amazon loop' })).toHaveAttribute(
      'href',
      interviewHref(ahead.id),
    );
    expect(inAhead.getByRole('link', { name: 'Edit Amazon loop' })).toHaveAttribute(
      'href',
      interviewHref(ahead.id, 'edit'),
    );
    const pastItem = screen.getByRole('heading', { name: 'Old screen' }).closest('li') as HTMLElement;
    expect(within(pastItem).getByText(/Readiness reached on the day/)).toHaveTextContent('64%');

    await user.click(inAhead.getByRole('button', { name: 'Remove Amazon loop' }));
    const dialog = screen.getByRole('region', { name: 'Remove “Amazon loop”?' });
    expect(dialog).toHaveAccessibleDescription(/review history stay as they are/);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await getInterview(db, ahead.id)).toBeDefined();

    await user.click(inAhead.getByRole('button', { name: 'Remove Amazon loop' }));
    await user.click(screen.getByRole('button', { name: 'Remove interview' }));
    expect(await screen.findByRole('status')).toHaveTextContent('“Amazon loop” was removed.');
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Amazon loop' })).toBeNull());
    expect(await getInterview(db, ahead.id)).toBeUndefined();
  });

  it('invites a first interview when there is none', async () => {
    show(<InterviewsScreen />);
    expect(await screen.findByText(/No interviews yet/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add interview' })).toHaveAttribute('href', '#/interviews/new');
  });
});

describe('Home', () => {
  it('offers a link to add an interview while there is none', async () => {
    show(<HomeScreen initialFilter={{}} onStart={() => {}} />);
    expect(await screen.findByRole('link', { name: 'Add an interview' })).toHaveAttribute(
      'href',
      '#/interviews/new',
    );
    expect(screen.queryByRole('heading', { name: 'Interviews' })).toBeNull();
  });

  it('shows each interview ahead with days left, readiness and today’s line', async () => {
    const interview = await addInterview('Amazon loop', 14);
    await addInterview('Onsite', 30, { covers: { levels: ['principal'] } });
    show(<HomeScreen initialFilter={{}} onStart={() => {}} />);
    await screen.findByRole('heading', { name: 'Interviews' });
    const blocks = await screen.findAllByTestId('interview-summary');
    expect(blocks).toHaveLength(2);
    const first = within(blocks[0] as HTMLElement);
    expect(first.getByRole('link', { name: 'Amazon loop' })).toHaveAttribute(
      'href',
      interviewHref(interview.id),
    );
    expect(blocks[0]).toHaveTextContent('14 days left');
    expect(blocks[0]).toHaveTextContent('Readiness 0%');
    expect(blocks[0]).toHaveTextContent(
      /For Amazon loop: your queue( plus \d+ new cards?)? today, about \d+ minutes?\./,
    );
    expect(blocks[1]).toHaveTextContent('30 days left');
  });
});

describe('ReadinessScreen', () => {
  it('shows the number, the breakdowns, the histogram, the weakest cards and how it is computed', async () => {
    await gradeSome(['amazon-engineer/1.1', 'amazon-engineer/2.1'], Date.now() - DAY);
    const interview = await addInterview('Amazon loop', 14);
    show(<ReadinessScreen interviewId={interview.id} />);

    expect(await screen.findByRole('heading', { level: 1, name: 'Readiness for Amazon loop' })).toBeVisible();
    expect(screen.getByTestId('readiness-percent').textContent).toMatch(/^\d+%$/);
    expect(screen.getByText(/on average over 15 cards, 13 not studied yet/)).toBeInTheDocument();

    const levels = within(screen.getByRole('region', { name: 'By level' })).getAllByRole('row');
    expect(levels.map((r) => r.textContent)).toEqual([
      'LevelCardsReadiness',
      expect.stringMatching(/^Junior3\d+%$/),
      expect.stringMatching(/^Mid3\d+%$/),
      'Senior30%',
      'Lead30%',
      'Principal30%',
    ]);
    expect(
      within(screen.getByRole('region', { name: 'By kind' })).getAllByRole('row').length,
    ).toBeGreaterThan(1);

    const histogram = screen.getByRole('table', {
      name: 'Covered cards by predicted recall at the interview',
    });
    expect(within(histogram).getAllByRole('row')).toHaveLength(11);
    expect(within(histogram).getByRole('row', { name: /0–10%/ })).toHaveTextContent('13');

    const weakest = within(screen.getByRole('region', { name: 'Weakest cards' })).getAllByRole('link');
    expect(weakest).toHaveLength(10);
    const firstId = await db.cards.filter((c) => c.question === weakest[0]?.textContent).first();
    expect(weakest[0]).toHaveAttribute('href', cardHref(firstId?.id ?? ''));

    expect(screen.getByRole('table', { name: 'Readiness at the end of each day' })).toBeInTheDocument();
    const how = screen.getByRole('region', { name: 'How it is computed' });
    expect(how).toHaveTextContent(/not due before the interview/);
    expect(how).toHaveTextContent(/due before the interview counts as if you review it/);
    expect(how).toHaveTextContent(/not studied yet counts 0/);
    // No forecast computation given: no forecast section, and no made-up numbers.
    expect(screen.queryByRole('heading', { name: 'Your plan' })).toBeNull();
  });

  it('shows the plan’s forecast sentence where the app passes its computation', async () => {
    const interview = await addInterview('Amazon loop', 14);
    const forecast = async (_db: KeypointsDb, i: Interview) => ({ sentence: `Forecast for ${i.name}.` });
    show(<ReadinessScreen interviewId={interview.id} forecast={forecast} />);
    const plan = await screen.findByRole('region', { name: 'Your plan' });
    await waitFor(() => expect(plan).toHaveTextContent('Forecast for Amazon loop.'));
  });

  it('shows a passed interview with the readiness reached on its day', async () => {
    const interview = await addInterview('Old loop', 3);
    await db.interviews.update(interview.id, { at: Date.now() - DAY, reachedReadiness: 72.2 });
    show(<ReadinessScreen interviewId={interview.id} />);
    expect(await screen.findByTestId('readiness-percent')).toHaveTextContent('72%');
    expect(screen.getByText(/Readiness reached on the day/)).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Weakest cards' })).toBeNull();
  });

  it('says so when the interview is gone', async () => {
    show(<ReadinessScreen interviewId="nope" />);
    expect(await screen.findByRole('heading', { name: 'Interview not found' })).toBeInTheDocument();
  });
});
