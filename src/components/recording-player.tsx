// Plays a recording kept on the device: an audio element over its sound, with a length it can show.
import { useEffect, useRef, useState } from 'react';
import { minutesSeconds } from '../domain';
import type { Recording } from '../domain/recording';

/**
 * The player of one recording. MediaRecorder's WebM carries no duration, so the element reports
 * Infinity and its scrubber is useless until it has seen the end: once the metadata is in, a seek
 * far past the end makes it find the real length, then playback starts from the beginning again.
 * The label says the length measured while recording, which never depends on that.
 */
export function RecordingPlayer({ recording, label }: { recording: Recording; label: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const audio = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const made = URL.createObjectURL(new Blob([recording.audio], { type: recording.mimeType }));
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [recording]);

  const findLength = () => {
    const el = audio.current;
    if (!el || Number.isFinite(el.duration)) return;
    const back = () => {
      if (!Number.isFinite(el.duration)) return;
      el.removeEventListener('durationchange', back);
      el.currentTime = 0;
    };
    el.addEventListener('durationchange', back);
    el.currentTime = Number.MAX_SAFE_INTEGER;
  };

  return url ? (
    // biome-ignore lint/a11y/useMediaCaption: the user's own spoken answer; there is no text of it to caption.
    <audio
      ref={audio}
      className="kp-player"
      controls
      preload="metadata"
      src={url}
      aria-label={`${label}, ${minutesSeconds(recording.durationMs / 1000)}`}
      onLoadedMetadata={findLength}
    />
  ) : null;
}
