// Reading the user's settings (one row), always completed with defaults; settings-save.ts writes them.
import { DEFAULT_SETTINGS, type Settings } from '../../domain';
import type { KeypointsDb, SettingsRow } from '../db';

/** Settings as stored, with defaults for anything a newer build added since they were saved. */
export function withDefaults(row: Partial<Settings> | undefined): Settings {
  const { key: _key, ...stored } = (row ?? {}) as Partial<SettingsRow>;
  return { ...DEFAULT_SETTINGS, ...stored };
}

export async function getSettings(db: KeypointsDb): Promise<Settings> {
  return withDefaults(await db.settings.get('settings'));
}
