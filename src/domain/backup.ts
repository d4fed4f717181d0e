// The backup file: create, serialise, validate-and-upgrade on read, merge two devices' data, hash.
import * as v from 'valibot';
import type { CardRecord, Deck, Review, Schedule } from './card';
import { CARD_LIMITS } from './card-limits';
import { canonicalCard } from './deck-file';
import { type Problem, ValidationError } from './errors';
import {
  CardRecordSchema,
  DeckSchema,
  ReviewSchema,
  ScheduleSchema,
  SettingsSchema,
  shortText,
} from './record-schemas';
import type { Settings } from './settings';
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

// Where these moved from: importers of the backup format may still name them here.
export { CardRecordSchema, CardSchema, DeckSchema } from './record-schemas';
export {
  capProblems,
  findDuplicates,
  formatCount,
  formatPath,
  issuesToProblems,
  PARSE_CONFIG,
} from './validation';

export const BACKUP_FORMAT = 'keypoints-backup';
export const BACKUP_VERSION = 1;

/** Everything a device holds that a backup carries. */
export interface BackupData {
  decks: Deck[];
  cards: CardRecord[];
  /** A cache: restoring or merging may rebuild it by replaying the reviews. */
  schedules: Schedule[];
  reviews: Review[];
  settings: Settings;
}

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
// Writing a backup. Each record is rebuilt with a fixed key order (and without any extra
// properties storage may have added), and lists are sorted, so equal data gives equal bytes.

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const byId = (a: { id: string }, b: { id: string }) => compareStrings(a.id, b.id);
const byCardId = (a: Schedule, b: Schedule) => compareStrings(a.cardId, b.cardId);
const byTimeThenId = (a: Review, b: Review) => a.reviewedAt - b.reviewedAt || compareStrings(a.id, b.id);

function canonicalDeck(d: Deck): Deck {
  return { id: d.id, title: d.title, source: d.source, description: d.description };
}

function canonicalCardRecord(c: CardRecord): CardRecord {
  return {
    ...canonicalCard(c),
    suspended: c.suspended,
    retired: c.retired,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

function canonicalSchedule(s: Schedule): Schedule {
  return {
    cardId: s.cardId,
    due: s.due,
    stability: s.stability,
    difficulty: s.difficulty,
    elapsedDays: s.elapsedDays,
    scheduledDays: s.scheduledDays,
    learningSteps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state,
    lastReview: s.lastReview,
  };
}

function canonicalReview(r: Review): Review {
  return {
    id: r.id,
    cardId: r.cardId,
    rating: r.rating,
    reviewedAt: r.reviewedAt,
    durationMs: r.durationMs,
    keyPointsRecalled: [...r.keyPointsRecalled],
    pitfallsFlagged: [...r.pitfallsFlagged],
    notes: r.notes,
    log: {
      state: r.log.state,
      due: r.log.due,
      stability: r.log.stability,
      difficulty: r.log.difficulty,
      elapsedDays: r.log.elapsedDays,
      lastElapsedDays: r.log.lastElapsedDays,
      scheduledDays: r.log.scheduledDays,
      learningSteps: r.log.learningSteps,
    },
  };
}

function canonicalSettings(s: Settings): Settings {
  return {
    desiredRetention: s.desiredRetention,
    learningSteps: [...s.learningSteps],
    relearningSteps: [...s.relearningSteps],
    maximumIntervalDays: s.maximumIntervalDays,
    enableFuzz: s.enableFuzz,
    newPerDay: s.newPerDay,
    maxReviewsPerDay: s.maxReviewsPerDay,
    dayStartHour: s.dayStartHour,
    showTimer: s.showTimer,
  };
}

/** The data with fixed key order and sorted lists: decks/cards by id, schedules by card, reviews by time then id. */
export function canonicalData(data: BackupData): BackupData {
  return {
    decks: data.decks.map(canonicalDeck).sort(byId),
    cards: data.cards.map(canonicalCardRecord).sort(byId),
    schedules: data.schedules.map(canonicalSchedule).sort(byCardId),
    reviews: data.reviews.map(canonicalReview).sort(byTimeThenId),
    settings: canonicalSettings(data.settings),
  };
}

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
  };
}

/** Deterministic JSON: the same backup always gives the same bytes. */
export function serializeBackup(b: Backup): string {
  return JSON.stringify(createBackup(b, b.exportedAt, b.app));
}

// ---------------------------------------------------------------------------------------------
// Merging two devices' data.

export interface MergeResult {
  data: BackupData;
  /** What `incoming` brought that `local` did not have. */
  added: { decks: number; cards: number; reviews: number };
}

/**
 * Unites two devices' data. Reviews are united by id, so nothing is doubled or lost and the result
 * does not depend on which side is local; a card on both sides keeps the more recently updated
 * copy (local on a tie); decks and settings stay local. Schedules are NOT merged: the result keeps
 * local's, plus incoming's for cards local has none for, and the caller must rebuild every
 * schedule by replaying the merged reviews.
 */
export function mergeBackups(local: BackupData, incoming: BackupData): MergeResult {
  const decks = new Map(local.decks.map((d) => [d.id, d]));
  const cards = new Map(local.cards.map((c) => [c.id, c]));
  const reviews = new Map(local.reviews.map((r) => [r.id, r]));
  const schedules = new Map(local.schedules.map((s) => [s.cardId, s]));
  const added = { decks: 0, cards: 0, reviews: 0 };

  for (const d of incoming.decks) {
    if (decks.has(d.id)) continue;
    decks.set(d.id, d);
    added.decks++;
  }
  for (const c of incoming.cards) {
    const mine = cards.get(c.id);
    if (!mine) added.cards++;
    if (!mine || c.updatedAt > mine.updatedAt) cards.set(c.id, c);
  }
  for (const r of incoming.reviews) {
    if (reviews.has(r.id)) continue;
    reviews.set(r.id, r);
    added.reviews++;
  }
  for (const s of incoming.schedules) {
    if (!schedules.has(s.cardId)) schedules.set(s.cardId, s);
  }

  const data = canonicalData({
    decks: [...decks.values()],
    cards: [...cards.values()],
    schedules: [...schedules.values()],
    reviews: [...reviews.values()],
    settings: local.settings,
  });
  return { data, added };
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
 * Same decks, cards, reviews and settings (in any order) → same hash. Schedules are left out
 * because they are a cache rebuilt from reviews; the export time is left out because it is not content.
 */
export function contentHash(data: BackupData): string {
  const c = canonicalData(data);
  return hash53(JSON.stringify([c.decks, c.cards, c.reviews, c.settings]));
}
