// The shared live read: it follows every table a repository read touches, even after that read's first await.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, it } from 'vitest';
import { useLive } from '../../src/hooks/use-live';
import type { KeypointsDb } from '../../src/storage/db';
import { freshDb } from '../support/db';

let db: KeypointsDb;

beforeEach(() => {
  db = freshDb();
});

afterEach(async () => {
  cleanup();
  await db.delete();
});

/** A read as repositories write them: a plain async function with a read after an await. */
async function secondAfterFirst(from: KeypointsDb): Promise<string> {
  const first = await from.meta.get('first');
  const second = await from.meta.get('second');
  return `${String(first?.value ?? '-')} ${String(second?.value ?? '-')}`;
}

function Probe() {
  const text = useLive(() => secondAfterFirst(db), [db]);
  return <p>{text ?? 'reading'}</p>;
}

it('re-reads when a row read after the first await changes, and when the first one does', async () => {
  render(<Probe />);
  await screen.findByText('- -');
  await act(() => db.meta.put({ key: 'second', value: 'b' }));
  await screen.findByText('- b');
  await act(() => db.meta.put({ key: 'first', value: 'a' }));
  await screen.findByText('a b');
});
