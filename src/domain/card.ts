// The words of Keypoints as types: card, deck, review, schedule, level, kind.

export const LEVELS = ['junior', 'mid', 'senior', 'lead', 'principal'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, string> = {
  junior: 'Junior',
  mid: 'Mid',
  senior: 'Senior',
  lead: 'Lead',
  principal: 'Principal',
};

const LEVEL_INDEX = new Map<string, number>(LEVELS.map((l, i) => [l, i]));

/** Deck order, as sessions introduce new cards: level by level, then deck, then position in the deck. */
export function compareDeckOrder(
  a: Pick<Card, 'level' | 'deckId' | 'order'>,
  b: Pick<Card, 'level' | 'deckId' | 'order'>,
): number {
  return (
    (LEVEL_INDEX.get(a.level) ?? 0) - (LEVEL_INDEX.get(b.level) ?? 0) ||
    (a.deckId < b.deckId ? -1 : a.deckId > b.deckId ? 1 : 0) ||
    a.order - b.order
  );
}

export const KINDS = ['behavioral', 'system-design', 'operational', 'judgement'] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_LABELS: Record<Kind, string> = {
  behavioral: 'Behavioral',
  'system-design': 'System design',
  operational: 'Operational',
  judgement: 'Judgement',
};

/** One interview question with everything needed to rehearse its answer. */
export interface Card {
  /** Stable: `${deckId}/${number}`, e.g. `amazon-engineer/2.3`, so a re-import keeps history. */
  id: string;
  deckId: string;
  /** Question number as printed in the source ("2.3"), or a generated one for own cards. */
  number: string;
  /** Position within the deck: new cards are introduced in this order. */
  order: number;
  level: Level;
  kind: Kind;
  question: string;
  /** Why the question is asked (the source's "Introduction"). */
  context: string;
  /** "How to answer": what the user must recall, one per bullet. */
  keyPoints: string[];
  /** "What not to say": the rubric, one per bullet. */
  pitfalls: string[];
  exampleAnswer: string;
  skills: string[];
  questionType: string;
  tags: string[];
}

export type DeckSource = 'builtin' | 'page' | 'csv' | 'json' | 'own';

export interface Deck {
  /** Slug, e.g. `amazon-engineer`. */
  id: string;
  title: string;
  source: DeckSource;
  /** Short description shown in lists. */
  description: string;
}

/** The generated deck file (`data/decks/*.json`). */
export interface DeckFile {
  format: 'keypoints-deck';
  version: 1;
  deck: Deck;
  cards: Card[];
}

/** FSRS grades by name, as ts-fsrs's `Rating` (whose Manual is never a user's grade). */
export const Rating = { Again: 1, Hard: 2, Good: 3, Easy: 4 } as const;
export type Grade = (typeof Rating)[keyof typeof Rating];
export const GRADES: readonly Grade[] = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy];
export const GRADE_LABELS: Record<Grade, string> = {
  [Rating.Again]: 'Again',
  [Rating.Hard]: 'Hard',
  [Rating.Good]: 'Good',
  [Rating.Easy]: 'Easy',
};

/** A card's FSRS state by name, as ts-fsrs's `State`. */
export const State = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
export type FsrsState = (typeof State)[keyof typeof State];
export const FSRS_STATES: readonly FsrsState[] = [State.New, State.Learning, State.Review, State.Relearning];

/**
 * A card's FSRS state: a cache, always rebuildable by replaying the card's reviews.
 * Times are epoch milliseconds.
 */
export interface Schedule {
  cardId: string;
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: FsrsState;
  lastReview: number | null;
}

/**
 * A card nobody has reviewed yet: due from `now`, in state New, all counters at zero (what ts-fsrs's
 * `createEmptyCard` holds). Plain data, so adding cards (a first visit's deck) needs no scheduler.
 */
export function newCardSchedule(cardId: string, now: number): Schedule {
  return {
    cardId,
    due: now,
    stability: 0,
    difficulty: 0,
    elapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    state: State.New,
    lastReview: null,
  };
}

/** Where a grade was made: on screen, or by ear in listen mode. */
export const REVIEW_SOURCES = ['screen', 'listening'] as const;
export type ReviewSource = (typeof REVIEW_SOURCES)[number];

/** A review's source; reviews from before listen mode have none and were graded on screen. */
export function reviewSource(r: Pick<Review, 'source'>): ReviewSource {
  return r.source ?? 'screen';
}

/** One grade of one card at one moment: append-only, the source of truth. */
export interface Review {
  /** Globally unique (random UUID) so that backups of two devices merge by id. */
  id: string;
  cardId: string;
  rating: Grade;
  /** Epoch ms. */
  reviewedAt: number;
  /** Time spent on the card before grading, ms. */
  durationMs: number;
  /**
   * The answer-time target in force when it was graded, ms: kept so that an overrun keeps its
   * meaning when targets change later. Absent on older reviews and when the timer was off.
   */
  targetMs?: number;
  /** Where the grade was made; absent means on screen (every review older than listen mode). */
  source?: ReviewSource;
  /** Indices into the card's keyPoints that the user ticked as recalled. */
  keyPointsRecalled: number[];
  /** Indices into the card's pitfalls that the user flagged as fallen into. */
  pitfallsFlagged: number[];
  /** What the user typed in the recall stage. */
  notes: string;
  /** ts-fsrs log fields: the card's state before this review and the outcome. */
  log: {
    state: FsrsState;
    due: number;
    stability: number;
    difficulty: number;
    elapsedDays: number;
    lastElapsedDays: number;
    scheduledDays: number;
    learningSteps: number;
  };
}

/** A card as kept on the device: its content plus the user's flags on it. */
export interface CardRecord extends Card {
  /** Left out of sessions until unsuspended; history kept. */
  suspended: boolean;
  /** No longer in its source deck (a newer build or re-import dropped it); history kept. */
  retired: boolean;
  createdAt: number;
  updatedAt: number;
}
