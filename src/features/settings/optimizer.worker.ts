// The FSRS optimizer in a module Web Worker: reading the review log and fitting it never block the
// page. Its WebAssembly (1.7 MB) is fetched the first time it runs, never precached; the service
// worker keeps it after that (vite.config.ts ON_FIRST_USE), so it works offline from then on.
import init, { Fsrs } from 'fsrs-browser';
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url';
import { readOptimizerInput } from '../../storage/optimizer-source';
import { snapshotTransfer } from '../../storage/review-log-snapshot';
import { type OptimizeJob, type OptimizeMessage, runOptimize } from './optimizer-run';

const send = (message: OptimizeMessage, transfer: Transferable[] = []) => postMessage(message, { transfer });

async function answer(job: OptimizeJob): Promise<void> {
  let stage: 'reading' | 'loading' | 'fitting' = 'reading';
  try {
    // Fetched and compiled while the log is read.
    const ready = init({ module_or_path: wasmUrl });
    ready.catch(() => {});
    send({ type: 'stage', stage });
    const { log, snapshot } = await readOptimizerInput(job.dbName);
    stage = 'loading';
    send({ type: 'stage', stage });
    await ready;
    stage = 'fitting';
    send({ type: 'stage', stage });
    const outcome = runOptimize({ ...job, log }, { Fsrs });
    // The log as read goes back with the fit, its buffers handed over: Apply replays from it.
    send({ type: 'done', outcome, snapshot }, snapshotTransfer(snapshot));
  } catch (error) {
    // A panic inside the WebAssembly leaves it unusable: the next run starts a fresh worker.
    send({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
      unavailable: stage === 'loading',
    });
  }
}

addEventListener('message', (event: MessageEvent<OptimizeJob>) => void answer(event.data));
