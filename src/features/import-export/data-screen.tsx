// Your data: export a backup (download or share), restore or merge one, export for Anki, and a link to import.
import { useId, useRef, useState } from 'react';
import { BackupReminder } from '../../components/backup-reminder';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { dateTime as formatDate } from '../../components/format';
import { IMPORT_HREF } from '../../components/routes';
import { count, errorDetail, errorWords, type Problem, ValidationError } from '../../domain';
import { type Backup, createBackup, parseBackup, serializeBackup } from '../../domain/backup';
import { toAnkiTsv } from '../../domain/export-anki';
import { useDb } from '../../hooks/use-db';
import { useLive } from '../../hooks/use-live';
import { BUILD_LABEL } from '../../pwa/app-version';
import { getLastBackupAt, recordBackup } from '../../storage/repositories/backup-meta';
import {
  cardsForExport,
  dataCounts,
  exportAll,
  mergeBackup,
  restoreAll,
} from '../../storage/repositories/data-transfer';
import { canShareFiles, downloadFile, fileDate } from './download';
import { ProblemList } from './problem-list';
import './import-export.css';

const BACKUP_TYPE = 'application/json';
const ANKI_TYPE = 'text/tab-separated-values';

type Message = { kind: 'status'; text: string } | { kind: 'error'; text: string; problems: Problem[] };

type Chosen =
  | { kind: 'read'; name: string; backup: Backup }
  | { kind: 'invalid'; name: string; problems: Problem[] };

function errorMessage(error: unknown, what: string): Message {
  if (error instanceof ValidationError) {
    return { kind: 'error', text: `Nothing was ${what}: the backup has problems.`, problems: error.problems };
  }
  return {
    kind: 'error',
    text: errorWords(error, `Nothing was ${what} (${errorDetail(error)}).`),
    problems: [],
  };
}

interface BackupFile {
  name: string;
  text: string;
  now: number;
}

export function DataScreen() {
  const db = useDb();
  const ids = useId();
  const lastBackupAt = useLive(() => getLastBackupAt(db), [db]);
  const totals = useLive(() => dataCounts(db), [db]);
  const [shareable] = useState(() => canShareFiles(BACKUP_TYPE));
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [confirming, setConfirming] = useState(false);
  // Recordings are big and personal: a backup carries them only when asked to.
  const [withRecordings, setWithRecordings] = useState(false);
  // A share that the browser refused for want of a fresh tap: the file is kept for a second tap.
  const [pendingShare, setPendingShare] = useState<BackupFile | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const replaceButton = useRef<HTMLButtonElement>(null);

  const run = async (label: string, task: () => Promise<Message>) => {
    setBusy(label);
    setMessage(null);
    try {
      setMessage(await task());
    } catch (error) {
      setMessage(
        errorMessage(error, label === 'merge' ? 'merged' : label === 'restore' ? 'restored' : 'exported'),
      );
    } finally {
      setBusy(null);
    }
  };

  const makeBackup = async (): Promise<BackupFile> => {
    const data = await exportAll(db, { recordings: withRecordings });
    const now = Date.now();
    return {
      now,
      name: `keypoints-backup-${fileDate(now)}.json`,
      text: serializeBackup(createBackup(data, now, `Keypoints ${BUILD_LABEL}`)),
    };
  };

  const onExport = () =>
    run('export', async () => {
      const file = await makeBackup();
      downloadFile(file.name, file.text, BACKUP_TYPE);
      await recordBackup(db, file.now);
      return {
        kind: 'status',
        text: `Backup saved as ${file.name}. Keep it somewhere other than this device.`,
      };
    });

  const share = async (file: BackupFile): Promise<Message> => {
    try {
      await navigator.share({
        files: [new File([file.text], file.name, { type: BACKUP_TYPE })],
        title: 'Keypoints backup',
      });
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      if (name === 'AbortError')
        return { kind: 'status', text: 'Sharing was cancelled; no backup was made.' };
      if (name === 'NotAllowedError') {
        setPendingShare(file);
        return { kind: 'status', text: 'The backup is ready: tap “Share the backup now” to send it.' };
      }
      throw error;
    }
    setPendingShare(null);
    await recordBackup(db, file.now);
    return { kind: 'status', text: `Backup ${file.name} shared.` };
  };

  const onShare = () => run('export', async () => share(pendingShare ?? (await makeBackup())));

  const onAnki = () =>
    run('export', async () => {
      const cards = await cardsForExport(db);
      const name = `keypoints-anki-${fileDate(Date.now())}.txt`;
      downloadFile(name, toAnkiTsv(cards), ANKI_TYPE);
      return {
        kind: 'status',
        text: `Saved ${count(cards.length, 'card')} for Anki as ${name}. In Anki, choose File → Import and pick this file.`,
      };
    });

  const onChoose = async (file: File | undefined) => {
    setMessage(null);
    setConfirming(false);
    if (!file) {
      setChosen(null);
      return;
    }
    try {
      setChosen({ kind: 'read', name: file.name, backup: parseBackup(await file.text()) });
    } catch (error) {
      const problems =
        error instanceof ValidationError
          ? error.problems
          : [
              {
                message: `The file could not be read (${errorDetail(error)}).`,
              },
            ];
      setChosen({ kind: 'invalid', name: file.name, problems });
    }
  };

  const clearChosen = () => {
    setChosen(null);
    setConfirming(false);
    if (fileInput.current) fileInput.current.value = '';
  };

  const onMerge = (backup: Backup) =>
    run('merge', async () => {
      const result = await mergeBackup(db, backup, Date.now());
      clearChosen();
      const { added } = result;
      return {
        kind: 'status',
        text: `Merged: added ${count(added.reviews, 'review')}, ${count(added.cards, 'card')} and ${count(added.decks, 'deck')}; rebuilt the schedules of ${count(result.replayed, 'card')} from their reviews.`,
      };
    });

  const onRestore = (backup: Backup) =>
    run('restore', async () => {
      const result = await restoreAll(db, backup, Date.now());
      clearChosen();
      return {
        kind: 'status',
        text: `Restored: ${count(result.decks, 'deck')}, ${count(result.cards, 'card')} and ${count(result.reviews, 'review')}${backup.recordings ? ` with ${count(backup.recordings.length, 'recording')}` : ''} from the backup.`,
      };
    });

  const backup = chosen?.kind === 'read' ? chosen.backup : null;

  return (
    <section className="kp-data" aria-labelledby={`${ids}-h1`}>
      <h1 id={`${ids}-h1`}>Your data</h1>
      <BackupReminder />
      {totals && (
        <p className="kp-muted" data-testid="data-totals">
          On this device: {count(totals.decks, 'deck')}, {count(totals.cards, 'card')},{' '}
          {count(totals.reviews, 'review')}.
        </p>
      )}

      <section className="kp-card kp-data__section" aria-labelledby={`${ids}-backup`}>
        <h2 id={`${ids}-backup`}>Back up</h2>
        <p>
          One file with everything: decks, cards, schedules, every review, your interviews and your settings
          (and your recordings, if you tick them). Restore it here or on another device.
        </p>
        <p className="kp-muted" data-testid="last-backup">
          {lastBackupAt === undefined
            ? 'Checking your last backup…'
            : lastBackupAt === null
              ? 'No backup exported from this device yet.'
              : `Last backup: ${formatDate(lastBackupAt)}.`}
        </p>
        <label className="kp-check">
          <input
            type="checkbox"
            checked={withRecordings}
            disabled={busy !== null}
            onChange={(e) => {
              setWithRecordings(e.target.checked);
              setPendingShare(null);
            }}
          />
          <span>Include recordings (your spoken answers: this can make the file much bigger)</span>
        </label>
        <div className="kp-data__actions">
          <button
            type="button"
            className="kp-button kp-button--primary"
            disabled={busy !== null}
            onClick={onExport}
          >
            Export a backup
          </button>
          {shareable && (
            <button type="button" className="kp-button" disabled={busy !== null} onClick={onShare}>
              {pendingShare ? 'Share the backup now' : 'Share a backup…'}
            </button>
          )}
        </div>
      </section>

      <section className="kp-card kp-data__section" aria-labelledby={`${ids}-restore`}>
        <h2 id={`${ids}-restore`}>Restore or merge a backup</h2>
        <div className="kp-field">
          <label htmlFor={`${ids}-file`}>Choose a backup file</label>
          <input
            id={`${ids}-file`}
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            disabled={busy !== null}
            onChange={(e) => void onChoose(e.target.files?.[0])}
          />
        </div>
        {chosen?.kind === 'invalid' && (
          <div className="kp-alert" role="alert">
            <p>“{chosen.name}” cannot be used, and nothing was changed:</p>
            <ProblemList problems={chosen.problems} />
          </div>
        )}
        {backup && (
          <>
            <p data-testid="backup-summary">
              Backup from {formatDate(backup.exportedAt)}: {count(backup.decks.length, 'deck')},{' '}
              {count(backup.cards.length, 'card')}, {count(backup.reviews.length, 'review')}
              {backup.recordings ? `, ${count(backup.recordings.length, 'recording')}` : ''}.
            </p>
            <div className="kp-data__choice">
              <button
                type="button"
                className="kp-button kp-button--primary"
                disabled={busy !== null}
                onClick={() => onMerge(backup)}
              >
                {busy === 'merge' ? 'Merging…' : 'Merge into this device'}
              </button>
              <p className="kp-muted">
                Adds the reviews, cards and decks this device lacks and rebuilds their schedules. Nothing on
                this device is lost, and a review already here is never counted twice.
              </p>
            </div>
            <div className="kp-data__choice">
              <button
                ref={replaceButton}
                type="button"
                className="kp-button kp-button--danger"
                disabled={busy !== null || confirming}
                onClick={() => setConfirming(true)}
              >
                Replace everything with this backup…
              </button>
            </div>
            {confirming && (
              <ConfirmDialog
                role="alertdialog"
                headingLevel={3}
                className="kp-alert kp-data__confirm"
                actionsClassName="kp-data__actions"
                title="Replace all data on this device?"
                confirmLabel="Yes, replace everything"
                busy={busy !== null}
                onConfirm={() => {
                  setConfirming(false);
                  onRestore(backup);
                }}
                onCancel={() => {
                  setConfirming(false);
                  // The dialog goes away with the focus in it: give it back to what opened it.
                  requestAnimationFrame(() => replaceButton.current?.focus());
                }}
              >
                This deletes everything here
                {totals ? ` (${count(totals.cards, 'card')} and ${count(totals.reviews, 'review')})` : ''} and
                puts the backup’s data in its place
                {backup.recordings
                  ? ', recordings included'
                  : '; recordings of the cards it brings back stay, as the backup has none'}
                . Export a backup first if you may want it back.
              </ConfirmDialog>
            )}
          </>
        )}
      </section>

      <section className="kp-card kp-data__section" aria-labelledby={`${ids}-anki`}>
        <h2 id={`${ids}-anki`}>Export to Anki</h2>
        <p>
          A text file Anki imports as Basic notes: the question in front, key points, pitfalls and example
          answer on the back.
        </p>
        <button type="button" className="kp-button" disabled={busy !== null} onClick={onAnki}>
          Export for Anki
        </button>
      </section>

      <section className="kp-card kp-data__section" aria-labelledby={`${ids}-import`}>
        <h2 id={`${ids}-import`}>Import cards</h2>
        <p>
          Add a deck from another interview page, a spreadsheet (CSV) or JSON.{' '}
          <a href={IMPORT_HREF}>Import cards</a>
        </p>
      </section>

      <div aria-live="polite">
        {busy === 'merge' && (
          <p className="kp-muted">Merging: uniting the reviews and rebuilding schedules…</p>
        )}
        {busy === 'restore' && <p className="kp-muted">Restoring…</p>}
        {message?.kind === 'status' && (
          <p className="kp-notice" role="status">
            {message.text}
          </p>
        )}
      </div>
      {message?.kind === 'error' && (
        <div className="kp-alert" role="alert">
          <p>{message.text}</p>
          {message.problems.length > 0 && <ProblemList problems={message.problems} />}
        </div>
      )}
    </section>
  );
}
