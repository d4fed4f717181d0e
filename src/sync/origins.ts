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

export type ServerUrlCheck = { ok: true; url: string } | { ok: false; message: string };

/**
 * Whether the Sync screen may use `raw` as the server's address: a URL, https unless loopback, and one
 * of `allowed` (null: no CSP limits this copy, as in tests outside the browser build). The message says
 * plainly what to change, instead of letting the browser refuse with a CSP error.
 */
export function checkServerUrl(raw: string, allowed: readonly string[] | null): ServerUrlCheck {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'Enter the server address in full, such as https://couch.example.com.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, message: 'The server address must start with https://.' };
  if (url.username || url.password)
    return { ok: false, message: 'Put the user and password in their own fields, not in the address.' };
  const loopback = isLoopback(url);
  if (url.protocol === 'http:' && !loopback)
    return {
      ok: false,
      message:
        'The server must use https: the password and your cards would otherwise cross the network readable by anyone on the way. Plain http is only for a server on this device (localhost or 127.0.0.1).',
    };
  if (!loopback && allowed !== null && !allowed.includes(url.origin))
    return { ok: false, message: notAllowedMessage(url.origin, allowed) };
  // No trailing slash: paths are appended to it.
  return { ok: true, url: text.replace(/\/+$/, '') };
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
