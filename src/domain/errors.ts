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
