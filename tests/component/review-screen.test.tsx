// The review screen as a user drives it: recall, reveal, tick, grade by key, undo, caught up, notes.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type DeckFile, Rating, type Settings, State } from '../../src/domain';
import { ReviewScreen } from '../../src/features/review/review-screen';
import { DbContext } from '../../src/hooks/use-db';
import type { KeypointsDb } from '../../src/storage/db';
import { upsertDeckFile } from '../../src/storage/repositories/decks';
import { gradeCard } from '../../src/storage/repositories/reviews';
import { freshDb } from '../support/db';
import { builtInCard, builtInDeck } from '../support/deck';

const deck: DeckFile = builtInDeck();
const card = builtInCard;
const Q11 = card('1.1').question;
const Q12 = card('1.2').question;
const Q13 = card('1.3').question;

let db: KeypointsDb;

async function renderReview(settings: Partial<Settings> = {}) {
  await upsertDeckFile(db, deck, Date.now());
  if (Object.keys(settings).length)
    await db.settings.put({ ...DEFAULT_SETTINGS, ...settings, key: 'settings' });
  const onExit = vi.fn();
  const user = userEvent.setup();
  render(
    <DbContext.Provider value={db}>
      <ReviewScreen filter={{}} onExit={onExit} />
    </DbContext.Provider>,
  );
  return { user, onExit };
}

const question = () => screen.findByRole('heading', { level: 1 });
const gradeButton = (label: 'Again' | 'Hard' | 'Good' | 'Easy') =>
  screen.getByRole('button', { name: new RegExp(`^${label}`) });
const suggestedLabel = () =>
  (['Again', 'Hard', 'Good', 'Easy'] as const).filter((l) =>
    gradeButton(l).textContent?.includes('Suggested'),
  );

beforeEach(() => {
  db = freshDb();
});

afterEach(async () => {
  cleanup();
  await db.delete();
});

describe('ReviewScreen', () => {
  it('shows the card in its recall stage: level, kind, question, context, notes and Show answer', async () => {
    await renderReview();
    expect(await question()).toHaveTextContent(Q11);
    expect(screen.getByText('Junior')).toBeInTheDocument();
    expect(screen.getByText('Operational')).toBeInTheDocument();
    expect(screen.getByText(card('1.1').context)).toBeInTheDocument();
    expect(screen.getByLabelText('Your key points (optional)')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Show answer/ })).toBeInTheDocument();
    expect(screen.getByRole('timer')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Key points' })).not.toBeInTheDocument();
  });

  it('reveals with Space, suggests a grade from the ticks without choosing it, and grades with 3', async () => {
    const { user } = await renderReview();
    expect(await question()).toHaveTextContent(Q11);

    await user.keyboard(' ');
    expect(await screen.findByRole('heading', { name: 'Key points' })).toBeInTheDocument();
    expect(screen.getByText(card('1.1').exampleAnswer)).toBeInTheDocument();
    expect(gradeButton('Again')).toHaveTextContent('1m');
    expect(gradeButton('Hard')).toHaveTextContent('6m');
    expect(gradeButton('Good')).toHaveTextContent('10m');
    // Nothing ticked: under half the key points → Again is suggested.
    expect(suggestedLabel()).toEqual(['Again']);

    const points = card('1.1').keyPoints;
    for (const point of points.slice(0, 4)) await user.click(screen.getByRole('checkbox', { name: point }));
    expect(screen.getByText(`Recalled 4 of ${points.length}.`)).toBeInTheDocument();
    expect(suggestedLabel()).toEqual(['Hard']);
    for (const point of points.slice(4)) await user.click(screen.getByRole('checkbox', { name: point }));
    expect(suggestedLabel()).toEqual(['Good']);
    // A pitfall fallen into lowers the suggestion by one.
    await user.click(screen.getByRole('checkbox', { name: card('1.1').pitfalls[0] }));
    expect(suggestedLabel()).toEqual(['Hard']);
    expect(await db.reviews.count()).toBe(0);

    await user.keyboard('3');
    await waitFor(async () => expect(await question()).toHaveTextContent(Q12));
    expect(screen.getByRole('button', { name: /Show answer/ })).toBeInTheDocument();
    const [review] = await db.reviews.toArray();
    expect(review).toMatchObject({
      cardId: 'amazon-engineer/1.1',
      rating: Rating.Good,
      keyPointsRecalled: points.map((_, i) => i),
      pitfallsFlagged: [0],
    });
  });

  it('grades by tapping a grade button', async () => {
    const { user } = await renderReview();
    await question();
    await user.click(screen.getByRole('button', { name: /Show answer/ }));
    // The answer stage shows once the grade buttons' intervals are known.
    await user.click(await screen.findByRole('button', { name: /^Easy/ }));
    await waitFor(async () => expect(await question()).toHaveTextContent(Q12));
    expect((await db.reviews.toArray()).map((r) => r.rating)).toEqual([4]);
  });

  it('Undo brings back the previous card in its answer stage, with its ticks and notes', async () => {
    const { user } = await renderReview();
    await question();
    await user.type(screen.getByLabelText('Your key points (optional)'), 'Check the ALB metrics first');
    await user.click(screen.getByRole('button', { name: /Show answer/ }));
    const points = card('1.1').keyPoints;
    await user.click(await screen.findByRole('checkbox', { name: points[0] }));
    await user.click(screen.getByRole('checkbox', { name: points[2] }));
    await user.keyboard('3');
    await waitFor(async () => expect(await question()).toHaveTextContent(Q12));

    await user.click(screen.getByRole('button', { name: /Undo/ }));

    await waitFor(async () => expect(await question()).toHaveTextContent(Q11));
    expect(screen.getByRole('heading', { name: 'Key points' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: points[0] })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: points[1] })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: points[2] })).toBeChecked();
    expect(screen.getByText('Check the ALB metrics first')).toBeInTheDocument();
    expect(await db.reviews.count()).toBe(0);
    expect(await db.schedules.get('amazon-engineer/1.1')).toMatchObject({ state: State.New, reps: 0 });
    expect(screen.getByRole('button', { name: /Undo/ })).toBeDisabled();

    // Graded again, the card is not taken as graded in another tab.
    await user.keyboard('4');
    await waitFor(async () => expect(await question()).toHaveTextContent(Q12));
    expect((await db.reviews.toArray()).map((r) => r.rating)).toEqual([4]);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('undoes with Z and with Ctrl+Z, back through every card of the session', async () => {
    const { user } = await renderReview();
    await question();
    for (const next of [Q12, Q13]) {
      await user.keyboard(' ');
      await screen.findByRole('heading', { name: 'Key points' });
      await user.keyboard('3');
      await waitFor(async () => expect(await question()).toHaveTextContent(next));
    }
    expect(await db.reviews.count()).toBe(2);

    await user.keyboard('z');
    await waitFor(async () => expect(await question()).toHaveTextContent(Q12));
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(async () => expect(await question()).toHaveTextContent(Q11));
    expect(await db.reviews.count()).toBe(0);

    // The cards undone come back in order after it.
    await user.keyboard('3');
    await waitFor(async () => expect(await question()).toHaveTextContent(Q12));
  });

  it('says so and moves on when the card was graded in another tab meanwhile', async () => {
    const { user } = await renderReview();
    await question();
    await user.keyboard(' ');
    await screen.findByRole('heading', { name: 'Key points' });
    // Another tab grades the same card.
    const shown = await db.schedules.get('amazon-engineer/1.1');
    if (!shown) throw new Error('no schedule');
    await gradeCard(db, DEFAULT_SETTINGS, {
      cardId: 'amazon-engineer/1.1',
      shown,
      rating: Rating.Good,
      now: Date.now(),
      durationMs: 0,
      keyPointsRecalled: [],
      pitfallsFlagged: [],
      notes: '',
    });

    await user.keyboard('1');

    expect(await screen.findByRole('alert')).toHaveTextContent('graded in another tab');
    await waitFor(async () => expect(await question()).toHaveTextContent(Q12));
    expect(await db.reviews.count()).toBe(1);
  });

  it('skips a queued card that another tab graded since the session started', async () => {
    const { user } = await renderReview();
    expect(await question()).toHaveTextContent(Q11);
    // Another tab, working through the same queue, grades the next card first.
    const shown = await db.schedules.get('amazon-engineer/1.2');
    if (!shown) throw new Error('no schedule');
    await gradeCard(db, DEFAULT_SETTINGS, {
      cardId: 'amazon-engineer/1.2',
      shown,
      rating: Rating.Good,
      now: Date.now(),
      durationMs: 0,
      keyPointsRecalled: [],
      pitfallsFlagged: [],
      notes: '',
    });

    await user.keyboard(' ');
    await screen.findByRole('heading', { name: 'Key points' });
    await user.keyboard('3');

    await waitFor(async () => expect(await question()).toHaveTextContent(Q13));
    expect((await db.reviews.toArray()).map((r) => r.cardId).sort()).toEqual([
      'amazon-engineer/1.1',
      'amazon-engineer/1.2',
    ]);
  });

  it('leaves Space and Enter on a link or a button to that control', async () => {
    const { user } = await renderReview();
    expect(await question()).toHaveTextContent(Q11);
    const link = document.createElement('a');
    link.href = '#/settings';
    link.textContent = 'Settings';
    document.body.prepend(link);
    link.focus();

    await user.keyboard('{Enter}');
    await user.keyboard(' ');

    expect(screen.queryByRole('heading', { name: 'Key points' })).not.toBeInTheDocument();
    link.remove();
  });

  it('says "All caught up" with what comes next when nothing is due', async () => {
    await renderReview({ newPerDay: 0 });
    expect(await screen.findByRole('heading', { name: 'All caught up' })).toBeInTheDocument();
    expect(screen.getByText('Nothing is due right now.')).toBeInTheDocument();
    expect(screen.getByText(/No reviews are scheduled yet\. .*Reviewed today: 0\./)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Back to Home' })).toBeInTheDocument();
  });

  it('when the last card is graded, says "All caught up" with when the next card is due', async () => {
    const { user } = await renderReview({ newPerDay: 1 });
    expect(await question()).toHaveTextContent(Q11);
    await user.keyboard(' ');
    await screen.findByRole('heading', { name: 'Key points' });
    await user.keyboard('4');
    expect(await screen.findByRole('heading', { name: 'All caught up' })).toBeInTheDocument();
    expect(screen.getByText('You reviewed 1 card in this session.')).toBeInTheDocument();
    expect(screen.getByText(/Next card is due in \d+d .*Reviewed today: 1\./)).toBeInTheDocument();
  });

  it('does not reveal the answer when a space or Enter is typed in the notes', async () => {
    const { user } = await renderReview();
    await question();
    const notes = screen.getByLabelText('Your key points (optional)');
    await user.type(notes, 'retries with backoff{Enter}and idempotency');

    expect(notes).toHaveValue('retries with backoff\nand idempotency');
    expect(screen.queryByRole('heading', { name: 'Key points' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Show answer/ })).toBeInTheDocument();
    // Nor does z undo anything or digits grade while typing.
    expect(await db.reviews.count()).toBe(0);

    await user.click(screen.getByRole('button', { name: /Show answer/ }));
    const aside = await screen.findByRole('complementary', { name: 'Your notes' });
    expect(within(aside).getByText(/retries with backoff/)).toBeInTheDocument();
  });

  it("counts down the target of the card's kind from the settings", async () => {
    await renderReview({ answerTargetSeconds: { ...DEFAULT_SETTINGS.answerTargetSeconds, operational: 45 } });
    expect(await question()).toHaveTextContent(Q11); // an operational card
    expect(screen.getByRole('timer')).toHaveTextContent('0:45 left');
    expect(screen.getByRole('timer')).toHaveAccessibleName('Answer time, target 0:45: 0:45 left');
  });

  it('hides the answer timer when the timer is turned off', async () => {
    await renderReview({ showTimer: false });
    expect(await question()).toHaveTextContent(Q11);
    expect(screen.queryByRole('timer')).not.toBeInTheDocument();
  });
});
