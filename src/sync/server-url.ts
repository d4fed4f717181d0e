// What a user may type as a sync server and a database name, checked before anything is sent (pure: the Sync screen uses it too).
import { SyncError } from './sync-error';

/** Plain HTTP is only safe when the server is this very machine: nothing crosses a network. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The server's address in one normal form (scheme, host, port, path prefix; no trailing slash), or a
 * SyncError 'bad-url' saying what to change. A missing scheme means https: a user typing
 * `couch.example.com` means the safe one. Credentials inside the URL are refused: they would be kept
 * and shown with the address, while the password field keeps them out of sight.
 */
export function checkServerUrl(input: string): string | SyncError {
  const text = input.trim();
  if (text === '') return badUrl('Enter the address of your CouchDB server, e.g. https://couch.example.com.');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return badUrl(`“${text}” is not a web address. It looks like https://couch.example.com.`);
  }
  if (url.username || url.password) {
    return badUrl('Put the user name and password in their own fields, not in the address.');
  }
  if (url.search || url.hash) {
    return badUrl('The address ends at the server (or its path): remove what follows “?” or “#”.');
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    return badUrl(
      'Use https:// for this server: plain http:// would send your password in clear. (http:// is allowed only for localhost.)',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return badUrl('The address must start with https://.');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * CouchDB's own rule for database names (lower-case letter first, then lower-case letters, digits
 * and _$()+-/), so a typo is caught before the server's terse "illegal_database_name".
 */
export function checkDatabaseName(input: string): string | SyncError {
  const name = input.trim();
  if (name === '') return new SyncError('bad-url', 'Enter the name of the database, e.g. keypoints.');
  if (!/^[a-z][a-z0-9_$()+/-]*$/.test(name) || name.length > 238) {
    return new SyncError(
      'bad-url',
      `“${name}” cannot be a CouchDB database name: use lower-case letters, digits, “_” or “-”, starting with a letter.`,
    );
  }
  return name;
}

function badUrl(message: string): SyncError {
  return new SyncError('bad-url', message);
}
