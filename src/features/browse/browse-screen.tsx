// Browse: every card in one list, searched and filtered as the user types, each row opening the card's page.
import { memo, useEffect, useId, useMemo, useState } from 'react';
import { BROWSE_HREF, cardHref, href, IMPORT_HREF, NEW_CARD_HREF, PATHS } from '../../components/routes';
import {
  count,
  type Deck,
  KIND_LABELS,
  KINDS,
  type Kind,
  LEVEL_LABELS,
  LEVELS,
  type Level,
  number,
} from '../../domain';
import { useDb } from '../../hooks/use-db';
import { useLive } from '../../hooks/use-live';
import { useNow } from '../../hooks/use-now';
import { listDecks } from '../../storage/repositories/decks';
import {
  type BrowseFilters,
  NO_FILTERS,
  STATE_FILTER_LABELS,
  STATE_FILTERS,
  type StateFilter,
} from './search';
import { type CreateSearchClient, createWorkerSearchClient } from './search-client';
import type { BrowseRow } from './search-host';
import { stateLabel } from './state-label';
import { useBrowseSearch } from './use-browse-search';
import './browse.css';

/** Rows asked for and rendered at once: enough to scan, few enough to paint within a keystroke. */
const PAGE_SIZE = 100;

function oneOf<T extends string>(list: readonly T[], value: string | null): T | '' {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : '';
}

// The search lives in the address (#/browse?q=…), so Back from a card returns to the same list.
function readAddress(): { query: string; filters: BrowseFilters } {
  const hash = window.location.hash;
  const at = hash.indexOf('?');
  const params = new URLSearchParams(at >= 0 ? hash.slice(at + 1) : '');
  return {
    query: params.get('q') ?? '',
    filters: {
      deckId: params.get('deck') ?? '',
      level: oneOf<Level>(LEVELS, params.get('level')),
      kind: oneOf<Kind>(KINDS, params.get('kind')),
      tag: (params.get('tag') ?? '').toLowerCase(),
      state: oneOf<StateFilter>(STATE_FILTERS, params.get('state')),
    },
  };
}

function writeAddress(query: string, filters: BrowseFilters): void {
  if (!window.location.hash.startsWith(BROWSE_HREF)) return;
  const { deckId: deck, level, kind, tag, state } = filters;
  const next = href(PATHS.browse, { q: query, deck, level, kind, tag, state });
  // Replace, not push: typing must not fill the Back button's history with every keystroke.
  if (window.location.hash !== next) window.history.replaceState(window.history.state, '', next);
}

export interface BrowseScreenProps {
  /** Where searches run: a Web Worker (in the page where it cannot load) unless a test provides the host in-thread. */
  createSearchClient?: CreateSearchClient;
}

export function BrowseScreen({ createSearchClient = createWorkerSearchClient }: BrowseScreenProps) {
  const db = useDb();
  const now = useNow();
  const decks = useLive(() => listDecks(db), [db]);
  const [initial] = useState(readAddress);
  const [query, setQuery] = useState(initial.query);
  const [filters, setFilters] = useState(initial.filters);
  const [limit, setLimit] = useState(PAGE_SIZE);
  const { answer, progress, tags, error, ask } = useBrowseSearch(db, createSearchClient, {
    query,
    filters,
    limit,
    now,
  });
  const deckTitles = useMemo(() => new Map((decks ?? []).map((d) => [d.id, d.title])), [decks]);
  const activeFilters = Object.values(filters).filter(Boolean).length;
  const indexing = progress !== null && !progress.done;
  const searching =
    answer === null ||
    answer.request.query !== query ||
    answer.request.filters !== filters ||
    answer.request.limit !== limit;

  // The address follows the list shown, once its answer is painted: replacing a history entry takes
  // milliseconds of the main thread that a keystroke's results should not wait for.
  const shownQuery = answer?.request.query;
  const shownFilters = answer?.request.filters;
  useEffect(() => {
    if (shownQuery === undefined || !shownFilters) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => writeAddress(shownQuery, shownFilters), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [shownQuery, shownFilters]);

  const setFilter = <K extends keyof BrowseFilters>(key: K, value: BrowseFilters[K]) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setLimit(PAGE_SIZE);
  };
  const clearAll = () => {
    setQuery('');
    setFilters(NO_FILTERS);
    setLimit(PAGE_SIZE);
  };

  return (
    <section className="kp-browse" aria-labelledby="kp-browse-title">
      <div className="kp-browse__head">
        <h1 id="kp-browse-title">Browse</h1>
        <a className="kp-button kp-button--primary kp-browse__add" href={NEW_CARD_HREF}>
          Add card
        </a>
      </div>
      <search className="kp-browse__search">
        <div className="kp-field">
          <label htmlFor="kp-browse-query">Search cards</label>
          <input
            id="kp-browse-query"
            type="search"
            value={query}
            autoComplete="off"
            spellCheck={false}
            placeholder="Words from the question, key points, pitfalls…"
            onChange={(e) => {
              ask({ query: e.target.value, filters, limit: PAGE_SIZE, now });
              setQuery(e.target.value);
              setLimit(PAGE_SIZE);
            }}
          />
        </div>
        <details className="kp-browse__filters" open={activeFilters > 0 || undefined}>
          <summary>Filters{activeFilters > 0 ? ` (${activeFilters} on)` : ''}</summary>
          <div className="kp-browse__filter-grid">
            <Select
              label="Deck"
              value={filters.deckId}
              onChange={(v) => setFilter('deckId', v)}
              options={[
                ['', 'All decks'],
                ...(decks ?? []).map((d: Deck): [string, string] => [d.id, d.title]),
              ]}
            />
            <Select
              label="Level"
              value={filters.level}
              onChange={(v) => setFilter('level', oneOf<Level>(LEVELS, v))}
              options={[['', 'All levels'], ...LEVELS.map((l): [string, string] => [l, LEVEL_LABELS[l]])]}
            />
            <Select
              label="Kind"
              value={filters.kind}
              onChange={(v) => setFilter('kind', oneOf<Kind>(KINDS, v))}
              options={[['', 'All kinds'], ...KINDS.map((k): [string, string] => [k, KIND_LABELS[k]])]}
            />
            <Select
              label="Tag"
              value={filters.tag}
              onChange={(v) => setFilter('tag', v)}
              options={[['', 'All tags'], ...tags]}
            />
            <Select
              label="State"
              value={filters.state}
              onChange={(v) => setFilter('state', oneOf<StateFilter>(STATE_FILTERS, v))}
              options={[
                ['', 'Any state'],
                ...STATE_FILTERS.map((s): [string, string] => [s, STATE_FILTER_LABELS[s]]),
              ]}
            />
          </div>
          {activeFilters > 0 && (
            <button
              type="button"
              className="kp-button"
              onClick={() => {
                setFilters(NO_FILTERS);
                setLimit(PAGE_SIZE);
              }}
            >
              Clear filters
            </button>
          )}
        </details>
      </search>
      {error !== null && (
        <div className="kp-alert" role="alert">
          The list of cards could not be read ({error}). Reload to try again; nothing was changed.
        </div>
      )}
      {indexing && (
        <p className="kp-muted kp-browse__progress">
          Indexing {number(progress.loaded)} of {count(progress.total, 'card')}…
        </p>
      )}
      {!answer ? (
        error === null && !indexing && <p className="kp-muted">Loading cards…</p>
      ) : (
        <>
          <p className="kp-browse__count" role="status" aria-busy={searching || indexing}>
            {count(answer.total, 'card')}
          </p>
          {progress?.done && progress.total === 0 ? (
            <p className="kp-browse__empty">
              No cards yet. <a href={NEW_CARD_HREF}>Add your own</a> or{' '}
              <a href={IMPORT_HREF}>import a page</a>.
            </p>
          ) : answer.total === 0 ? (
            !indexing && (
              <div className="kp-browse__empty">
                <p>
                  No cards match
                  {answer.request.query.trim() ? ` “${answer.request.query.trim()}”` : ''}
                  {Object.values(answer.request.filters).some(Boolean) ? ' with these filters' : ''}.
                </p>
                <button type="button" className="kp-button" onClick={clearAll}>
                  Clear search and filters
                </button>
              </div>
            )
          ) : (
            <>
              <ResultList rows={answer.rows} deckTitles={deckTitles} now={now} />
              {answer.total > answer.rows.length && (
                <div className="kp-browse__more">
                  <p className="kp-muted">
                    Showing {number(answer.rows.length)} of {count(answer.total, 'card')}.
                  </p>
                  <button type="button" className="kp-button" onClick={() => setLimit((n) => n + PAGE_SIZE)}>
                    Show more
                  </button>
                </div>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}

function Select({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<readonly [string, string]>;
}) {
  const id = useId();
  return (
    <div className="kp-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

// Memoised: an answer whose rows did not change keeps the same array, and repaints nothing here.
const ResultList = memo(function ResultList({
  rows,
  deckTitles,
  now,
}: {
  rows: readonly BrowseRow[];
  deckTitles: ReadonlyMap<string, string>;
  now: number;
}) {
  return (
    <ul className="kp-browse__list">
      {rows.map((e) => {
        const state = stateLabel(e, now);
        return (
          <li key={e.id}>
            <a className="kp-browse__item" href={cardHref(e.id)}>
              <span className="kp-browse__question">{e.question}</span>
              <span className="kp-browse__meta">
                <span className="kp-tag">{LEVEL_LABELS[e.level]}</span>
                <span className="kp-tag">{KIND_LABELS[e.kind]}</span>
                <span className={`kp-tag kp-state kp-state--${state.tone}`}>{state.text}</span>
                <span className="kp-muted">{deckTitles.get(e.deckId) ?? e.deckId}</span>
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
});
