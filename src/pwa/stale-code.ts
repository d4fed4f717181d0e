// Reloads into the installed version when a screen's code is gone, instead of leaving a blank page.
import { FIRST_USE_CHUNK_URL } from './first-use';

const LAST_RELOAD_KEY = 'keypoints:stale-code-reload';
// If the fresh page fails too, something else is wrong: let the error show instead of reloading in a loop.
const MIN_RELOAD_GAP_MS = 10_000;

function reloadedRecently(now: number): boolean {
  try {
    const last = Number(sessionStorage.getItem(LAST_RELOAD_KEY) ?? 0);
    if (now - last < MIN_RELOAD_GAP_MS) return true;
    sessionStorage.setItem(LAST_RELOAD_KEY, String(now));
    return false;
  } catch {
    // Without storage a loop cannot be ruled out: do not reload at all.
    return true;
  }
}

/**
 * A screen's code goes missing when another tab let a new version take over: its worker drops the old files.
 * Vite fires `vite:preloadError` when a lazily loaded chunk cannot be fetched. That happens when the user
 * opens a screen (so no card is in progress): reloading there loses nothing and opens the same address.
 * Offline without a service worker the reload would only show the browser's error page, so it is skipped.
 * Returns a function that stops listening.
 */
export function reloadWhenCodeIsGone(): () => void {
  const onPreloadError = (event: Event): void => {
    const failure = (event as Event & { payload?: unknown }).payload;
    // A chunk fetched on first use (src/pwa/first-use.ts) failing means no network yet, not code gone, and
    // its callers fall back by themselves (src/app/first-use-screen.tsx, background sync in src/app/app.tsx).
    // A reload there could land in the middle of a card, since background sync loads while the user reviews.
    if (FIRST_USE_CHUNK_URL.test(failure instanceof Error ? failure.message : String(failure))) return;
    const servedOffline = navigator.serviceWorker?.controller != null;
    if (!servedOffline && !navigator.onLine) return;
    if (reloadedRecently(Date.now())) return;
    event.preventDefault();
    window.location.reload();
  };
  window.addEventListener('vite:preloadError', onPreloadError);
  return () => window.removeEventListener('vite:preloadError', onPreloadError);
}
