// Parses an interview-questions page (plain text, as copied from the source site) into cards, listing every problem.
import type { Card, Level } from './card';
import { ParseError, type Problem } from './errors';
import { classifyKind } from './kind';

export interface ParsePageOptions {
  /** Slug of the deck the cards belong to: card ids are `${deckId}/${number}`. */
  deckId: string;
}

export interface PageParseResult {
  /** The page's first line, e.g. "5 Amazon Engineer Interview Questions and Answers". */
  title: string;
  /** The page's second line (before any heading), untruncated. */
  description: string;
  /** Only questions without problems: a question with a problem is listed in `problems` instead. */
  cards: Card[];
  /** Every problem found, in page order, capped at MAX_PROBLEMS plus one "…and N more" line. */
  problems: Problem[];
  /** The level of each level heading, in page order. */
  levels: Level[];
}

/** An import preview lists problems; beyond this many, the rest are counted, not listed. */
export const MAX_PROBLEMS = 100;

/*
 * The page format, line by line (blank lines are ignored everywhere):
 *   title line, description line, marketing lines ……… ignored until the first heading
 *   "N. <…> Interview Questions and Answers" ……………… level heading, N = 1, 2, 3…
 *   "N.M. <question>" ……………………………………………………………… question, M = 1, 2, 3… within level N
 *   Introduction / How to answer / What not to say / Example answer / Skills tested / Question type
 *   "Similar Interview Questions…" ……………………………… end of the questions: the rest is not read
 * The first four sections are required; the last two are optional (empty in the built-in source).
 */

const SECTIONS = [
  { key: 'context', heading: 'Introduction', required: true },
  { key: 'keyPoints', heading: 'How to answer', required: true },
  { key: 'pitfalls', heading: 'What not to say', required: true },
  { key: 'exampleAnswer', heading: 'Example answer', required: true },
  { key: 'skills', heading: 'Skills tested', required: false },
  { key: 'questionType', heading: 'Question type', required: false },
] as const;

type Section = (typeof SECTIONS)[number];
type SectionKey = Section['key'];
const SECTION_BY_HEADING = new Map<string, Section>(SECTIONS.map((s) => [s.heading.toLowerCase(), s]));
const HEADING: Record<SectionKey, string> = Object.fromEntries(
  SECTIONS.map((s) => [s.key, s.heading]),
) as Record<SectionKey, string>;
const SECTION_ORDER = SECTIONS.map((s) => s.heading).join(' → ');

// Digits are bounded so that a line of a million digits fails in constant time.
const QUESTION_HEADING = /^(\d{1,3})\.(\d{1,3})[.:)]?\s+(\S.*)$/;
const LEVEL_HEADING = /^(\d{1,3})\.\s+(\S.*)$/;
const LEVEL_HEADING_WORDS = /\binterview questions\b/i;
const LEVEL_WORD = /\b(junior|senior|lead|principal)\b/i;
// Lines that start the site's footer ("Similar Interview Questions", pricing, sign-up): the end of
// the questions. Without this the footer's first line would be read as the last question's type.
const TRAILER_STARTS = ['similar interview questions', 'simple pricing, powerful features'];
const BULLET_MARKS = new Set(['-', '*', '•', '–']);
// HTML is recognised by its structure: a line that starts with markup (a doctype, a comment, an
// element such as <html>, <body> or <div class=…>). A tag inside a sentence ("How would you stop
// </script> injection?") is the question's text: interview questions about the web name tags.
// Only spaces and tabs before the "<", so that a run of blank lines costs one step per line.
const HTML_LINE_START = /^[^\S\r\n]*<(?:!doctype|!--|\/?[a-z][a-z0-9]*)(?=[\s>/])/im;

interface Line {
  text: string;
  /** 1-based. */
  no: number;
}

interface Draft {
  number: string;
  line: number;
  question: string;
  level: Level;
  sections: Partial<Record<SectionKey, Line[]>>;
  /** The line of each section's heading. */
  sectionLines: Partial<Record<SectionKey, number>>;
  current: SectionKey | null;
  /** Lines after the one-line "Question type": the footer if the page ends here, stray text otherwise. */
  overflow: Line[];
  problems: Problem[];
}

/** Collects problems in order, keeping the first MAX_PROBLEMS and counting the rest. */
class ProblemCollector {
  private readonly kept: Problem[] = [];
  private dropped = 0;

  add(problem: Problem): void {
    if (this.kept.length < MAX_PROBLEMS) this.kept.push(problem);
    else this.dropped++;
  }

  get count(): number {
    return this.kept.length + this.dropped;
  }

  toArray(): Problem[] {
    if (this.dropped === 0) return [...this.kept];
    return [...this.kept, { message: `…and ${this.dropped} more problem${this.dropped === 1 ? '' : 's'}.` }];
  }
}

export function parsePage(text: string, options: ParsePageOptions): PageParseResult {
  const problems = new ProblemCollector();
  const empty = (): PageParseResult => ({
    title: '',
    description: '',
    cards: [],
    problems: problems.toArray(),
    levels: [],
  });

  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (source.trim() === '') {
    problems.add({ line: 1, message: 'The page is empty: paste the text of an interview-questions page.' });
    return empty();
  }
  const html = findHtml(source);
  if (html) {
    problems.add({
      line: html.line,
      message: `This looks like HTML (${html.tag} on this line), not the page's text: open the page in a browser, select all, copy and paste the text.`,
    });
    return empty();
  }

  const lines = toLines(source);
  const cards: Card[] = [];
  const levels: Level[] = [];
  const seenNumbers = new Map<string, number>();
  let title = '';
  let description = '';
  let inPreamble = true;
  let levelNo = 0;
  let levelLine = 0;
  let level: Level | null = null;
  let questionsInLevel = 0;
  let lastQuestionNo = 0;
  let draft: Draft | null = null;
  let stray: Line[] = [];

  // Text outside any section, between headings: reported when a heading follows it, because a
  // mistyped question heading would otherwise vanish without a word.
  const reportStray = (): void => {
    const first = stray[0];
    if (first) {
      const more =
        stray.length > 1 ? ` (and ${stray.length - 1} more line${stray.length > 2 ? 's' : ''})` : '';
      problems.add({
        line: first.no,
        message: `Unexpected text "${preview(first.text)}"${more}: expected a question ("1.2. …") or a level heading ("2. … Interview Questions and Answers").`,
      });
    }
    stray = [];
  };

  const finishDraft = (atEnd: boolean): void => {
    if (!draft) return;
    if (!atEnd) stray.push(...draft.overflow);
    const card = finalize(draft, options.deckId, cards.length);
    for (const p of draft.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))) problems.add(p);
    if (card) cards.push(card);
    draft = null;
  };

  const finishLevel = (): void => {
    if (levelNo > 0 && questionsInLevel === 0) {
      problems.add({
        line: levelLine,
        field: 'question',
        message: `Level ${levelNo} has no questions: expected questions numbered ${levelNo}.1, ${levelNo}.2, ….`,
      });
    }
  };

  for (const line of lines) {
    const { text: t, no } = line;
    if (inPreamble && !QUESTION_HEADING.test(t) && !isLevelHeading(t)) {
      if (title === '') title = t;
      else if (description === '') description = t;
      continue;
    }
    inPreamble = false;

    if (isTrailer(t)) break;

    const q = QUESTION_HEADING.exec(t);
    if (q) {
      finishDraft(false);
      const qLevel = Number(q[1]);
      const qNo = Number(q[2]);
      const number = `${qLevel}.${qNo}`;
      reportStray();
      draft = {
        number,
        line: no,
        question: q[3] ?? '',
        level: level ?? 'mid',
        sections: {},
        sectionLines: {},
        current: null,
        overflow: [],
        problems: [],
      };
      if (levelNo === 0) {
        draft.problems.push({
          line: no,
          field: 'question',
          message: `Question ${number} comes before any level heading: expected a heading like "${qLevel}. Junior … Interview Questions and Answers" first.`,
        });
      } else if (qLevel !== levelNo) {
        draft.problems.push({
          line: no,
          field: 'question',
          message: `Question ${number} is under level ${levelNo} (line ${levelLine}): expected a number starting with ${levelNo}.`,
        });
      } else {
        const firstLine = seenNumbers.get(number);
        if (firstLine !== undefined) {
          draft.problems.push({
            line: no,
            field: 'question',
            message: `Question ${number} appears twice (first on line ${firstLine}): each number must be unique.`,
          });
        } else if (qNo !== lastQuestionNo + 1) {
          problems.add({
            line: no,
            field: 'question',
            message: `Question ${number} follows ${lastQuestionNo === 0 ? `the level heading` : `${levelNo}.${lastQuestionNo}`}: expected ${levelNo}.${lastQuestionNo + 1} (is a question missing or misnumbered?).`,
          });
        }
        if (firstLine === undefined) seenNumbers.set(number, no);
        lastQuestionNo = Math.max(lastQuestionNo, qNo);
        questionsInLevel++;
      }
      continue;
    }

    if (isLevelHeading(t)) {
      finishDraft(false);
      reportStray();
      finishLevel();
      const match = LEVEL_HEADING.exec(t);
      const n = Number(match?.[1]);
      if (n !== levelNo + 1) {
        problems.add({
          line: no,
          field: 'level',
          message:
            n <= levelNo
              ? `Level heading ${n} comes after level ${levelNo}: expected level ${levelNo + 1} (levels are numbered 1, 2, 3… in order, each once).`
              : `Level heading ${n} follows level ${levelNo}: expected level ${levelNo + 1}.`,
        });
      }
      levelNo = n;
      levelLine = no;
      level = levelFromHeading(match?.[2] ?? '');
      levels.push(level);
      questionsInLevel = 0;
      lastQuestionNo = 0;
      continue;
    }

    if (draft) addToDraft(draft, line);
    else stray.push(line);
  }
  finishDraft(true);
  reportStray();
  finishLevel();

  if (levels.length === 0 && cards.length === 0 && problems.count === 0) {
    problems.add({
      line: 1,
      field: 'level',
      message:
        'No level heading or question found: expected headings like "1. Junior … Interview Questions and Answers" and questions like "1.1. …".',
    });
  }

  return { title, description, cards, problems: problems.toArray(), levels };
}

/** As parsePage, but throws ParseError when the page has any problem or no question at all. */
export function parsePageStrict(text: string, options: ParsePageOptions): PageParseResult {
  const result = parsePage(text, options);
  if (result.problems.length > 0) throw new ParseError(result.problems);
  if (result.cards.length === 0) {
    throw new ParseError([{ message: 'The page has no questions: expected questions like "1.1. …".' }]);
  }
  return result;
}

/** Level named by the heading's words; a heading with none of them ("Amazon Engineer…") is mid. */
export function levelFromHeading(heading: string): Level {
  const word = LEVEL_WORD.exec(heading)?.[1]?.toLowerCase();
  switch (word) {
    case 'junior':
    case 'senior':
    case 'lead':
    case 'principal':
      return word;
    default:
      return 'mid';
  }
}

function addToDraft(draft: Draft, line: Line): void {
  const section = SECTION_BY_HEADING.get(line.text.replace(/:$/, '').trim().toLowerCase());
  if (section !== undefined) {
    openSection(draft, section.key, line.no);
    return;
  }
  if (draft.current === null) {
    draft.problems.push({
      line: line.no,
      field: 'Introduction',
      message: `Unexpected text "${preview(line.text)}" after question ${draft.number}: expected the "Introduction" heading.`,
    });
    return;
  }
  const content = draft.sections[draft.current];
  // "Question type" is one line: what follows it is the footer, or stray text if a question follows.
  if (draft.current === 'questionType' && content && content.length >= 1) {
    draft.overflow.push(line);
    return;
  }
  content?.push(line);
}

function openSection(draft: Draft, key: SectionKey, lineNo: number): void {
  const heading = HEADING[key];
  const firstLine = draft.sectionLines[key];
  if (firstLine !== undefined) {
    draft.problems.push({
      line: lineNo,
      field: heading,
      message: `Question ${draft.number} has a second "${heading}" section (the first is on line ${firstLine}): is a question heading missing above it?`,
    });
  } else {
    const position = SECTIONS.findIndex((s) => s.key === key);
    const later = SECTIONS.slice(position + 1).find((s) => draft.sectionLines[s.key] !== undefined);
    if (later !== undefined) {
      draft.problems.push({
        line: lineNo,
        field: heading,
        message: `"${heading}" must come before "${later.heading}" (line ${draft.sectionLines[later.key]}): expected the order ${SECTION_ORDER}.`,
      });
    }
  }
  // Overflow lines seen before another heading were not footer after all.
  draft.overflow = [];
  draft.sectionLines[key] = lineNo;
  draft.sections[key] = [];
  draft.current = key;
}

function finalize(draft: Draft, deckId: string, order: number): Card | null {
  const { problems } = draft;
  for (const section of SECTIONS) {
    const content = draft.sections[section.key];
    if (content === undefined) {
      if (section.required) {
        problems.push({
          line: draft.line,
          field: section.heading,
          message: `Question ${draft.number} has no "${section.heading}" section: expected the order ${SECTION_ORDER}.`,
        });
      }
    } else if (section.required && content.length === 0) {
      problems.push({
        line: draft.sectionLines[section.key],
        field: section.heading,
        message: `"${section.heading}" of question ${draft.number} is empty.`,
      });
    }
  }
  const keyPoints = bullets(draft, 'keyPoints');
  const pitfalls = bullets(draft, 'pitfalls');
  if (problems.length > 0) return null;

  const paragraphs = (key: SectionKey) => (draft.sections[key] ?? []).map((l) => l.text).join('\n\n');
  const context = paragraphs('context');
  return {
    id: `${deckId}/${draft.number}`,
    deckId,
    number: draft.number,
    order,
    level: draft.level,
    kind: classifyKind(draft.question, context),
    question: draft.question,
    context,
    keyPoints,
    pitfalls,
    exampleAnswer: stripQuotes(paragraphs('exampleAnswer')),
    skills: (draft.sections.skills ?? []).map((l) => stripBullet(l.text) ?? l.text),
    questionType: draft.sections.questionType?.[0]?.text ?? '',
    tags: [],
  };
}

function bullets(draft: Draft, key: 'keyPoints' | 'pitfalls'): string[] {
  const out: string[] = [];
  for (const line of draft.sections[key] ?? []) {
    const item = stripBullet(line.text);
    if (item === null || item === '') {
      draft.problems.push({
        line: line.no,
        field: HEADING[key],
        message: `Expected a bullet starting with "- " in "${HEADING[key]}" of question ${draft.number}, found "${preview(line.text)}".`,
      });
    } else {
      out.push(item);
    }
  }
  return out;
}

function stripBullet(text: string): string | null {
  const mark = text[0];
  const space = text[1];
  if (mark === undefined || !BULLET_MARKS.has(mark) || space === undefined || space.trim() !== '')
    return null;
  return text.slice(2).trim();
}

// The source quotes each example answer (“…”); the card shows the answer itself.
function stripQuotes(text: string): string {
  const pairs: [string, string][] = [
    ['\u201C', '\u201D'],
    ['"', '"'],
  ];
  for (const [open, close] of pairs) {
    if (text.length >= 2 && text.startsWith(open) && text.endsWith(close)) return text.slice(1, -1).trim();
  }
  return text;
}

function isLevelHeading(text: string): boolean {
  const match = LEVEL_HEADING.exec(text);
  return match !== null && LEVEL_HEADING_WORDS.test(match[2] ?? '');
}

function isTrailer(text: string): boolean {
  const lower = text.toLowerCase();
  return TRAILER_STARTS.some((start) => lower.startsWith(start));
}

function toLines(text: string): Line[] {
  const out: Line[] = [];
  const raw = text.split(/\r\n|\r|\n/);
  for (const [i, line] of raw.entries()) {
    const trimmed = line.trim();
    if (trimmed !== '') out.push({ text: trimmed, no: i + 1 });
  }
  return out;
}

function findHtml(text: string): { line: number; tag: string } | null {
  const found = HTML_LINE_START.exec(text);
  if (!found) return null;
  const tag = found[0].trim();
  const index = found.index + found[0].indexOf('<');
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return { line, tag: tag.endsWith('>') ? tag : `${tag}>` };
}

function preview(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
