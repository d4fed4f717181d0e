// Feeds the service worker's events to the update store and makes Reload hand over to the waiting worker.
// Loaded with the registration (register.ts), not on the way to the first card; kept free of
// `virtual:pwa-register` so that tests can drive it with a fake.
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';
import { setPwaState, setUpdateApplier } from './update-store';

/** The shape of the plugin's `registerSW`: returns a function that lets the waiting worker take over. */
export type RegisterSW = (options: RegisterSWOptions) => (reloadPage?: boolean) => Promise<void>;

/** Logged when a new version is installed and waits (e2e specs wait for it). */
export const UPDATE_WAITING_LOG =
  'Keypoints: a new version is installed; it takes over when you press Reload.';

const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;
// Phones hide and show the page constantly; one check per few minutes is plenty.
const MIN_VISIBLE_CHECK_GAP_MS = 5 * 60 * 1000;

let updateServiceWorker: ((reloadPage?: boolean) => Promise<void>) | null = null;
let reloadRequested = false;
let reloading = false;
let newWorkerControls = false;

function reloadOnce(): void {
  if (reloading) return;
  reloading = true;
  window.location.reload();
}

function watchForUpdates(registration: ServiceWorkerRegistration): void {
  let lastCheck = Date.now();
  const check = (): void => {
    if (registration.installing || !navigator.onLine) return;
    lastCheck = Date.now();
    // A failed check (server down, flaky network) is harmless: the next one tries again.
    registration.update().catch(() => undefined);
  };
  setInterval(check, UPDATE_CHECK_INTERVAL_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && Date.now() - lastCheck >= MIN_VISIBLE_CHECK_GAP_MS) check();
  });
}

async function applyWaitingUpdate(): Promise<void> {
  // A second press resends the request in case the first was lost; reloadOnce() stops a double reload.
  reloadRequested = true;
  if (newWorkerControls) {
    reloadOnce();
    return;
  }
  await updateServiceWorker?.();
}

/** Called once by registerServiceWorker(); later calls do nothing. */
export function connectServiceWorker(registerSW: RegisterSW): void {
  if (updateServiceWorker) return;
  updateServiceWorker = registerSW({
    onNeedRefresh: () => {
      // Nothing on screen says so while a card is in progress: the console does, for whoever wonders.
      console.info(UPDATE_WAITING_LOG);
      setPwaState({ updateWaiting: true, updateDismissed: false });
    },
    onOfflineReady: () => setPwaState({ offlineReady: true }),
    // The new worker took control. If another tab applied the update, this page keeps running the
    // version it loaded (possibly mid-card) until its user presses Reload.
    onNeedReload: () => {
      newWorkerControls = true;
      if (reloadRequested) reloadOnce();
    },
    onRegisteredSW: (_url, registration) => {
      if (registration) watchForUpdates(registration);
    },
    onRegisterError: (error: unknown) => {
      console.warn(
        'Keypoints: the service worker could not be registered; offline use is unavailable.',
        error,
      );
    },
  });
  setUpdateApplier(applyWaitingUpdate);
}
