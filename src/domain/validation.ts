// Checking outside input: valibot building blocks, issues turned into problems a person can read, and guards.
import * as v from 'valibot';
import { type Problem, ValidationError } from './errors';

/** Problems reported at once: enough to see the pattern, few enough to read. */
export const MAX_SHOWN_PROBLEMS = 20;

/** 9999-12-31T23:59:59.999Z: anything later is a damaged number, not a date. */
export const MAX_TIMESTAMP = 253_402_300_799_999;

/** The safeParse settings for every outside input: all problems, but one per field. */
export const PARSE_CONFIG = { abortEarly: false, abortPipeEarly: true } as const;

// ---------------------------------------------------------------------------------------------
// Schema building blocks. Messages are generated from the issue type in `describeIssue`; a schema
// only passes its own message where the generic one would be unclear.

/** Text of at most `max` characters. */
export const textOf = (max: number) => v.pipe(v.string(), v.maxLength(max));
/** Non-empty text of at most `max` characters. */
export const requiredTextOf = (max: number) => v.pipe(v.string(), v.nonEmpty(), v.maxLength(max));
/** Epoch milliseconds. */
export const timestamp = v.pipe(
  v.number(),
  v.finite(),
  v.minValue(0),
  v.maxValue(MAX_TIMESTAMP, 'is too large to be a date'),
);
/** A finite number from 0 to `max`. */
export const amount = (max: number) => v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(max));
/** A whole number from 0 to `max`. */
export const count = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));
/** A number within `min`–`max`, whole when `integer`. */
export const bounded = (b: { min: number; max: number; integer: boolean }) =>
  b.integer
    ? v.pipe(v.number(), v.integer(), v.minValue(b.min), v.maxValue(b.max))
    : v.pipe(v.number(), v.finite(), v.minValue(b.min), v.maxValue(b.max));
/** A list of at most `max` items. */
export const listOf = <T extends v.GenericSchema>(item: T, max: number) =>
  v.pipe(v.array(item), v.maxLength(max));
/** Checks the length before the items so a huge array is refused without walking it. */
export const recordsOf = <T extends v.GenericSchema>(item: T, max: number) =>
  v.pipe(v.array(v.unknown()), v.maxLength(max), v.array(item));

// ---------------------------------------------------------------------------------------------
// Issues → problems a person can read.

/** `cards[3].keyPoints[0]`: the same path a developer would type to reach the value. */
export function formatPath(path: readonly v.IssuePathItem[] | undefined): string {
  let out = '';
  for (const item of path ?? []) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** 100000 → "100,000", independent of the device's locale so messages are testable. */
export function formatCount(n: number | string): string {
  return String(n).replace(/^\d+/, (whole) => whole.replace(/\B(?=(\d{3})+$)/g, ','));
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  // valibot's own messages start with "Invalid "; anything else was written in a schema.
  if (!issue.message.startsWith('Invalid ')) return issue.message;
  const last = issue.path?.at(-1);
  if (last?.type === 'object' && last.origin === 'key') return 'is missing';
  const choices = () =>
    (issue.expected ?? '')
      .replace(/^\((.*)\)$/, '$1')
      .split(' | ')
      .map((s) => s.replace(/^"|"$/g, ''))
      .join(', ');
  switch (issue.type) {
    case 'string':
      return 'must be text';
    case 'number':
      return 'must be a number';
    case 'boolean':
      return 'must be true or false';
    case 'array':
      return 'must be a list';
    case 'object':
      return 'must be an object';
    case 'picklist':
      return `must be one of: ${choices()}`;
    case 'literal':
      return `must be ${choices()}`;
    case 'non_empty':
      return 'must not be empty';
    case 'max_length':
      return Array.isArray(issue.input)
        ? `has too many items: ${formatCount(issue.received)} (the limit is ${formatCount(String(issue.requirement))})`
        : `is too long: ${formatCount(issue.received)} characters (the limit is ${formatCount(String(issue.requirement))})`;
    case 'finite':
      return 'must be a finite number';
    case 'integer':
      return 'must be a whole number';
    case 'min_value':
      return issue.requirement === 0
        ? 'must not be negative'
        : `must be at least ${String(issue.requirement)}`;
    case 'max_value':
      return `is too large (the maximum is ${formatCount(String(issue.requirement))})`;
    default:
      return 'is not valid';
  }
}

/** Keeps the first MAX_SHOWN_PROBLEMS and says how many more there were. */
export function capProblems(problems: Problem[]): Problem[] {
  if (problems.length <= MAX_SHOWN_PROBLEMS) return problems;
  const rest = problems.length - MAX_SHOWN_PROBLEMS;
  return [
    ...problems.slice(0, MAX_SHOWN_PROBLEMS),
    { message: `…and ${formatCount(rest)} more ${rest === 1 ? 'problem' : 'problems'}.` },
  ];
}

/** valibot issues as problems; `prefix` is put before each path (e.g. the card's position). */
export function issuesToProblems(issues: readonly v.BaseIssue<unknown>[], prefix = ''): Problem[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path);
    const field = prefix && path && !path.startsWith('[') ? `${prefix}.${path}` : prefix + path;
    return field ? { field, message: describeIssue(issue) } : { message: describeIssue(issue) };
  });
}

// ---------------------------------------------------------------------------------------------
// Guards.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON.parse, throwing a ValidationError that says the file is damaged or not `what`. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // The engine's message (a position in a long line) helps nobody; what the user can act on is
    // that the file is damaged or not the right kind.
    throw new ValidationError([{ message: `This file is damaged or is not ${what}: it is not valid JSON.` }]);
  }
}

/** Each id at most once; reports the later copies. */
export function findDuplicates<T>(
  items: readonly T[],
  key: (item: T) => string,
  pathOf: (index: number) => string,
): Problem[] {
  const firstAt = new Map<string, number>();
  const problems: Problem[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    const first = firstAt.get(k);
    if (first === undefined) firstAt.set(k, i);
    else problems.push({ field: pathOf(i), message: `"${k}" appears twice (first at ${pathOf(first)})` });
  });
  return problems;
}
