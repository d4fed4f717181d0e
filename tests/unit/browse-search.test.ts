// Browse search: query words as the search text is normalised, filters, and the narrowing search staying exact.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVELS, normalizeForSearch, State } from '../../src/domain';
import {
  type BrowseFilters,
  createSearcher,
  NO_FILTERS,
  queryWords,
  searchEntries,
} from '../../src/features/browse/search';
import type { BrowseEntry } from '../../src/storage/repositories/browse-index';

function entry(id: string, text: string, overrides: Partial<BrowseEntry> = {}): BrowseEntry {
  return {
    id,
    deckId: 'd',
    order: 0,
    level: 'mid',
    kind: 'behavioral',
    tags: [],
    question: text,
    searchText: normalizeForSearch(text),
    suspended: false,
    retired: false,
    state: State.New,
    due: 0,
    ...overrides,
  };
}

const ids = (list: readonly BrowseEntry[]) => list.map((e) => e.id);

describe('queryWords', () => {
  it('normalises like the search text: case, accents, quotes and hyphen look-alikes', () => {
    expect(queryWords('  Café  “Cost\u2011Efficient”  ')).toEqual(['"cost-efficient"', 'cafe']);
  });

  it('drops words inside other words, longest first', () => {
    expect(queryWords('aws cost costly a')).toEqual(['costly', 'aws']);
  });
});

describe('searchEntries', () => {
  const entries = [
    entry('1', 'A cost\u2011efficient design on AWS', { level: 'senior', tags: ['Design'] }),
    entry('2', 'Cost-efficient microservices', { state: State.Review, due: 100 }),
    entry('3', 'Tell me about a conflict', { suspended: true, state: State.Learning, due: 0 }),
  ];

  it('matches every word anywhere, whatever the hyphen', () => {
    expect(ids(searchEntries(entries, queryWords('cost-efficient'), NO_FILTERS, 0))).toEqual(['1', '2']);
    expect(ids(searchEntries(entries, queryWords('aws efficient'), NO_FILTERS, 0))).toEqual(['1']);
    expect(ids(searchEntries(entries, queryWords('zebra'), NO_FILTERS, 0))).toEqual([]);
  });

  it('filters by level, tag (any case) and state; "due" needs a studied, active card due by now', () => {
    const only = (f: Partial<BrowseFilters>, now = 0) =>
      ids(searchEntries(entries, [], { ...NO_FILTERS, ...f }, now));
    expect(only({ level: 'senior' })).toEqual(['1']);
    expect(only({ tag: 'design' })).toEqual(['1']);
    expect(only({ state: 'new' })).toEqual(['1']);
    expect(only({ state: 'learning' })).toEqual(['3']);
    expect(only({ state: 'review' })).toEqual(['2']);
    expect(only({ state: 'suspended' })).toEqual(['3']);
    expect(only({ state: 'due' }, 99)).toEqual([]);
    expect(only({ state: 'due' }, 100)).toEqual(['2']);
  });
});

describe('createSearcher', () => {
  it('answers exactly as a full search, whatever the sequence of queries and filters', () => {
    const text = fc.stringMatching(/^[abc \-‑]{0,40}$/);
    const step = fc.record({
      query: fc.stringMatching(/^[abc \-‑]{0,6}$/),
      level: fc.constantFrom('', ...LEVELS),
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, fc.constantFrom(...LEVELS)), { maxLength: 30 }),
        fc.array(step, { maxLength: 12 }),
        (texts, steps) => {
          const entries = texts.map(([t, level], i) => entry(String(i), t, { level }));
          const search = createSearcher();
          // Typing each query character by character, as a user does, between filter changes.
          for (const { query, level } of steps) {
            const filters = { ...NO_FILTERS, level } as BrowseFilters;
            for (let n = 0; n <= query.length; n++) {
              const q = query.slice(0, n);
              expect(ids(search({ entries, query: q, filters, now: 0 }))).toEqual(
                ids(searchEntries(entries, queryWords(q), filters, 0)),
              );
            }
          }
        },
      ),
    );
  });

  it('stays exact when the user edits anywhere in the query, not just at its end', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[ab -]{0,30}$/), { maxLength: 20 }),
        fc.array(fc.stringMatching(/^[ab -]{0,5}$/), { maxLength: 15 }),
        (texts, queries) => {
          const entries = texts.map((t, i) => entry(String(i), t));
          const search = createSearcher();
          for (const q of queries) {
            expect(ids(search({ entries, query: q, filters: NO_FILTERS, now: 0 }))).toEqual(
              ids(searchEntries(entries, queryWords(q), NO_FILTERS, 0)),
            );
          }
        },
      ),
    );
  });

  it('"cos" then "cost" then "cos" again (a deletion) finds what a fresh search finds', () => {
    const entries = [entry('1', 'the cosine of a cost'), entry('2', 'cosy'), entry('3', 'costly')];
    const search = createSearcher();
    const run = (query: string) => ids(search({ entries, query, filters: NO_FILTERS, now: 0 }));
    expect(run('cos')).toEqual(['1', '2', '3']);
    expect(run('cost')).toEqual(['1', '3']);
    expect(run('cos')).toEqual(['1', '2', '3']);
  });
});
