// The data screen as a user meets it: export records the backup, restore asks first, merge and bad files explain themselves.
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, Rating } from '../../src/domain';
import { contentHash, createBackup, parseBackup, serializeBackup } from '../../src/domain/backup';
import { DataScreen } from '../../src/features/import-export/data-screen';
import { DbContext } from '../../src/hooks/use-db';
import type { KeypointsDb } from '../../src/storage/db';
import { getLastBackupAt, recordBackup } from '../../src/storage/repositories/backup-meta';
import { exportAll } from '../../src/storage/repositories/data-transfer';
import { upsertDeckFile } from '../../src/storage/repositories/decks';
import { gradeCard } from '../../src/storage/repositories/reviews';
import { DAY } from '../support/clock';
import { freshDb } from '../support/db';
import { builtInDeck } from '../support/deck';

const DECK = builtInDeck();

let db: KeypointsDb;
const opened: KeypointsDb[] = [];

async function device(reviews: Array<[string, string]>): Promise<KeypointsDb> {
  const d = freshDb();
  opened.push(d);
  await upsertDeckFile(d, DECK, Date.now() - 10 * DAY);
  for (const [i, [cardId, reviewId]] of reviews.entries()) {
    const shown = await d.schedules.get(cardId);
    if (!shown) throw new Error(`no schedule for ${cardId}`);
    await gradeCard(d, DEFAULT_SETTINGS, {
      cardId,
      shown,
      rating: Rating.Good,
      now: Date.now() - 5 * DAY + i * 60_000,
      durationMs: 1000,
      keyPointsRecalled: [],
      pitfallsFlagged: [],
      notes: '',
      reviewId,
    });
  }
  return d;
}

async function backupFile(d: KeypointsDb, name = 'keypoints-backup.json'): Promise<File> {
  const text = serializeBackup(createBackup(await exportAll(d), Date.now(), 'Keypoints test'));
  return new File([text], name, { type: 'application/json' });
}

function stubPersisted(persisted: boolean) {
  Object.defineProperty(navigator, 'storage', {
    configurable: true,
    value: {
      persisted: () => Promise.resolve(persisted),
      estimate: () => Promise.resolve({ usage: 0, quota: 1e9 }),
    },
  });
}

beforeEach(async () => {
  db = await device([
    ['amazon-engineer/1.1', 'here-1'],
    ['amazon-engineer/1.2', 'here-2'],
  ]);
  stubPersisted(false);
});

afterEach(async () => {
  cleanup();
  for (const d of opened.splice(0)) await d.delete();
});

function renderData() {
  const user = userEvent.setup();
  render(
    <DbContext.Provider value={db}>
      <DataScreen />
    </DbContext.Provider>,
  );
  return { user };
}

const fileInput = () => screen.getByLabelText('Choose a backup file');

describe('DataScreen', () => {
  it('asks for confirmation before a restore replaces everything, and Cancel keeps all', async () => {
    const other = await device([['amazon-engineer/2.1', 'there-1']]);
    const { user } = renderData();
    expect(screen.getByRole('heading', { level: 1, name: 'Your data' })).toBeInTheDocument();
    const before = contentHash(await exportAll(db));

    await user.upload(fileInput(), await backupFile(other));
    expect(await screen.findByTestId('backup-summary')).toHaveTextContent(/1 deck, 15 cards, 1 review\.$/);
    await user.click(screen.getByRole('button', { name: 'Replace everything with this backup…' }));

    const dialog = screen.getByRole('alertdialog', { name: 'Replace all data on this device?' });
    expect(dialog).toHaveTextContent('This deletes everything here (15 cards and 2 reviews)');
    expect(contentHash(await exportAll(db))).toBe(before);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(contentHash(await exportAll(db))).toBe(before);

    await user.click(screen.getByRole('button', { name: 'Replace everything with this backup…' }));
    await user.click(screen.getByRole('button', { name: 'Yes, replace everything' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Restored: 1 deck, 15 cards and 1 review');
    expect(contentHash(await exportAll(db))).toBe(contentHash(await exportAll(other)));
    expect(await db.reviews.get('here-1')).toBeUndefined();
  });

  it('merges another device’s backup without asking, since nothing is lost', async () => {
    const other = await device([
      ['amazon-engineer/1.1', 'here-1'],
      ['amazon-engineer/2.1', 'there-1'],
    ]);
    const { user } = renderData();
    await user.upload(fileInput(), await backupFile(other));
    await user.click(await screen.findByRole('button', { name: 'Merge into this device' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Merged: added 1 review, 0 cards and 0 decks; rebuilt the schedules of 1 card from their reviews.',
    );
    expect((await db.reviews.toArray()).map((r) => r.id).sort()).toEqual(['here-1', 'here-2', 'there-1']);
  });

  it('names the problems of a damaged backup and offers no way to write it', async () => {
    const { user } = renderData();
    const good = await (await backupFile(db)).text();
    const raw = JSON.parse(good) as { reviews: Array<{ rating: number }> };
    const first = raw.reviews[0];
    if (first) first.rating = 7;
    await user.upload(fileInput(), new File([JSON.stringify(raw)], 'bad.json', { type: 'application/json' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('“bad.json” cannot be used, and nothing was changed');
    expect(alert).toHaveTextContent('reviews[0].rating: must be one of: 1, 2, 3, 4');
    expect(screen.queryByRole('button', { name: 'Merge into this device' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Replace everything/ })).not.toBeInTheDocument();
  });

  it('exports a backup file that restores to the same content, and remembers when', async () => {
    let saved: Blob | null = null;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved = blob as Blob;
      return 'blob:backup';
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { user } = renderData();
    expect(await screen.findByTestId('backup-reminder')).toHaveTextContent(
      'you have not exported a backup yet',
    );
    // The reminder and the last-backup line come from separate reads: either may arrive first.
    await waitFor(() =>
      expect(screen.getByTestId('last-backup')).toHaveTextContent('No backup exported from this device yet.'),
    );

    await user.click(screen.getByRole('button', { name: 'Export a backup' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      /Backup saved as keypoints-backup-\d{4}-\d\d-\d\d\.json/,
    );
    expect(saved).not.toBeNull();
    const backup = parseBackup(await (saved as unknown as Blob).text());
    expect(contentHash(backup)).toBe(contentHash(await exportAll(db)));
    expect(await getLastBackupAt(db)).not.toBeNull();
    await waitFor(() => expect(screen.queryByTestId('backup-reminder')).not.toBeInTheDocument());
    await waitFor(() => expect(screen.getByTestId('last-backup')).toHaveTextContent(/^Last backup: /));
  });

  it('reminds only when storage is not persistent and the last backup is over 7 days old', async () => {
    await recordBackup(db, Date.now() - 8 * DAY);
    renderData();
    expect(await screen.findByTestId('backup-reminder')).toHaveTextContent('your last backup was 8 days ago');
    cleanup();

    await recordBackup(db, Date.now() - 6 * DAY);
    renderData();
    await screen.findByTestId('last-backup');
    await waitFor(() => expect(screen.getByTestId('last-backup')).toHaveTextContent(/^Last backup/));
    expect(screen.queryByTestId('backup-reminder')).not.toBeInTheDocument();
    cleanup();

    stubPersisted(true);
    await recordBackup(db, Date.now() - 30 * DAY);
    renderData();
    await waitFor(() => expect(screen.getByTestId('last-backup')).toHaveTextContent(/^Last backup/));
    expect(screen.queryByTestId('backup-reminder')).not.toBeInTheDocument();
  });

  it('exports the cards for Anki as a tab-separated file', async () => {
    let saved: Blob | null = null;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved = blob as Blob;
      return 'blob:anki';
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { user } = renderData();
    await user.click(screen.getByRole('button', { name: 'Export for Anki' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved 15 cards for Anki');
    const lines = (await (saved as unknown as Blob).text()).trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual(['#separator:tab', '#html:true']);
    expect(lines).toHaveLength(4 + 15);
  });
});
