// The import screen as a user meets it: a preview with counts and located problems, and Import only when all is well.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { State } from '../../src/domain';
import { ImportScreen } from '../../src/features/import-export/import-screen';
import { DbContext } from '../../src/hooks/use-db';
import type { KeypointsDb } from '../../src/storage/db';
import { seededDb } from '../support/db';

let db: KeypointsDb;

beforeEach(async () => {
  db = await seededDb(Date.now());
});

afterEach(async () => {
  cleanup();
  await db.delete();
});

function renderImport() {
  const user = userEvent.setup();
  render(
    <DbContext.Provider value={db}>
      <ImportScreen />
    </DbContext.Provider>,
  );
  return { user };
}

function paste(text: string) {
  fireEvent.change(screen.getByLabelText('Or paste the text'), { target: { value: text } });
}

const importButton = () => screen.getByRole('button', { name: /^Import \d/ });

const GOOD_CSV = [
  'question,keyPoints,level,kind,number',
  'Why this team?,Mission | Impact,junior,behavioral,1',
  '"Design a cache","Eviction\nTTL",senior,system design,2',
  'Handle an outage,Mitigate first,lead,operational,3',
].join('\n');

describe('ImportScreen', () => {
  it('counts the questions and levels of a valid CSV and imports it into a new deck', async () => {
    const { user } = renderImport();
    expect(screen.getByRole('heading', { level: 1, name: 'Import cards' })).toBeInTheDocument();
    paste(GOOD_CSV);

    expect(await screen.findByTestId('import-found')).toHaveTextContent(
      'Found 3 questions in 3 levels (Junior, Senior, Lead).',
    );
    expect(await screen.findByTestId('import-diff')).toHaveTextContent('A new deck: adds 3 cards.');
    expect(screen.getByLabelText('Deck name')).toHaveValue('Imported cards');
    expect(screen.getByTestId('deck-id')).toHaveTextContent('imported-cards');

    await waitFor(() => expect(importButton()).toBeEnabled());
    await user.click(importButton());
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Imported “Imported cards”: added 3 cards, updated 0, retired 0.',
    );
    expect(await db.cards.where('deckId').equals('imported-cards').count()).toBe(3);
    expect((await db.cards.get('imported-cards/2'))?.keyPoints).toEqual(['Eviction', 'TTL']);
    expect(await db.schedules.get('imported-cards/3')).toMatchObject({
      level: 'lead',
      state: State.New,
      active: 1,
    });
  });

  it('lists every problem with its line and field, and keeps Import disabled', async () => {
    renderImport();
    paste(
      [
        'question,keyPoints,level',
        'Fine question,A point,junior',
        'No points here,,senior',
        ',A point without a question,mid',
        'Odd level,A point,wizard',
      ].join('\n'),
    );
    expect(await screen.findByText('3 problems to fix before importing')).toBeInTheDocument();
    expect(screen.getByTestId('import-found')).toHaveTextContent('Found 1 question in 1 level (Junior).');
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Line 3, keyPoints: is empty/),
        expect.stringMatching(/^Line 4, question: is empty/),
        expect.stringMatching(/^Line 5, level: "wizard" is not a level/),
      ]),
    );
    expect(importButton()).toBeDisabled();
    expect(screen.queryByTestId('import-diff')).not.toBeInTheDocument();
  });

  it('says what a re-import of the same deck updates, adds and retires', async () => {
    const { user } = renderImport();
    paste(GOOD_CSV);
    await waitFor(() => expect(importButton()).toBeEnabled());
    await user.click(importButton());
    await screen.findByRole('status');

    paste(
      [
        'question,keyPoints,level,kind,number',
        'Why this team? (reworded),Mission | Impact,junior,behavioral,1',
        '"Design a cache","Eviction\nTTL",senior,system design,2',
        'A brand new question,Something,mid,judgement,4',
      ].join('\n'),
    );
    expect(
      await screen.findByText('Updates 1 card, adds 1, retires 1. 1 card stays as it is.'),
    ).toBeInTheDocument();
  });

  it('reads a page in the source format, naming the deck after its title', async () => {
    renderImport();
    paste(readFileSync(join(process.cwd(), 'tests/fixtures/pages/small-valid.txt'), 'utf8'));
    expect(await screen.findByTestId('import-found')).toHaveTextContent('Found 2 questions in 2 levels');
    expect(screen.getByLabelText('Format')).toHaveDisplayValue(/looks like: A page/);
    expect(screen.getByLabelText('Deck name')).toHaveValue(
      'Example Engineer Interview Questions and Answers',
    );
  });

  it('shows a page’s problems with their line numbers', async () => {
    renderImport();
    paste(readFileSync(join(process.cwd(), 'tests/fixtures/pages/missing-section.txt'), 'utf8'));
    expect(await screen.findByText(/to fix before importing/)).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').some((li) => /^Line \d+/.test(li.textContent ?? ''))).toBe(true);
    expect(importButton()).toBeDisabled();
  });

  it('will not let a new deck take the built-in deck’s id, until it is renamed', async () => {
    const { user } = renderImport();
    paste(GOOD_CSV);
    const name = await screen.findByLabelText('Deck name');
    await user.clear(name);
    await user.type(name, 'Amazon Engineer');
    expect(await screen.findByText(/already exists \(the built-in deck/)).toBeInTheDocument();
    expect(screen.getByTestId('deck-id')).toHaveTextContent('amazon-engineer');
    expect(importButton()).toBeDisabled();

    await user.type(name, ' practice');
    await waitFor(() => expect(importButton()).toBeEnabled());
    expect(screen.getByTestId('deck-id')).toHaveTextContent('amazon-engineer-practice');
  });

  it('imports a JSON list of cards, and documents the CSV columns', async () => {
    const { user } = renderImport();
    expect(screen.getByRole('rowheader', { name: 'keyPoints' })).toBeInTheDocument();
    paste(JSON.stringify([{ question: 'Q?', keyPoints: ['a', 'b'], tags: 'x, y' }]));
    expect(await screen.findByTestId('import-found')).toHaveTextContent('Found 1 question in 1 level (Mid).');
    await waitFor(() => expect(importButton()).toBeEnabled());
    await user.click(importButton());
    await screen.findByRole('status');
    expect((await db.cards.get('imported-cards/1'))?.tags).toEqual(['x', 'y']);
  });
});
