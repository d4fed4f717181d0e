// The words of sync as types: which records travel between a user's devices, and how one travels.
import type { Settings } from './settings';

/** The kinds of record that sync. Schedules never travel: each device replays them from reviews. */
export const SYNCED_TYPES = ['deck', 'card', 'review', 'settings', 'interview'] as const;
export type SyncedType = (typeof SYNCED_TYPES)[number];

/**
 * A hybrid logical clock reading, as text that sorts in time order: wall-clock milliseconds (13
 * digits), a counter (for changes within one millisecond, or when a device's clock runs behind one
 * it has heard from) and the device id that breaks ties. See `hlc.ts`.
 */
export type Hlc = string;

/**
 * One record as it travels: what it is, the clock of its last change and its value, or null when it
 * was deleted (a tombstone). The value is the record exactly as stored (a Deck, a CardRecord, a
 * Review, the synced part of the settings, an Interview).
 */
export interface SyncRecord {
  type: SyncedType;
  /** The record's own id (the settings' is 'settings'). */
  id: string;
  hlc: Hlc;
  deleted: boolean;
  value: unknown | null;
}

/** The settings that change how cards are scheduled: a change of one means every schedule is replayed. */
export const SCHEDULING_SETTING_KEYS = [
  'desiredRetention',
  'learningSteps',
  'relearningSteps',
  'maximumIntervalDays',
  'enableFuzz',
  'fsrsParameters',
] as const satisfies readonly (keyof Settings)[];

/**
 * The settings every device of a user shares: how cards are scheduled and paced. The others (the
 * timer, listen mode's voice and speed, how many recordings to keep) belong to one device.
 */
export const SYNCED_SETTING_KEYS = [
  ...SCHEDULING_SETTING_KEYS,
  'revertFsrsParameters',
  'newPerDay',
  'maxReviewsPerDay',
  'dayStartHour',
  'learnAheadMinutes',
  'answerTargetSeconds',
] as const satisfies readonly (keyof Settings)[];
export type SyncedSettings = Pick<Settings, (typeof SYNCED_SETTING_KEYS)[number]>;

/** The record key used locally (outbox, known revisions) and, hashed when encrypted, as the document id. */
export function recordKey(type: SyncedType, id: string): string {
  return `${type}:${id}`;
}
