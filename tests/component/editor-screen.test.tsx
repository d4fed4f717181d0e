// The card editor as a user drives it: add an own card, plain validation messages, edit that keeps history.
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type DeckFile, Rating } from '../../src/domain';
import { EditorScreen } from '../../src/features/editor/editor-screen';
import { DbContext } from '../../src/hooks/use-db';
import type { KeypointsDb } from '../../src/storage/db';
import { upsertDeckFile } from '../../src/storage/repositories/decks';
import { cardReviews } from '../../src/storage/repositories/queries';
import { gradeCard } from '../../src/storage/repositories/reviews';
import { freshDb } from '../support/db';
import { builtInDeck } from '../support/deck';

const deck: DeckFile = builtInDeck();
const C21 = 'amazon-engineer/2.1';

let db: KeypointsDb;

async function renderEditor(cardId?: string) {
  window.location.hash = cardId ? `#/edit/${encodeURIComponent(cardId)}` : '#/new';
  await upsertDeckFile(db, deck, Date.now());
  const user = userEvent.setup();
  render(
    <DbContext.Provider value={db}>
      <EditorScreen cardId={cardId} />
    </DbContext.Provider>,
  );
  return user;
}

const ownCards = () => db.cards.where('deckId').equals('own').toArray();

beforeEach(() => {
  db = freshDb();
});

afterEach(async () => {
  cleanup();
  await db.delete();
});

describe('EditorScreen: adding a card', () => {
  it('saves an own card with every field to "My cards" and opens its page', async () => {
    const user = await renderEditor();
    expect(screen.getByRole('heading', { level: 1, name: 'Add card' })).toBeInTheDocument();
    await user.type(
      screen.getByLabelText('Question'),
      'Tell me about a time you disagreed with your manager.',
    );
    await user.type(screen.getByLabelText('Context (optional)'), 'Tests disagree and commit.');
    await user.type(screen.getByLabelText('Key point 1'), 'Data, not opinions');
    await user.click(screen.getByRole('button', { name: 'Add key point' }));
    expect(screen.getByLabelText('Key point 2')).toHaveFocus();
    await user.keyboard('Committed once decided');
    await user.type(screen.getByLabelText('Pitfall 1'), 'Badmouthing the manager');
    await user.type(screen.getByLabelText('Example answer (optional)'), 'In 2023…');
    await user.selectOptions(screen.getByLabelText('Level'), 'Senior');
    await user.selectOptions(screen.getByLabelText('Kind'), 'Judgement');
    await user.type(screen.getByLabelText('Tags (optional)'), 'story, Conflict, story');
    await user.click(screen.getByRole('button', { name: 'Save card' }));

    await waitFor(() => expect(window.location.hash).toMatch(/^#\/card\/own%2F[0-9a-z]{10}$/));
    const [card] = await ownCards();
    expect(card).toMatchObject({
      question: 'Tell me about a time you disagreed with your manager.',
      context: 'Tests disagree and commit.',
      keyPoints: ['Data, not opinions', 'Committed once decided'],
      pitfalls: ['Badmouthing the manager'],
      exampleAnswer: 'In 2023…',
      level: 'senior',
      kind: 'judgement',
      tags: ['story', 'Conflict'],
    });
    expect(window.location.hash).toBe(`#/card/${encodeURIComponent(card?.id ?? '')}`);
    expect(await db.decks.get('own')).toMatchObject({ title: 'My cards', source: 'own' });
  });

  it('removing a row drops that key point', async () => {
    const user = await renderEditor();
    await user.type(screen.getByLabelText('Question'), 'Q?');
    await user.type(screen.getByLabelText('Key point 1'), 'first');
    await user.click(screen.getByRole('button', { name: 'Add key point' }));
    await user.keyboard('second');
    await user.click(screen.getByRole('button', { name: 'Remove key point 1' }));
    expect(screen.getByLabelText('Key point 1')).toHaveValue('second');
    await user.click(screen.getByRole('button', { name: 'Save card' }));
    await waitFor(async () => expect((await ownCards())[0]?.keyPoints).toEqual(['second']));
  });

  it('explains what is missing, saves nothing, and clears each message once fixed', async () => {
    const user = await renderEditor();
    await user.type(screen.getByLabelText('Key point 1'), '   ');
    await user.click(screen.getByRole('button', { name: 'Save card' }));

    expect(screen.getByRole('alert')).toHaveTextContent(
      'The card was not saved: fix the 2 problems marked below.',
    );
    expect(screen.getByText('Write the question.')).toBeInTheDocument();
    expect(screen.getByText('Add at least one key point: what you must recall.')).toBeInTheDocument();
    expect(screen.getByLabelText('Question')).toHaveFocus();
    expect(screen.getByLabelText('Question')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Question')).toHaveAccessibleDescription('Write the question.');

    await user.type(screen.getByLabelText('Question'), 'A question?');
    expect(screen.queryByText('Write the question.')).not.toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('fix the problem marked below');
    expect(await ownCards()).toEqual([]);
    expect(window.location.hash).toBe('#/new');
  });

  it('refuses a question over 100,000 characters', async () => {
    const user = await renderEditor();
    const question = screen.getByLabelText('Question');
    await user.click(question);
    await user.paste('x'.repeat(100_001));
    await user.type(screen.getByLabelText('Key point 1'), 'ok');
    await user.click(screen.getByRole('button', { name: 'Save card' }));
    expect(
      screen.getByText('The question is too long: 100,001 characters, at most 100,000.'),
    ).toBeInTheDocument();
    expect(await ownCards()).toEqual([]);
  });
});

describe('EditorScreen: editing a card', () => {
  it('keeps the card id, its reviews and its schedule; warns that a deck update may replace the text', async () => {
    await upsertDeckFile(db, deck, Date.now());
    const shown = await db.schedules.get(C21);
    if (!shown) throw new Error('no schedule');
    await gradeCard(db, DEFAULT_SETTINGS, {
      cardId: C21,
      shown,
      rating: Rating.Good,
      now: Date.now(),
      durationMs: 1000,
      keyPointsRecalled: [0],
      pitfallsFlagged: [],
      notes: '',
    });
    const before = await db.schedules.get(C21);

    const user = await renderEditor(C21);
    expect(await screen.findByRole('heading', { level: 1, name: 'Edit card' })).toBeInTheDocument();
    const question = await screen.findByLabelText('Question');
    expect(question).toHaveValue(deck.cards.find((c) => c.id === C21)?.question);
    expect(screen.getByRole('note')).toHaveTextContent('its text replaces your edits');

    await user.clear(question);
    await user.type(question, 'Design a cheap, highly available service on AWS.');
    await user.selectOptions(screen.getByLabelText('Level'), 'Lead');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(window.location.hash).toBe('#/card/amazon-engineer%2F2.1'));
    const card = await db.cards.get(C21);
    expect(card?.question).toBe('Design a cheap, highly available service on AWS.');
    expect(card?.level).toBe('lead');
    expect(await cardReviews(db, C21)).toHaveLength(1);
    expect(await db.schedules.get(C21)).toEqual({ ...before, level: 'lead' });
    expect(await ownCards()).toEqual([]);
  });

  it('"Save as my own copy" leaves the built-in card as it was', async () => {
    const user = await renderEditor(C21);
    const question = await screen.findByLabelText('Question');
    await user.clear(question);
    await user.type(question, 'My version?');
    await user.click(screen.getByRole('button', { name: 'Save as my own copy' }));

    await waitFor(() => expect(window.location.hash).toMatch(/^#\/card\/own%2F/));
    expect((await db.cards.get(C21))?.question).toBe(deck.cards.find((c) => c.id === C21)?.question);
    expect((await ownCards()).map((c) => c.question)).toEqual(['My version?']);
  });

  it('says so when the card is gone', async () => {
    await renderEditor('own/missing');
    expect(await screen.findByText(/This card is not on this device any more/)).toBeInTheDocument();
  });
});
