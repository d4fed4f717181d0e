// The shape of `window.kpBench`, shared by the in-page helpers (seed-entry.ts) and the driver (run.ts).

export interface SeedOptions {
  cards: number;
  reviews: number;
  /** Epoch ms of the start of "today" (UTC): the history ends the days before it. */
  today: number;
}

export interface SeedResult {
  cards: number;
  reviews: number;
  /** Cards with at least one review. */
  reviewedCards: number;
  /** Reviewed cards due by the start of today + 9 h. */
  dueAtNine: number;
  generateMs: number;
  writeMs: number;
  /** JSON length of what was stored, to explain the storage figure: cards and reviews. */
  jsonBytes: { cards: number; reviews: number };
}

export interface Timed {
  ms: number;
  /** The longest main-thread task (PerformanceObserver 'longtask', ≥ 50 ms) while it ran; 0 when none. */
  longestTaskMs: number;
  longTasks: number;
}

export type LongTasks = Pick<Timed, 'longestTaskMs' | 'longTasks'>;

export interface ReadinessPrepared {
  cards: number;
  /** Covered cards due before the interview: those whose predicted recall weighs a review's outcome. */
  dueBeforeInterview: number;
  generateMs: number;
}

export interface ForecastTimed extends Timed {
  cards: number;
  days: number;
  sentence: string;
}

export interface KpBench {
  seed(options: SeedOptions): Promise<SeedResult>;
  /** A deck file of `count` synthetic cards as JSON text, as a user's file would hold it. */
  deckJson(count: number, deckId: string): string;
  /** Parses, validates and writes a deck file through the app's storage code (importDeck), timed. */
  importDeckJson(json: string): Promise<Timed & { added: number }>;
  /** rebuildSchedules() over the whole review log, timed. */
  rebuild(): Promise<Timed & { cards: number; reviews: number }>;
  /**
   * Starts collecting long tasks; the returned function stops and reports them: those that started
   * at or after `from` (performance.now() time) when given, else every task that ended after the start.
   */
  watchLongTasks(): (from?: number) => Promise<LongTasks>;
  /** Keeps `cards` synthetic cards in memory with a year of history graded by the real scheduler (untimed). */
  prepareReadiness(cards: number): Promise<ReadinessPrepared>;
  /** readiness() of an interview 14 days ahead covering every prepared card, `runs` times: each run's ms. */
  timeReadiness(runs: number): Promise<number[]>;
  /**
   * Writes `cards` studied cards to a database of their own (untimed), then times forecastInterview
   * for an interview `days` ahead covering all of them: read, then simulated in its Web Worker.
   */
  forecast(options: { cards: number; days: number; today: number }): Promise<ForecastTimed>;
}

/** What the driver's in-page probes leave on `window` (bench/browser-figures.ts). */
export interface Painted {
  /** performance.now() after the frame that showed the change. */
  painted: number;
  /** KeyboardEvent.timeStamp of the last key pressed. */
  key: number;
}

declare global {
  interface Window {
    kpBench?: KpBench;
    /** performance.now() once the first question was painted on this page load. */
    __kpFirstCard?: number;
    /** KeyboardEvent/MouseEvent.timeStamp of the last key or click. */
    __kpKeyAt?: number;
    __kpChangeAt?: number;
    /** performance.now() of the first speechSynthesis.speak() with text since the page loaded (listen figure). */
    __kpSpokeAt?: number;
    __kpNext?: Promise<Painted | null>;
  }
}
