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
  constructor() {
    super(
      'Your device is out of storage space for Keypoints, so nothing was changed. Free some space, then try again.',
    );
    this.name = 'StorageFullError';
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

/** Translates low-level IndexedDB failures into the errors above; anything else passes through. */
export function toStorageError(error: unknown): unknown {
  const name = (error as { name?: string; inner?: { name?: string } } | null)?.name;
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name;
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') return new StorageFullError();
  return error;
}
