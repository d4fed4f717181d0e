// Cards from a CSV file made in a spreadsheet: the columns, the row rules and line-precise problems.
//
// Columns (first line is the header; names are case-insensitive and may contain spaces, "_" or
// "-", so "Key points" and "key_points" both mean keyPoints; unknown columns are ignored):
//   question       required  The interview question.
//   context        optional  Why the question is asked.
//   keyPoints      required  What the answer must cover: one per line inside the cell, or separated by " | ".
//   pitfalls       optional  What not to say: same separators as keyPoints.
//   exampleAnswer  optional  A model answer.
//   level          optional  junior, mid, senior, lead or principal (any case). Default: mid.
//   kind           optional  behavioral, system-design ("system design" too), operational or judgement. Default: judgement.
//   tags           optional  Separated by commas or spaces.
//   id, number     optional  Card id / number. The id is `${deckId}/${number}`; without either, the
//                            number is the card's 1-based position among the rows. Give one so
//                            that re-importing an edited file keeps each card's review history.
// The separator (comma, semicolon or tab) is detected from the header line. A cell with a
// separator, a line break or a double quote must be in double quotes, with its quotes doubled.
import Papa from 'papaparse';
import type { CardRecord } from './card';
import {
  type CardFields,
  cardFromFields,
  DEFAULT_KIND,
  DEFAULT_LEVEL,
  type ImportOptions,
  type ImportResult,
  MAX_IMPORT_CARDS,
} from './card-fields';
import type { Problem } from './errors';
import { capProblems, formatCount } from './validation';

export interface CsvColumn {
  name: keyof CardFields;
  required: boolean;
  description: string;
}

/** The documented columns, for the import screen's help text. */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  { name: 'question', required: true, description: 'The interview question.' },
  { name: 'context', required: false, description: 'Why the question is asked.' },
  {
    name: 'keyPoints',
    required: true,
    description: 'What the answer must cover: one per line inside the cell, or separated by " | ".',
  },
  { name: 'pitfalls', required: false, description: 'What not to say: same separators as keyPoints.' },
  { name: 'exampleAnswer', required: false, description: 'A model answer.' },
  {
    name: 'level',
    required: false,
    description: `junior, mid, senior, lead or principal (any case). Default: ${DEFAULT_LEVEL}.`,
  },
  {
    name: 'kind',
    required: false,
    description: `behavioral, system-design ("system design" too), operational or judgement. Default: ${DEFAULT_KIND}.`,
  },
  { name: 'tags', required: false, description: 'Separated by commas or spaces.' },
  {
    name: 'id',
    required: false,
    description: 'Optional card id; keeps the review history when the file is imported again.',
  },
  {
    name: 'number',
    required: false,
    description: 'Optional card number (e.g. 2.3); the id becomes deck/number. Default: the row position.',
  },
];

const SEPARATORS = [',', ';', '\t'] as const;

function headerKey(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

const COLUMN_BY_KEY = new Map(CSV_COLUMNS.map((c) => [c.name.toLowerCase(), c.name]));

/**
 * The separator that makes the most header cells known column names (comma on a tie). Papaparse's
 * own guess can pick "|" because of the " | " key point separator inside cells.
 */
function detectSeparator(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  let best: string = ',';
  let bestScore = 0;
  for (const sep of SEPARATORS) {
    const score = firstLine.split(sep).filter((cell) => COLUMN_BY_KEY.has(headerKey(cell))).length;
    if (score > bestScore) {
      best = sep;
      bestScore = score;
    }
  }
  return best;
}

/** Line breaks inside a row's cells: each one moves the next row one line further down the file. */
function lineBreaks(row: readonly string[]): number {
  let n = 0;
  for (const cell of row) {
    if (cell.indexOf('\n') === -1 && cell.indexOf('\r') === -1) continue;
    n += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
  }
  return n;
}

function isBlank(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === '');
}

const QUOTE_MESSAGES: Readonly<Record<string, string>> = {
  MissingQuotes: 'a quoted cell is never closed: check the double quotes from this line on',
  InvalidQuotes: 'a double quote inside a quoted cell must be doubled ("")',
};

/**
 * Reads cards from CSV text (see the column list at the top of this file). Never throws; each
 * problem names the line as a text editor counts it (the header is line 1) and the column.
 */
export function parseCardsCsv(text: string, options: ImportOptions): ImportResult {
  // Blank lines may sit between rows; twice the limit leaves room for them yet bounds the work.
  // One kind of line break, as a text editor counts them: Papaparse keeps to the first break it
  // meets, so a stray "\r" in a "\n" file would stay in a cell and shift every later line number.
  const lines = text.replace(/\r\n?/g, '\n');
  const parsed = Papa.parse<string[]>(lines, {
    delimiter: detectSeparator(lines),
    header: false,
    skipEmptyLines: false,
    preview: 2 * MAX_IMPORT_CARDS + 2,
  });
  // Papaparse's header mode loses the file's line numbers (quoted cells may span lines, blank lines
  // are skipped), so rows are read as arrays and each row's first line is counted here.
  const rows = parsed.data;
  const header = rows[0];
  if (!header || isBlank(header))
    return { cards: [], problems: [{ line: 1, message: 'The file is empty.' }] };

  const problems: Problem[] = [];
  const columnAt = new Map<keyof CardFields, number>();
  header.forEach((cell, i) => {
    const name = COLUMN_BY_KEY.get(headerKey(cell));
    if (!name) return;
    if (columnAt.has(name))
      problems.push({ line: 1, field: name, message: `the column "${name}" appears twice` });
    else columnAt.set(name, i);
  });
  for (const column of CSV_COLUMNS) {
    if (column.required && !columnAt.has(column.name)) {
      problems.push({
        line: 1,
        field: column.name,
        message: `the required column "${column.name}" is missing (the first line must name the columns)`,
      });
    }
  }
  if (problems.length > 0) return { cards: [], problems };

  const rowErrors = new Map<number, string>();
  for (const error of parsed.errors) {
    const message = QUOTE_MESSAGES[error.code];
    if (message && error.row !== undefined && !rowErrors.has(error.row)) rowErrors.set(error.row, message);
  }

  const dataRows = rows.length - 1;
  if (dataRows > MAX_IMPORT_CARDS && rows.slice(1).filter((r) => !isBlank(r)).length > MAX_IMPORT_CARDS) {
    return {
      cards: [],
      problems: [
        {
          message: `The file has more than ${formatCount(MAX_IMPORT_CARDS)} rows; one import takes at most ${formatCount(MAX_IMPORT_CARDS)}. Split it into several files.`,
        },
      ],
    };
  }

  const cards: CardRecord[] = [];
  const firstLineOfId = new Map<string, number>();
  let line = 1 + 1 + lineBreaks(header);
  let position = 0;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const rowLine = line;
    line += 1 + lineBreaks(row);
    if (isBlank(row)) continue;
    const at = position++;

    const quoteError = rowErrors.get(r);
    if (quoteError) {
      problems.push({ line: rowLine, message: quoteError });
      continue;
    }
    if (row.length > header.length && !isBlank(row.slice(header.length))) {
      problems.push({
        line: rowLine,
        message: `has ${row.length} cells but the header has ${header.length}: a cell containing the separator must be in double quotes`,
      });
      continue;
    }
    const fields: CardFields = {};
    for (const [name, i] of columnAt) fields[name] = row[i] ?? '';
    const result = cardFromFields(fields, at, options);
    for (const p of result.problems) problems.push({ line: rowLine, field: p.field, message: p.message });
    if (!result.card) continue;
    const first = firstLineOfId.get(result.card.id);
    if (first !== undefined) {
      problems.push({
        line: rowLine,
        field: columnAt.has('id') ? 'id' : 'number',
        message: `the card id "${result.card.id}" is already used on line ${first}`,
      });
      continue;
    }
    firstLineOfId.set(result.card.id, rowLine);
    cards.push(result.card);
  }
  if (position === 0) problems.push({ line: 2, message: 'The file has a header line but no cards.' });
  return { cards, problems: capProblems(problems) };
}
