// The FSRS optimizer in a module Web Worker: fitting thousands of reviews never blocks the page. Its
// WebAssembly (1.7 MB) is fetched the first time it runs, never precached; the service worker keeps
// it after that (vite.config.ts ON_FIRST_USE), so it works offline from then on.
import init, { Fsrs } from 'fsrs-browser';
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url';
import { type OptimizeMessage, type OptimizeRequest, runOptimize } from './optimizer-run';

let ready: Promise<unknown> | null = null;

const send = (message: OptimizeMessage) => postMessage(message);

addEventListener('message', (event: MessageEvent<OptimizeRequest>) => {
  void (async () => {
    let loaded = false;
    try {
      send({ type: 'stage', stage: 'loading' });
      ready ??= init({ module_or_path: wasmUrl });
      await ready;
      loaded = true;
      send({ type: 'stage', stage: 'fitting' });
      send({ type: 'done', outcome: runOptimize(event.data, { Fsrs }) });
    } catch (error) {
      // A panic inside the WebAssembly leaves it unusable: the next run starts a fresh worker.
      send({
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
        unavailable: !loaded,
      });
    }
  })();
});
