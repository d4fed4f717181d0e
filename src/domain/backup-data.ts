// A device's data as a backup carries it, in one canonical form: fixed key order, sorted lists.
import { type CardRecord, type Deck, KINDS, type Kind, type Review, type Schedule } from './card';
import { canonicalCard } from './deck-file';
import type { Interview, InterviewCovers } from './interview';
import type { RecordingFile } from './recording';
import type { Settings } from './settings';

/** Everything a device holds that a backup carries. */
export interface BackupData {
  decks: Deck[];
  cards: CardRecord[];
  /** A cache: restoring or merging may rebuild it by replaying the reviews. */
  schedules: Schedule[];
  reviews: Review[];
  settings: Settings;
  /** Absent in backups made before interviews existed: none. */
  interviews?: Interview[];
  /**
   * Absent unless the user chose to include recordings (a file that carries none leaves the
   * device's recordings of its cards as they are); present, even empty, when they were included.
   */
  recordings?: RecordingFile[];
}

// Each record is rebuilt with a fixed key order (and without any extra
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
    ...(r.targetMs !== undefined && { targetMs: r.targetMs }),
    ...(r.source !== undefined && { source: r.source }),
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

function canonicalInterview(i: Interview): Interview {
  const covers: InterviewCovers = {};
  if (i.covers.deckIds) covers.deckIds = [...i.covers.deckIds];
  if (i.covers.levels) covers.levels = [...i.covers.levels];
  if (i.covers.kinds) covers.kinds = [...i.covers.kinds];
  if (i.covers.tags) covers.tags = [...i.covers.tags];
  return {
    id: i.id,
    name: i.name,
    at: i.at,
    covers,
    dailyMinutes: i.dailyMinutes,
    leadDays: i.leadDays,
    target: i.target,
    createdAt: i.createdAt,
    ...(i.updatedAt === undefined ? {} : { updatedAt: i.updatedAt }),
    reachedReadiness: i.reachedReadiness,
  };
}

function canonicalRecording(r: RecordingFile): RecordingFile {
  return {
    id: r.id,
    cardId: r.cardId,
    createdAt: r.createdAt,
    durationMs: r.durationMs,
    mimeType: r.mimeType,
    data: r.data,
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
    learnAheadMinutes: s.learnAheadMinutes,
    showTimer: s.showTimer,
    answerTargetSeconds: Object.fromEntries(KINDS.map((k) => [k, s.answerTargetSeconds[k]])) as Record<
      Kind,
      number
    >,
    listen: {
      voice: s.listen.voice,
      rate: s.listen.rate,
      readContext: s.listen.readContext,
      thinkSeconds: s.listen.thinkSeconds,
      answerTimeoutSeconds: s.listen.answerTimeoutSeconds,
    },
    keepRecordingsPerCard: s.keepRecordingsPerCard,
  };
}

/**
 * The data with fixed key order and sorted lists: decks/cards/interviews by id, schedules by card,
 * reviews by time then id. Interviews are always there (an empty list when the input had none);
 * recordings only when the input had them.
 */
export function canonicalData(data: BackupData): BackupData & { interviews: Interview[] } {
  return {
    decks: data.decks.map(canonicalDeck).sort(byId),
    cards: data.cards.map(canonicalCardRecord).sort(byId),
    schedules: data.schedules.map(canonicalSchedule).sort(byCardId),
    reviews: data.reviews.map(canonicalReview).sort(byTimeThenId),
    settings: canonicalSettings(data.settings),
    interviews: (data.interviews ?? []).map(canonicalInterview).sort(byId),
    ...(data.recordings && { recordings: data.recordings.map(canonicalRecording).sort(byId) }),
  };
}
