// The backup file: its format, reading it (upgrade, validate, check references), writing it, and its content hash.
import * as v from 'valibot';
import { type BackupData, canonicalData } from './backup-data';
import { CARD_LIMITS } from './card-limits';
import { type Problem, ValidationError } from './errors';
import {
  CardRecordSchema,
  DeckSchema,
  InterviewSchema,
  RecordingFileSchema,
  ReviewSchema,
  ScheduleSchema,
  SettingsSchema,
  shortText,
} from './record-schemas';
import { DEFAULT_SETTINGS } from './settings';
import {
  capProblems,
  findDuplicates,
  isRecord,
  issuesToProblems,
  MAX_SHOWN_PROBLEMS,
  PARSE_CONFIG,
  parseJson,
  recordsOf,
  timestamp,
} from './validation';

export const BACKUP_FORMAT = 'keypoints-backup';
export const BACKUP_VERSION = 1;

export interface Backup extends BackupData {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** Epoch ms. */
  exportedAt: number;
  /** Which app wrote it, e.g. "Keypoints 0.1.0": for a human reading the file. */
  app: string;
}

/** Decks, cards, schedules or reviews in one backup: far above real use, low enough not to freeze a device. */
const MAX_RECORDS = 200_000;

/** The bounds a backup is read with (card fields, records, problems shown). */
export const LIMITS = { ...CARD_LIMITS, records: MAX_RECORDS, problems: MAX_SHOWN_PROBLEMS } as const;

const records = <T extends v.GenericSchema>(item: T) => recordsOf(item, MAX_RECORDS);

const BackupSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(BACKUP_VERSION),
  exportedAt: timestamp,
  app: shortText,
  decks: records(DeckSchema),
  cards: records(CardRecordSchema),
  schedules: records(ScheduleSchema),
  reviews: records(ReviewSchema),
  settings: SettingsSchema,
  // Optional: backups made before interviews existed have none, and still restore.
  interviews: v.optional(records(InterviewSchema)),
  // Optional: only backups made with "include recordings" ticked carry them.
  recordings: v.optional(records(RecordingFileSchema)),
});

// ---------------------------------------------------------------------------------------------
// Reading a backup.

function fail(message: string): never {
  throw new ValidationError([{ message }]);
}

/**
 * upgrades[n] turns a version-n backup into a version-(n+1) one, on raw JSON, before validation.
 * None yet; when version 2 ships, version 1 gets an entry here and a fixture test.
 */
const UPGRADES: Partial<Record<number, (raw: Record<string, unknown>) => Record<string, unknown>>> = {};

function upgradeToCurrent(raw: unknown): unknown {
  if (!isRecord(raw) || raw.format !== BACKUP_FORMAT) fail('This is not a Keypoints backup.');
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    fail('This backup has no valid version number: it may be damaged.');
  }
  if (version > BACKUP_VERSION) {
    fail('This backup was made by a newer version of Keypoints: update the app, then restore it again.');
  }
  let current = raw;
  for (let from = version; from < BACKUP_VERSION; from++) {
    const upgrade = UPGRADES[from];
    if (!upgrade) fail(`Backups of version ${from} can no longer be read.`);
    current = upgrade(current);
  }
  return current;
}

function checkIntegrity(b: BackupData): Problem[] {
  const deckIds = new Set(b.decks.map((d) => d.id));
  const cardIds = new Set(b.cards.map((c) => c.id));
  const problems = [
    ...findDuplicates(
      b.decks,
      (d) => d.id,
      (i) => `decks[${i}].id`,
    ),
    ...findDuplicates(
      b.cards,
      (c) => c.id,
      (i) => `cards[${i}].id`,
    ),
    ...findDuplicates(
      b.schedules,
      (s) => s.cardId,
      (i) => `schedules[${i}].cardId`,
    ),
    ...findDuplicates(
      b.reviews,
      (r) => r.id,
      (i) => `reviews[${i}].id`,
    ),
    ...findDuplicates(
      b.interviews ?? [],
      (v) => v.id,
      (i) => `interviews[${i}].id`,
    ),
    ...findDuplicates(
      b.recordings ?? [],
      (r) => r.id,
      (i) => `recordings[${i}].id`,
    ),
  ];
  b.cards.forEach((c, i) => {
    if (!deckIds.has(c.deckId)) {
      problems.push({
        field: `cards[${i}].deckId`,
        message: `refers to deck "${c.deckId}", which is not in the backup`,
      });
    }
  });
  b.schedules.forEach((s, i) => {
    if (!cardIds.has(s.cardId)) {
      problems.push({
        field: `schedules[${i}].cardId`,
        message: `refers to card "${s.cardId}", which is not in the backup`,
      });
    }
  });
  b.reviews.forEach((r, i) => {
    if (!cardIds.has(r.cardId)) {
      problems.push({
        field: `reviews[${i}].cardId`,
        message: `refers to card "${r.cardId}", which is not in the backup`,
      });
    }
  });
  (b.recordings ?? []).forEach((r, i) => {
    if (!cardIds.has(r.cardId)) {
      problems.push({
        field: `recordings[${i}].cardId`,
        message: `refers to card "${r.cardId}", which is not in the backup`,
      });
    }
  });
  return problems;
}

/**
 * Reads a backup file. Throws only ValidationError, whose problems name the field path
 * (e.g. `reviews[12].reviewedAt`); on success every record is checked and every reference resolves.
 */
export function parseBackup(text: string): Backup {
  const raw = upgradeToCurrent(parseJson(text, 'a Keypoints backup'));
  const result = v.safeParse(BackupSchema, raw, PARSE_CONFIG);
  if (!result.success) throw new ValidationError(capProblems(issuesToProblems(result.issues)));
  const backup: Backup = result.output;
  const problems = checkIntegrity(backup);
  if (problems.length > 0) throw new ValidationError(capProblems(problems));
  return backup;
}

// ---------------------------------------------------------------------------------------------
// Writing a backup.

export function createBackup(data: BackupData, now: number, app = 'Keypoints'): Backup {
  const c = canonicalData(data);
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now,
    app,
    settings: c.settings,
    decks: c.decks,
    cards: c.cards,
    schedules: c.schedules,
    reviews: c.reviews,
    interviews: c.interviews,
    ...(c.recordings && { recordings: c.recordings }),
  };
}

/** Deterministic JSON: the same backup always gives the same bytes. */
export function serializeBackup(b: Backup): string {
  return JSON.stringify(createBackup(b, b.exportedAt, b.app));
}

// ---------------------------------------------------------------------------------------------
// Content hash.

/**
 * 53-bit hash (cyrb53 by bryc, public domain) over UTF-16 code units: fast on tens of megabytes,
 * no crypto API needed, and fits a JS number exactly. Not for security, only for "same data?".
 */
function hash53(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * Same decks, cards, reviews, settings and interviews (in any order) → same hash. Schedules are left
 * out because they are a cache rebuilt from reviews; the export time is left out because it is not
 * content. No interviews hash as before interviews existed, so a device's last backup still matches;
 * so does the default number of recordings kept. Recordings themselves are left out: a backup may
 * or may not carry them, and either way it holds everything else.
 */
export function contentHash(data: BackupData): string {
  const c = canonicalData(data);
  const { keepRecordingsPerCard, ...settings } = c.settings;
  const parts: unknown[] = [
    c.decks,
    c.cards,
    c.reviews,
    keepRecordingsPerCard === DEFAULT_SETTINGS.keepRecordingsPerCard ? settings : c.settings,
  ];
  if (c.interviews.length > 0) parts.push(c.interviews);
  return hash53(JSON.stringify(parts));
}
