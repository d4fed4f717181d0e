// Records every request a browser context makes, pages and service worker alike, for "nothing leaves" checks.
import type { BrowserContext } from '@playwright/test';

export interface RecordedRequest {
  url: string;
  /** True when the service worker made it (precaching, update checks), not a page. */
  fromServiceWorker: boolean;
}

/** Starts recording now; the returned array fills as requests are issued. */
export function recordRequests(context: BrowserContext): RecordedRequest[] {
  const recorded: RecordedRequest[] = [];
  context.on('request', (request) => {
    recorded.push({ url: request.url(), fromServiceWorker: request.serviceWorker() !== null });
  });
  return recorded;
}
