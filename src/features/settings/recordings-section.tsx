// Settings for recordings of spoken answers: how many each card keeps, their total size, delete them all.
import { useRef, useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { FormField } from '../../components/form-field';
import { bytes } from '../../components/format';
import { count, errorWords, KEEP_RECORDINGS_BOUNDS, type Settings } from '../../domain';
import { useDb } from '../../hooks/use-db';
import { useLive } from '../../hooks/use-live';
import { deleteAllRecordings, recordingTotals } from '../../storage/repositories/recordings';

const { min, max } = KEEP_RECORDINGS_BOUNDS;
// A list rather than a typed number: typing "10" passes through "1", and keeping fewer deletes at once.
const CHOICES = Array.from({ length: max - min + 1 }, (_, i) => min + i);

export function RecordingsSection({
  settings,
  save,
}: {
  settings: Settings;
  save: (patch: Partial<Settings>, what: string) => Promise<void>;
}) {
  const db = useDb();
  const totals = useLive(() => recordingTotals(db), [db]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);

  const deleteAll = async () => {
    setBusy(true);
    try {
      await deleteAllRecordings(db);
      setMessage({ text: 'Every recording was deleted.', error: false });
    } catch (e) {
      setMessage({ text: errorWords(e), error: true });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <section aria-labelledby="kp-recordings-title" className="kp-card kp-settings__section">
      <h2 id="kp-recordings-title">Recordings</h2>
      <FormField
        id="kp-keep-recordings"
        label="Keep the last N recordings per card"
        hint="Your spoken answers stay on this device. Keeping fewer deletes each card's oldest at once."
      >
        {(control) => (
          <select
            {...control}
            value={settings.keepRecordingsPerCard}
            onChange={(e) =>
              void save({ keepRecordingsPerCard: Number(e.target.value) }, 'Recordings kept per card')
            }
          >
            {CHOICES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <p data-testid="recordings-total">
        {totals === undefined
          ? 'Counting recordings…'
          : totals.count === 0
            ? 'No recordings on this device.'
            : `${count(totals.count, 'recording')} on this device, ${bytes(totals.bytes)} in all.`}
      </p>
      {confirming ? (
        <ConfirmDialog
          title="Delete all recordings?"
          confirmLabel="Delete all recordings"
          headingLevel={3}
          busy={busy}
          onConfirm={() => void deleteAll()}
          onCancel={() => {
            setConfirming(false);
            requestAnimationFrame(() => deleteButton.current?.focus());
          }}
        >
          This deletes {totals ? count(totals.count, 'recording') : 'every recording'} of your spoken answers
          from this device. Your cards and reviews stay. It cannot be undone.
        </ConfirmDialog>
      ) : (
        <button
          ref={deleteButton}
          type="button"
          className="kp-button kp-button--danger"
          disabled={!totals || totals.count === 0}
          onClick={() => {
            setMessage(null);
            setConfirming(true);
          }}
        >
          Delete all recordings…
        </button>
      )}
      {message && (
        <p className={message.error ? 'kp-alert' : 'kp-notice'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
