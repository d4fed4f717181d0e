// Rehearsing out loud: record the spoken answer during recall, play it back beside the key points.
// Loaded on the first tap of Record, so the first card never carries any of it.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { RecordingPlayer } from '../../components/recording-player';
import { errorWords, minutesSeconds } from '../../domain';
import { RECORDING_LIMIT_MS, RECORDING_TYPES, type Recording } from '../../domain/recording';
import type { KeypointsDb } from '../../storage/db';
import { StorageFullError } from '../../storage/errors';
import { saveRecording } from '../../storage/repositories/recordings';

/** Speech, not music: Opus at 32 kbit/s is clear and keeps ten minutes near 2.4 MB. */
const BITS_PER_SECOND = 32_000;

export type TakeState =
  | { name: 'asking' }
  | { name: 'recording'; since: number }
  | { name: 'saving' }
  | { name: 'saved'; recording: Recording; stoppedByLimit: boolean }
  | { name: 'failed'; message: string };

/** One recording of one card's answer, from asking for the microphone to the stored recording. */
export interface Take {
  readonly cardId: string;
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => TakeState;
  start: () => Promise<void>;
  /** Stops and saves; nothing when not recording. */
  stop: () => void;
}

function microphoneWords(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return 'The microphone is not allowed for Keypoints, so nothing was recorded. Review on as usual, or allow the microphone in your browser’s site settings to record.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return 'No microphone was found, so nothing was recorded. Review on as usual, or connect one and tap Record again.';
  if (name === 'NotReadableError' || name === 'AbortError')
    return 'The microphone is busy in another app, so nothing was recorded. Review on as usual, or close that app and tap Record again.';
  return 'Recording did not start here, so nothing was recorded. Review on as usual.';
}

function saveWords(error: unknown): string {
  if (error instanceof StorageFullError)
    return 'Your device is out of storage space, so this recording was not kept. Your reviews are saved as usual.';
  return `This recording was not kept. ${errorWords(error, 'Saving it failed.')} Your reviews are saved as usual.`;
}

export function createTake(db: KeypointsDb, cardId: string, now: () => number = Date.now): Take {
  let state: TakeState = { name: 'asking' };
  const listeners = new Set<() => void>();
  const set = (next: TakeState) => {
    state = next;
    for (const listener of listeners) listener();
  };
  let recorder: MediaRecorder | null = null;
  let stopRequested = false;

  const start = async () => {
    if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
      set({
        name: 'failed',
        message: 'This browser cannot record here, so nothing was recorded. Review on as usual.',
      });
      return;
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      set({ name: 'failed', message: microphoneWords(error) });
      return;
    }
    const release = () => {
      for (const track of stream.getTracks()) track.stop();
    };
    // The answer stage came (or the card went) while the browser was still asking.
    if (stopRequested) {
      release();
      set({ name: 'failed', message: 'Recording was stopped before it began; nothing was recorded.' });
      return;
    }
    const mimeType = RECORDING_TYPES.find((t) => MediaRecorder.isTypeSupported(t));
    try {
      recorder = new MediaRecorder(stream, { mimeType, audioBitsPerSecond: BITS_PER_SECOND });
    } catch (error) {
      release();
      set({ name: 'failed', message: microphoneWords(error) });
      return;
    }
    const chunks: Blob[] = [];
    const active = recorder;
    let startedAt = 0;
    let stoppedByLimit = false;
    const limit = setTimeout(() => {
      stoppedByLimit = true;
      if (active.state !== 'inactive') active.stop();
    }, RECORDING_LIMIT_MS);
    active.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    active.onstart = () => {
      startedAt = performance.now();
      set({ name: 'recording', since: now() });
    };
    active.onerror = () => {
      clearTimeout(limit);
      release();
      set({
        name: 'failed',
        message: 'Recording stopped unexpectedly, so nothing was kept. Review on as usual.',
      });
    };
    active.onstop = () => {
      clearTimeout(limit);
      release();
      // The length is measured here: MediaRecorder's WebM carries none.
      const durationMs = Math.min(RECORDING_LIMIT_MS, performance.now() - startedAt);
      set({ name: 'saving' });
      const type = active.mimeType || mimeType || chunks[0]?.type || 'audio/webm';
      void new Blob(chunks, { type })
        .arrayBuffer()
        .then((audio) => saveRecording(db, { cardId, durationMs, mimeType: type, audio }, now()))
        .then(
          (recording) => set({ name: 'saved', recording, stoppedByLimit }),
          (error: unknown) => set({ name: 'failed', message: saveWords(error) }),
        );
    };
    // Data every second: a long take is never held by the recorder alone.
    active.start(1000);
  };

  return {
    cardId,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => state,
    start,
    stop: () => {
      stopRequested = true;
      if (recorder && recorder.state !== 'inactive') recorder.stop();
    },
  };
}

function useTake(take: Take): TakeState {
  return useSyncExternalStore(take.subscribe, take.getSnapshot);
}

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return (
    <span role="timer" aria-label="Recording time">
      {minutesSeconds((now - since) / 1000)} of {minutesSeconds(RECORDING_LIMIT_MS / 1000)}
    </span>
  );
}

/**
 * The recall stage's part: the recording under way with Stop, or what became of it. The review
 * screen stops the take when the recall stage ends (Show answer, another card): it is then kept.
 */
export function RecordControls({ take, onRecordAgain }: { take: Take; onRecordAgain: () => void }) {
  const state = useTake(take);
  return (
    <div className="kp-rehearse" data-testid="rehearse">
      {state.name === 'asking' && (
        <p className="kp-muted" role="status">
          Waiting for the microphone…
        </p>
      )}
      {state.name === 'recording' && (
        <>
          <p className="kp-rehearse__live" role="status">
            <span className="kp-rehearse__dot" aria-hidden="true" /> Recording your answer:{' '}
            <Elapsed since={state.since} />
          </p>
          <button type="button" className="kp-button" onClick={take.stop}>
            Stop recording
          </button>
        </>
      )}
      {state.name === 'saving' && (
        <p className="kp-muted" role="status">
          Keeping your recording…
        </p>
      )}
      {state.name === 'saved' && (
        <>
          <p role="status">
            {state.stoppedByLimit ? 'Stopped at the 10-minute limit: ' : 'Recorded '}
            {minutesSeconds(state.recording.durationMs / 1000)}. Play it back with the answer.
          </p>
          <button type="button" className="kp-button" onClick={onRecordAgain}>
            Record again
          </button>
        </>
      )}
      {state.name === 'failed' && (
        <p className="kp-notice" role="alert">
          {state.message}
        </p>
      )}
    </div>
  );
}

/** The answer stage's part: the recording to listen to while ticking the key points. */
export function Playback({ take }: { take: Take }) {
  const state = useTake(take);
  if (state.name === 'saving' || state.name === 'recording' || state.name === 'asking')
    return (
      <p className="kp-muted kp-rehearse" role="status">
        Keeping your recording…
      </p>
    );
  if (state.name === 'failed')
    return (
      <p className="kp-notice kp-rehearse" role="alert">
        {state.message}
      </p>
    );
  return (
    <div className="kp-rehearse kp-rehearse--playback">
      <p className="kp-rehearse__title">
        Your recorded answer: listen back, and tick what you actually said.
      </p>
      <RecordingPlayer recording={state.recording} label="Your recorded answer" />
    </div>
  );
}
