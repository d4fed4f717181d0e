// The one error type of sync: what went wrong as a kind a program can branch on, and words a user can act on.
import { DomainError } from '../domain';

/**
 * Why a sync step failed. The first group comes from talking to the server, the second from the
 * passphrase and the meta document, the third from the setup link and the settings form.
 */
export type SyncErrorKind =
  | 'offline'
  | 'unauthorized'
  | 'forbidden'
  | 'no-database'
  | 'server'
  | 'bad-response'
  | 'quota'
  | 'conflict'
  | 'not-allowed-origin'
  | 'wrong-passphrase'
  | 'not-encrypted'
  | 'encrypted'
  | 'wrong-code'
  | 'bad-link'
  | 'bad-url';

/**
 * A DomainError, so `errorWords` shows its message as it is: every message here is written for the
 * user and never contains a password, a passphrase or a document's content.
 */
export class SyncError extends DomainError {
  readonly code = 'sync';
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    /** The HTTP status when the server answered, for a status line or a test; never shown alone. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

/** Whether trying again later may help (the replicator backs off and retries these, and stops on the others). */
export function isTransient(error: SyncError): boolean {
  return error.kind === 'offline' || error.kind === 'server' || error.kind === 'conflict';
}
