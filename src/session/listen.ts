// Listen mode: reads each card of a study session aloud and takes a grade by button, media key or none (timeout skip).
import { DEFAULT_LISTEN_SETTINGS, errorWords, type ListenSettings, Rating } from '../domain';
import type { StoredCard } from '../storage/db';
import type { ShownCard, StudyEngine, StudySnapshot, Timers } from './study-engine';

/** Something that can say a text aloud: the Web Speech API in the app, a fake in tests. */
export interface Speaker {
  /** Resolves once the text has been spoken, or at once when cancel() cut it short; rejects when speech fails. */
  speak(text: string): Promise<void>;
  /** Silences at once whatever is being said. */
  cancel(): void;
}

/** Where a card's reading stands. */
export type ListenStep =
  | 'loading'
  /** A card is there; reading starts with start() (from a tap: browsers only speak after one). */
  | 'ready'
  | 'question'
  | 'thinking'
  | 'keyPoints'
  /** "How did you do?" said; the grade, or the timeout that skips the card, is awaited. */
  | 'asking'
  | 'grading'
  | 'waiting'
  | 'done'
  | 'error'
  | 'stopped';

/** The Media Session actions listen mode answers. */
export type MediaAction = 'play' | 'pause' | 'nexttrack' | 'previoustrack' | 'stop';

export interface ListenSnapshot {
  step: ListenStep;
  paused: boolean;
  card: StoredCard | null;
  /** What is being said now (or shown, when speech is off); null between lines. */
  line: string | null;
  /** How many of the card's key points have been reached. */
  keyPointsReached: number;
  /** Speech is off: the text is shown and the same buttons grade. */
  textOnly: boolean;
  /** Why speech is off, or what went wrong with it. */
  notice: string | null;
  /** Cards skipped by the timeout this session (still due). */
  skipped: number;
  /** The study engine's own snapshot: phase, undo, busy, messages, counts. */
  study: StudySnapshot;
}

export interface ListenSessionOptions {
  engine: StudyEngine;
  speaker: Speaker;
  timers: Timers;
  now: () => number;
  /** Speech is known to be unavailable before starting (no speech, or only network voices offline): why. */
  textOnly?: string | null;
}

export interface ListenSession {
  getSnapshot(): ListenSnapshot;
  subscribe(listener: () => void): () => void;
  /** Starts reading the card shown (call from the user's tap). */
  start(): void;
  pause(): void;
  resume(): void;
  /** Ends the session: speech stops at once, nothing more is read or graded. */
  stop(): void;
  grade(rating: typeof Rating.Again | typeof Rating.Good): Promise<void>;
  undo(): Promise<void>;
  mediaAction(action: MediaAction): void;
  /** stop() and let go of the engine's updates; the caller disposes the engine. */
  dispose(): void;
}

export const HOW_DID_YOU_DO = 'How did you do?';
export const KEY_POINTS_INTRO = 'Key points.';
export const ALL_DONE = 'All caught up.';

type Segment =
  | { kind: 'say'; step: 'question' | 'keyPoints' | 'asking'; text: string; keyPoint?: number }
  | { kind: 'wait'; step: 'thinking' | 'asking'; ms: number };

/** What is read for a card, in order: question, context, pause, key points, the question to grade. */
export function cardScript(card: StoredCard, l: ListenSettings): Segment[] {
  const script: Segment[] = [{ kind: 'say', step: 'question', text: card.question }];
  if (l.readContext && card.context.trim())
    script.push({ kind: 'say', step: 'question', text: card.context });
  if (l.thinkSeconds > 0) script.push({ kind: 'wait', step: 'thinking', ms: l.thinkSeconds * 1000 });
  const points = card.keyPoints.filter((p) => p.trim());
  if (points.length) {
    script.push({ kind: 'say', step: 'keyPoints', text: KEY_POINTS_INTRO });
    points.forEach((text, i) => {
      script.push({ kind: 'say', step: 'keyPoints', text, keyPoint: i + 1 });
    });
  } else if (card.exampleAnswer.trim()) {
    script.push({ kind: 'say', step: 'keyPoints', text: card.exampleAnswer });
  }
  script.push({ kind: 'say', step: 'asking', text: HOW_DID_YOU_DO });
  script.push({ kind: 'wait', step: 'asking', ms: l.answerTimeoutSeconds * 1000 });
  return script;
}

function speechFailed(error: unknown): string {
  return `Speech stopped working (${errorWords(error, 'the voice did not answer')}). The text is shown instead; grade with the buttons.`;
}

export function createListenSession(options: ListenSessionOptions): ListenSession {
  const { engine, speaker, timers, now } = options;
  const listeners = new Set<() => void>();
  let study = engine.getSnapshot();
  let snapshot: ListenSnapshot = {
    step: 'loading',
    paused: false,
    card: null,
    line: null,
    keyPointsReached: 0,
    textOnly: !!options.textOnly,
    notice: options.textOnly ?? null,
    skipped: 0,
    study,
  };
  let started = false;
  let stopped = false;
  /** The card being read: a new ShownCard object from the engine is a new reading (next card, or undo). */
  let reading: ShownCard | null = null;
  let script: Segment[] = [];
  let position = 0;
  /** For a wait: how much of it is left when paused. */
  let waitLeft: number | null = null;
  let waitEndsAt = 0;
  let timer: unknown;
  /** An undo is in flight: the card still shown is not to be read again meanwhile. */
  let undoing = false;
  /** Bumped on every interruption: a line or a wait that finishes under an older run changes nothing. */
  let run = 0;

  function set(patch: Partial<ListenSnapshot>): void {
    snapshot = { ...snapshot, ...patch, study };
    for (const listener of [...listeners]) listener();
  }

  function listen(): ListenSettings {
    return study.settings?.listen ?? DEFAULT_LISTEN_SETTINGS;
  }

  /** Silences the line and stops the wait in progress; whatever they were about to do is dropped. */
  function interrupt(): void {
    run += 1;
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
    speaker.cancel();
  }

  function play(): void {
    const token = ++run;
    if (stopped || snapshot.paused || !reading) return;
    const segment = script[position];
    if (!segment) return;
    if (segment.kind === 'wait') {
      const ms = waitLeft ?? segment.ms;
      waitLeft = null;
      waitEndsAt = now() + ms;
      set({ step: segment.step, line: segment.step === 'asking' ? HOW_DID_YOU_DO : null });
      timer = timers.set(() => {
        timer = undefined;
        if (token !== run) return;
        next();
      }, ms);
      return;
    }
    set({
      step: segment.step,
      line: segment.text,
      ...(segment.keyPoint !== undefined && { keyPointsReached: segment.keyPoint }),
    });
    if (snapshot.textOnly) {
      next();
      return;
    }
    speaker.speak(segment.text).then(
      () => {
        if (token === run) next();
      },
      (error: unknown) => {
        if (token !== run) return;
        // The reading goes on as text: the buttons (and media keys) still grade.
        set({ textOnly: true, notice: speechFailed(error) });
        next();
      },
    );
  }

  function next(): void {
    position += 1;
    if (position < script.length) {
      play();
      return;
    }
    // The answer timeout passed with no grade: the card stays due and the session moves on.
    interrupt();
    set({ skipped: snapshot.skipped + 1, line: null });
    void engine.skip();
  }

  function begin(card: ShownCard): void {
    interrupt();
    reading = card;
    script = cardScript(card.card, listen());
    position = 0;
    waitLeft = null;
    set({ card: card.card, keyPointsReached: 0, line: null, step: 'question' });
    play();
  }

  /** Follows the engine: a new card is read from its start; waiting, done and errors are shown. */
  function onStudy(): void {
    study = engine.getSnapshot();
    if (stopped || undoing) {
      set({});
      return;
    }
    const { phase, current } = study;
    if (phase.name === 'card' && current) {
      if (!started) set({ step: 'ready', card: current.card });
      else if (current !== reading) begin(current);
      else set({});
      return;
    }
    if (phase.name === 'loading' || phase.name === 'card') {
      set({});
      return;
    }
    interrupt();
    reading = null;
    set({ step: phase.name, card: null, line: null });
    if (phase.name === 'done' && started && !snapshot.textOnly)
      void speaker.speak(ALL_DONE).catch(() => undefined);
  }

  function pause(): void {
    if (stopped || snapshot.paused) return;
    const segment = script[position];
    if (segment?.kind === 'wait' && timer !== undefined) waitLeft = Math.max(0, waitEndsAt - now());
    interrupt();
    set({ paused: true });
  }

  function resume(): void {
    if (stopped || !snapshot.paused) return;
    set({ paused: false });
    if (!started) {
      start();
      return;
    }
    // A line cut short is said again from its start; a wait goes on with what was left of it.
    if (reading && snapshot.step !== 'grading') play();
  }

  function start(): void {
    if (started || stopped) return;
    started = true;
    if (snapshot.paused) set({ paused: false });
    onStudy();
  }

  function stop(): void {
    if (stopped) return;
    interrupt();
    stopped = true;
    reading = null;
    set({ step: 'stopped', line: null, paused: false });
  }

  async function grade(rating: typeof Rating.Again | typeof Rating.Good): Promise<void> {
    const card = reading;
    if (stopped || !card || study.busy || snapshot.step === 'grading') return;
    interrupt();
    set({ step: 'grading', line: null });
    await engine.grade(rating);
    // Still the same card: the grade could not be written (the engine says why). Ask again.
    if (!stopped && reading === card && engine.getSnapshot().current === card) {
      position = script.findIndex((s) => s.kind === 'say' && s.text === HOW_DID_YOU_DO);
      play();
    }
  }

  async function undo(): Promise<void> {
    if (stopped || !study.canUndo) return;
    interrupt();
    undoing = true;
    set({ line: null });
    try {
      await engine.undo();
    } finally {
      undoing = false;
      // The card graded last comes back and is read again from its question.
      reading = null;
      onStudy();
    }
  }

  function mediaAction(action: MediaAction): void {
    if (action === 'play') resume();
    else if (action === 'pause') pause();
    else if (action === 'nexttrack') void grade(Rating.Good);
    else if (action === 'previoustrack') void grade(Rating.Again);
    else stop();
  }

  const unsubscribe = engine.subscribe(onStudy);
  onStudy();

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start,
    pause,
    resume,
    stop,
    grade,
    undo,
    mediaAction,
    dispose() {
      stop();
      unsubscribe();
      listeners.clear();
    },
  };
}
