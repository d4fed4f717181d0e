// Recordings of spoken answers: their shape, the time limit, which to keep, and their form in a backup.

/** A recording of the user's answer to one card, as the device keeps it (the sound itself apart). */
export interface RecordingInfo {
  id: string;
  cardId: string;
  /** Epoch ms, when the recording stopped. */
  createdAt: number;
  /**
   * Length in ms, measured while recording: a WebM file from MediaRecorder carries no duration
   * (an audio element reports Infinity for it), so the length is never read back from the sound.
   */
  durationMs: number;
  /** e.g. "audio/webm;codecs=opus" or "audio/mp4". */
  mimeType: string;
  /** Bytes of sound. */
  size: number;
}

/** A recording with its sound: raw bytes on the device. */
export interface Recording extends RecordingInfo {
  audio: ArrayBuffer;
}

/** A recording as a backup carries it: the sound as base64 text. */
export interface RecordingFile extends Omit<RecordingInfo, 'size'> {
  data: string;
}

/** The longest answer recorded: the recorder stops by itself at this length. */
export const RECORDING_LIMIT_MS = 10 * 60_000;

/** The most bytes one recording in a backup may hold: 10 minutes at a generous 256 kbit/s. */
export const MAX_RECORDING_BYTES = (RECORDING_LIMIT_MS / 1000) * 32_000;

/** The containers a recording may use, in order of preference: Opus in WebM, else what Safari records. */
export const RECORDING_TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4', 'audio/ogg;codecs=opus'];

/** Whether a type is sound a recording may hold (anything else in a backup is refused). */
export function isAudioType(type: string): boolean {
  return /^audio\/[a-z0-9.+-]+(;\s*codecs=[\w.,"-]+)?$/i.test(type) && type.length <= 100;
}

/**
 * Of one card's recordings, those to delete so that only the newest `keep` stay (newest by time,
 * then by id so that two devices agree on equal times).
 */
export function recordingsBeyond<T extends Pick<RecordingInfo, 'id' | 'createdAt'>>(
  recordings: readonly T[],
  keep: number,
): T[] {
  const newestFirst = [...recordings].sort(
    (a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
  return newestFirst.slice(Math.max(0, keep));
}

// ---------------------------------------------------------------------------------------------
// Base64, written out here so the domain needs no platform encoder.

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    const at = (k: number) => B64[k] as string;
    chunk +=
      at((n >> 18) & 63) +
      at((n >> 12) & 63) +
      (b === undefined ? '=' : at((n >> 6) & 63)) +
      (c === undefined ? '=' : at(n & 63));
    // Joined in pieces: one string grown by millions of small appends is slow in some engines.
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/** The bytes of base64 text, or null when it is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const ch = text[i + j] as string;
      const last = i + 4 === text.length;
      if (ch === '=' && last && j >= 4 - padding) {
        n <<= 6;
        continue;
      }
      const value = B64_INDEX.get(ch);
      if (value === undefined) return null;
      n = (n << 6) | value;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** A device's recording as a backup carries it. */
export function recordingToFile(r: Recording): RecordingFile {
  return {
    id: r.id,
    cardId: r.cardId,
    createdAt: r.createdAt,
    durationMs: r.durationMs,
    mimeType: r.mimeType,
    data: toBase64(new Uint8Array(r.audio)),
  };
}

/** A backup's recording as the device keeps it (its data already checked to be base64). */
export function recordingFromFile(f: RecordingFile): Recording {
  const bytes = fromBase64(f.data) ?? new Uint8Array(0);
  return {
    id: f.id,
    cardId: f.cardId,
    createdAt: f.createdAt,
    durationMs: f.durationMs,
    mimeType: f.mimeType,
    size: bytes.byteLength,
    audio: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  };
}
