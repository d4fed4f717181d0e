// The backup file: create, serialise, validate-and-upgrade on read, merge two devices' data, hash.
import * as v from 'valibot';
import { type CardRecord, type Deck, KINDS, LEVELS, type Review, type Schedule, type Settings } from './card';
import { canonicalCard } from './deck-file';
import { type Problem, ValidationError } from './errors';

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

/**
 * Bounds on anything read from outside. They are far above real use and exist so that a damaged
 * or hostile file is refused with a plain message instead of freezing the device.
 */
export const LIMITS = {
  /** Ids, tags, card numbers, app name. */
  shortText: 200,
  /** Any other text field (question, key point, example answer, notes…). */
  text: 100_000,
  /** Key points, pitfalls, tags of one card; recalled/flagged indices of one review. */
  listItems: 1_000,
  /** Decks, cards, schedules or reviews in one backup. */
  records: 200_000,
  /** Problems reported at once: enough to see the pattern, few enough to read. */
  problems: 20,
} as const;

/** 9999-12-31T23:59:59.999Z: anything later is a damaged number, not a date. */
const MAX_TIMESTAMP = 253_402_300_799_999;
const MAX_DURATION_MS = 365 * 24 * 60 * 60 * 1000;
const MAX_DAYS = 10_000_000;
const MAX_COUNT = 1_000_000_000;

// ---------------------------------------------------------------------------------------------
// Schemas. Messages are generated from the issue type in `describeIssue`; a schema only passes its
// own message where the generic one would be unclear.

const shortText = v.pipe(v.string(), v.maxLength(LIMITS.shortText));
const id = v.pipe(v.string(), v.nonEmpty(), v.maxLength(LIMITS.shortText));
const text = v.pipe(v.string(), v.maxLength(LIMITS.text));
const requiredText = v.pipe(v.string(), v.nonEmpty(), v.maxLength(LIMITS.text));
const timestamp = v.pipe(
  v.number(),
  v.finite(),
  v.minValue(0),
  v.maxValue(MAX_TIMESTAMP, 'is too large to be a date'),
);
const amount = (max: number) => v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(max));
const count = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));
const list = <T extends v.GenericSchema>(item: T) => v.pipe(v.array(item), v.maxLength(LIMITS.listItems));
/** Checks the length before the items so a huge array is refused without walking it. */
const records = <T extends v.GenericSchema>(item: T) =>
  v.pipe(v.array(v.unknown()), v.maxLength(LIMITS.records), v.array(item));
const fsrsState = v.picklist([0, 1, 2, 3] as const);
const step = v.pipe(
  v.string(),
  v.regex(/^\d+(?:\.\d+)?[mhd]$/, 'must be a step such as "1m", "10m", "1h" or "1d"'),
);

export const DeckSchema = v.object({
  id,
  title: requiredText,
  source: v.picklist(['builtin', 'page', 'csv', 'json', 'own'] as const),
  description: text,
});

export const CardSchema = v.object({
  id,
  deckId: id,
  number: shortText,
  order: amount(MAX_COUNT),
  level: v.picklist(LEVELS),
  kind: v.picklist(KINDS),
  question: requiredText,
  context: text,
  keyPoints: list(text),
  pitfalls: list(text),
  exampleAnswer: text,
  skills: list(shortText),
  questionType: shortText,
  tags: list(shortText),
});

export const CardRecordSchema = v.object({
  ...CardSchema.entries,
  suspended: v.boolean(),
  retired: v.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const ScheduleSchema = v.object({
  cardId: id,
  due: timestamp,
  stability: amount(MAX_DAYS),
  difficulty: amount(10),
  elapsedDays: amount(MAX_DAYS),
  scheduledDays: amount(MAX_DAYS),
  learningSteps: count(LIMITS.listItems),
  reps: count(MAX_COUNT),
  lapses: count(MAX_COUNT),
  state: fsrsState,
  lastReview: v.nullable(timestamp),
});

const ReviewSchema = v.object({
  id,
  cardId: id,
  rating: v.picklist([1, 2, 3, 4] as const),
  reviewedAt: timestamp,
  durationMs: amount(MAX_DURATION_MS),
  keyPointsRecalled: list(count(LIMITS.listItems)),
  pitfallsFlagged: list(count(LIMITS.listItems)),
  notes: text,
  log: v.object({
    state: fsrsState,
    due: timestamp,
    stability: amount(MAX_DAYS),
    difficulty: amount(10),
    elapsedDays: amount(MAX_DAYS),
    lastElapsedDays: amount(MAX_DAYS),
    scheduledDays: amount(MAX_DAYS),
    learningSteps: count(LIMITS.listItems),
  }),
});

const SettingsSchema = v.object({
  desiredRetention: v.pipe(v.number(), v.minValue(0.7), v.maxValue(0.97)),
  learningSteps: v.pipe(v.array(step), v.maxLength(20)),
  relearningSteps: v.pipe(v.array(step), v.maxLength(20)),
  maximumIntervalDays: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(36_500)),
  enableFuzz: v.boolean(),
  newPerDay: count(10_000),
  maxReviewsPerDay: count(100_000),
  dayStartHour: count(23),
  showTimer: v.boolean(),
});

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
// Issues → problems a person can read.

/** `cards[3].keyPoints[0]`: the same path a developer would type to reach the value. */
export function formatPath(path: readonly v.IssuePathItem[] | undefined): string {
  let out = '';
  for (const item of path ?? []) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** 100000 → "100,000", independent of the device's locale so messages are testable. */
export function formatCount(n: number | string): string {
  return String(n).replace(/^\d+/, (whole) => whole.replace(/\B(?=(\d{3})+$)/g, ','));
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  // valibot's own messages start with "Invalid "; anything else was written in a schema above.
  if (!issue.message.startsWith('Invalid ')) return issue.message;
  const last = issue.path?.at(-1);
  if (last?.type === 'object' && last.origin === 'key') return 'is missing';
  const choices = () =>
    (issue.expected ?? '')
      .replace(/^\((.*)\)$/, '$1')
      .split(' | ')
      .map((s) => s.replace(/^"|"$/g, ''))
      .join(', ');
  switch (issue.type) {
    case 'string':
      return 'must be text';
    case 'number':
      return 'must be a number';
    case 'boolean':
      return 'must be true or false';
    case 'array':
      return 'must be a list';
    case 'object':
      return 'must be an object';
    case 'picklist':
      return `must be one of: ${choices()}`;
    case 'literal':
      return `must be ${choices()}`;
    case 'non_empty':
      return 'must not be empty';
    case 'max_length':
      return Array.isArray(issue.input)
        ? `has too many items: ${formatCount(issue.received)} (the limit is ${formatCount(String(issue.requirement))})`
        : `is too long: ${formatCount(issue.received)} characters (the limit is ${formatCount(String(issue.requirement))})`;
    case 'finite':
      return 'must be a finite number';
    case 'integer':
      return 'must be a whole number';
    case 'min_value':
      return issue.requirement === 0
        ? 'must not be negative'
        : `must be at least ${String(issue.requirement)}`;
    case 'max_value':
      return `is too large (the maximum is ${formatCount(String(issue.requirement))})`;
    default:
      return 'is not valid';
  }
}

/** Keeps the first LIMITS.problems and says how many more there were. */
export function capProblems(problems: Problem[]): Problem[] {
  if (problems.length <= LIMITS.problems) return problems;
  const rest = problems.length - LIMITS.problems;
  return [
    ...problems.slice(0, LIMITS.problems),
    { message: `…and ${formatCount(rest)} more ${rest === 1 ? 'problem' : 'problems'}.` },
  ];
}

/** valibot issues as problems; `prefix` is put before each path (e.g. the card's position). */
export function issuesToProblems(issues: readonly v.BaseIssue<unknown>[], prefix = ''): Problem[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path);
    const field = prefix && path && !path.startsWith('[') ? `${prefix}.${path}` : prefix + path;
    return field ? { field, message: describeIssue(issue) } : { message: describeIssue(issue) };
  });
}

/** The safeParse settings for every outside input: all problems, but one per field. */
export const PARSE_CONFIG = { abortEarly: false, abortPipeEarly: true } as const;

// ---------------------------------------------------------------------------------------------
// Reading a backup.

function fail(message: string): never {
  throw new ValidationError([{ message }]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // The engine's message (a position in a long line) helps nobody; what the user can act on is
    // that the file is damaged or not the right kind.
    throw new ValidationError([{ message: `This file is damaged or is not ${what}: it is not valid JSON.` }]);
  }
}

/** Each id at most once; reports the later copies. */
export function findDuplicates<T>(
  items: readonly T[],
  key: (item: T) => string,
  pathOf: (index: number) => string,
): Problem[] {
  const firstAt = new Map<string, number>();
  const problems: Problem[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    const first = firstAt.get(k);
    if (first === undefined) firstAt.set(k, i);
    else problems.push({ field: pathOf(i), message: `"${k}" appears twice (first at ${pathOf(first)})` });
  });
  return problems;
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
