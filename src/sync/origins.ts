// Which servers this build of Keypoints may sync with: loopback always, plus the https origins named
// when it was built (KEYPOINTS_SYNC_ORIGINS). The page's CSP allows exactly these (src/app/csp.ts).

/** Loopback servers (local trials, tests): plain http is allowed there, on any port. */
export const LOOPBACK_SOURCES = ['http://127.0.0.1:*', 'http://localhost:*'] as const;

/** The environment variable a self-hoster sets when building: comma-separated https origins. */
export const SYNC_ORIGINS_ENV = 'KEYPOINTS_SYNC_ORIGINS';

/**
 * The origins listed in KEYPOINTS_SYNC_ORIGINS, each as `https://host[:port]` (no path), in order and
 * without duplicates. Throws with a sentence naming the bad entry: a build must not quietly drop one.
 */
export function parseSyncOrigins(raw: string | undefined): string[] {
  const origins: string[] = [];
  for (const entry of (raw ?? '').split(',')) {
    const text = entry.trim();
    if (!text) continue;
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new Error(
        `${SYNC_ORIGINS_ENV}: "${text}" is not a URL; write it as https://host or https://host:port.`,
      );
    }
    if (url.protocol !== 'https:')
      throw new Error(`${SYNC_ORIGINS_ENV}: "${text}" must use https (plain http is only for localhost).`);
    if (
      url.username ||
      url.password ||
      (url.pathname !== '/' && url.pathname !== '') ||
      url.search ||
      url.hash
    )
      throw new Error(
        `${SYNC_ORIGINS_ENV}: "${text}" must be an origin only (https://host or https://host:port), with no path or credentials.`,
      );
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return origins;
}

/** A loopback host: 127.0.0.1 or localhost (a server on this very device). */
export function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost';
}

/**
 * Why this build cannot reach `serverUrl` (already checked for https by couch.ts's checkServerUrl), or
 * null when it can: loopback always, other servers when the CSP lists their origin (`allowed`; null
 * when no CSP limits this copy, as in tests outside the browser build). The words say what to change,
 * instead of letting the browser refuse with a CSP error.
 */
export function originProblem(serverUrl: string, allowed: readonly string[] | null): string | null {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return null; // Not a URL: checkServerUrl says so.
  }
  if (isLoopback(url) || allowed === null || allowed.includes(url.origin)) return null;
  return notAllowedMessage(url.origin, allowed);
}

export function notAllowedMessage(origin: string, allowed: readonly string[]): string {
  const list =
    allowed.length === 0
      ? 'servers on this device (localhost)'
      : `${allowed.join(', ')} and servers on this device`;
  return `This copy of Keypoints can sync only with ${list}, so it cannot reach ${origin}. Build it with ${SYNC_ORIGINS_ENV}=${origin} to sync with your server.`;
}

// Replaced at build time by vite.config.ts (`define`); absent outside the Vite build (Vitest).
declare const __KP_SYNC_ORIGINS__: readonly string[] | undefined;

/** The https origins this build's CSP lets the page reach; null when the code runs outside a build (no CSP). */
export const BUILD_SYNC_ORIGINS: readonly string[] | null =
  typeof __KP_SYNC_ORIGINS__ !== 'undefined' ? __KP_SYNC_ORIGINS__ : null;
