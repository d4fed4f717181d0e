// In-page benchmark helpers (window.kpBench): seed, import and rebuild through the app's own storage code.
import { DEFAULT_SETTINGS, type DeckFile, type Review, type Schedule } from '../src/domain';
import type { CoverableCard } from '../src/domain/interview';
import { readiness } from '../src/domain/readiness';
import { forecastInterview } from '../src/session/interview-forecast';
import { createDb, type KeypointsDb, type ScheduleRow } from '../src/storage/db';
import { importDeck } from '../src/storage/repositories/data-transfer';
import { upsertDeckFile } from '../src/storage/repositories/decks';
import { saveInterview } from '../src/storage/repositories/interviews';
import { rebuildSchedules } from '../src/storage/repositories/reviews';
import { getSettings } from '../src/storage/repositories/settings';
import { saveSettings } from '../src/storage/repositories/settings-save';
import type { KpBench, LongTasks, ReadinessPrepared, SeedOptions, SeedResult, Timed } from './bench-api';
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

interface MovedHistory {
  deck: DeckFile;
  reviews: Review[];
  schedules: Map<string, Schedule>;
}

/**
 * `cards` synthetic cards and `reviews` reviews simulated on the fixed calendar (deterministic), moved
 * to end the day before `today`.
 */
function movedHistory(
  options: { cards: number; reviews: number; today: number; days?: number; newPerDay?: number },
  deckId?: string,
): MovedHistory {
  const deck = syntheticDeck(options.cards, 1, deckId);
  const history = syntheticHistory(deck.cards, DEFAULT_SETTINGS, {
    total: options.reviews,
    days: options.days ?? HISTORY_DAYS,
    lastDay: FIXED_TODAY,
    newPerDay: options.newPerDay ?? NEW_PER_DAY,
  });
  if (history.reviews.length !== options.reviews)
    throw new Error(`The simulation made ${history.reviews.length} reviews, not ${options.reviews}`);
  const shift = options.today - FIXED_TODAY;
  const reviews: Review[] = history.reviews.map((r) => ({
    ...r,
    reviewedAt: r.reviewedAt + shift,
    log: { ...r.log, due: r.log.due + shift },
  }));
  const schedules = new Map<string, Schedule>();
  for (const [id, s] of history.schedules) {
    if (s.lastReview === null) continue;
    schedules.set(id, { ...s, due: s.due + shift, lastReview: s.lastReview + shift });
  }
  return { deck, reviews, schedules };
}

/** Writes a moved history through the app's storage code: the deck, the reviews, then the schedules. */
async function writeHistory(db: KeypointsDb, { deck, reviews, schedules }: MovedHistory, since: number) {
  // The cards exist from the first simulated day: the real upsert writes cards and new schedules.
  await upsertDeckFile(db, deck, since);
  for (let i = 0; i < reviews.length; i += CHUNK) {
    await db.transaction('rw', db.reviews, () => db.reviews.bulkAdd(reviews.slice(i, i + CHUNK)));
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
}

async function seed({ cards, reviews, today }: SeedOptions): Promise<SeedResult> {
  const t0 = performance.now();
  const history = movedHistory({ cards, reviews, today });
  const { deck, schedules } = history;
  const t1 = performance.now();

  const db = createDb();
  await db.open();
  await writeHistory(db, history, today - HISTORY_DAYS * DAY);
  // A heavy user's daily limit: enough cards in one session for every grade the benchmark times.
  await saveSettings(db, { maxReviewsPerDay: MAX_REVIEWS_PER_DAY });
  const dueBy = today + 9 * 3_600_000;
  let due = 0;
  for (const s of schedules.values()) if (s.due <= dueBy) due++;
  db.close();
  let cardBytes = 0;
  for (const card of deck.cards) cardBytes += JSON.stringify(card).length;
  let reviewBytes = 0;
  for (const r of history.reviews) reviewBytes += JSON.stringify(r).length;
  return {
    jsonBytes: { cards: cardBytes, reviews: reviewBytes },
    cards: deck.cards.length,
    reviews: history.reviews.length,
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

// Readiness: the cards and schedules a Readiness screen would have read, kept between calls.
let prepared: { cards: CoverableCard[]; schedules: Map<string, Schedule>; now: number } | null = null;
const INTERVIEW_IN_DAYS = 14;

async function prepareReadiness(cards: number): Promise<ReadinessPrepared> {
  const t0 = performance.now();
  // A year of study of every card, as the seeded figures' device has (10 reviews a card).
  const { deck, schedules } = movedHistory({ cards, reviews: cards * 10, today: FIXED_TODAY });
  const now = FIXED_TODAY + 9 * 3_600_000;
  prepared = {
    cards: deck.cards.map(({ id, deckId, level, kind, tags }) => ({ id, deckId, level, kind, tags })),
    schedules,
    now,
  };
  const at = now + INTERVIEW_IN_DAYS * DAY;
  let due = 0;
  for (const s of schedules.values()) if (s.due < at) due++;
  return {
    cards: deck.cards.length,
    dueBeforeInterview: due,
    generateMs: Math.round(performance.now() - t0),
  };
}

async function timeReadiness(runs: number): Promise<number[]> {
  if (!prepared) throw new Error('prepareReadiness first');
  const { cards, schedules, now } = prepared;
  const interview = { at: now + INTERVIEW_IN_DAYS * DAY, covers: {} };
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    readiness({ cards, schedules, interview, now, settings: DEFAULT_SETTINGS });
    ms.push(performance.now() - t0);
    // Each run in a task of its own, as a screen computing it once would be.
    await new Promise((r) => setTimeout(r, 0));
  }
  return ms;
}

async function forecast({ cards, days, today }: { cards: number; days: number; today: number }) {
  // Every card studied over four months, seven reviews each on average: a deck mid-preparation.
  const history = movedHistory(
    { cards, reviews: cards * 7, today, days: 120, newPerDay: 12 },
    'bench-forecast',
  );
  const db = createDb('keypoints-bench-forecast');
  await db.delete();
  await db.open();
  await writeHistory(db, history, today - 120 * DAY);
  const now = today + 9 * 3_600_000;
  const interview = await saveInterview(
    db,
    { name: 'Bench loop', at: now + days * DAY, covers: {}, dailyMinutes: 20, leadDays: 3, target: 0.9 },
    now,
  );
  const stop = watchLongTasks();
  const t0 = performance.now();
  const result = await forecastInterview(db, interview, now);
  const ms = performance.now() - t0;
  const tasks = await stop();
  await db.delete();
  return { ms: Math.round(ms), ...tasks, cards, days, sentence: result.sentence };
}

const api: KpBench = {
  seed,
  deckJson: (count, deckId) => JSON.stringify(syntheticDeck(count, 3, deckId)),
  importDeckJson,
  rebuild,
  watchLongTasks,
  prepareReadiness,
  timeReadiness,
  forecast,
};
window.kpBench = api;
