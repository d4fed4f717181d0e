// Asking for a fit: the review log read and fitted by the FSRS optimizer in its own module worker.
import type { OptimizeOutcome } from '../../domain/optimizer';
import type { ReviewLogSnapshot } from '../../storage/review-log-snapshot';
import type { OptimizeJob, OptimizeMessage } from './optimizer-run';

export type OptimizeStage = 'reading' | 'loading' | 'fitting';

/** The optimizer's files could not be fetched: offline before its first use, or gone after an update. */
export class OptimizerUnavailableError extends Error {
  constructor() {
    super(
      'The optimizer is downloaded the first time it runs: connect to the internet once, then it works offline.',
    );
  }
}

/**
 * Runs one fit in a fresh worker, ended when it answers (a fit that failed inside the WebAssembly
 * leaves that instance unusable). `onStage` hears when the worker reads the log, loads the optimizer, fits.
 * With the outcome comes the log the worker read, packed (review-log-snapshot.ts).
 */
export function runInWorker(
  job: OptimizeJob,
  onStage: (stage: OptimizeStage) => void = () => {},
): Promise<{ outcome: OptimizeOutcome; snapshot: ReviewLogSnapshot | null }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./optimizer.worker.ts', import.meta.url), { type: 'module' });
    const done = () => worker.terminate();
    worker.addEventListener('message', (event: MessageEvent<OptimizeMessage>) => {
      const message = event.data;
      if (message.type === 'stage') return onStage(message.stage);
      done();
      if (message.type === 'done') resolve({ outcome: message.outcome, snapshot: message.snapshot });
      else reject(message.unavailable ? new OptimizerUnavailableError() : new Error(message.message));
    });
    // A worker whose file cannot load reports here, not in a message.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      done();
      reject(new OptimizerUnavailableError());
    });
    worker.postMessage(job);
  });
}
