// What an interview's plan reaches, and the daily minutes its target needs: read here, simulated off the main thread.
import type { Interview } from '../domain/interview';
import { covers } from '../domain/interview';
import type { KeypointsDb } from '../storage/db';
import { readInterviewData } from '../storage/repositories/interview-data';
import type { Forecast, ForecastRequest } from './interview-forecast-run';

export type { Forecast } from './interview-forecast-run';

/**
 * The computation in a module worker of its own, one per forecast. The worker's file is fetched on
 * first use, not precached (vite.config.ts ON_FIRST_USE): where it cannot load (offline before any
 * forecast was shown online, or its file gone after an update) the same computation runs in this
 * thread instead, so the forecast is there offline from the first visit either way.
 */
function inWorker(request: ForecastRequest): Promise<Forecast> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./interview-forecast.worker.ts', import.meta.url), { type: 'module' });
    const done = () => worker.terminate();
    worker.addEventListener('message', (event: MessageEvent<{ forecast?: Forecast; error?: string }>) => {
      done();
      if (event.data.forecast) resolve(event.data.forecast);
      else reject(new Error(event.data.error ?? 'The forecast could not be computed.'));
    });
    // A worker that cannot load reports here, not in a message; the page computes instead.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      done();
      inThread(request).then(resolve, reject);
    });
    worker.postMessage(request);
  });
}

/** Where Worker does not exist (Vitest in Node): the same computation, loaded and run in this thread. */
async function inThread(request: ForecastRequest): Promise<Forecast> {
  const { runForecast } = await import('./interview-forecast-run');
  // A copy, as postMessage would make: the computation never sees the caller's objects.
  return runForecast(structuredClone(request));
}

/**
 * The readiness the interview's plan reaches at its daily minutes, the minutes a day its target
 * needs, and the sentence that says both, as of `now`. The data is read here in one transaction
 * (only the covered cards travel); the simulation, seconds of work for a large deck, runs in a Web
 * Worker. The same log always gives the same forecast.
 */
export async function forecastInterview(
  db: KeypointsDb,
  interview: Interview,
  now: number,
): Promise<Forecast> {
  const data = await readInterviewData(db, { tags: (interview.covers.tags?.length ?? 0) > 0 });
  const cards = data.cards.filter((card) => covers(interview, card));
  const schedules = new Map(
    cards.flatMap((c) => {
      const s = data.schedules.get(c.id);
      return s ? [[c.id, s] as const] : [];
    }),
  );
  const request: ForecastRequest = {
    cards,
    schedules,
    settings: data.settings,
    durations: data.durations,
    interview,
    now,
  };
  return typeof Worker === 'undefined' ? inThread(request) : inWorker(request);
}
