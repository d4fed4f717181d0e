// The FSRS optimizer in a module Web Worker: reading the review log and fitting it never block the
// page. Its WebAssembly (1.7 MB) is fetched the first time it runs, never precached; the service
// worker keeps it after that (vite.config.ts ON_FIRST_USE), so it works offline from then on.
import init, { Fsrs } from 'fsrs-browser';
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url';
import { readOptimizerLog } from '../../storage/optimizer-source';
import { type OptimizeJob, type OptimizeMessage, runOptimize } from './optimizer-run';

const send = (message: OptimizeMessage) => postMessage(message);

async function answer(job: OptimizeJob): Promise<void> {
  let stage: 'reading' | 'loading' | 'fitting' = 'reading';
  try {
    // Fetched and compiled while the log is read.
    const ready = init({ module_or_path: wasmUrl });
    ready.catch(() => {});
    send({ type: 'stage', stage });
    const log = await readOptimizerLog(job.dbName);
    stage = 'loading';
    send({ type: 'stage', stage });
    await ready;
    stage = 'fitting';
    send({ type: 'stage', stage });
    send({ type: 'done', outcome: runOptimize({ ...job, log }, { Fsrs }) });
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
