// The optimizer's work, whatever thread runs it: the FSRS optimizer (fsrs-browser, WebAssembly)
// fitting the log's older reviews, judged on the newest (domain/optimizer.ts).

import { default_w } from 'ts-fsrs';
import type { Fit, LogEntry, OptimizeOutcome } from '../../domain/optimizer';
import { optimize } from '../../domain/optimizer';
import type { ReviewLogSnapshot } from '../../storage/review-log-snapshot';

export interface OptimizeRequest {
  log: LogEntry[];
  now: number;
  dayStartHour: number;
  /** The weights in use: the settings' own, or null for FSRS's defaults. */
  current: number[] | null;
}

/** What the page sends the worker: the database to read the log from, instead of the log itself. */
export type OptimizeJob = Omit<OptimizeRequest, 'log'> & { dbName: string };

export type OptimizeMessage =
  | { type: 'stage'; stage: 'reading' | 'loading' | 'fitting' }
  /** `snapshot`: the log the fit read, for Apply to replay from (null when it could not be packed). */
  | { type: 'done'; outcome: OptimizeOutcome; snapshot: ReviewLogSnapshot | null }
  /** `unavailable`: the WebAssembly could not be fetched or compiled (offline before its first use). */
  | { type: 'error'; message: string; unavailable: boolean };

/** The part of fsrs-browser the fit uses. */
export interface FsrsModule {
  Fsrs: new () => {
    computeParameters(
      ratings: Uint32Array,
      deltaTs: Uint32Array,
      lengths: Uint32Array,
      progress: null,
      enableShortTerm: boolean,
    ): Float32Array;
  };
}

/** Fits with a fresh optimizer each time: a failed fit leaves nothing behind in the next. */
export function fsrsFit(fsrs: FsrsModule): Fit {
  // Same-day reviews are in the log (learning steps), so the short-term weights are fitted too.
  return (items) =>
    new fsrs.Fsrs().computeParameters(items.ratings, items.deltaDays, items.lengths, null, true);
}

export function runOptimize(request: OptimizeRequest, fsrs: FsrsModule): OptimizeOutcome {
  return optimize(request.log, {
    ...request,
    current: request.current ?? [...default_w],
    fit: fsrsFit(fsrs),
  });
}
