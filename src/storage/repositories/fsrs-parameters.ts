// The user's own FSRS parameters: Apply and Revert, each storing the parameters and rebuilding every
// schedule from the review log with them, in one transaction.
import { type Settings, ValidationError, validateSettings } from '../../domain';
import type { KeypointsDb } from '../db';
import type { ReviewLogSnapshot } from '../review-log-snapshot';
import { type RebuildProgress, rebuildSchedules } from './reviews';
import { getSettings } from './settings';

type Patch = Pick<Settings, 'fsrsParameters' | 'revertFsrsParameters'>;

export interface RebuildOptions {
  onProgress?: (p: RebuildProgress) => void;
  /** The log the optimizer read, replayed if it is still the log (rebuildSchedules). */
  snapshot?: ReviewLogSnapshot | null;
}

async function storeAndRebuild(db: KeypointsDb, patch: Patch, options: RebuildOptions): Promise<Settings> {
  const next = { ...(await getSettings(db)), ...patch };
  const problems = validateSettings(next);
  if (problems.length > 0) throw new ValidationError(problems);
  await rebuildSchedules(db, next, { ...options, settingsPatch: patch });
  return next;
}

/** Schedules with `parameters` from now on, keeping the ones in use for Revert. */
export async function applyFsrsParameters(
  db: KeypointsDb,
  parameters: number[],
  options: RebuildOptions = {},
): Promise<Settings> {
  const { fsrsParameters } = await getSettings(db);
  return storeAndRebuild(
    db,
    { fsrsParameters: parameters, revertFsrsParameters: { parameters: fsrsParameters ?? null } },
    options,
  );
}

/** Back to the parameters the last Apply replaced; nothing to do when there are none. */
export async function revertFsrsParameters(db: KeypointsDb, options: RebuildOptions = {}): Promise<Settings> {
  const settings = await getSettings(db);
  if (!settings.revertFsrsParameters) return settings;
  return storeAndRebuild(
    db,
    { fsrsParameters: settings.revertFsrsParameters.parameters, revertFsrsParameters: undefined },
    options,
  );
}
