// The valibot schemas of what a device stores (deck, card, schedule, review, settings), for reading files.
import * as v from 'valibot';
import { FSRS_STATES, GRADES, KINDS, type Kind, LEVELS, REVIEW_SOURCES } from './card';
import { CARD_LIMITS } from './card-limits';
import { DECK_SOURCES } from './deck-file';
import { INTERVIEW_BOUNDS } from './interview';
import { fromBase64, isAudioType, MAX_RECORDING_BYTES, RECORDING_LIMIT_MS } from './recording';
import {
  ANSWER_TARGET_BOUNDS,
  DEFAULT_LISTEN_SETTINGS,
  DEFAULT_SETTINGS,
  FSRS_PARAMETER_COUNT,
  isStep,
  KEEP_RECORDINGS_BOUNDS,
  LISTEN_BOUNDS,
  MAX_STEPS,
  SETTING_BOUNDS,
  VOICE_URI_MAX,
} from './settings';
import { amount, bounded, count, listOf, requiredTextOf, textOf, timestamp } from './validation';

const MAX_DURATION_MS = 365 * 24 * 60 * 60 * 1000;
const MAX_DAYS = 10_000_000;
const MAX_COUNT = 1_000_000_000;
/** ts-fsrs keeps difficulty within 1–10. */
const MAX_DIFFICULTY = 10;

export const shortText = textOf(CARD_LIMITS.shortText);
export const id = v.pipe(v.string(), v.nonEmpty(), v.maxLength(CARD_LIMITS.shortText));
const text = textOf(CARD_LIMITS.text);
const requiredText = requiredTextOf(CARD_LIMITS.text);
const list = <T extends v.GenericSchema>(item: T) => listOf(item, CARD_LIMITS.listItems);
const fsrsState = v.picklist(FSRS_STATES);
const step = v.pipe(
  v.string(),
  v.check<string, string>((s) => isStep(s), 'must be a step such as "1m", "10m", "1h" or "1d"'),
);

export const DeckSchema = v.object({
  id,
  title: requiredText,
  source: v.picklist(DECK_SOURCES),
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

export const ScheduleSchema = v.object({
  cardId: id,
  due: timestamp,
  stability: amount(MAX_DAYS),
  difficulty: amount(MAX_DIFFICULTY),
  elapsedDays: amount(MAX_DAYS),
  scheduledDays: amount(MAX_DAYS),
  learningSteps: count(CARD_LIMITS.listItems),
  reps: count(MAX_COUNT),
  lapses: count(MAX_COUNT),
  state: fsrsState,
  lastReview: v.nullable(timestamp),
});

export const ReviewSchema = v.object({
  id,
  cardId: id,
  rating: v.picklist(GRADES),
  reviewedAt: timestamp,
  durationMs: amount(MAX_DURATION_MS),
  // Absent from reviews graded before answer targets existed, or with the timer off.
  targetMs: v.optional(amount(MAX_DURATION_MS)),
  // Absent from reviews graded before listen mode: they were all graded on screen.
  source: v.optional(v.picklist(REVIEW_SOURCES)),
  keyPointsRecalled: list(count(CARD_LIMITS.listItems)),
  pitfallsFlagged: list(count(CARD_LIMITS.listItems)),
  notes: text,
  log: v.object({
    state: fsrsState,
    due: timestamp,
    stability: amount(MAX_DAYS),
    difficulty: amount(MAX_DIFFICULTY),
    elapsedDays: amount(MAX_DAYS),
    lastElapsedDays: amount(MAX_DAYS),
    scheduledDays: amount(MAX_DAYS),
    learningSteps: count(CARD_LIMITS.listItems),
  }),
});

const DEFAULT_TARGETS = DEFAULT_SETTINGS.answerTargetSeconds;

/** Listen mode's block: each field optional, so a file from before any of them still reads. */
function FsrsParametersSchema() {
  return v.pipe(v.array(v.pipe(v.number(), v.finite())), v.length(FSRS_PARAMETER_COUNT));
}

function ListenSettingsSchema() {
  const d = DEFAULT_LISTEN_SETTINGS;
  return v.object({
    voice: v.optional(v.pipe(v.string(), v.maxLength(VOICE_URI_MAX)), d.voice),
    rate: v.optional(bounded(LISTEN_BOUNDS.rate), d.rate),
    readContext: v.optional(v.boolean(), d.readContext),
    thinkSeconds: v.optional(bounded(LISTEN_BOUNDS.thinkSeconds), d.thinkSeconds),
    answerTimeoutSeconds: v.optional(bounded(LISTEN_BOUNDS.answerTimeoutSeconds), d.answerTimeoutSeconds),
  });
}
const answerTarget = (kind: Kind) => v.optional(bounded(ANSWER_TARGET_BOUNDS), DEFAULT_TARGETS[kind]);

/**
 * Bounds and step syntax from the settings module, so a backup holds exactly what the app accepts.
 * Settings added since the first backups are optional: an older file takes their defaults.
 */
export const SettingsSchema = v.object({
  desiredRetention: bounded(SETTING_BOUNDS.desiredRetention),
  learningSteps: listOf(step, MAX_STEPS),
  relearningSteps: listOf(step, MAX_STEPS),
  maximumIntervalDays: bounded(SETTING_BOUNDS.maximumIntervalDays),
  enableFuzz: v.boolean(),
  newPerDay: bounded(SETTING_BOUNDS.newPerDay),
  maxReviewsPerDay: bounded(SETTING_BOUNDS.maxReviewsPerDay),
  dayStartHour: bounded(SETTING_BOUNDS.dayStartHour),
  learnAheadMinutes: v.optional(
    bounded(SETTING_BOUNDS.learnAheadMinutes),
    DEFAULT_SETTINGS.learnAheadMinutes,
  ),
  showTimer: v.boolean(),
  answerTargetSeconds: v.optional(
    v.object({
      behavioral: answerTarget('behavioral'),
      'system-design': answerTarget('system-design'),
      operational: answerTarget('operational'),
      judgement: answerTarget('judgement'),
    }),
    () => ({ ...DEFAULT_TARGETS }),
  ),
  listen: v.optional(ListenSettingsSchema(), () => ({ ...DEFAULT_LISTEN_SETTINGS })),
  // Recordings.
  keepRecordingsPerCard: v.optional(bounded(KEEP_RECORDINGS_BOUNDS), DEFAULT_SETTINGS.keepRecordingsPerCard),
  // Weights fitted to the user's reviews (absent from older backups: FSRS's defaults).
  fsrsParameters: v.optional(v.nullable(FsrsParametersSchema())),
  revertFsrsParameters: v.optional(v.object({ parameters: v.nullable(FsrsParametersSchema()) })),
});

const { nameLength, dailyMinutes, leadDays, target } = INTERVIEW_BOUNDS;

export const InterviewSchema = v.object({
  id,
  name: requiredTextOf(nameLength.max),
  at: timestamp,
  covers: v.object({
    deckIds: v.optional(list(id)),
    levels: v.optional(list(v.picklist(LEVELS))),
    kinds: v.optional(list(v.picklist(KINDS))),
    tags: v.optional(list(shortText)),
  }),
  dailyMinutes: bounded({ ...dailyMinutes, integer: true }),
  leadDays: bounded({ ...leadDays, integer: true }),
  target: bounded({ ...target, integer: false }),
  createdAt: timestamp,
  updatedAt: v.optional(timestamp),
  reachedReadiness: v.nullable(amount(100)),
});

/** Base64 length of the longest recording, rounded up to whole groups of four. */
const MAX_RECORDING_TEXT = Math.ceil(MAX_RECORDING_BYTES / 3) * 4;

export const RecordingFileSchema = v.object({
  id,
  cardId: id,
  createdAt: timestamp,
  // A little over the limit: a recorder stopped by the limit reports a few ms beyond it.
  durationMs: amount(RECORDING_LIMIT_MS + 60_000),
  mimeType: v.pipe(
    v.string(),
    v.check<string, string>(isAudioType, 'must be an audio type such as "audio/webm"'),
  ),
  data: v.pipe(
    v.string(),
    v.maxLength(MAX_RECORDING_TEXT),
    v.check<string, string>((s) => fromBase64(s) !== null, 'must be base64 text'),
  ),
});
