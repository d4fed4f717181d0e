// Search and filters over the browse index: pure functions, cheap enough to run on every keystroke.
import { type Kind, type Level, normalizeForSearch, State } from '../../domain';
import type { BrowseEntry } from '../../storage/repositories/browse-index';

export const STATE_FILTERS = ['new', 'learning', 'review', 'due', 'suspended'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export const STATE_FILTER_LABELS: Record<StateFilter, string> = {
  new: 'New',
  learning: 'Learning',
  review: 'Review',
  due: 'Due now',
  suspended: 'Suspended',
};

/** Each filter is one value or '' (any). */
export interface BrowseFilters {
  deckId: string;
  level: Level | '';
  kind: Kind | '';
  /** Lowercase: tags match whatever their case. */
  tag: string;
  state: StateFilter | '';
}

export const NO_FILTERS: BrowseFilters = { deckId: '', level: '', kind: '', tag: '', state: '' };

/**
 * The words a card must all contain, normalised as `searchText` is. Longest first, because a long
 * word rules out most cards in one scan; a word inside another word adds nothing and is dropped.
 */
export function queryWords(query: string): string[] {
  const words = [...new Set(normalizeForSearch(query).split(' ').filter(Boolean))].sort(
    (a, b) => b.length - a.length,
  );
  return words.filter((w, i) => !words.some((other, j) => j < i && other.includes(w)));
}

function inState(e: BrowseEntry, state: StateFilter, now: number): boolean {
  switch (state) {
    case 'new':
      return e.state === State.New;
    case 'learning':
      return e.state === State.Learning || e.state === State.Relearning;
    case 'review':
      return e.state === State.Review;
    case 'due':
      return e.state !== State.New && e.due <= now && !e.suspended && !e.retired;
    case 'suspended':
      return e.suspended;
  }
}

function passes(e: BrowseEntry, filters: BrowseFilters, now: number): boolean {
  const { deckId, level, kind, tag, state } = filters;
  if (deckId && e.deckId !== deckId) return false;
  if (level && e.level !== level) return false;
  if (kind && e.kind !== kind) return false;
  if (state && !inState(e, state, now)) return false;
  if (tag && !e.tags.some((t) => t.toLowerCase() === tag)) return false;
  return true;
}

/** Results, and where each word first occurs in each result's search text (aligned with results). */
interface Hits {
  results: BrowseEntry[];
  firstAt: Map<string, Int32Array>;
}

/**
 * Scans `pool` for entries that pass the filters and contain every word. `known` holds where
 * earlier words first occur in each pool entry: a word already searched for is not searched again,
 * and a word that extends one ("cost" after "cos") starts where that one first occurs, because
 * every occurrence of the longer word is an occurrence of the shorter.
 */
function scan(
  pool: readonly BrowseEntry[],
  known: ReadonlyMap<string, Int32Array>,
  words: readonly string[],
  filters: BrowseFilters,
  now: number,
): Hits {
  const plan = words.map((w) => {
    const same = known.get(w);
    if (same) return { w, same, from: null };
    let from: Int32Array | null = null;
    let longest = 0;
    for (const [old, at] of known)
      if (old.length > longest && w.startsWith(old)) {
        from = at;
        longest = old.length;
      }
    return { w, same: null, from };
  });
  const results: BrowseEntry[] = [];
  const found = plan.map(() => new Int32Array(pool.length));
  const at = new Array<number>(plan.length);
  outer: for (let i = 0; i < pool.length; i++) {
    const e = pool[i] as BrowseEntry;
    if (!passes(e, filters, now)) continue;
    for (let k = 0; k < plan.length; k++) {
      const { w, same, from } = plan[k] as (typeof plan)[number];
      const index = same ? (same[i] as number) : e.searchText.indexOf(w, from ? (from[i] as number) : 0);
      if (index < 0) continue outer;
      at[k] = index;
    }
    for (let k = 0; k < plan.length; k++) (found[k] as Int32Array)[results.length] = at[k] as number;
    results.push(e);
  }
  return { results, firstAt: new Map(words.map((w, k) => [w, found[k] as Int32Array])) };
}

/** The entries, in their given order, that pass every filter and contain every word. */
export function searchEntries(
  entries: readonly BrowseEntry[],
  words: readonly string[],
  filters: BrowseFilters,
  now: number,
): BrowseEntry[] {
  return scan(entries, new Map(), words, filters, now).results;
}

export interface SearchInput {
  entries: readonly BrowseEntry[];
  query: string;
  filters: BrowseFilters;
  now: number;
}

/**
 * A search that remembers its last answer: when the user types on ("cost" → "cost-eff"), every
 * old word is inside a new word, so the new results are among the old ones and only they are
 * scanned, from where the old words were found. Same inputs, same results as `searchEntries`.
 */
export function createSearcher(): (input: SearchInput) => BrowseEntry[] {
  let last: { entries: readonly BrowseEntry[]; words: string[]; key: string; hits: Hits } | null = null;
  return (input) => {
    const words = queryWords(input.query);
    const { filters } = input;
    // "Due now" moves with the clock; the other filters do not.
    const key = `${filters.deckId}\n${filters.level}\n${filters.kind}\n${filters.tag}\n${filters.state}\n${
      filters.state === 'due' ? input.now : ''
    }`;
    const narrows =
      last !== null &&
      last.entries === input.entries &&
      last.key === key &&
      last.words.every((old) => words.some((w) => w.includes(old)));
    const hits =
      narrows && last
        ? scan(last.hits.results, last.hits.firstAt, words, filters, input.now)
        : scan(input.entries, new Map(), words, filters, input.now);
    last = { entries: input.entries, words, key, hits };
    return hits.results;
  };
}

/** Every tag in use, once whatever its case, sorted for a menu: [lowercase value, label]. */
export function tagOptions(entries: readonly BrowseEntry[]): Array<[string, string]> {
  const tags = new Map<string, string>();
  for (const e of entries)
    for (const t of e.tags) if (!tags.has(t.toLowerCase())) tags.set(t.toLowerCase(), t);
  return [...tags].sort((a, b) => a[0].localeCompare(b[0]));
}
