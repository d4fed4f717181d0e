// Recording a spoken answer with a stand-in microphone: kept and shown, or, on a full disk, dropped with words and nothing else lost.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTake, Playback, RecordControls } from '../../src/features/review/rehearse';
import type { KeypointsDb } from '../../src/storage/db';
import { recordingTotals } from '../../src/storage/repositories/recordings';
import { MONDAY_MORNING } from '../support/clock';
import { seededDb } from '../support/db';

const C11 = 'amazon-engineer/1.1';

/** A MediaRecorder that "records" three bytes and reports them when stopped. */
class FakeRecorder {
  static isTypeSupported = (type: string) => type === 'audio/webm;codecs=opus';
  state: 'inactive' | 'recording' = 'inactive';
  mimeType: string;
  ondataavailable: ((e: { data: Blob }) => void) | null = null;
  onstart: (() => void) | null = null;
  onstop: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(_stream: unknown, options: { mimeType?: string }) {
    this.mimeType = options.mimeType ?? '';
  }
  start() {
    this.state = 'recording';
    this.onstart?.();
  }
  stop() {
    this.state = 'inactive';
    this.ondataavailable?.({ data: new Blob([new Uint8Array([1, 2, 3])], { type: this.mimeType }) });
    this.onstop?.();
  }
}

const stream = { getTracks: () => [{ stop: vi.fn() }] };
let db: KeypointsDb;

beforeEach(async () => {
  db = await seededDb(MONDAY_MORNING);
  vi.stubGlobal('MediaRecorder', FakeRecorder);
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value: { getUserMedia: vi.fn(async () => stream) },
  });
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await db.delete();
});

async function recordAndStop(): Promise<ReturnType<typeof createTake>> {
  const take = createTake(db, C11);
  render(
    <>
      <RecordControls take={take} onRecordAgain={() => undefined} />
      <Playback take={take} />
    </>,
  );
  await act(() => take.start());
  expect(screen.getByText(/Recording your answer/)).toBeTruthy();
  await act(async () => {
    take.stop();
    await vi.waitFor(() => expect(take.getSnapshot().name).not.toBe('saving'));
  });
  return take;
}

describe('recording an answer', () => {
  it('keeps the recording and offers it to play back', async () => {
    const take = await recordAndStop();
    expect(take.getSnapshot().name).toBe('saved');
    expect(screen.getByText(/^Recorded 0:00\./)).toBeTruthy();
    expect(screen.getByLabelText(/^Your recorded answer, 0:00$/)).toBeTruthy();
    expect(await recordingTotals(db)).toEqual({ count: 1, bytes: 3 });
  });

  it('on a full disk drops the recording with a message, and the recordings stored stay as they were', async () => {
    vi.spyOn(db.recordings, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const take = await recordAndStop();
    expect(take.getSnapshot().name).toBe('failed');
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts[0]).toBe(
      'Your device is out of storage space, so this recording was not kept. Your reviews are saved as usual.',
    );
    vi.restoreAllMocks();
    expect(await recordingTotals(db)).toEqual({ count: 0, bytes: 0 });
  });

  it('a microphone that is missing says so', async () => {
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: {
        getUserMedia: vi.fn(async () => {
          throw new DOMException('Requested device not found', 'NotFoundError');
        }),
      },
    });
    const take = createTake(db, C11);
    render(<RecordControls take={take} onRecordAgain={() => undefined} />);
    await act(() => take.start());
    expect(screen.getByRole('alert').textContent).toMatch(
      /^No microphone was found, so nothing was recorded\./,
    );
  });
});
