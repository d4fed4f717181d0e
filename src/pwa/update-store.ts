// The service worker's update state for the UI: an update waits until the user's Reload applies it.
// What feeds it (update-connection.ts) loads with the service-worker registration, after the first card.

export interface PwaState {
  /** A new version is installed and waits until the user chooses to reload. */
  readonly updateWaiting: boolean;
  /** The app shell is cached: from now on the app opens without a network. */
  readonly offlineReady: boolean;
  /** The user chose "Later" for the waiting update; a newer one asks again. */
  readonly updateDismissed: boolean;
}

type Listener = () => void;

let state: PwaState = { updateWaiting: false, offlineReady: false, updateDismissed: false };
const listeners = new Set<Listener>();
let applyWaiting: (() => Promise<void>) | null = null;

/** For update-connection.ts: what the service worker reported. */
export function setPwaState(patch: Partial<PwaState>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

/** For update-connection.ts: what Reload does once an update waits. */
export function setUpdateApplier(apply: () => Promise<void>): void {
  applyWaiting = apply;
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
  if (state.updateWaiting) setPwaState({ updateDismissed: true });
}

/**
 * Lets the waiting worker take over, then reloads this page once it controls it.
 * Resolves after the request is sent; the reload follows when the new worker is in control.
 */
export async function applyUpdate(): Promise<void> {
  if (!state.updateWaiting) return;
  await applyWaiting?.();
}
