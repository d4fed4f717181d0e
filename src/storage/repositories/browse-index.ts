// The browse index: every card, light (search text, state, due), read page by page or by id.
import { cardSearchText, compareDeckOrder, type FsrsState, type Kind, type Level, State } from '../../domain';
import type { KeypointsDb, ScheduleRow, StoredCard } from '../db';

/** One card as the browse list needs it: the search key and what a row shows, nothing longer. */
export interface BrowseEntry {
  id: string;
  deckId: string;
  order: number;
  level: Level;
  kind: Kind;
  tags: string[];
  question: string;
  /** The card's texts normalised with `normalizeForSearch` (`cardSearchText`): what search matches. */
  searchText: string;
  suspended: boolean;
  retired: boolean;
  state: FsrsState;
  due: number;
}

// Pages keep the peak memory of a read low (the long texts of one page are dropped before the
// next) and let the screen answer input between pages while 10,000 cards are read.
const INDEX_PAGE = 200;

function toBrowseEntry(c: StoredCard, s: ScheduleRow | undefined): BrowseEntry {
  return {
    id: c.id,
    deckId: c.deckId,
    order: c.order,
    level: c.level,
    kind: c.kind,
    tags: c.tags,
    question: c.question,
    searchText: cardSearchText(c),
    suspended: c.suspended,
    retired: c.retired,
    state: s?.state ?? State.New,
    due: s?.due ?? 0,
  };
}

/** One page of the browse index, in id order (not deck order); `after` is where the next page starts. */
export interface BrowseIndexPage {
  entries: BrowseEntry[];
  /** The last id read, or null when this page was the last. */
  after: string | null;
}

/**
 * Up to `limit` cards with ids above `after` (from the first when null), each with its schedule,
 * read in one transaction. A reader that yields between pages (to answer searches while it reads)
 * calls this once per page; the pages of one pass are not one snapshot, so it must watch for writes.
 */
export function readBrowseIndexPage(
  db: KeypointsDb,
  after: string | null,
  limit: number = INDEX_PAGE,
): Promise<BrowseIndexPage> {
  return db.transaction('r', db.cards, db.schedules, async () => {
    const cards: StoredCard[] = await (after === null
      ? db.cards.orderBy(':id')
      : db.cards.where(':id').above(after)
    )
      .limit(limit)
      .toArray();
    const first = cards[0];
    const last = cards[cards.length - 1];
    if (!first || !last) return { entries: [], after: null };
    // Schedules are keyed by card id: one range read of the same ids, rather than a get per card.
    const schedules = new Map(
      (await db.schedules.where(':id').between(first.id, last.id, true, true).toArray()).map((s) => [
        s.cardId,
        s,
      ]),
    );
    return {
      entries: cards.map((c) => toBrowseEntry(c, schedules.get(c.id))),
      after: cards.length === limit ? last.id : null,
    };
  });
}

/** The browse entries of the cards with these ids that still exist (a deleted card has none). */
export function readBrowseEntries(db: KeypointsDb, ids: readonly string[]): Promise<BrowseEntry[]> {
  return db.transaction('r', db.cards, db.schedules, async () => {
    const [cards, schedules] = await Promise.all([
      db.cards.bulkGet([...ids]),
      db.schedules.bulkGet([...ids]),
    ]);
    const entries: BrowseEntry[] = [];
    cards.forEach((c, i) => {
      if (c) entries.push(toBrowseEntry(c, schedules[i]));
    });
    return entries;
  });
}

/** Every card's schedule fields the browse index shows, for when many schedules changed at once. */
export async function readBrowseStates(
  db: KeypointsDb,
): Promise<Map<string, Pick<BrowseEntry, 'state' | 'due'>>> {
  const rows = await db.schedules.toArray();
  return new Map(rows.map((s) => [s.cardId, { state: s.state, due: s.due }]));
}

/** Every card, light, in deck order, read in one transaction. */
export function listBrowseIndex(db: KeypointsDb): Promise<BrowseEntry[]> {
  return db.transaction('r', db.cards, db.schedules, async () => {
    const entries: BrowseEntry[] = [];
    let after: string | null = null;
    do {
      const page: BrowseIndexPage = await readBrowseIndexPage(db, after);
      entries.push(...page.entries);
      after = page.after;
    } while (after !== null);
    return entries.sort(compareDeckOrder);
  });
}
