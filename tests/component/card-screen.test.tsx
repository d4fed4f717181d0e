// A card's page as a user drives it: content as text, progress, history, suspend, reset and delete with undo.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type DeckFile, Rating } from '../../src/domain';
import { CardScreen } from '../../src/features/browse/card-screen';
import { DbContext } from '../../src/hooks/use-db';
import type { KeypointsDb } from '../../src/storage/db';
import { createOwnCard } from '../../src/storage/repositories/cards';
import { upsertDeckFile } from '../../src/storage/repositories/decks';
import { cardReviews } from '../../src/storage/repositories/queries';
import { gradeCard } from '../../src/storage/repositories/reviews';
import { freshDb } from '../support/db';
import { builtInDeck } from '../support/deck';

const deck: DeckFile = builtInDeck();

let db: KeypointsDb;

async function ownCardWithOneReview() {
  await upsertDeckFile(db, deck, Date.now());
  const card = await createOwnCard(
    db,
    {
      question: 'Why <b>not</b> use a queue?',
      context: 'A design follow-up.',
      keyPoints: ['Back-pressure', 'Ordering', 'Cost'],
      pitfalls: ['"It scales"', 'Ignoring retries'],
      exampleAnswer: 'I would <script>alert(1)</script> start with…',
      level: 'senior',
      kind: 'system-design',
      tags: ['queues'],
    },
    Date.now() - 60_000,
  );
  const shown = await db.schedules.get(card.id);
  if (!shown) throw new Error('no schedule');
  await gradeCard(db, DEFAULT_SETTINGS, {
    cardId: card.id,
    shown,
    rating: Rating.Good,
    now: Date.now() - 30_000,
    durationMs: 20_000,
    keyPointsRecalled: [0, 2],
    pitfallsFlagged: [1],
    notes: 'Forgot ordering.',
  });
  return card;
}

function renderCard(cardId: string) {
  const user = userEvent.setup();
  render(
    <DbContext.Provider value={db}>
      <CardScreen cardId={cardId} />
    </DbContext.Provider>,
  );
  return user;
}

const fact = (term: string) => screen.getByText(term, { selector: 'dt' }).nextElementSibling;

beforeEach(() => {
  db = freshDb();
});

afterEach(async () => {
  cleanup();
  await db.delete();
});

describe('CardScreen', () => {
  it('shows the content as text (never as markup), its progress and its history in words', async () => {
    const card = await ownCardWithOneReview();
    renderCard(card.id);
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Why <b>not</b> use a queue?');
    expect(document.querySelector('b, script')).toBeNull();
    expect(screen.getByText('I would <script>alert(1)</script> start with…')).toBeInTheDocument();
    expect(screen.getByText('My cards')).toBeInTheDocument();

    expect(fact('State')).toHaveTextContent('Learning');
    expect(fact('Reviews')).toHaveTextContent('1');
    expect(fact('Lapses')).toHaveTextContent('0');
    expect(fact('Recall chance now')).toHaveTextContent(/^\d+%$/);
    expect(fact('Due')).toHaveTextContent(/^In \d+m/);

    const history = screen.getByRole('heading', { name: 'History' }).parentElement as HTMLElement;
    const [entry] = within(history).getAllByRole('listitem');
    expect(entry).toHaveTextContent('Good');
    expect(entry).toHaveTextContent('Recalled 2 key points:Back-pressureCost');
    expect(entry).toHaveTextContent('Fell into 1 pitfall:Ignoring retries');
    expect(entry).toHaveTextContent('Forgot ordering.');
  });

  it('shows how far over its target an answer ran, as kept with the review, and nothing for the others', async () => {
    const card = await ownCardWithOneReview(); // no target kept: graded before targets, or timer off
    const grade = async (durationMs: number, targetMs: number, now: number) => {
      const shown = await db.schedules.get(card.id);
      if (!shown) throw new Error('no schedule');
      await gradeCard(db, DEFAULT_SETTINGS, {
        cardId: card.id,
        shown,
        rating: Rating.Good,
        now,
        durationMs,
        targetMs,
        keyPointsRecalled: [],
        pitfallsFlagged: [],
        notes: '',
      });
    };
    await grade(340_000, 300_000, Date.now() - 20_000);
    await grade(100_000, 300_000, Date.now() - 10_000);
    renderCard(card.id);

    const history = (await screen.findByRole('heading', { name: 'History' })).parentElement as HTMLElement;
    const [inTime, over, none] = within(history)
      .getAllByRole('listitem')
      .filter((li) => li.matches('.kp-history__item'));
    expect(over).toHaveTextContent('over by 0:40');
    expect(inTime).not.toHaveTextContent('over by');
    expect(none).not.toHaveTextContent('over by');
  });

  it('marks the reviews graded by ear in listen mode, and only those', async () => {
    const card = await ownCardWithOneReview(); // graded on screen
    const shown = await db.schedules.get(card.id);
    if (!shown) throw new Error('no schedule');
    await gradeCard(db, DEFAULT_SETTINGS, {
      cardId: card.id,
      shown,
      rating: Rating.Again,
      now: Date.now() - 10_000,
      durationMs: 50_000,
      keyPointsRecalled: [],
      pitfallsFlagged: [],
      notes: '',
      source: 'listening',
    });
    renderCard(card.id);

    const history = (await screen.findByRole('heading', { name: 'History' })).parentElement as HTMLElement;
    const [byEar, onScreen] = within(history)
      .getAllByRole('listitem')
      .filter((li) => li.matches('.kp-history__item'));
    expect(byEar).toHaveTextContent('by ear');
    expect(onScreen).not.toHaveTextContent('by ear');
  });

  it('suspends and unsuspends', async () => {
    const card = await ownCardWithOneReview();
    const user = renderCard(card.id);
    await user.click(await screen.findByRole('button', { name: 'Suspend' }));
    expect(await screen.findByRole('button', { name: 'Unsuspend' })).toBeInTheDocument();
    expect(fact('State')).toHaveTextContent('Learning, suspended');
    expect((await db.schedules.get(card.id))?.active).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Unsuspend' }));
    await waitFor(async () => expect((await db.schedules.get(card.id))?.active).toBe(1));
  });

  it('resets progress only after a confirmation that says the history goes', async () => {
    const card = await ownCardWithOneReview();
    const user = renderCard(card.id);
    await user.click(await screen.findByRole('button', { name: 'Reset progress' }));
    const confirm = screen.getByRole('region', { name: 'Reset progress?' });
    expect(confirm).toHaveTextContent('its 1 review below is deleted from the history');
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(await cardReviews(db, card.id)).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Reset progress' }));
    const again = screen.getByRole('region', { name: 'Reset progress?' });
    await user.click(within(again).getByRole('button', { name: 'Reset progress' }));
    expect(
      await screen.findByText('Progress reset: the card is new again and its 1 review was deleted.'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Not reviewed yet.')).toBeInTheDocument();
    expect(fact('State')).toHaveTextContent('New');
    expect(await cardReviews(db, card.id)).toEqual([]);
  });

  it('deletes after confirmation, and Undo brings the card back with its history', async () => {
    const card = await ownCardWithOneReview();
    const user = renderCard(card.id);
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Delete card' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Card deleted' })).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent(
      '“Why <b>not</b> use a queue?” was deleted with its 1 review.',
    );
    expect(await db.cards.get(card.id)).toBeUndefined();

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Why <b>not</b> use a queue?' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Card restored with its history.')).toBeInTheDocument();
    expect(await cardReviews(db, card.id)).toHaveLength(1);
    expect(fact('Reviews')).toHaveTextContent('1');
  });

  it('says so when there is no such card', async () => {
    renderCard('own/nothing');
    expect(await screen.findByRole('heading', { level: 1, name: 'Card not found' })).toBeInTheDocument();
  });
});
