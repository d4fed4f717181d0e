// How the Browse screen talks to its search host: a Web Worker in the app, the same host in-thread in tests.
import type { FromSearchHost, ToSearchHost } from './search-host';

export interface SearchClient {
  post(message: ToSearchHost): void;
  /** Ends the host and frees everything it holds. */
  close(): void;
}

export type CreateSearchClient = (onMessage: (message: FromSearchHost) => void) => SearchClient;

/** The host in a module worker, its own chunk (precached with the app, so Browse works offline). */
export const createWorkerSearchClient: CreateSearchClient = (onMessage) => {
  const worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('message', (event: MessageEvent<FromSearchHost>) => onMessage(event.data));
  // A worker that cannot load (its file missing after an update, say) reports here, not in a message.
  worker.addEventListener('error', (event) => {
    onMessage({ type: 'error', message: event.message || 'the search could not start' });
  });
  return {
    post: (message) => worker.postMessage(message),
    close: () => worker.terminate(),
  };
};
