// Browse's search as React state: the host (a Web Worker) is started with the screen and ended with it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeypointsDb } from '../../storage/db';
import type { CreateSearchClient, SearchClient } from './search-client';
import type { BrowseRow, IndexProgress, SearchRequest } from './search-host';

export interface BrowseAnswer {
  /** The request this answers: the screen shows what was searched for, not what is being typed. */
  request: SearchRequest;
  /** Every match. */
  total: number;
  /** The first `request.limit` matches. */
  rows: BrowseRow[];
  /** How far the index was read when this was answered. */
  index: IndexProgress;
}

export interface BrowseSearch {
  /** The answer to the latest request, or an older one while it is being answered; null at first. */
  answer: BrowseAnswer | null;
  /** How far the index is read, as of the answer shown (or before the first answer, the latest report). */
  progress: IndexProgress | null;
  tags: Array<[string, string]>;
  error: string | null;
  /**
   * Sends a request now, from an input handler: the host starts searching while React renders the
   * keystroke. Optional: every change of the request is sent after its render anyway.
   */
  ask(request: Omit<SearchRequest, 'seq'>): void;
}

function sameRows(a: readonly BrowseRow[], b: readonly BrowseRow[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      return (
        y !== undefined &&
        x.id === y.id &&
        x.question === y.question &&
        x.deckId === y.deckId &&
        x.level === y.level &&
        x.kind === y.kind &&
        x.state === y.state &&
        x.due === y.due &&
        x.suspended === y.suspended &&
        x.retired === y.retired
      );
    })
  );
}

const sameRequest = (a: SearchRequest | null, b: Omit<SearchRequest, 'seq'>) =>
  a !== null && a.query === b.query && a.filters === b.filters && a.limit === b.limit && a.now === b.now;

/**
 * Sends each new request to the host and keeps only the answer to the latest one (older answers,
 * still in flight when the user typed on, are dropped). Ending the screen ends the host, so the
 * index's memory goes with it.
 */
export function useBrowseSearch(
  db: KeypointsDb,
  createClient: CreateSearchClient,
  request: Omit<SearchRequest, 'seq'>,
): BrowseSearch {
  const [client, setClient] = useState<SearchClient | null>(null);
  const [answer, setAnswer] = useState<BrowseAnswer | null>(null);
  const [progress, setProgress] = useState<IndexProgress | null>(null);
  const [tags, setTags] = useState<Array<[string, string]>>([]);
  const [error, setError] = useState<string | null>(null);
  const sent = useRef<SearchRequest | null>(null);
  const current = useRef<SearchClient | null>(null);

  const ask = useCallback((next: Omit<SearchRequest, 'seq'>) => {
    const to = current.current;
    if (!to || sameRequest(sent.current, next)) return;
    const seq = (sent.current?.seq ?? 0) + 1;
    sent.current = { seq, ...next };
    to.post({ type: 'query', seq, ...next });
  }, []);

  useEffect(() => {
    sent.current = null;
    setAnswer(null);
    setProgress(null);
    setError(null);
    const started = createClient((message) => {
      switch (message.type) {
        case 'results': {
          const asked = sent.current;
          if (asked?.seq !== message.seq) return;
          // Same rows as shown (a keystroke that changed nothing visible): keep them, so the list does not re-render.
          setAnswer((old) => ({
            request: asked,
            total: message.total,
            rows: old && sameRows(old.rows, message.rows) ? old.rows : message.rows,
            index: message.index,
          }));
          return;
        }
        case 'progress':
          setProgress({ loaded: message.loaded, total: message.total, done: message.done });
          return;
        case 'tags':
          setTags(message.tags);
          return;
        case 'error':
          setError(message.message);
          return;
      }
    });
    started.post({ type: 'open', dbName: db.name });
    // Back to a page kept in the back/forward cache: writes made meanwhile were not heard.
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) started.post({ type: 'refresh' });
    };
    window.addEventListener('pageshow', onPageShow);
    current.current = started;
    setClient(started);
    return () => {
      window.removeEventListener('pageshow', onPageShow);
      current.current = null;
      started.close();
    };
  }, [db, createClient]);

  const { query, filters, limit, now } = request;
  useEffect(() => {
    if (client) ask({ query, filters, limit, now });
  }, [client, ask, query, filters, limit, now]);

  return { answer, progress: answer?.index ?? progress, tags, error, ask };
}
