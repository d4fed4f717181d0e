// Turns a caught error into words a screen can show: the project's own errors speak for themselves.
import { DomainError } from '../domain';

/** For when nothing more is known: true of every failed write, since writes are transactions. */
export const GENERIC_ERROR_WORDS = 'Something went wrong and nothing was changed. Try again.';

/**
 * A DomainError's message is written for the user; anything else (a bug, a browser error) may be
 * technical or leak internals, so the screen's own sentence is shown instead.
 */
export function errorWords(error: unknown, otherwise: string = GENERIC_ERROR_WORDS): string {
  return error instanceof DomainError ? error.message : otherwise;
}

/** The raw text of an unexpected error, for a screen that shows it in brackets after its own words. */
export function errorDetail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
