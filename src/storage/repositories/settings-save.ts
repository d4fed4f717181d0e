// Saving the user's settings: clamped, checked, one transaction. Apart from the reads (settings.ts) so
// that the first card, which only reads them, does not load the validator.
import { type Settings, sanitizeSettings, ValidationError, validateSettings } from '../../domain';
import type { KeypointsDb } from '../db';
import { writeTransaction } from '../write';
import { getSettings } from './settings';

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
