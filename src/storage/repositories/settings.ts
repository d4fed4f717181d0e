// Reading and writing the user's settings (one row), always completed with defaults.
import { createScheduler, DEFAULT_SETTINGS, type Settings } from '../../domain';
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

/** Validates and clamps a change so that a stale form can never store an out-of-range value. */
export function sanitizeSettings(s: Settings): Settings {
  const clamp = (v: number, lo: number, hi: number, fallback: number) =>
    Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;
  return {
    ...s,
    desiredRetention: clamp(s.desiredRetention, 0.7, 0.97, DEFAULT_SETTINGS.desiredRetention),
    newPerDay: Math.round(clamp(s.newPerDay, 0, 9999, DEFAULT_SETTINGS.newPerDay)),
    maxReviewsPerDay: Math.round(clamp(s.maxReviewsPerDay, 0, 99999, DEFAULT_SETTINGS.maxReviewsPerDay)),
    dayStartHour: Math.round(clamp(s.dayStartHour, 0, 23, DEFAULT_SETTINGS.dayStartHour)),
    maximumIntervalDays: Math.round(
      clamp(s.maximumIntervalDays, 1, 36500, DEFAULT_SETTINGS.maximumIntervalDays),
    ),
  };
}

export async function saveSettings(db: KeypointsDb, patch: Partial<Settings>): Promise<Settings> {
  return writeTransaction(db, db.settings, async () => {
    const next = sanitizeSettings({ ...(await getSettings(db)), ...patch });
    // Settings the scheduler would refuse (e.g. a "30s" step) would stop every review: refuse them here.
    createScheduler(next);
    await db.settings.put({ ...next, key: 'settings' });
    return next;
  });
}
