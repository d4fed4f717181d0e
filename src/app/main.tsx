// Entry point: global styles, the service worker, and the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { reloadWhenCodeIsGone } from '../pwa/stale-code';
import { App } from './app';
import { parseHash } from './router';
import './global.css';

const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');

// From the start: a screen whose code is gone (a new version took over in another tab) reloads.
reloadWhenCodeIsGone();

// The service worker, and the workbox-window code that registers it, are not needed for the first
// card, so they must not compete with it: they load a moment after the user has left Home (after
// Start review, that is the first card on show) or after the first screen when it is not Home, when
// the page is idle. A fallback timer registers it regardless, so that even an app that cannot start
// (or a user who stays on Home) still receives the update that fixes it.
let registered = false;
function registerOnce(): void {
  if (registered) return;
  registered = true;
  void import('../pwa/register').then((m) => m.registerServiceWorker());
}
function whenIdle(): void {
  setTimeout(() => {
    if ('requestIdleCallback' in window) requestIdleCallback(registerOnce, { timeout: 2000 });
    else registerOnce();
  }, 1000);
}
function afterFirstScreen(): void {
  if (parseHash(window.location.hash).path === '/')
    window.addEventListener('hashchange', whenIdle, { once: true });
  else whenIdle();
}
setTimeout(registerOnce, 10_000);

createRoot(root).render(
  <StrictMode>
    <App onFirstScreen={afterFirstScreen} />
  </StrictMode>,
);
