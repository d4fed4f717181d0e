// Browse as a user drives it: search that ignores case, accents and hyphen look-alikes, filters, empty state.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeckFile } from '../../src/domain';
import { BrowseScreen } from '../../src/features/browse/browse-screen';
import { inThreadSearchClient } from '../../src/features/browse/in-thread-search-client';
import { DbContext } from '../../src/hooks/use-db';
import type { KeypointsDb } from '../../src/storage/db';
import { createOwnCard, setSuspended } from '../../src/storage/repositories/cards';
import { upsertDeckFile } from '../../src/storage/repositories/decks';
import { freshDb } from '../support/db';
import { builtInCard, builtInDeck } from '../support/deck';

const deck: DeckFile = builtInDeck();
const question = (id: string) => builtInCard(id).question;

let db: KeypointsDb;
// happy-dom has no Worker: the same host runs in this thread, over the same messages. Small pages,
// so that a few hundred cards are read in several steps as 10,000 are in the app.
const inThread = inThreadSearchClient({ firstPage: 20, page: 100 });

function renderScreen() {
  render(
    <DbContext.Provider value={db}>
      <BrowseScreen createSearchClient={inThread} />
    </DbContext.Provider>,
  );
}

/** Opens Browse and waits until every card is indexed. */
async function renderBrowse(hash = '#/browse') {
  window.location.hash = hash;
  await upsertDeckFile(db, deck, Date.now());
  const user = userEvent.setup();
  renderScreen();
  await screen.findByRole('list');
  await waitFor(() => expect(screen.queryByText(/^Indexing/)).not.toBeInTheDocument());
  return user;
}

const count = () => screen.getByRole('status');
const rows = () => within(screen.getByRole('list')).getAllByRole('link');

beforeEach(() => {
  db = freshDb();
});

afterEach(async () => {
  cleanup();
  await db.delete();
});

describe('BrowseScreen', () => {
  it('lists every card with its count, level, kind and state, each linking to its page', async () => {
    await renderBrowse();
    expect(screen.getByRole('heading', { level: 1, name: 'Browse' })).toBeInTheDocument();
    expect(count()).toHaveTextContent('15 cards');
    expect(rows()).toHaveLength(15);
    const first = rows()[0];
    expect(first).toHaveTextContent(question('1.1'));
    expect(first).toHaveTextContent(/Junior.*Operational.*New/);
    expect(first).toHaveAttribute('href', '#/card/amazon-engineer%2F1.1');
    expect(screen.getByRole('link', { name: 'Add card' })).toHaveAttribute('href', '#/new');
  });

  it('"cost-efficient" finds the card written with a non-breaking hyphen (U+2011), whatever the case', async () => {
    expect(question('2.1')).toContain('cost\u2011efficient');
    const user = await renderBrowse();
    await user.type(screen.getByLabelText('Search cards'), 'COST-efficient');
    await waitFor(() => expect(count()).toHaveTextContent('2 cards'));
    expect(rows().map((r) => r.getAttribute('href'))).toEqual([
      '#/card/amazon-engineer%2F2.1',
      '#/card/amazon-engineer%2F5.2',
    ]);
  });

  it('needs every word of the query, anywhere in the card', async () => {
    const user = await renderBrowse();
    await user.type(screen.getByLabelText('Search cards'), 'efficient microservice');
    await waitFor(() => expect(count()).toHaveTextContent('1 card'));
    expect(rows()[0]).toHaveTextContent(question('5.2'));
  });

  it('filters by level, and by state', async () => {
    const user = await renderBrowse();
    await user.selectOptions(screen.getByLabelText('Level'), 'Senior');
    await waitFor(() => expect(count()).toHaveTextContent('3 cards'));
    for (const row of rows()) expect(row).toHaveTextContent('Senior');
    expect(screen.getByText('Filters (1 on)')).toBeInTheDocument();

    await setSuspended(db, 'amazon-engineer/3.2', true);
    await user.selectOptions(screen.getByLabelText('State'), 'Suspended');
    await waitFor(() => expect(count()).toHaveTextContent('1 card'));
    expect(rows()[0]).toHaveTextContent(question('3.2'));
    expect(rows()[0]).toHaveTextContent('Suspended');
  });

  it('says when nothing matches and offers to clear the search', async () => {
    const user = await renderBrowse();
    await user.type(screen.getByLabelText('Search cards'), 'zebra');
    expect(await screen.findByText('No cards match “zebra”.')).toBeInTheDocument();
    expect(count()).toHaveTextContent('0 cards');
    await user.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    await waitFor(() => expect(count()).toHaveTextContent('15 cards'));
    expect(screen.getByLabelText('Search cards')).toHaveValue('');
  });

  it('shows a new card as soon as it is saved (live)', async () => {
    await renderBrowse();
    await createOwnCard(
      db,
      {
        question: 'Tell me about your proudest launch.',
        context: '',
        keyPoints: ['The launch'],
        pitfalls: [],
        exampleAnswer: '',
        level: 'junior',
        kind: 'behavioral',
        tags: ['story'],
      },
      Date.now(),
    );
    await waitFor(() => expect(count()).toHaveTextContent('16 cards'));
    expect(screen.getByRole('link', { name: /Tell me about your proudest launch\./ })).toBeInTheDocument();
  });

  it('coming back shows any change made while Browse was closed', async () => {
    await renderBrowse();
    cleanup();
    await setSuspended(db, 'amazon-engineer/1.1', true);
    renderScreen();
    await waitFor(() => expect(rows()[0]).toHaveTextContent('Suspended'));
    expect(count()).toHaveTextContent('15 cards');
  });

  it('shows the cards indexed so far, with the progress, until every card is read', async () => {
    const base = deck.cards[0];
    if (!base) throw new Error('empty deck');
    const cards = Array.from({ length: 300 }, (_, i) => ({
      ...base,
      id: `bulk/${i}`,
      deckId: 'bulk',
      number: String(i),
      order: i,
    }));
    await upsertDeckFile(
      db,
      { ...deck, deck: { ...deck.deck, id: 'bulk', title: 'Bulk' }, cards },
      Date.now(),
    );
    await upsertDeckFile(db, deck, Date.now());
    renderScreen();
    expect(await screen.findByText(/^Indexing \d+ of 315 cards…$/)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText(/^Indexing/)).not.toBeInTheDocument());
    expect(count()).toHaveTextContent('315 cards');
  });

  it('says so when there are no cards at all', async () => {
    renderScreen();
    expect(await screen.findByText(/No cards yet\./)).toBeInTheDocument();
    expect(count()).toHaveTextContent('0 cards');
  });

  it('keeps the search in the address, so coming Back to Browse shows the same list', async () => {
    const user = await renderBrowse('#/browse?q=cost-efficient&level=mid');
    expect(screen.getByLabelText('Search cards')).toHaveValue('cost-efficient');
    await waitFor(() => expect(count()).toHaveTextContent('1 card'));
    await user.type(screen.getByLabelText('Search cards'), ' aws');
    await waitFor(() => expect(window.location.hash).toBe('#/browse?q=cost-efficient+aws&level=mid'));
  });

  it('shows 100 cards at a time, then more on request', async () => {
    const base = deck.cards[0];
    if (!base) throw new Error('empty deck');
    const cards = Array.from({ length: 230 }, (_, i) => ({
      ...base,
      id: `bulk/${i}`,
      deckId: 'bulk',
      number: String(i),
      order: i,
    }));
    await upsertDeckFile(
      db,
      { ...deck, deck: { ...deck.deck, id: 'bulk', title: 'Bulk' }, cards },
      Date.now(),
    );
    const user = await renderBrowse();
    expect(count()).toHaveTextContent('245 cards');
    expect(rows()).toHaveLength(100);
    expect(screen.getByText('Showing 100 of 245 cards.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(rows()).toHaveLength(200));
    await user.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(rows()).toHaveLength(245));
    expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
  });
});
