// Entry point: global styles, the service worker, and the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerServiceWorker } from '../pwa/register';
import { App } from './app';
import './global.css';

const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');

// The service worker is not needed for the first card, so it must not compete with it: register
// a moment after the first screen is on show, when the page is idle. A fallback timer registers
// it regardless, so that even an app that cannot start still receives the update that fixes it.
let registered = false;
function registerOnce(): void {
  if (registered) return;
  registered = true;
  registerServiceWorker();
}
function whenIdle(): void {
  setTimeout(() => {
    if ('requestIdleCallback' in window) requestIdleCallback(registerOnce, { timeout: 2000 });
    else registerOnce();
  }, 1000);
}
setTimeout(registerOnce, 10_000);

createRoot(root).render(
  <StrictMode>
    <App onFirstScreen={whenIdle} />
  </StrictMode>,
);
