// Browse's search client: a worker that cannot load gives way to the same host in this thread, unseen by the screen.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inThreadSearchClient } from '../../src/features/browse/in-thread-search-client';
import { NO_FILTERS } from '../../src/features/browse/search';
import {
  type CreateSearchClient,
  type SearchClient,
  type SearchWorker,
  searchClientWithFallback,
} from '../../src/features/browse/search-client';
import type { FromSearchHost, ToSearchHost } from '../../src/features/browse/search-host';
import type { KeypointsDb } from '../../src/storage/db';
import { MONDAY_MORNING } from '../support/clock';
import { seededDb } from '../support/db';

const T0 = MONDAY_MORNING;

/** A worker driven by the test: what the page posted to it, and its two events. */
class FakeWorker implements SearchWorker {
  readonly received: ToSearchHost[] = [];
  terminated = false;
  private onMessage: ((event: MessageEvent<FromSearchHost>) => void) | null = null;
  private onError: ((event: ErrorEvent) => void) | null = null;

  postMessage(message: ToSearchHost): void {
    this.received.push(message);
  }
  addEventListener(type: 'message' | 'error', listener: never): void {
    if (type === 'message') this.onMessage = listener;
    else this.onError = listener;
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(data: FromSearchHost): void {
    this.onMessage?.({ data } as MessageEvent<FromSearchHost>);
  }
  /** What a script that cannot load fires: an event with no message. */
  fail(message?: string): void {
    this.onError?.({ message } as ErrorEvent);
  }
}

const query = (seq: number, text: string): ToSearchHost => ({
  type: 'query',
  seq,
  query: text,
  filters: NO_FILTERS,
  limit: 100,
  now: T0,
});

const opened: Array<{ client: SearchClient; db?: KeypointsDb }> = [];

function start(loadInThread: () => Promise<CreateSearchClient>) {
  const worker = new FakeWorker();
  const messages: FromSearchHost[] = [];
  const load = vi.fn(loadInThread);
  const client = searchClientWithFallback(() => worker, load)((m) => messages.push(m));
  opened.push({ client });
  return { worker, messages, load, client };
}

const results = (messages: FromSearchHost[], seq: number) =>
  messages.filter(
    (m): m is Extract<FromSearchHost, { type: 'results' }> => m.type === 'results' && m.seq === seq,
  );

afterEach(async () => {
  for (const { client, db } of opened.splice(0)) {
    client.close();
    await db?.delete();
  }
});

describe('searchClientWithFallback', () => {
  it('uses the worker while it answers, and loads nothing else', () => {
    const { worker, messages, load, client } = start(async () => inThreadSearchClient());
    client.post({ type: 'open', dbName: 'any' });
    worker.answer({ type: 'progress', loaded: 0, total: 15, done: false });
    client.post(query(1, 'cost'));

    expect(worker.received.map((m) => m.type)).toEqual(['open', 'query']);
    expect(messages).toEqual([{ type: 'progress', loaded: 0, total: 15, done: false }]);
    expect(load).not.toHaveBeenCalled();
  });

  it('when the worker cannot load, searches in this thread with every message sent before and after', async () => {
    const db = await seededDb(T0);
    const { worker, messages, load, client } = start(async () => inThreadSearchClient());
    opened.push({ client, db });
    client.post({ type: 'open', dbName: db.name });
    client.post(query(1, 'cost'));
    worker.fail();
    // Typed on while the in-thread host loads.
    client.post(query(2, 'COST-efficient'));

    expect(worker.terminated).toBe(true);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => {
      const answer = results(messages, 2).at(-1);
      if (!answer?.index.done) throw new Error('not answered over the whole deck yet');
      expect(answer.total).toBe(2);
    });
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
  });

  it('after the worker answered, an error is the search’s own: shown, with no second host', () => {
    const { worker, messages, load, client } = start(async () => inThreadSearchClient());
    client.post({ type: 'open', dbName: 'any' });
    worker.answer({ type: 'tags', tags: [] });
    worker.fail('out of memory');

    expect(messages.at(-1)).toEqual({ type: 'error', message: 'out of memory' });
    expect(load).not.toHaveBeenCalled();
  });

  it('says so when the in-thread host cannot load either', async () => {
    const { worker, messages } = start(() => Promise.reject(new Error('Failed to fetch')));
    worker.fail();
    await vi.waitFor(() =>
      expect(messages).toEqual([{ type: 'error', message: 'the search could not start (Failed to fetch)' }]),
    );
  });

  it('closed while the in-thread host loads: no host is started', async () => {
    const create = vi.fn(inThreadSearchClient());
    let loaded: (c: CreateSearchClient) => void = () => {};
    const { worker, messages, client } = start(() => new Promise((resolve) => (loaded = resolve)));
    client.post({ type: 'open', dbName: 'any' });
    worker.fail();
    client.close();
    loaded(create);
    await new Promise((resolve) => setTimeout(resolve, 10));

    expect(create).not.toHaveBeenCalled();
    expect(messages).toEqual([]);
  });
});
