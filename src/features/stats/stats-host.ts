// Statistics by request, from the device's database: answered in a Web Worker for a long log, in the page for a short one.
import type { Kind } from '../../domain/card';
import { statistics } from '../../domain/stats';
import type { Statistics } from '../../domain/stats-model';
import { readStatsSource } from '../../storage/stats-source';

export interface StatsRequest {
  /** Increases with every request; the answer carries it back. */
  seq: number;
  dbName: string;
  /** Passed in, never read in the worker: a page's clock (a test's, say) does not reach workers. */
  now: number;
  dayStartHour: number;
  answerTargetsMs?: Partial<Record<Kind, number>>;
}

export type StatsAnswer =
  | { type: 'statistics'; seq: number; statistics: Statistics }
  | { type: 'error'; seq: number; message: string };

export async function answerStats(request: StatsRequest): Promise<StatsAnswer> {
  const { seq, now, dayStartHour, answerTargetsMs } = request;
  try {
    const source = await readStatsSource(request.dbName);
    return {
      type: 'statistics',
      seq,
      statistics: statistics({ ...source, now, dayStartHour, answerTargetsMs }),
    };
  } catch (error) {
    return { type: 'error', seq, message: error instanceof Error ? error.message : String(error) };
  }
}
