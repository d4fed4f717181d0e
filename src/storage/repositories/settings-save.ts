// Saving the user's settings: clamped, checked, one transaction. Apart from the reads (settings.ts) so
// that the first card, which only reads them, does not load the validator.
import { type Settings, sanitizeSettings, ValidationError, validateSettings } from '../../domain';
import type { KeypointsDb } from '../db';
import { writeTransaction } from '../write';
import { trimAllRecordings } from './recordings';
import { getSettings } from './settings';

/**
 * Stores the settings. Keeping fewer recordings per card deletes the oldest beyond the new number
 * in the same transaction, so the setting and what the device holds always agree.
 */
export async function saveSettings(db: KeypointsDb, patch: Partial<Settings>): Promise<Settings> {
  return writeTransaction(db, [db.settings, db.recordings], async () => {
    const previous = await getSettings(db);
    const next = sanitizeSettings({ ...previous, ...patch });
    // Settings the scheduler would refuse (e.g. a "30s" step) would stop every review: refuse them here.
    const problems = validateSettings(next);
    if (problems.length > 0) throw new ValidationError(problems);
    await db.settings.put({ ...next, key: 'settings' });
    if (next.keepRecordingsPerCard < previous.keepRecordingsPerCard)
      await trimAllRecordings(db, next.keepRecordingsPerCard);
    return next;
  });
}
