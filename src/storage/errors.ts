// Storage errors a user can run into, with words a screen can show and what to do next.
import { DomainError } from '../domain';

/** The card changed since it was shown: another tab or window graded (or undid) it first. */
export class StaleCardError extends DomainError {
  readonly code = 'stale-card';
  constructor(readonly cardId: string) {
    super('This card was just graded in another tab or window, so this grade was not saved twice.');
    this.name = 'StaleCardError';
  }
}

/** The device refused to store more data. Nothing of the failed write was kept. */
export class StorageFullError extends DomainError {
  readonly code = 'storage-full';
  constructor(options?: ErrorOptions) {
    super(
      'Your device is out of storage space for Keypoints, so nothing was changed. Free some space, then try again.',
      options,
    );
    this.name = 'StorageFullError';
  }
}

/**
 * The database connection is gone: another tab upgraded or deleted the data (this tab let go of it
 * so that tab could go on), or the browser closed it. Only a reload reconnects, with the new code.
 */
export class StorageClosedError extends DomainError {
  readonly code = 'storage-closed';
  constructor(options?: ErrorOptions) {
    super(
      'Keypoints was updated or closed in another tab, so this change was not saved. Reload this page to go on; everything saved before is kept.',
      options,
    );
    this.name = 'StorageClosedError';
  }
}

/** The browser refused a write for another reason (a broken record, a failed disk request). */
export class StorageWriteError extends DomainError {
  readonly code = 'storage-write';
  constructor(options?: ErrorOptions) {
    super(
      'Keypoints could not save this change, so nothing was changed. Try again; if it keeps failing, reload the page.',
      options,
    );
    this.name = 'StorageWriteError';
  }
}

/** A long write that checks the review log first found it changed on every attempt. */
export class ReviewLogBusyError extends DomainError {
  readonly code = 'review-log-busy';
  constructor(activity: string) {
    super(`Reviews kept changing while ${activity}. Close other Keypoints tabs and try again.`);
    this.name = 'ReviewLogBusyError';
  }
}

/** The day's new cards were introduced meanwhile (often in another tab): this one waits for tomorrow. */
export class NewCardLimitError extends DomainError {
  readonly code = 'new-card-limit';
  constructor(readonly cardId: string) {
    super(
      "Today's new cards have all been started (in this or another tab), so this card stays new for another day.",
    );
    this.name = 'NewCardLimitError';
  }
}

/** An undo that would remove a review which is no longer the card's latest. */
export class UndoConflictError extends DomainError {
  readonly code = 'undo-conflict';
  constructor() {
    super('This card was reviewed again elsewhere since, so that grade can no longer be undone.');
    this.name = 'UndoConflictError';
  }
}

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  inner?: unknown;
  cause?: unknown;
  failures?: unknown;
}

// Chromium and Safari name it QuotaExceededError; old Firefox NS_ERROR_DOM_QUOTA_REACHED; 22 is its legacy code.
const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
// Dexie refuses to work on a closed connection; IndexedDB itself says InvalidStateError while it closes.
const CLOSED_NAMES = new Set(['DatabaseClosedError', 'InvalidStateError']);
// Refusals of a write request, as IndexedDB reports them and Dexie wraps them. Misuse of a
// transaction (PrematureCommitError, TransactionInactiveError…) is a bug, not the user's to fix: it passes.
const WRITE_NAMES = new Set([
  'BulkError',
  'ModifyError',
  'AbortError',
  'ConstraintError',
  'DataError',
  'DataCloneError',
  'UnknownError',
  'TimeoutError',
]);

/**
 * The error itself and what it wraps: Dexie keeps the browser's error as `inner`, an aborted
 * transaction its cause, and a bulk write every failed request in `failures`.
 */
function* causes(error: unknown, depth = 0): Generator<ErrorShape> {
  if (error === null || typeof error !== 'object' || depth > 4) return;
  const shape = error as ErrorShape;
  yield shape;
  yield* causes(shape.inner, depth + 1);
  yield* causes(shape.cause, depth + 1);
  if (Array.isArray(shape.failures)) for (const failure of shape.failures) yield* causes(failure, depth + 1);
}

function isQuota(shape: ErrorShape): boolean {
  return (typeof shape.name === 'string' && QUOTA_NAMES.has(shape.name)) || shape.code === 22;
}

/**
 * Translates an IndexedDB or Dexie failure into the errors above: a full disk in any of its shapes
 * (the browser's error, Dexie's wrapping of it, an aborted transaction or a bulk write caused by
 * it), a closed connection, a refused write. The project's own errors, and anything else that is
 * not a storage failure (a bug), pass through unchanged.
 */
export function toStorageError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const chain = [...causes(error)];
  if (chain.some(isQuota)) return new StorageFullError({ cause: error });
  const name = chain[0]?.name;
  if (typeof name !== 'string') return error;
  if (chain.some((s) => typeof s.name === 'string' && CLOSED_NAMES.has(s.name)))
    return new StorageClosedError({ cause: error });
  if (WRITE_NAMES.has(name)) return new StorageWriteError({ cause: error });
  return error;
}
