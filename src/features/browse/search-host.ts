// The Browse index and its searches, driven by messages: run in a Web Worker by the app (in the page where it cannot load), in-thread by tests.
import { compareDeckOrder, State, truncateAtWord } from '../../domain';
import { type CardChange, closeOnVersionChange, followCardChanges } from '../../storage/card-changes';
import { createDb, type KeypointsDb } from '../../storage/db';
import {
  type BrowseEntry,
  readBrowseEntries,
  readBrowseIndexPage,
  readBrowseStates,
} from '../../storage/repositories/browse-index';
import { countCards } from '../../storage/repositories/cards';
import { type BrowseFilters, createSearcher, tagOptions } from './search';

/** What a row of the list shows: an entry without its search text, the question cut to a preview. */
export type BrowseRow = Omit<BrowseEntry, 'searchText'>;

export interface SearchRequest {
  /** Increases with every request; an answer carries the seq of the request it answers. */
  seq: number;
  query: string;
  filters: BrowseFilters;
  /** Rows wanted: the answer holds the first `limit` matches and the count of all of them. */
  limit: number;
  /** "Due now" is relative to this time (epoch ms). */
  now: number;
}

/** Screen → host. */
export type ToSearchHost =
  | { type: 'open'; dbName: string }
  | ({ type: 'query' } & SearchRequest)
  /** Re-read every card: after the page comes back from the back/forward cache, say. */
  | { type: 'refresh' };

/** How far the host has read: `done` is false while the first read (or a full re-read) is under way. */
export interface IndexProgress {
  loaded: number;
  total: number;
  done: boolean;
}

/** Host → screen. */
export type FromSearchHost =
  /** Sent only until the first query: afterwards each answer carries the progress it was computed at. */
  | ({ type: 'progress' } & IndexProgress)
  /** `total` matches; `rows` the first `limit` of them; `index` how many cards the answer looked at. */
  | { type: 'results'; seq: number; total: number; rows: BrowseRow[]; index: IndexProgress }
  /** Every tag in use: [lowercase value, label], sorted. */
  | { type: 'tags'; tags: Array<[string, string]> }
  | { type: 'error'; message: string };

export interface SearchHost {
  receive(message: ToSearchHost): void;
  /** Stops reading and answering, and closes the database. */
  dispose(): void;
}

export interface SearchHostOptions {
  /** Cards read in the first transaction: small, so the first results come quickly. */
  firstPage?: number;
  /** Cards read in each later transaction. */
  page?: number;
  /**
   * Puts off an answer: a macrotask by default, so that a burst of queued keystrokes is answered
   * once, for the last one. Tests pass their own to decide when answers run.
   */
  defer?: (answer: () => void) => void;
}

/** The list shows at most this much of a question; the host keeps no more of it. */
const QUESTION_PREVIEW = 500;
// More changed cards than this in one go (an import, a restore) are re-read as a whole.
const MAX_PATCH = 500;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Merges two lists sorted in deck order into a new one. */
function mergeSorted(a: readonly BrowseEntry[], b: readonly BrowseEntry[]): BrowseEntry[] {
  const out: BrowseEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length)
    out.push(
      compareDeckOrder(b[j] as BrowseEntry, a[i] as BrowseEntry) < 0
        ? (b[j++] as BrowseEntry)
        : (a[i++] as BrowseEntry),
    );
  while (i < a.length) out.push(a[i++] as BrowseEntry);
  while (j < b.length) out.push(b[j++] as BrowseEntry);
  return out;
}

function toRow({ searchText: _, ...row }: BrowseEntry): BrowseRow {
  return row;
}

/**
 * A host over one database. It reads the cards page by page, answering every query over what it
 * has so far, then keeps its copy true by re-reading exactly the cards Dexie says were written
 * (Dexie broadcasts every committed write to the other tabs and workers of the origin).
 */
export function createSearchHost(
  post: (message: FromSearchHost) => void,
  options: SearchHostOptions = {},
): SearchHost {
  const firstPage = options.firstPage ?? 200;
  const page = options.page ?? 1_000;
  const defer = options.defer ?? ((run: () => void) => setTimeout(run, 0));
  const search = createSearcher();
  let db: KeypointsDb | null = null;
  let unfollow: (() => void) | null = null;
  let disposed = false;
  let entries: BrowseEntry[] = [];
  let latest: SearchRequest | null = null;
  let progress: IndexProgress = { loaded: 0, total: 0, done: false };
  let answerQueued = false;
  let tagsSent = '';
  // What has to be re-read; worked through by `settle`, one step at a time.
  let needsAll = false;
  let needsStates = false;
  const needsIds = new Set<string>();
  let settling = false;
  // True from the start of a full read until it reads its first page, which will see any write
  // committed meanwhile: such writes need no re-read (creating the database announces one).
  let covered = false;

  const send = (message: FromSearchHost) => {
    if (!disposed) post(message);
  };

  const answer = () => {
    answerQueued = false;
    if (!latest || disposed) return;
    const { seq, query, filters, limit, now } = latest;
    const found = search({ entries, query, filters, now });
    send({
      type: 'results',
      seq,
      total: found.length,
      rows: found.slice(0, limit).map(toRow),
      index: progress,
    });
  };

  const queueAnswer = () => {
    if (answerQueued || !latest) return;
    answerQueued = true;
    defer(answer);
  };

  // The count and the progress reach the screen in one message, so it never shows one without the other.
  const publish = (loaded: number, total: number, done: boolean) => {
    progress = { loaded, total, done };
    const tags = tagOptions(entries);
    const key = JSON.stringify(tags);
    if (key !== tagsSent) {
      tagsSent = key;
      send({ type: 'tags', tags });
    }
    if (latest) queueAnswer();
    else send({ type: 'progress', ...progress });
  };

  const slim = (e: BrowseEntry): BrowseEntry =>
    e.question.length > QUESTION_PREVIEW
      ? { ...e, question: truncateAtWord(e.question, QUESTION_PREVIEW) }
      : e;

  // A full read replaces the index page by page: cards it has not reached yet keep their last entry,
  // so a re-read (an import in another tab) leaves the list in place rather than emptying it.
  const readAll = async (from: KeypointsDb) => {
    covered = true;
    const total = await countCards(from);
    let unread = entries;
    let read: BrowseEntry[] = [];
    publish(0, total, false);
    let after: string | null = null;
    let size = firstPage;
    covered = false;
    do {
      const next = await readBrowseIndexPage(from, after, size);
      if (disposed) return;
      read = mergeSorted(read, next.entries.map(slim).sort(compareDeckOrder));
      after = next.after;
      const reached = after;
      unread = reached === null ? [] : unread.filter((e) => e.id > reached);
      entries = unread.length > 0 ? mergeSorted(read, unread) : read;
      size = page;
      publish(read.length, after === null ? read.length : Math.max(total, read.length), after === null);
    } while (after !== null);
  };

  const readStates = async (from: KeypointsDb) => {
    const states = await readBrowseStates(from);
    entries = entries.map((e) => {
      const s = states.get(e.id) ?? { state: State.New, due: 0 };
      return s.state === e.state && s.due === e.due ? e : { ...e, ...s };
    });
    publish(entries.length, entries.length, true);
  };

  const readSome = async (from: KeypointsDb, ids: ReadonlySet<string>) => {
    const fresh = (await readBrowseEntries(from, [...ids])).map(slim).sort(compareDeckOrder);
    entries = mergeSorted(
      entries.filter((e) => !ids.has(e.id)),
      fresh,
    );
    publish(entries.length, entries.length, true);
  };

  const settle = async () => {
    if (settling || !db) return;
    settling = true;
    try {
      while (!disposed && (needsAll || needsStates || needsIds.size > 0)) {
        if (needsAll) {
          // Writes during the read are noted and re-read afterwards: the pages are not one snapshot.
          needsAll = false;
          needsStates = false;
          needsIds.clear();
          await readAll(db);
        } else if (needsStates) {
          needsStates = false;
          await readStates(db);
        } else {
          const ids = new Set(needsIds);
          needsIds.clear();
          await readSome(db, ids);
        }
      }
    } catch (error) {
      send({ type: 'error', message: describe(error) });
    } finally {
      settling = false;
      covered = false;
    }
  };

  const onChange = (change: CardChange) => {
    if (!db || covered) return;
    for (const id of change.ids) needsIds.add(id);
    if (change.manyCards) needsAll = true;
    if (change.manySchedules) needsStates = true;
    if (needsIds.size > MAX_PATCH) needsAll = true;
    void settle();
  };

  return {
    receive(message) {
      if (disposed) return;
      switch (message.type) {
        case 'open': {
          if (db) return;
          const opened = createDb(message.dbName);
          db = opened;
          // Another tab upgrades or deletes the database: let go of it at once, or that tab waits.
          closeOnVersionChange(opened, () =>
            send({
              type: 'error',
              message: 'Keypoints was updated or reset in another tab. Reload this page.',
            }),
          );
          unfollow = followCardChanges(opened, onChange);
          needsAll = true;
          void settle();
          return;
        }
        case 'query': {
          const { type: _, ...request } = message;
          latest = request;
          queueAnswer();
          return;
        }
        case 'refresh':
          needsAll = true;
          void settle();
          return;
      }
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      unfollow?.();
      db?.close();
      entries = [];
    },
  };
}
