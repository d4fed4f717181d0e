// The study engine: a session's queue, the card on screen, grading, undo and waiting, as plain TS any screen drives.
import {
  answerTargetMs,
  errorWords,
  type FsrsState,
  type Grade,
  learnAheadMs,
  nextDayStart,
  type ReviewSource,
  type Settings,
  State,
  suggestGrade,
} from '../domain';
import type { Outcome } from '../domain/scheduler';
import type { KeypointsDb, ScheduleRow, StoredCard } from '../storage/db';
import { NewCardLimitError, StaleCardError } from '../storage/errors';
import { soonestInterview } from '../storage/repositories/interviews';
import {
  type CardForReview,
  getCardForReview,
  type HomeStats,
  homeStats,
  type SessionFilter,
  sessionQueue,
  todayReviews,
} from '../storage/repositories/queries';
import { getSettings } from '../storage/repositories/settings';

export type Stage = 'recall' | 'answer';

export interface ShownCard {
  card: StoredCard;
  shown: ScheduleRow;
  /**
   * What each grade would do, as of `shownAt`; null until the grading code has loaded (the first
   * card of a page load is shown without it). The answer stage is never shown without them.
   */
  previews: Record<Grade, Outcome> | null;
  shownAt: number;
}

export type Phase =
  | { name: 'loading' }
  | { name: 'card' }
  | { name: 'waiting'; until: number }
  | { name: 'done'; stats: HomeStats }
  | { name: 'error'; message: string };

/** What a screen paints. A new object after every change, never mutated. */
export interface StudySnapshot {
  phase: Phase;
  current: ShownCard | null;
  stage: Stage;
  notes: string;
  ticks: ReadonlySet<number>;
  flags: ReadonlySet<number>;
  /** The grade the ticks and flags suggest; the user still chooses. */
  suggested: Grade;
  canUndo: boolean;
  /** A grade or an undo is being written. */
  busy: boolean;
  /** A message about the last action (e.g. the card was graded in another tab). */
  message: string | null;
  reviewedInSession: number;
  /** Cards still queued, learning cards excluded. */
  left: number;
  settings: Settings | null;
}

/** The setTimeout/clearTimeout pair, injected so that tests move time themselves. */
export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface StudyEngineOptions {
  db: KeypointsDb;
  filter?: SessionFilter;
  now?: () => number;
  timers?: Timers;
  /** Called once, after the session's first grade: a kept review is worth asking the browser to keep data. */
  requestPersistence?: () => unknown;
  /** Where this session's grades are made, kept with each review; on screen when left out. */
  source?: ReviewSource;
}

export interface StudyEngine {
  getSnapshot(): StudySnapshot;
  /** For useSyncExternalStore: called after every change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Reads settings and the queue, then shows the first card. Once per engine. */
  start(): Promise<void>;
  /**
   * Loads the grading code (the grade writer and the scheduler over ts-fsrs, lazy chunks the first
   * card does without) and fills in the card's previews. A screen calls it once its first card is
   * painted; Show answer, grade and undo load it themselves when it is not there yet. Never rejects.
   */
  prepareGrading(): Promise<void>;
  /** Shows the answer stage; on a card still without its previews, once they are there. */
  showAnswer(): void;
  toggleTick(index: number): void;
  toggleFlag(index: number): void;
  setNotes(notes: string): void;
  grade(rating: Grade): Promise<void>;
  /** Takes back the last grade of this session; the card returns in its answer stage. */
  undo(): Promise<void>;
  /**
   * Moves on without grading: the card stays due, no review is written, and this session does not
   * show it again (it comes back in the next one).
   */
  skip(): Promise<void>;
  dismissMessage(): void;
  /** Stops timers; anything still in flight then changes nothing. */
  dispose(): void;
}

interface HistoryEntry {
  reviewId: string;
  cardId: string;
  notes: string;
  ticks: number[];
  flags: number[];
}

/** Steps of minutes, so these cards come back within the session. */
const STEPPING_STATES: ReadonlySet<FsrsState> = new Set([State.Learning, State.Relearning]);
/** A waiting session looks again a little after the due minute, never in a busy loop. */
const WAIT_MIN_MS = 250;
const WAIT_SLACK_MS = 50;
/** A write shows as busy only past this: a grade's usual few milliseconds would cost a render for nothing. */
const BUSY_AFTER_MS = 100;
/** Fresh queues read in a row when each turns out to hold only cards to skip. */
const MAX_REFRESHES = 3;

const NO_MARKS: ReadonlySet<number> = new Set();

type Grading = typeof import('../storage/repositories/reviews');
/** Shared by every engine of the page: loaded once, then used synchronously. */
let grading: Grading | null = null;
let gradingLoading: Promise<Grading> | null = null;

function loadGrading(): Promise<Grading> {
  gradingLoading ??= import('../storage/repositories/reviews').then(
    (m) => {
      grading = m;
      return m;
    },
    (error: unknown) => {
      // Tried again by the next call (a network blip on a first visit; offline, the precache has it).
      gradingLoading = null;
      throw error;
    },
  );
  return gradingLoading;
}

function previewsFor(s: Settings, shown: ScheduleRow, shownAt: number): ShownCard['previews'] {
  return grading ? grading.schedulerFor(s).preview(shown, shownAt) : null;
}

const browserTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function toggle(set: ReadonlySet<number>, i: number): ReadonlySet<number> {
  const next = new Set(set);
  if (next.has(i)) next.delete(i);
  else next.add(i);
  return next;
}

function errorText(error: unknown): string {
  return errorWords(error, 'Something went wrong. Your saved reviews are safe; reload to continue.');
}

function suggestionFor(s: Pick<StudySnapshot, 'current' | 'ticks' | 'flags'>): Grade {
  return suggestGrade({
    keyPointsTotal: s.current?.card.keyPoints.length ?? 0,
    keyPointsRecalled: s.ticks.size,
    pitfallsFlagged: s.flags.size,
  });
}

const INITIAL: StudySnapshot = {
  phase: { name: 'loading' },
  current: null,
  stage: 'recall',
  notes: '',
  ticks: NO_MARKS,
  flags: NO_MARKS,
  suggested: suggestionFor({ current: null, ticks: NO_MARKS, flags: NO_MARKS }),
  canUndo: false,
  busy: false,
  message: null,
  reviewedInSession: 0,
  left: 0,
  settings: null,
};

export function createStudyEngine(options: StudyEngineOptions): StudyEngine {
  const { db, filter = {} } = options;
  const now = options.now ?? Date.now;
  const timers = options.timers ?? browserTimers;
  const listeners = new Set<() => void>();
  let snapshot = INITIAL;
  /** Changes that ride along with the next emitted snapshot (one paint per step, not two). */
  let pending: Partial<StudySnapshot> = {};
  let settings: Settings | null = null;
  let queue: string[] = [];
  /** When `queue` was read: a queued card reviewed after that was graded in another tab meanwhile. */
  let queuedAt = 0;
  /** The day's new-card allowance: the settings', raised by an interview plan's new cards. */
  let newPerDay = 0;
  /** Cards graded this session that come back later today: cardId → due. */
  const learning = new Map<string, number>();
  const history: HistoryEntry[] = [];
  let busy = false;
  let askedPersistence = false;
  let waitTimer: unknown;
  let started = false;
  let disposed = false;
  /** The card whose Show answer waits for its previews. */
  let revealWanted: ShownCard | null = null;
  /** Cards skipped this session: still due, so a fresh queue would bring them straight back. */
  const skipped = new Set<string>();

  function later(patch: Partial<StudySnapshot>): void {
    pending = { ...pending, ...patch };
  }

  function set(patch: Partial<StudySnapshot>): void {
    if (disposed) return;
    const next = { ...snapshot, ...pending, ...patch };
    pending = {};
    next.suggested = suggestionFor(next);
    snapshot = next;
    for (const listener of [...listeners]) listener();
  }

  function clearWait(): void {
    if (waitTimer !== undefined) timers.clear(waitTimer);
    waitTimer = undefined;
  }

  function fail(error: unknown): void {
    set({ current: null, phase: { name: 'error', message: errorText(error) } });
  }

  /** Waits for the first learning card: until its minute, less the learn-ahead limit. */
  function wait(due: number, at: number): void {
    const until = due - learnAheadMs(settings?.learnAheadMinutes ?? 0);
    set({ current: null, phase: { name: 'waiting', until } });
    if (disposed) return;
    waitTimer = timers.set(
      () => {
        waitTimer = undefined;
        advance().catch(fail);
      },
      Math.max(WAIT_MIN_MS, until - at + WAIT_SLACK_MS),
    );
  }

  /**
   * Shows a card; false when it is to be skipped (gone, suspended, graded elsewhere, over the new
   * limit). `read`: the card and schedule already read by the grade that led here.
   */
  async function show(
    cardId: string,
    restore: HistoryEntry | null,
    fromQueue: boolean,
    read?: CardForReview,
  ): Promise<boolean> {
    const s = settings;
    if (!s) return true;
    const { card, schedule: shown } = read ?? (await getCardForReview(db, cardId));
    if (disposed) return true;
    if (!card || !shown) return false;
    if (!restore && shown.active !== 1) return false;
    if (!restore && skipped.has(cardId)) return false;
    if (fromQueue) {
      // Reviewed since the queue was read, and not here: another tab graded it. Not twice.
      const gradedElsewhere =
        shown.lastReview !== null &&
        shown.lastReview >= queuedAt &&
        !history.some((h) => h.cardId === cardId);
      if (gradedElsewhere) return false;
      // Another tab may have introduced the day's new cards since this queue was built.
      if (shown.state === State.New) {
        const { introduced } = await todayReviews(db, now(), s.dayStartHour);
        if (disposed) return true;
        if (introduced >= newPerDay) return false;
      }
    }
    const shownAt = now();
    revealWanted = null;
    set({
      current: { card, shown, previews: previewsFor(s, shown, shownAt), shownAt },
      // A restored card comes from undo, which loaded the grading code: its previews are there.
      stage: restore ? 'answer' : 'recall',
      notes: restore?.notes ?? '',
      ticks: restore ? new Set(restore.ticks) : NO_MARKS,
      flags: restore ? new Set(restore.flags) : NO_MARKS,
      phase: { name: 'card' },
      left: queue.length,
    });
    return true;
  }

  /**
   * The session's queue. With an interview ahead (the soonest, when several are), today's plan for
   * it is merged in by a module loaded only then: with none, nothing more is loaded or read.
   */
  async function readQueue(
    s: Settings,
    at: number,
  ): Promise<{ queue: string[]; nextLearning: number | null }> {
    const [fresh, interview] = await Promise.all([sessionQueue(db, s, at, filter), soonestInterview(db, at)]);
    newPerDay = s.newPerDay;
    if (!interview) return fresh;
    const planned = await (await import('./interview-plan')).planQueue(db, interview, s, filter, at, fresh);
    newPerDay = planned.newPerDay;
    return planned;
  }

  /** The learning card due first, if any. */
  function earliestLearning(): [string, number] | undefined {
    let earliest: [string, number] | undefined;
    for (const entry of learning) if (!earliest || entry[1] < earliest[1]) earliest = entry;
    return earliest;
  }

  /**
   * Whether a learning card due at `due` comes before the queue at `at`. Learn ahead: with nothing
   * else left, a learning card due within the limit comes at once.
   */
  function learningFirst(s: Settings, due: number, at: number): boolean {
    return due <= (queue.length > 0 ? at : at + learnAheadMs(s.learnAheadMinutes));
  }

  /**
   * The card `advance` will most likely show next, as of `at`: read along with the grade. A guess
   * only: when advance picks another (time moved on, the graded card came back), it reads that one.
   */
  function upcoming(s: Settings, at: number): string | undefined {
    const earliest = earliestLearning();
    return earliest && learningFirst(s, earliest[1], at) ? earliest[0] : queue[0];
  }

  /**
   * Shows the next card, or waits, or ends the session. `read`: what the grade read of the card it
   * expected next, used when that card is the one shown.
   */
  async function advance(read?: { cardId: string } & CardForReview): Promise<void> {
    clearWait();
    const s = settings;
    if (!s) return;
    let refreshes = 0;
    let readAhead = read;
    for (;;) {
      if (disposed) return;
      const at = now();
      const earliest = earliestLearning();
      let nextId: string | undefined;
      let fromQueue = false;
      if (earliest && learningFirst(s, earliest[1], at)) {
        nextId = earliest[0];
        learning.delete(nextId);
      } else {
        nextId = queue.shift();
        fromQueue = true;
      }
      if (nextId) {
        const ahead = readAhead?.cardId === nextId ? readAhead : undefined;
        readAhead = undefined;
        if (await show(nextId, null, fromQueue, ahead)) return;
        continue;
      }
      if (earliest) {
        // Only learning cards are left: wait for the first one's minute, then show it.
        wait(earliest[1], at);
        return;
      }
      // The session's own queue is empty: another tab or earlier learning cards may have added some.
      const fresh = await readQueue(s, at);
      if (disposed) return;
      const freshQueue = fresh.queue.filter((cardId) => !skipped.has(cardId));
      if (freshQueue.length && refreshes++ < MAX_REFRESHES) {
        queue = freshQueue;
        queuedAt = at;
        continue;
      }
      if (fresh.nextLearning !== null) {
        wait(fresh.nextLearning, at);
      } else {
        const stats = await homeStats(db, s, at, filter);
        set({ current: null, phase: { name: 'done', stats }, left: 0 });
      }
      return;
    }
  }

  function askPersistenceOnce(): void {
    if (askedPersistence || !options.requestPersistence) return;
    askedPersistence = true;
    const ask = options.requestPersistence;
    // Never in the way of the next card: the browser may take its time to answer.
    void Promise.resolve()
      .then(ask)
      .catch(() => undefined);
  }

  /** Fills in the previews of the card on screen, and reveals it if Show answer was waiting. */
  function completePreviews(): void {
    const current = snapshot.current;
    const s = settings;
    if (disposed || !current || current.previews || !s) return;
    const previews = previewsFor(s, current.shown, current.shownAt);
    if (!previews) return;
    const reveal = revealWanted === current;
    revealWanted = null;
    set({ current: { ...current, previews }, ...(reveal ? { stage: 'answer' as const } : {}) });
  }

  async function prepareGrading(): Promise<void> {
    try {
      await loadGrading();
    } catch (error) {
      if (revealWanted && revealWanted === snapshot.current) {
        revealWanted = null;
        set({ message: errorText(error) });
      }
      return;
    }
    completePreviews();
  }

  function showAnswer(): void {
    const current = snapshot.current;
    if (current && !current.previews) {
      revealWanted = current;
      void prepareGrading();
      return;
    }
    set({ stage: 'answer' });
  }

  async function start(): Promise<void> {
    if (started || disposed) return;
    started = true;
    try {
      const s = await getSettings(db);
      if (disposed) return;
      settings = s;
      later({ settings: s });
      const at = now();
      const { queue: q } = await readQueue(s, at);
      if (disposed) return;
      queue = q;
      queuedAt = at;
      await advance();
    } catch (error) {
      fail(error);
    }
  }

  async function grade(rating: Grade): Promise<void> {
    const s = settings;
    const current = snapshot.current;
    if (!current || !s || busy || disposed) return;
    busy = true;
    // The next card's snapshot carries these: one render from key to next card.
    later({ message: null });
    const slow = timers.set(() => busy && set({ busy: true }), BUSY_AFTER_MS);
    const at = now();
    const entry = { notes: snapshot.notes, ticks: [...snapshot.ticks], flags: [...snapshot.flags] };
    try {
      const { gradeCard } = grading ?? (await loadGrading());
      if (disposed) return;
      const readNext = upcoming(s, at);
      const { review, after, next } = await gradeCard(db, s, {
        cardId: current.card.id,
        shown: current.shown,
        rating,
        now: at,
        durationMs: at - current.shownAt,
        // The target in force, kept so the overrun means the same after targets change; none when
        // hidden, nor by ear, where the time includes the reading aloud.
        targetMs: s.showTimer && !options.source ? answerTargetMs(s, current.card.kind) : undefined,
        source: options.source,
        keyPointsRecalled: entry.ticks,
        pitfallsFlagged: entry.flags,
        notes: entry.notes,
        newCardLimit: { perDay: newPerDay, dayStartHour: s.dayStartHour },
        ...(readNext !== undefined && { readNext }),
      });
      if (disposed) return;
      history.push({ reviewId: review.id, cardId: review.cardId, ...entry });
      later({ canUndo: true, reviewedInSession: snapshot.reviewedInSession + 1, busy: false });
      if (STEPPING_STATES.has(after.state) && after.due < nextDayStart(at, s.dayStartHour)) {
        learning.set(after.cardId, after.due);
      }
      askPersistenceOnce();
      await advance(readNext !== undefined && next ? { cardId: readNext, ...next } : undefined);
    } catch (error) {
      if (disposed) return;
      if (error instanceof StaleCardError || error instanceof NewCardLimitError) {
        set({ message: error.message });
        await advance();
      } else {
        // Nothing was written (one transaction): the card stays so the grade can be tried again.
        set({ message: errorText(error) });
      }
    } finally {
      busy = false;
      timers.clear(slow);
      if (snapshot.busy || pending.busy !== undefined || pending.message !== undefined) set({ busy: false });
    }
  }

  async function undo(): Promise<void> {
    const s = settings;
    const last = history[history.length - 1];
    if (!s || !last || busy || disposed) return;
    busy = true;
    set({ busy: true, message: null });
    try {
      // Loaded already: the grade being taken back was made with it.
      const { undoReview } = grading ?? (await loadGrading());
      if (disposed) return;
      await undoReview(db, s, last.reviewId);
      if (disposed) return;
      history.pop();
      later({
        canUndo: history.length > 0,
        reviewedInSession: Math.max(0, snapshot.reviewedInSession - 1),
      });
      learning.delete(last.cardId);
      const current = snapshot.current;
      if (current && current.card.id !== last.cardId) queue.unshift(current.card.id);
      clearWait();
      if (!(await show(last.cardId, last, false))) await advance();
    } catch (error) {
      if (disposed) return;
      // The grade cannot be taken back any more (reviewed again elsewhere): forget it here too.
      history.pop();
      set({ canUndo: history.length > 0, message: errorText(error) });
    } finally {
      busy = false;
      set({ busy: false });
    }
  }

  async function skip(): Promise<void> {
    const current = snapshot.current;
    if (!current || busy || disposed) return;
    busy = true;
    try {
      skipped.add(current.card.id);
      learning.delete(current.card.id);
      set({ message: null });
      await advance();
    } catch (error) {
      fail(error);
    } finally {
      busy = false;
    }
  }

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start,
    prepareGrading,
    showAnswer,
    toggleTick: (i) => set({ ticks: toggle(snapshot.ticks, i) }),
    toggleFlag: (i) => set({ flags: toggle(snapshot.flags, i) }),
    setNotes: (notes) => set({ notes }),
    grade,
    undo,
    skip,
    dismissMessage: () => set({ message: null }),
    dispose() {
      disposed = true;
      clearWait();
      listeners.clear();
    },
  };
}
