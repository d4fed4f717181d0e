// A review session's state: which card is shown, the recall/answer stage, grading, undo.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorWords } from '../../components/error-words';
import { type Grade, nextDayStart, type Outcome, type Settings, suggestGrade } from '../../domain';
import { useDb } from '../../hooks/use-db';
import { requestPersistence } from '../../pwa/persistence';
import type { ScheduleRow, StoredCard } from '../../storage/db';
import { StaleCardError } from '../../storage/errors';
import {
  type HomeStats,
  homeStats,
  type SessionFilter,
  sessionQueue,
} from '../../storage/repositories/queries';
import { gradeCard, schedulerFor, undoReview } from '../../storage/repositories/reviews';
import { getSettings } from '../../storage/repositories/settings';

export type Stage = 'recall' | 'answer';

export interface ShownCard {
  card: StoredCard;
  shown: ScheduleRow;
  previews: Record<Grade, Outcome>;
  shownAt: number;
}

export type Phase =
  | { name: 'loading' }
  | { name: 'card' }
  | { name: 'waiting'; until: number }
  | { name: 'done'; stats: HomeStats }
  | { name: 'error'; message: string };

interface HistoryEntry {
  reviewId: string;
  cardId: string;
  notes: string;
  ticks: number[];
  flags: number[];
}

export interface ReviewSession {
  phase: Phase;
  current: ShownCard | null;
  stage: Stage;
  notes: string;
  setNotes: (s: string) => void;
  ticks: ReadonlySet<number>;
  toggleTick: (i: number) => void;
  flags: ReadonlySet<number>;
  toggleFlag: (i: number) => void;
  suggested: Grade;
  showAnswer: () => void;
  grade: (rating: Grade) => Promise<void>;
  undo: () => Promise<void>;
  canUndo: boolean;
  busy: boolean;
  /** A message about the last action (e.g. the card was graded in another tab). */
  message: string | null;
  dismissMessage: () => void;
  reviewedInSession: number;
  /** Cards still queued, learning cards excluded. */
  left: number;
  settings: Settings | null;
}

function toggle(set: ReadonlySet<number>, i: number): ReadonlySet<number> {
  const next = new Set(set);
  if (next.has(i)) next.delete(i);
  else next.add(i);
  return next;
}

function errorText(error: unknown): string {
  return errorWords(error, 'Something went wrong. Your saved reviews are safe; reload to continue.');
}

export function useReviewSession(filter: SessionFilter): ReviewSession {
  const db = useDb();
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });
  const [current, setCurrent] = useState<ShownCard | null>(null);
  const [stage, setStage] = useState<Stage>('recall');
  const [notes, setNotes] = useState('');
  const [ticks, setTicks] = useState<ReadonlySet<number>>(new Set());
  const [flags, setFlags] = useState<ReadonlySet<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [reviewedInSession, setReviewed] = useState(0);
  const [historySize, setHistorySize] = useState(0);
  const [left, setLeft] = useState(0);
  const [settings, setSettings] = useState<Settings | null>(null);

  const queue = useRef<string[]>([]);
  /** When `queue` was read: a queued card reviewed after that was graded in another tab meanwhile. */
  const queuedAt = useRef(0);
  /** Cards graded this session that come back later today: cardId → due. */
  const learning = useRef(new Map<string, number>());
  const history = useRef<HistoryEntry[]>([]);
  const settingsRef = useRef<Settings | null>(null);
  const busyRef = useRef(false);
  const waitTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const askedPersistence = useRef(false);
  const filterKey = `${filter.levels?.join(',') ?? ''}|${filter.kinds?.join(',') ?? ''}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filter's identity changes every render; its key does not.
  const stableFilter = useMemo(() => filter, [filterKey]);

  const show = useCallback(
    async (cardId: string, restore?: HistoryEntry, fromQueue = false): Promise<boolean> => {
      const s = settingsRef.current;
      if (!s) return false;
      const [card, shown] = await db.transaction('r', db.cards, db.schedules, () =>
        Promise.all([db.cards.get(cardId), db.schedules.get(cardId)]),
      );
      if (!card || !shown || (!restore && shown.active !== 1)) return false;
      // Reviewed since the queue was read, and not here: another tab graded it. Not twice.
      const gradedElsewhere =
        shown.lastReview !== null &&
        shown.lastReview >= queuedAt.current &&
        !history.current.some((h) => h.cardId === cardId);
      if (fromQueue && gradedElsewhere) return false;
      const now = Date.now();
      const previews = schedulerFor(s).preview(shown, now);
      setCurrent({ card, shown, previews, shownAt: now });
      setStage(restore ? 'answer' : 'recall');
      setNotes(restore?.notes ?? '');
      setTicks(new Set(restore?.ticks ?? []));
      setFlags(new Set(restore?.flags ?? []));
      setPhase({ name: 'card' });
      setLeft(queue.current.length);
      return true;
    },
    [db],
  );

  const advance = useCallback(async (): Promise<void> => {
    clearTimeout(waitTimer.current);
    const s = settingsRef.current;
    if (!s) return;
    for (;;) {
      const now = Date.now();
      let nextId: string | undefined;
      let fromQueue = false;
      let earliest: [string, number] | undefined;
      for (const entry of learning.current) if (!earliest || entry[1] < earliest[1]) earliest = entry;
      if (earliest && earliest[1] <= now) {
        nextId = earliest[0];
        learning.current.delete(nextId);
      } else {
        nextId = queue.current.shift();
        fromQueue = true;
      }
      if (nextId) {
        if (await show(nextId, undefined, fromQueue)) return;
        continue;
      }
      if (earliest) {
        // Only learning cards are left: wait for the first one's minute, then show it.
        setCurrent(null);
        setPhase({ name: 'waiting', until: earliest[1] });
        waitTimer.current = setTimeout(() => void advance(), Math.max(250, earliest[1] - now + 50));
        return;
      }
      // The session's own queue is empty: another tab or earlier learning cards may have added some.
      const fresh = await sessionQueue(db, s, now, stableFilter);
      if (fresh.queue.length) {
        queue.current = fresh.queue;
        queuedAt.current = now;
        continue;
      }
      setCurrent(null);
      if (fresh.nextLearning !== null) {
        setPhase({ name: 'waiting', until: fresh.nextLearning });
        waitTimer.current = setTimeout(() => void advance(), Math.max(250, fresh.nextLearning - now + 50));
      } else {
        setPhase({ name: 'done', stats: await homeStats(db, s, now, stableFilter) });
      }
      return;
    }
  }, [db, show, stableFilter]);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const s = await getSettings(db);
        if (cancelled) return;
        settingsRef.current = s;
        setSettings(s);
        const queuedNow = Date.now();
        const { queue: q } = await sessionQueue(db, s, queuedNow, stableFilter);
        if (cancelled) return;
        queue.current = q;
        queuedAt.current = queuedNow;
        learning.current.clear();
        history.current = [];
        setHistorySize(0);
        await advance();
      } catch (error) {
        if (!cancelled) setPhase({ name: 'error', message: errorText(error) });
      }
    })();
    return () => {
      cancelled = true;
      clearTimeout(waitTimer.current);
    };
  }, [db, stableFilter, advance]);

  const showAnswer = useCallback(() => setStage('answer'), []);

  const toggleTick = useCallback((i: number) => setTicks((t) => toggle(t, i)), []);
  const toggleFlag = useCallback((i: number) => setFlags((f) => toggle(f, i)), []);

  const grade = useCallback(
    async (rating: Grade) => {
      const s = settingsRef.current;
      if (!current || !s || busyRef.current) return;
      busyRef.current = true;
      setBusy(true);
      setMessage(null);
      const now = Date.now();
      const entry = { notes, ticks: [...ticks], flags: [...flags] };
      try {
        const { review, after } = await gradeCard(db, s, {
          cardId: current.card.id,
          shown: current.shown,
          rating,
          now,
          durationMs: now - current.shownAt,
          keyPointsRecalled: entry.ticks,
          pitfallsFlagged: entry.flags,
          notes: entry.notes,
        });
        history.current.push({ reviewId: review.id, cardId: review.cardId, ...entry });
        setHistorySize(history.current.length);
        setReviewed((n) => n + 1);
        if ((after.state === 1 || after.state === 3) && after.due < nextDayStart(now, s.dayStartHour)) {
          learning.current.set(after.cardId, after.due);
        }
        if (!askedPersistence.current) {
          askedPersistence.current = true;
          void requestPersistence();
        }
        await advance();
      } catch (error) {
        if (error instanceof StaleCardError) {
          setMessage(error.message);
          await advance();
        } else {
          // Nothing was written (one transaction): the card stays so the grade can be tried again.
          setMessage(errorText(error));
        }
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [current, db, notes, ticks, flags, advance],
  );

  const undo = useCallback(async () => {
    const s = settingsRef.current;
    const last = history.current[history.current.length - 1];
    if (!s || !last || busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setMessage(null);
    try {
      await undoReview(db, s, last.reviewId);
      history.current.pop();
      setHistorySize(history.current.length);
      setReviewed((n) => Math.max(0, n - 1));
      learning.current.delete(last.cardId);
      if (current && current.card.id !== last.cardId) queue.current.unshift(current.card.id);
      clearTimeout(waitTimer.current);
      await show(last.cardId, last);
    } catch (error) {
      history.current.pop();
      setHistorySize(history.current.length);
      setMessage(errorText(error));
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, [db, current, show]);

  const suggested = suggestGrade({
    keyPointsTotal: current?.card.keyPoints.length ?? 0,
    keyPointsRecalled: ticks.size,
    pitfallsFlagged: flags.size,
  });

  return {
    phase,
    current,
    stage,
    notes,
    setNotes,
    ticks,
    toggleTick,
    flags,
    toggleFlag,
    suggested,
    showAnswer,
    grade,
    undo,
    canUndo: historySize > 0,
    busy,
    message,
    dismissMessage: () => setMessage(null),
    reviewedInSession,
    left,
    settings,
  };
}
