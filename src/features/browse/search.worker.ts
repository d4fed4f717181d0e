// The Browse search host in a module Web Worker: reading 10,000 cards and scanning them never blocks the page.
import { createSearchHost, type ToSearchHost } from './search-host';

const host = createSearchHost((message) => postMessage(message));
addEventListener('message', (event: MessageEvent<ToSearchHost>) => host.receive(event.data));
