// The user's own FSRS parameters: Apply and Revert, each storing the parameters and rebuilding every
// schedule from the review log with them, in one transaction.
import { type Settings, ValidationError, validateSettings } from '../../domain';
import type { KeypointsDb } from '../db';
import { type RebuildProgress, rebuildSchedules } from './reviews';
import { getSettings } from './settings';

type Patch = Pick<Settings, 'fsrsParameters' | 'revertFsrsParameters'>;

async function storeAndRebuild(
  db: KeypointsDb,
  patch: Patch,
  onProgress?: (p: RebuildProgress) => void,
): Promise<Settings> {
  const next = { ...(await getSettings(db)), ...patch };
  const problems = validateSettings(next);
  if (problems.length > 0) throw new ValidationError(problems);
  await rebuildSchedules(db, next, { onProgress, settingsPatch: patch });
  return next;
}

/** Schedules with `parameters` from now on, keeping the ones in use for Revert. */
export async function applyFsrsParameters(
  db: KeypointsDb,
  parameters: number[],
  options: { onProgress?: (p: RebuildProgress) => void } = {},
): Promise<Settings> {
  const { fsrsParameters } = await getSettings(db);
  return storeAndRebuild(
    db,
    { fsrsParameters: parameters, revertFsrsParameters: { parameters: fsrsParameters ?? null } },
    options.onProgress,
  );
}

/** Back to the parameters the last Apply replaced; nothing to do when there are none. */
export async function revertFsrsParameters(
  db: KeypointsDb,
  options: { onProgress?: (p: RebuildProgress) => void } = {},
): Promise<Settings> {
  const settings = await getSettings(db);
  if (!settings.revertFsrsParameters) return settings;
  return storeAndRebuild(
    db,
    { fsrsParameters: settings.revertFsrsParameters.parameters, revertFsrsParameters: undefined },
    options.onProgress,
  );
}
