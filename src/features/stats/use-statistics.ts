// The statistics as React state: counted again whenever the review log or the schedules change, or a new day begins.
import { startTransition, useEffect, useRef, useState } from 'react';
import { answerTargetMs, dayKey, KINDS, type Kind, type Settings } from '../../domain';
import type { Statistics } from '../../domain/stats-model';
import { useLive } from '../../hooks/use-live';
import { useNow } from '../../hooks/use-now';
import type { KeypointsDb } from '../../storage/db';
import { statsLogSize } from '../../storage/repositories/stats';
import {
  type CreateStatsClient,
  createWorkerStatsClient,
  inThreadStatsClient,
  type StatsClient,
  WorkerUnavailableError,
} from './stats-client';

/**
 * Up to this many reviews the page computes the statistics itself: reading and folding them takes a
 * few milliseconds, less than starting a worker. Longer logs go to a worker.
 */
export const IN_THREAD_MAX_REVIEWS = 2_000;

/** The target answer time of each kind (Settings, answer pacing), in ms. */
export function answerTargetsMs(settings: Settings): Record<Kind, number> {
  return Object.fromEntries(KINDS.map((kind) => [kind, answerTargetMs(settings, kind)])) as Record<
    Kind,
    number
  >;
}

export interface StatisticsState {
  /** The latest statistics, kept on screen while newer ones are counted; null before the first. */
  statistics: Statistics | null;
  error: string | null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function useStatistics(
  db: KeypointsDb,
  settings: Settings | undefined,
  createClient?: CreateStatsClient,
): StatisticsState {
  const size = useLive(() => statsLogSize(db), [db]);
  const now = useNow(60_000);
  const today = settings ? dayKey(now, settings.dayStartHour) : '';
  const targets = settings ? answerTargetsMs(settings) : {};
  const targetsKey = JSON.stringify(targets);
  const [state, setState] = useState<StatisticsState>({ statistics: null, error: null });
  const worker = useRef<StatsClient | null>(null);

  // Leaving the screen ends the worker and frees what it read.
  useEffect(
    () => () => {
      worker.current?.close();
      worker.current = null;
    },
    [],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `size` (a new object after every write) and `today` are the triggers; targets are read through their key.
  useEffect(() => {
    if (!size || !settings) return;
    let current = true;
    const request = {
      dbName: db.name,
      now: Date.now(),
      dayStartHour: settings.dayStartHour,
      answerTargetsMs: JSON.parse(targetsKey) as Partial<Record<Kind, number>>,
    };
    const inWorker = !createClient && size.reviews > IN_THREAD_MAX_REVIEWS && typeof Worker === 'function';
    let client: StatsClient;
    if (createClient) client = createClient();
    else if (inWorker) client = worker.current ??= createWorkerStatsClient();
    else client = inThreadStatsClient();
    client
      .compute(request)
      .catch((error: unknown) => {
        if (!(error instanceof WorkerUnavailableError)) throw error;
        worker.current?.close();
        worker.current = null;
        return inThreadStatsClient().compute(request);
      })
      .then(
        // A transition: React builds the year of calendar days and the charts in slices of a few
        // milliseconds, so the page never stops answering for longer than a frame or two.
        (statistics) => current && startTransition(() => setState({ statistics, error: null })),
        (error: unknown) => current && setState((s) => ({ ...s, error: describe(error) })),
      );
    return () => {
      current = false;
      if (client !== worker.current) client.close();
    };
  }, [db, size, today, settings?.dayStartHour, targetsKey, createClient]);

  return state;
}
