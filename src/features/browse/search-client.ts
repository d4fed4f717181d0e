// How the Browse screen talks to its search host: a Web Worker in the app, the same host in-thread where it cannot run.
import type { FromSearchHost, ToSearchHost } from './search-host';

export interface SearchClient {
  post(message: ToSearchHost): void;
  /** Ends the host and frees everything it holds. */
  close(): void;
}

export type CreateSearchClient = (onMessage: (message: FromSearchHost) => void) => SearchClient;

/** What the client needs of a Worker. */
export interface SearchWorker {
  postMessage(message: ToSearchHost): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromSearchHost>) => void): void;
  /** A script that cannot load fires a plain Event: no message. */
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/**
 * The host in a worker from `startWorker`, or in this thread when the worker cannot run. A worker
 * whose script cannot load reports an 'error' event before any message (its posted messages are
 * lost): the client then ends it, loads the in-thread host and hands it every message sent so far,
 * so the screen sees one host answering, only slower to start. After the worker's first message an
 * error is the search's own and reaches the screen.
 */
export function searchClientWithFallback(
  startWorker: () => SearchWorker,
  loadInThread: () => Promise<CreateSearchClient>,
): CreateSearchClient {
  return (onMessage) => {
    const worker = startWorker();
    // Every message sent until the worker answers once, and while the in-thread host loads.
    let pending: ToSearchHost[] | null = [];
    let fellBack = false;
    let inThread: SearchClient | null = null;
    let closed = false;

    const fallBack = () => {
      fellBack = true;
      worker.terminate();
      loadInThread().then(
        (create) => {
          if (closed) return;
          inThread = create(onMessage);
          for (const message of pending ?? []) inThread.post(message);
          pending = null;
        },
        (error: unknown) => {
          if (closed) return;
          const reason = error instanceof Error ? error.message : String(error);
          onMessage({ type: 'error', message: `the search could not start (${reason})` });
        },
      );
    };

    worker.addEventListener('message', (event) => {
      if (fellBack || closed) return;
      pending = null;
      onMessage(event.data);
    });
    worker.addEventListener('error', (event) => {
      if (fellBack || closed) return;
      if (pending) fallBack();
      else onMessage({ type: 'error', message: event.message || 'the search stopped' });
    });
    return {
      post(message) {
        if (inThread) inThread.post(message);
        else {
          pending?.push(message);
          if (!fellBack) worker.postMessage(message);
        }
      },
      close() {
        closed = true;
        worker.terminate();
        inThread?.close();
      },
    };
  };
}

/**
 * The host in a module worker, its own file. That file is not precached but kept from its first use
 * (vite.config.ts ON_FIRST_USE): offline before Browse was ever opened online, or with the file gone
 * after an update, the host runs in this thread instead (a chunk of its own, precached).
 */
export const createWorkerSearchClient: CreateSearchClient = searchClientWithFallback(
  () => new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' }),
  () => import('./in-thread-search-client').then((m) => m.inThreadSearchClient()),
);
