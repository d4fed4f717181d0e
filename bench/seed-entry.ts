// In-page benchmark helpers (window.kpBench): seed, import and rebuild through the app's own storage code.
import { DEFAULT_SETTINGS, type DeckFile, type Review, type Schedule } from '../src/domain';
import { createDb, type ScheduleRow } from '../src/storage/db';
import { importDeck } from '../src/storage/repositories/data-transfer';
import { upsertDeckFile } from '../src/storage/repositories/decks';
import { rebuildSchedules } from '../src/storage/repositories/reviews';
import { getSettings } from '../src/storage/repositories/settings';
import { saveSettings } from '../src/storage/repositories/settings-save';
import type { KpBench, LongTasks, SeedOptions, SeedResult, Timed } from './bench-api';
import { syntheticDeck, syntheticHistory } from './synthetic';

const DAY = 86_400_000;
// The history is simulated on a fixed calendar, so every run has the same data, then moved to end
// yesterday by whole days (study days keep their boundaries).
const FIXED_TODAY = Date.UTC(2025, 0, 1);
const HISTORY_DAYS = 365;
// With 10k cards this reaches exactly 100k reviews 4.5 days before "today": ~590 cards are due.
const NEW_PER_DAY = 36;
const CHUNK = 5_000;
const MAX_REVIEWS_PER_DAY = 1_000;

function watchLongTasks(): (from?: number) => Promise<LongTasks> {
  const started = performance.now();
  const seen: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
  observer.observe({ type: 'longtask', buffered: true });
  return async (from) => {
    // Long-task entries are delivered after the task: let two frames pass first.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    seen.push(...observer.takeRecords());
    observer.disconnect();
    // By default a task still running when watching began counts (the measured call starts inside it).
    const counted = seen.filter((e) =>
      from === undefined ? e.startTime + e.duration >= started : e.startTime >= from,
    );
    return {
      longestTaskMs: Math.round(Math.max(0, ...counted.map((e) => e.duration))),
      longTasks: counted.length,
    };
  };
}

async function seed({ cards, reviews, today }: SeedOptions): Promise<SeedResult> {
  const t0 = performance.now();
  const deck = syntheticDeck(cards);
  const history = syntheticHistory(deck.cards, DEFAULT_SETTINGS, {
    total: reviews,
    days: HISTORY_DAYS,
    lastDay: FIXED_TODAY,
    newPerDay: NEW_PER_DAY,
  });
  if (history.reviews.length !== reviews)
    throw new Error(`The simulation made ${history.reviews.length} reviews, not ${reviews}`);
  const shift = today - FIXED_TODAY;
  const moved: Review[] = history.reviews.map((r) => ({
    ...r,
    reviewedAt: r.reviewedAt + shift,
    log: { ...r.log, due: r.log.due + shift },
  }));
  const schedules = new Map<string, Schedule>();
  for (const [id, s] of history.schedules) {
    if (s.lastReview === null) continue;
    schedules.set(id, { ...s, due: s.due + shift, lastReview: s.lastReview + shift });
  }
  const t1 = performance.now();

  const db = createDb();
  await db.open();
  // The cards exist from the first simulated day: the real upsert writes cards and new schedules.
  await upsertDeckFile(db, deck, today - HISTORY_DAYS * DAY);
  for (let i = 0; i < moved.length; i += CHUNK) {
    await db.transaction('rw', db.reviews, () => db.reviews.bulkAdd(moved.slice(i, i + CHUNK)));
  }
  // The simulation graded with the real scheduler: its final states are the schedules' FSRS fields.
  await db.transaction('rw', db.schedules, async () => {
    const ids = [...schedules.keys()];
    const rows = await db.schedules.bulkGet(ids);
    const next: ScheduleRow[] = [];
    for (const row of rows) {
      const fsrs = row && schedules.get(row.cardId);
      if (row && fsrs) next.push({ ...row, ...fsrs, cardId: row.cardId });
    }
    await db.schedules.bulkPut(next);
  });
  // A heavy user's daily limit: enough cards in one session for every grade the benchmark times.
  await saveSettings(db, { maxReviewsPerDay: MAX_REVIEWS_PER_DAY });
  const dueBy = today + 9 * 3_600_000;
  let due = 0;
  for (const s of schedules.values()) if (s.due <= dueBy) due++;
  db.close();
  let cardBytes = 0;
  for (const card of deck.cards) cardBytes += JSON.stringify(card).length;
  let reviewBytes = 0;
  for (const r of moved) reviewBytes += JSON.stringify(r).length;
  return {
    jsonBytes: { cards: cardBytes, reviews: reviewBytes },
    cards: deck.cards.length,
    reviews: moved.length,
    reviewedCards: schedules.size,
    dueAtNine: due,
    generateMs: Math.round(t1 - t0),
    writeMs: Math.round(performance.now() - t1),
  };
}

async function importDeckJson(json: string): Promise<Timed & { added: number }> {
  const db = createDb();
  await db.open();
  const stop = watchLongTasks();
  const t0 = performance.now();
  // importDeck validates the whole file before it writes, as the import screen's path does.
  const result = await importDeck(db, JSON.parse(json) as DeckFile, Date.now());
  const ms = performance.now() - t0;
  const tasks = await stop();
  db.close();
  return { ms: Math.round(ms), ...tasks, added: result.added };
}

async function rebuild(): Promise<Timed & { cards: number; reviews: number }> {
  const db = createDb();
  await db.open();
  const settings = await getSettings(db);
  const stop = watchLongTasks();
  const t0 = performance.now();
  const result = await rebuildSchedules(db, settings);
  const ms = performance.now() - t0;
  const tasks = await stop();
  db.close();
  return { ms: Math.round(ms), ...tasks, ...result };
}

const api: KpBench = {
  seed,
  deckJson: (count, deckId) => JSON.stringify(syntheticDeck(count, 3, deckId)),
  importDeckJson,
  rebuild,
  watchLongTasks,
};
window.kpBench = api;
