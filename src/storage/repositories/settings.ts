// Reading and writing the user's settings (one row), always completed with defaults.
import {
  DEFAULT_SETTINGS,
  type Settings,
  sanitizeSettings,
  ValidationError,
  validateSettings,
} from '../../domain';
import type { KeypointsDb, SettingsRow } from '../db';
import { writeTransaction } from '../write';

/** Settings as stored, with defaults for anything a newer build added since they were saved. */
export function withDefaults(row: Partial<Settings> | undefined): Settings {
  const { key: _key, ...stored } = (row ?? {}) as Partial<SettingsRow>;
  return { ...DEFAULT_SETTINGS, ...stored };
}

export async function getSettings(db: KeypointsDb): Promise<Settings> {
  return withDefaults(await db.settings.get('settings'));
}

export async function saveSettings(db: KeypointsDb, patch: Partial<Settings>): Promise<Settings> {
  return writeTransaction(db, db.settings, async () => {
    const next = sanitizeSettings({ ...(await getSettings(db)), ...patch });
    // Settings the scheduler would refuse (e.g. a "30s" step) would stop every review: refuse them here.
    const problems = validateSettings(next);
    if (problems.length > 0) throw new ValidationError(problems);
    await db.settings.put({ ...next, key: 'settings' });
    return next;
  });
}
