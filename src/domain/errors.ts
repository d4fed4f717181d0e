// Typed errors a user can cause: each carries words a screen can show as they are.

export abstract class DomainError extends Error {
  abstract readonly code: string;
}

/** One thing wrong with an input, located as precisely as we can. */
export interface Problem {
  /** 1-based line (page, CSV row counted as a line) where the problem is, if known. */
  line?: number;
  /** Field or section name, e.g. "keyPoints" or "How to answer". */
  field?: string;
  message: string;
}

/** A page (the source format) could not be parsed. */
export class ParseError extends DomainError {
  readonly code = 'parse';
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n') || 'The page could not be read.');
    this.name = 'ParseError';
  }
}

/** Imported or restored data failed validation; nothing was written. */
export class ValidationError extends DomainError {
  readonly code = 'validation';
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n') || 'The data is not valid.');
    this.name = 'ValidationError';
  }
}

export function formatProblem(p: Problem): string {
  const where = [p.line !== undefined ? `line ${p.line}` : '', p.field ?? ''].filter(Boolean).join(', ');
  return where ? `${where}: ${p.message}` : p.message;
}

/** For when nothing more is known: true of every failed write, since writes are transactions. */
export const GENERIC_ERROR_WORDS = 'Something went wrong and nothing was changed. Try again.';

/**
 * Words a screen can show for a caught error. A DomainError's message is written for the user;
 * anything else (a bug, a browser error) may be technical or leak internals, so the caller's own
 * sentence is shown instead.
 */
export function errorWords(error: unknown, otherwise: string = GENERIC_ERROR_WORDS): string {
  return error instanceof DomainError ? error.message : otherwise;
}

/** The raw text of an unexpected error, for a screen that shows it in brackets after its own words. */
export function errorDetail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
