// The service worker's update state for the UI: an update waits until the user's Reload applies it.
// Kept free of `virtual:pwa-register` (see register.ts) so that tests can drive it with a fake.
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';

export interface PwaState {
  /** A new version is installed and waits until the user chooses to reload. */
  readonly updateWaiting: boolean;
  /** The app shell is cached: from now on the app opens without a network. */
  readonly offlineReady: boolean;
  /** The user chose "Later" for the waiting update; a newer one asks again. */
  readonly updateDismissed: boolean;
}

type Listener = () => void;
/** The shape of the plugin's `registerSW`: returns a function that lets the waiting worker take over. */
export type RegisterSW = (options: RegisterSWOptions) => (reloadPage?: boolean) => Promise<void>;

/** Logged when a new version is installed and waits (e2e specs wait for it). */
export const UPDATE_WAITING_LOG =
  'Keypoints: a new version is installed; it takes over when you press Reload.';

const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;
// Phones hide and show the page constantly; one check per few minutes is plenty.
const MIN_VISIBLE_CHECK_GAP_MS = 5 * 60 * 1000;

let state: PwaState = { updateWaiting: false, offlineReady: false, updateDismissed: false };
const listeners = new Set<Listener>();
let updateServiceWorker: ((reloadPage?: boolean) => Promise<void>) | null = null;
let reloadRequested = false;
let reloading = false;
let newWorkerControls = false;

function setState(patch: Partial<PwaState>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

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

/** Called once by registerServiceWorker(); later calls do nothing. */
export function connectServiceWorker(registerSW: RegisterSW): void {
  if (updateServiceWorker) return;
  updateServiceWorker = registerSW({
    onNeedRefresh: () => {
      // Nothing on screen says so while a card is in progress: the console does, for whoever wonders.
      console.info(UPDATE_WAITING_LOG);
      setState({ updateWaiting: true, updateDismissed: false });
    },
    onOfflineReady: () => setState({ offlineReady: true }),
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
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getSnapshot(): PwaState {
  return state;
}

/** Hides the notice for the update waiting now; it comes back when a newer version arrives. */
export function dismissUpdate(): void {
  if (state.updateWaiting) setState({ updateDismissed: true });
}

/**
 * Lets the waiting worker take over, then reloads this page once it controls it.
 * Resolves after the request is sent; the reload follows when the new worker is in control.
 */
export async function applyUpdate(): Promise<void> {
  if (!state.updateWaiting) return;
  // A second press resends the request in case the first was lost; reloadOnce() stops a double reload.
  reloadRequested = true;
  if (newWorkerControls) {
    reloadOnce();
    return;
  }
  await updateServiceWorker?.();
}
