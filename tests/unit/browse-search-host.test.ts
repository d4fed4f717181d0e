// The Browse search host (what the worker runs): answers by seq, progress while it reads, writes made elsewhere.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type DeckFile, Rating, State } from '../../src/domain';
import { NO_FILTERS } from '../../src/features/browse/search';
import {
  createSearchHost,
  type FromSearchHost,
  type IndexProgress,
  type SearchHost,
  type SearchHostOptions,
  type SearchRequest,
} from '../../src/features/browse/search-host';
import type { KeypointsDb } from '../../src/storage/db';
import { createOwnCard, deleteCard, setSuspended, updateCard } from '../../src/storage/repositories/cards';
import { upsertDeckFile } from '../../src/storage/repositories/decks';
import { gradeCard } from '../../src/storage/repositories/reviews';
import { MONDAY_MORNING } from '../support/clock';
import { freshDb } from '../support/db';
import { builtInDeck } from '../support/deck';

const T0 = MONDAY_MORNING;
const deck: DeckFile = builtInDeck();
const C21 = 'amazon-engineer/2.1';

interface Harness {
  db: KeypointsDb;
  host: SearchHost;
  messages: FromSearchHost[];
  query(request: Partial<SearchRequest> & { seq: number }): void;
  /** The last answer to `seq`, once one satisfies `check`. */
  answer(seq: number, check?: (a: Answer) => boolean): Promise<Answer>;
  /** Every progress the host reported, alone or with an answer, in order. */
  steps(from?: number): IndexProgress[];
  /** Resolves once the host reports the index complete. */
  idle(): Promise<void>;
}
type Answer = Extract<FromSearchHost, { type: 'results' }>;

const open: Harness[] = [];

// Answers run as soon as they are due (no macrotask): what the host has at each step is then exact.
async function start(options: SearchHostOptions = {}, seed = true): Promise<Harness> {
  const db = freshDb();
  if (seed) await upsertDeckFile(db, deck, T0);
  const messages: FromSearchHost[] = [];
  const host = createSearchHost((m) => messages.push(m), {
    firstPage: 4,
    page: 4,
    defer: (run) => run(),
    ...options,
  });
  const answers = (seq: number) => messages.filter((m): m is Answer => m.type === 'results' && m.seq === seq);
  const harness: Harness = {
    db,
    host,
    messages,
    query: (r) => host.receive({ type: 'query', query: '', filters: NO_FILTERS, limit: 100, now: T0, ...r }),
    answer: (seq, check = () => true) =>
      vi.waitFor(() => {
        const last = answers(seq).at(-1);
        if (!last || !check(last)) throw new Error(`no such answer to ${seq} yet`);
        return last;
      }),
    steps: (from = 0) =>
      messages.slice(from).flatMap((m) => {
        if (m.type === 'progress') return [{ loaded: m.loaded, total: m.total, done: m.done }];
        return m.type === 'results' ? [m.index] : [];
      }),
    idle: () =>
      vi.waitFor(() => {
        if (!harness.steps().at(-1)?.done) throw new Error('still reading');
      }),
  };
  open.push(harness);
  host.receive({ type: 'open', dbName: db.name });
  return harness;
}

afterEach(async () => {
  for (const { host, db } of open.splice(0)) {
    host.dispose();
    await db.delete();
  }
});

const ids = (a: Answer) => a.rows.map((r) => r.id);

describe('the search host', () => {
  it('answers a query with the count of every match and only the rows asked for, without search texts', async () => {
    const h = await start();
    h.query({ seq: 1, query: 'COST-efficient' });
    expect(ids(await h.answer(1, (a) => a.total === 2))).toEqual([
      'amazon-engineer/2.1',
      'amazon-engineer/5.2',
    ]);
    h.query({ seq: 2, query: '', limit: 3 });
    const all = await h.answer(2, (a) => a.total === 15);
    expect(ids(all)).toEqual(['amazon-engineer/1.1', 'amazon-engineer/1.2', 'amazon-engineer/1.3']);
    expect(all.rows[0]).not.toHaveProperty('searchText');
    expect(all.rows[0]).toMatchObject({ level: 'junior', state: State.New, suspended: false });
  });

  it('reports its progress page by page until the first query', async () => {
    const h = await start({ firstPage: 4, page: 8 });
    await h.idle();
    expect(h.messages.filter((m) => m.type === 'progress')).toEqual([
      { type: 'progress', loaded: 0, total: 15, done: false },
      { type: 'progress', loaded: 4, total: 15, done: false },
      { type: 'progress', loaded: 12, total: 15, done: false },
      { type: 'progress', loaded: 15, total: 15, done: true },
    ]);
  });

  it('answers over the cards read so far, each answer with the progress it was computed at', async () => {
    const h = await start({ firstPage: 4, page: 8 });
    h.query({ seq: 1 });
    await h.idle();
    expect(h.messages.filter((m) => m.type === 'progress')).toEqual([]);
    const answers = h.messages.filter((m) => m.type === 'results');
    expect(answers.map((a) => a.index)).toEqual([
      { loaded: 0, total: 0, done: false },
      { loaded: 0, total: 15, done: false },
      { loaded: 4, total: 15, done: false },
      { loaded: 12, total: 15, done: false },
      { loaded: 15, total: 15, done: true },
    ]);
    // An empty query matches every card read.
    expect(answers.map((a) => a.total)).toEqual([0, 0, 4, 12, 15]);
  });

  it('answers only the latest of a burst of queries, once', async () => {
    const later: Array<() => void> = [];
    const h = await start({ defer: (run) => later.push(run) });
    await h.idle();
    later.splice(0);
    h.query({ seq: 1, query: 'c' });
    h.query({ seq: 2, query: 'co' });
    h.query({ seq: 3, query: 'cost' });
    expect(later).toHaveLength(1);
    for (const run of later.splice(0)) run();
    const answers = h.messages.filter((m) => m.type === 'results');
    expect(answers.map((m) => m.seq)).toEqual([3]);
  });

  it('lists the tags in use, once whatever their case', async () => {
    const h = await start();
    await h.idle();
    await createOwnCard(h.db, { ...ownDraft, tags: ['Story'] }, T0);
    await createOwnCard(h.db, { ...ownDraft, tags: ['story', 'AWS'] }, T0);
    await vi.waitFor(() =>
      expect(h.messages.filter((m) => m.type === 'tags').at(-1)).toEqual({
        type: 'tags',
        tags: [
          ['aws', 'AWS'],
          ['story', 'Story'],
        ],
      }),
    );
  });

  it('shows cards added, edited, suspended, graded and deleted elsewhere, re-reading only those', async () => {
    const h = await start();
    h.query({ seq: 1, query: 'proudest' });
    await h.answer(1, (a) => a.total === 0);
    await h.idle();
    const before = h.messages.length;

    const own = await createOwnCard(h.db, ownDraft, T0);
    expect(ids(await h.answer(1, (a) => a.total === 1))).toEqual([own.id]);

    await updateCard(h.db, own.id, { ...ownDraft, question: 'Tell me about your boldest launch.' }, T0);
    await h.answer(1, (a) => a.total === 0);
    h.query({ seq: 2, query: 'boldest' });
    expect((await h.answer(2, (a) => a.total === 1)).rows[0]?.question).toBe(
      'Tell me about your boldest launch.',
    );

    await setSuspended(h.db, own.id, true);
    h.query({ seq: 3, filters: { ...NO_FILTERS, state: 'suspended' } });
    expect(ids(await h.answer(3, (a) => a.total === 1))).toEqual([own.id]);

    const shown = await h.db.schedules.get(C21);
    if (!shown) throw new Error('no schedule');
    await gradeCard(h.db, DEFAULT_SETTINGS, {
      cardId: C21,
      shown,
      rating: Rating.Good,
      now: T0,
      durationMs: 1000,
      keyPointsRecalled: [],
      pitfallsFlagged: [],
      notes: '',
    });
    h.query({ seq: 4, filters: { ...NO_FILTERS, state: 'learning' } });
    expect(ids(await h.answer(4, (a) => a.total === 1))).toEqual([C21]);

    await deleteCard(h.db, own.id);
    h.query({ seq: 5, query: 'boldest' });
    await h.answer(5, (a) => a.total === 0);

    // Each change was a patch: no full read (which reports done: false) since the first.
    expect(h.steps(before).every((step) => step.done)).toBe(true);
  });

  it('re-reads everything after a write too large to patch (an import), keeping the list meanwhile', async () => {
    const h = await start();
    h.query({ seq: 1 });
    await h.idle();
    const base = deck.cards[0];
    if (!base) throw new Error('empty deck');
    const cards = Array.from({ length: 60 }, (_, i) => ({
      ...base,
      id: `bulk/${i}`,
      deckId: 'bulk',
      number: String(i),
      order: i,
    }));
    const seen = h.messages.length;
    await upsertDeckFile(h.db, { ...deck, deck: { ...deck.deck, id: 'bulk', title: 'Bulk' }, cards }, T0);
    await h.answer(1, (a) => a.total === 75);
    expect(h.steps(seen).some((step) => !step.done)).toBe(true);
    // While the re-read runs, every card read before stays listed.
    const answers = h.messages.slice(seen).filter((m) => m.type === 'results');
    expect(answers.every((m) => m.total >= 15)).toBe(true);
  });

  it('re-reads everything on refresh, even writes it was not told of', async () => {
    const h = await start();
    h.query({ seq: 1, filters: { ...NO_FILTERS, state: 'suspended' } });
    await h.idle();
    await h.answer(1, (a) => a.total === 0);
    // A write with IndexedDB itself, under Dexie: no change notice reaches the host.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(h.db.name);
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const idb = request.result;
        const tx = idb.transaction('cards', 'readwrite');
        const store = tx.objectStore('cards');
        const get = store.get('amazon-engineer/1.1');
        get.onsuccess = () => store.put({ ...get.result, suspended: true });
        tx.oncomplete = () => {
          idb.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    });
    h.host.receive({ type: 'refresh' });
    expect(ids(await h.answer(1, (a) => a.total === 1))).toEqual(['amazon-engineer/1.1']);
  });

  it('reads an empty database once and says it holds no cards', async () => {
    const h = await start({}, false);
    h.query({ seq: 1 });
    await h.idle();
    expect(await h.answer(1)).toMatchObject({ total: 0, rows: [] });
    // Creating the database announces a change to every table: the read under way already covers it.
    expect(h.steps().filter((step) => step.done)).toHaveLength(1);
    expect(h.steps().at(-1)).toEqual({ loaded: 0, total: 0, done: true });
  });

  it('says nothing more once disposed, and lets the database go', async () => {
    const h = await start();
    h.query({ seq: 1 });
    await h.idle();
    h.host.dispose();
    const count = h.messages.length;
    await createOwnCard(h.db, ownDraft, T0);
    h.query({ seq: 2 });
    await h.db.delete();
    expect(h.messages).toHaveLength(count);
  });
});

const ownDraft = {
  question: 'Tell me about your proudest launch.',
  context: '',
  keyPoints: ['The launch'],
  pitfalls: [],
  exampleAnswer: '',
  level: 'junior' as const,
  kind: 'behavioral' as const,
  tags: [],
};
