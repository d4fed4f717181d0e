// How the Statistics screen asks for its numbers: a Web Worker for a long log, the same host in the page otherwise.
import type { Statistics } from '../../domain/stats-model';
import { answerStats, type StatsAnswer, type StatsRequest } from './stats-host';

export interface StatsClient {
  compute(request: Omit<StatsRequest, 'seq'>): Promise<Statistics>;
  /** Ends the host; answers still on their way are dropped. */
  close(): void;
}

export type CreateStatsClient = () => StatsClient;

/** The worker could not run at all (its file missing after an update, say): the page computes instead. */
export class WorkerUnavailableError extends Error {}

function unwrap(answer: StatsAnswer): Statistics {
  if (answer.type === 'error') throw new Error(answer.message);
  return answer.statistics;
}

/**
 * In the page: for a short log, where there are no Workers, and where the worker cannot load. The
 * computation is part of the screen's chunk, which is fetched on first use as a whole (vite.config.ts
 * STATS_SCREEN): a lazy split of it would only add a precached facade chunk.
 */
export const inThreadStatsClient: CreateStatsClient = () => ({
  async compute(request) {
    return unwrap(await answerStats({ ...request, seq: 0 }));
  },
  close: () => {},
});

/** The host in a module worker, its own file (fetched on first use and kept from then on: vite.config.ts ON_FIRST_USE). */
export const createWorkerStatsClient: CreateStatsClient = () => {
  const worker = new Worker(new URL('./stats.worker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<number, { resolve: (s: Statistics) => void; reject: (e: Error) => void }>();
  let seq = 0;
  worker.addEventListener('message', (event: MessageEvent<StatsAnswer>) => {
    const pending = waiting.get(event.data.seq);
    waiting.delete(event.data.seq);
    try {
      pending?.resolve(unwrap(event.data));
    } catch (error) {
      pending?.reject(error as Error);
    }
  });
  // A worker that cannot load reports here, not in a message.
  worker.addEventListener('error', (event) => {
    for (const pending of waiting.values())
      pending.reject(new WorkerUnavailableError(event.message || 'the statistics worker could not start'));
    waiting.clear();
  });
  return {
    compute(request) {
      seq += 1;
      const answer = new Promise<Statistics>((resolve, reject) => waiting.set(seq, { resolve, reject }));
      worker.postMessage({ ...request, seq } satisfies StatsRequest);
      return answer;
    },
    close() {
      waiting.clear();
      worker.terminate();
    },
  };
};
