// A card's recordings of spoken answers, newest first: when, how long, play, delete.
import { useState } from 'react';
import { bytes, dateTime } from '../../components/format';
import { RecordingPlayer } from '../../components/recording-player';
import { count, errorWords, minutesSeconds } from '../../domain';
import { useDb } from '../../hooks/use-db';
import { useLive } from '../../hooks/use-live';
import { cardRecordings, deleteRecording } from '../../storage/repositories/recordings';

export function CardRecordings({ cardId }: { cardId: string }) {
  const db = useDb();
  const recordings = useLive(() => cardRecordings(db, cardId), [db, cardId]);
  const [error, setError] = useState<string | null>(null);
  if (!recordings) return null;
  const newestFirst = [...recordings].reverse();
  return (
    <section aria-labelledby="kp-cardpage-recordings">
      <h2 id="kp-cardpage-recordings">Recordings</h2>
      {error && (
        <p className="kp-alert" role="alert">
          {error}
        </p>
      )}
      {newestFirst.length === 0 ? (
        <p className="kp-muted">
          No recordings. Tap “Record your answer” while reviewing this card to hear yourself answer it.
        </p>
      ) : (
        <>
          <p className="kp-muted">{count(newestFirst.length, 'recording')}, kept on this device only.</p>
          <ol className="kp-recordings">
            {newestFirst.map((r) => {
              const length = minutesSeconds(r.durationMs / 1000);
              const when = dateTime(r.createdAt);
              return (
                <li key={r.id} className="kp-recordings__item" data-testid="card-recording">
                  <p className="kp-recordings__head">
                    <time dateTime={new Date(r.createdAt).toISOString()}>{when}</time>
                    <span>{length}</span>
                    <span className="kp-muted">{bytes(r.size)}</span>
                  </p>
                  <RecordingPlayer recording={r} label={`Recording of ${when}`} />
                  <button
                    type="button"
                    className="kp-button"
                    aria-label={`Delete the recording of ${when} (${length})`}
                    onClick={() => {
                      setError(null);
                      deleteRecording(db, r.id).catch((e: unknown) => setError(errorWords(e)));
                    }}
                  >
                    Delete
                  </button>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
