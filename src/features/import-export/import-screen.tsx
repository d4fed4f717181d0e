// Import: paste or upload another page, a CSV or JSON; preview what it adds, updates and retires; write it all at once.
import { useEffect, useId, useState } from 'react';
import { BROWSE_HREF, HOME_HREF } from '../../components/routes';
import {
  count,
  errorDetail,
  errorWords,
  LEVEL_LABELS,
  number,
  type Problem,
  ValidationError,
} from '../../domain';
import { CSV_COLUMNS } from '../../domain/import-csv';
import { useDb } from '../../hooks/use-db';
import { useLive } from '../../hooks/use-live';
import {
  type DeckImportPreview,
  importDeck,
  previewDeckImport,
} from '../../storage/repositories/data-transfer';
import type { UpsertResult } from '../../storage/repositories/decks';
import {
  detectFormat,
  FORMAT_LABELS,
  type ImportFormat,
  type PreparedImport,
  prepareImport,
} from './prepare-import';
import { ProblemList } from './problem-list';
import './import-export.css';

/** Pause after the last keystroke before the input is read again: a 10,000-row CSV takes a moment. */
export const PREVIEW_DELAY_MS = 250;
/** Far above any real deck; a bigger file is refused before it is read into memory. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

type FormatChoice = 'auto' | ImportFormat;

type Outcome =
  | { kind: 'done'; title: string; result: UpsertResult }
  | { kind: 'error'; message: string; problems: Problem[] };

function describeError(error: unknown): { message: string; problems: Problem[] } {
  if (error instanceof ValidationError) {
    return { message: 'Nothing was imported: fix these problems, then try again.', problems: error.problems };
  }
  return {
    message: errorWords(error, `The import failed (${errorDetail(error)}). Nothing was changed.`),
    problems: [],
  };
}

function diffText(diff: DeckImportPreview): string {
  if (!diff.existing) return `A new deck: adds ${count(diff.added, 'card')}.`;
  const unchanged =
    diff.unchanged === 0 ? '' : ` ${count(diff.unchanged, 'card stays as it is', 'cards stay as they are')}.`;
  return `Updates ${count(diff.updated, 'card')}, adds ${number(diff.added)}, retires ${number(diff.retired)}.${unchanged}`;
}

function CsvHelp() {
  return (
    <details className="kp-import__help">
      <summary>CSV columns</summary>
      <p>
        The first line names the columns (any case; spaces, “_” or “-” allowed, so “Key points” works). Cells
        are separated by commas, semicolons or tabs; a cell with a separator, a line break or a double quote
        goes in double quotes.
      </p>
      <table className="kp-import__columns">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Needed</th>
            <th scope="col">What it holds</th>
          </tr>
        </thead>
        <tbody>
          {CSV_COLUMNS.map((c) => (
            <tr key={c.name}>
              <th scope="row">
                <code>{c.name}</code>
              </th>
              <td>{c.required ? 'Required' : 'Optional'}</td>
              <td>{c.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function FormatHelp() {
  return (
    <details className="kp-import__help">
      <summary>Page and JSON formats</summary>
      <p>
        <strong>Page:</strong> the text of an interview-questions page, as copied from the browser: level
        headings such as “1. Junior … Interview Questions and Answers”, questions such as “1.1. …”, each with
        Introduction, How to answer, What not to say and Example answer.
      </p>
      <p>
        <strong>JSON:</strong> a Keypoints deck file, or a list of cards with the CSV columns as fields, e.g.{' '}
        <code>
          [{'{'}"question": "…", "keyPoints": ["…", "…"], "level": "senior"{'}'}]
        </code>
        .
      </p>
    </details>
  );
}

export function ImportScreen() {
  const db = useDb();
  const ids = useId();
  const [pasted, setPasted] = useState('');
  const [upload, setUpload] = useState<{ name: string; text: string } | null>(null);
  const [choice, setChoice] = useState<FormatChoice>('auto');
  const [title, setTitle] = useState<string | undefined>(undefined);
  const [prepared, setPrepared] = useState<PreparedImport | null>(null);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const text = upload?.text ?? pasted;
  const fileName = upload?.name;
  const detected = text.trim() ? detectFormat(text, fileName) : null;
  const format: ImportFormat | null = choice === 'auto' ? detected : choice;

  useEffect(() => {
    if (!format || text.trim() === '') {
      setPrepared(null);
      setStale(false);
      return;
    }
    setStale(true);
    const timer = setTimeout(() => {
      setPrepared(prepareImport(text, { format, title, fileName, now: Date.now() }));
      setStale(false);
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, format, title, fileName]);

  // A live query: after the import (or an edit in another tab) the counts follow the device's data.
  const checked = useLive(
    async () =>
      prepared?.file ? { file: prepared.file, diff: await previewDeckImport(db, prepared.file) } : null,
    [db, prepared],
  );
  // The query answers a moment after the input changes: an answer about an older input is not used.
  const diff = checked && checked.file === prepared?.file ? checked.diff : null;

  const onFile = async (file: File | undefined) => {
    setOutcome(null);
    setFileError(null);
    if (!file) {
      setUpload(null);
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      setUpload(null);
      setFileError(
        `“${file.name}” is ${(file.size / 1024 / 1024).toFixed(0)} MB; an import takes at most ${MAX_FILE_BYTES / 1024 / 1024} MB. Split it into several files.`,
      );
      return;
    }
    setTitle(undefined);
    setUpload({ name: file.name, text: await file.text() });
  };

  const problems = [...(prepared?.problems ?? []), ...(diff?.problems ?? [])];
  const canImport = !!prepared?.file && !!diff && problems.length === 0 && !stale && !busy;

  const onImport = async () => {
    if (!prepared?.file) return;
    setBusy(true);
    setOutcome(null);
    try {
      const result = await importDeck(db, prepared.file, Date.now());
      setOutcome({ kind: 'done', title: prepared.title, result });
    } catch (error) {
      setOutcome({ kind: 'error', ...describeError(error) });
    } finally {
      setBusy(false);
    }
  };

  const fileId = `${ids}-file`;
  const textId = `${ids}-text`;
  const formatId = `${ids}-format`;
  const titleId = `${ids}-title`;
  const problemsId = `${ids}-problems`;

  return (
    <section className="kp-import" aria-labelledby={`${ids}-h1`}>
      <h1 id={`${ids}-h1`}>Import cards</h1>
      <p className="kp-muted">
        Add a deck from another company’s or role’s interview page, a spreadsheet (CSV) or a JSON file.
        Nothing is written until you press Import, and then all of it at once.
      </p>

      <div className="kp-card kp-import__input">
        <div className="kp-field">
          <label htmlFor={fileId}>Choose a file</label>
          <input
            id={fileId}
            type="file"
            accept=".txt,.md,.csv,.tsv,.json,text/plain,text/csv,application/json"
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
          {upload && (
            <p className="kp-muted">
              Reading “{upload.name}” ({count(upload.text.length, 'character')}).{' '}
              <button type="button" className="kp-linkbutton" onClick={() => void onFile(undefined)}>
                Paste text instead
              </button>
            </p>
          )}
          {fileError && (
            <p className="kp-alert" role="alert">
              {fileError}
            </p>
          )}
        </div>
        {!upload && (
          <div className="kp-field">
            <label htmlFor={textId}>Or paste the text</label>
            <textarea
              id={textId}
              className="kp-import__text"
              rows={8}
              spellCheck={false}
              value={pasted}
              onChange={(e) => {
                setOutcome(null);
                setPasted(e.target.value);
              }}
            />
          </div>
        )}
        <div className="kp-field">
          <label htmlFor={formatId}>Format</label>
          <select id={formatId} value={choice} onChange={(e) => setChoice(e.target.value as FormatChoice)}>
            <option value="auto">
              {detected
                ? `Detect automatically (looks like: ${FORMAT_LABELS[detected]})`
                : 'Detect automatically'}
            </option>
            {(Object.keys(FORMAT_LABELS) as ImportFormat[]).map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
        <CsvHelp />
        <FormatHelp />
      </div>

      {prepared && (
        <section className="kp-card kp-import__preview" aria-labelledby={`${ids}-preview`} aria-busy={stale}>
          <h2 id={`${ids}-preview`}>Preview</h2>
          <div className="kp-field">
            <label htmlFor={titleId}>Deck name</label>
            <input
              id={titleId}
              value={title ?? prepared.defaultTitle}
              maxLength={200}
              onChange={(e) => setTitle(e.target.value)}
              aria-describedby={`${titleId}-hint`}
            />
            <p id={`${titleId}-hint`} className="kp-muted kp-import__hint">
              Deck id: <code data-testid="deck-id">{prepared.deckId || '—'}</code>
              {prepared.idFromFile ? ' (kept from the file). ' : ' (made from the name). '}
              Importing the same source again under the same deck id updates its cards and keeps their review
              history.
            </p>
          </div>
          <p data-testid="import-found">
            Found {count(prepared.cardCount, 'question')} in {count(prepared.levels.length, 'level')}
            {prepared.levels.length > 0 && ` (${prepared.levels.map((l) => LEVEL_LABELS[l]).join(', ')})`}.
          </p>
          {diff && problems.length === 0 && <p data-testid="import-diff">{diffText(diff)}</p>}
          {problems.length > 0 && (
            <div className="kp-import__problems">
              <h3>{count(problems.length, 'problem')} to fix before importing</h3>
              <ProblemList problems={problems} id={problemsId} />
            </div>
          )}
          {prepared.sample.length > 0 && (
            <>
              <h3>First questions</h3>
              <ul className="kp-import__sample">
                {prepared.sample.map((q, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: two cards may ask the same question.
                  <li key={i}>{q}</li>
                ))}
              </ul>
            </>
          )}
          <button
            type="button"
            className="kp-button kp-button--primary kp-button--block"
            disabled={!canImport}
            aria-describedby={problems.length > 0 ? problemsId : undefined}
            onClick={() => void onImport()}
          >
            {busy ? 'Importing…' : `Import ${count(prepared.cardCount, 'card')}`}
          </button>
          {stale && <p className="kp-muted">Reading your input…</p>}
        </section>
      )}

      <div aria-live="polite">
        {outcome?.kind === 'done' && (
          <div className="kp-notice" role="status">
            <p>
              Imported “{outcome.title}”: added {count(outcome.result.added, 'card')}, updated{' '}
              {number(outcome.result.updated)}, retired {number(outcome.result.retired)}.
            </p>
            <p>
              <a href={HOME_HREF}>Start a review</a> · <a href={BROWSE_HREF}>Browse cards</a>
            </p>
          </div>
        )}
      </div>
      {outcome?.kind === 'error' && (
        <div className="kp-alert" role="alert">
          <p>{outcome.message}</p>
          {outcome.problems.length > 0 && <ProblemList problems={outcome.problems} />}
        </div>
      )}
    </section>
  );
}
