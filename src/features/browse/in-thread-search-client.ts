// The search host run in this thread over the same messages: where the worker cannot load, and in happy-dom tests.
import type { CreateSearchClient } from './search-client';
import { createSearchHost, type SearchHostOptions } from './search-host';

/**
 * Messages are copied (structured clone) and delivered a task later in both directions, as
 * postMessage does, so the screen meets the same asynchrony and the same data as with a worker.
 */
export function inThreadSearchClient(options: SearchHostOptions = {}): CreateSearchClient {
  return (onMessage) => {
    let closed = false;
    const later = (deliver: () => void) =>
      setTimeout(() => {
        if (!closed) deliver();
      }, 0);
    const host = createSearchHost((message) => {
      const copy = structuredClone(message);
      later(() => onMessage(copy));
    }, options);
    return {
      post(message) {
        const copy = structuredClone(message);
        later(() => host.receive(copy));
      },
      close() {
        closed = true;
        host.dispose();
      },
    };
  };
}
