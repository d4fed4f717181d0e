// The interview plan in the study session: boosters and paced new cards after today's queue, read from a real database.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  type FsrsState,
  KINDS,
  type Kind,
  LEVELS,
  type Level,
  nextDayStart,
  type Settings,
  State,
} from '../../src/domain';
import { covers } from '../../src/domain/interview';
import { todayPlan } from '../../src/domain/plan';
import {
  createStudyEngine,
  type ShownCard,
  type StudyEngine,
  type Timers,
} from '../../src/session/study-engine';
import type { KeypointsDb } from '../../src/storage/db';
import { readInterviewData } from '../../src/storage/repositories/interview-data';
import { deleteInterview, saveInterview } from '../../src/storage/repositories/interviews';
import { inSessionFilter, type SessionFilter, sessionQueue } from '../../src/storage/repositories/queries';
import { gradeCard } from '../../src/storage/repositories/reviews';
import { getSettings } from '../../src/storage/repositories/settings';
import { saveSettings } from '../../src/storage/repositories/settings-save';
import { DAY, HOUR, MINUTE } from '../support/clock';
import { seededDb } from '../support/db';

const T0 = new Date(2025, 0, 6, 9, 0).getTime(); // Monday 6 January 2025, 09:00 local
const id = (n: string) => `amazon-engineer/${n}`;
/** Timers that never fire: these sessions never wait for a learning card's minute. */
const still: Timers = { set: () => 0, clear: () => undefined };

const opened: KeypointsDb[] = [];
const engines: StudyEngine[] = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) engine.dispose();
  for (const db of opened.splice(0)) await db.delete();
});

async function deckDb(settings: Partial<Settings> = {}): Promise<KeypointsDb> {
  const db = await seededDb(T0 - 30 * DAY);
  opened.push(db);
  if (Object.keys(settings).length > 0) await saveSettings(db, settings);
  return db;
}

/** A card last reviewed `daysAgo` with stability `stability`, due in `dueInDays`. */
async function studied(db: KeypointsDb, n: string, stability: number, daysAgo: number, dueInDays: number) {
  await db.schedules.update(id(n), {
    state: State.Review,
    stability,
    difficulty: 5,
    reps: 3,
    lastReview: T0 - daysAgo * DAY,
    due: T0 + dueInDays * DAY,
    scheduledDays: daysAgo + dueInDays,
  });
}

const draft = (at: number, extra: Partial<Parameters<typeof saveInterview>[1]> = {}) => ({
  name: 'Onsite',
  at,
  covers: {},
  dailyMinutes: 30,
  leadDays: 3,
  target: 0.95,
  ...extra,
});

function engineOn(db: KeypointsDb, now: number, filter: SessionFilter = {}): StudyEngine {
  const engine = createStudyEngine({ db, filter, now: () => now, timers: still });
  engines.push(engine);
  return engine;
}

/** Starts the session and grades every card Easy (nothing comes back today) until it ends. */
async function walk(engine: StudyEngine): Promise<ShownCard[]> {
  await engine.start();
  const shown: ShownCard[] = [];
  for (let i = 0; i < 80 && engine.getSnapshot().phase.name === 'card'; i++) {
    const current = engine.getSnapshot().current;
    if (current) shown.push(current);
    engine.showAnswer();
    await engine.grade(4);
    // No grade refused: the plan's new cards go past the daily limit.
    expect(engine.getSnapshot().message).toBeNull();
  }
  return shown;
}

const ids = (shown: ShownCard[]) => shown.map((s) => s.card.id);

describe('the interview plan in a session', () => {
  /** Six cards studied two days ago, the nine others new; two new cards a day by the settings. */
  async function sixStudied(): Promise<KeypointsDb> {
    const db = await deckDb({ newPerDay: 2 });
    for (const [i, n] of ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3'].entries()) {
      await studied(db, n, 3 + i, 2, 3 + i);
    }
    return db;
  }

  it('shows the queue first, then new cards past the daily limit, then boosters not due yet', async () => {
    const db = await sixStudied();
    await saveInterview(db, draft(T0 + 2 * DAY), T0);
    const before = await db.schedules.toArray();

    const engine = engineOn(db, T0);
    await engine.start();
    // Building the session stored nothing: boosters are computed, never written.
    expect(await db.schedules.toArray()).toEqual(before);
    engine.dispose();

    const shown = await walk(engineOn(db, T0));
    // The day's two new cards, then four more to introduce all nine before the lead (30 minutes:
    // 4.5 a new card), then the boosters the minutes left allow, weakest gain last.
    expect(ids(shown).slice(0, 6)).toEqual(['3.1', '3.2', '3.3', '4.1', '4.2', '4.3'].map(id));
    const boosters = shown.slice(6);
    expect(boosters.length).toBeGreaterThan(0);
    for (const b of boosters) {
      expect(b.shown.state).toBe(State.Review);
      expect(b.shown.due).toBeGreaterThanOrEqual(nextDayStart(T0, DEFAULT_SETTINGS.dayStartHour));
    }
    expect(new Set(ids(shown)).size).toBe(shown.length);
  });

  it('keeps to the session’s levels: a narrowed session shows only the plan’s cards it covers', async () => {
    const db = await sixStudied();
    await saveInterview(db, draft(T0 + 2 * DAY), T0);
    const shown = await walk(engineOn(db, T0, { levels: ['lead'] }));
    expect(ids(shown)).toEqual(['4.1', '4.2', '4.3'].map(id));
  });

  it('plans for the soonest interview when several are ahead', async () => {
    const db = await sixStudied();
    // The later one alone would introduce one card a day (nine cards over nine days before its lead).
    await saveInterview(db, draft(T0 + 12 * DAY), T0);
    await saveInterview(
      db,
      draft(T0 + 2 * DAY, { name: 'Phone screen', covers: { levels: ['senior'] } }),
      T0,
    );
    const shown = await walk(engineOn(db, T0));
    // The queue's 3.1 and 3.2, then the phone screen's last senior card; no booster (none covered).
    expect(ids(shown)).toEqual(['3.1', '3.2', '3.3'].map(id));
  });

  it('with no interview ahead, the session is today’s queue, and a passed one changes nothing', async () => {
    const db = await sixStudied();
    await saveInterview(db, draft(T0 - HOUR), T0 - DAY);
    const shown = await walk(engineOn(db, T0));
    expect(ids(shown)).toEqual(['3.1', '3.2'].map(id));
  });
});

describe('the interview plan in a session, for any day', () => {
  const arbitraryDay = fc.record({
    cards: fc.array(
      fc.record({
        state: fc.constantFrom<FsrsState>(0, 0, 1, 2, 2, 2, 2, 2, 3),
        stabilityTenths: fc.noBias(fc.integer({ min: 2, max: 600 })),
        difficultyTenths: fc.integer({ min: 10, max: 100 }),
        lastReviewHoursAgo: fc.noBias(fc.integer({ min: 2, max: 40 * 24 })),
        dueInHours: fc.noBias(fc.integer({ min: -5 * 24, max: 40 * 24 })),
        // Graded once earlier today (before the session), as another session would have.
        gradedToday: fc.boolean(),
      }),
      { minLength: 15, maxLength: 15 },
    ),
    // Often within a day or two, where boosters have few days left and land today.
    interviewInHours: fc.oneof(
      { arbitrary: fc.noBias(fc.integer({ min: 1, max: 48 })), weight: 4 },
      { arbitrary: fc.noBias(fc.integer({ min: 1, max: 30 * 24 })), weight: 1 },
    ),
    dailyMinutes: fc.oneof(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 15, max: 90 })),
    leadDays: fc.integer({ min: 0, max: 5 }),
    targetPercent: fc.noBias(fc.integer({ min: 85, max: 99 })),
    // Often everything: a narrowed interview or session leaves the plan little to add.
    coveredLevels: fc.oneof(fc.constant<Level[]>([]), fc.subarray([...LEVELS])),
    sessionLevels: fc.oneof(fc.constant<Level[]>([]), fc.subarray([...LEVELS])),
    sessionKinds: fc.oneof(fc.constant<Kind[]>([]), fc.constant<Kind[]>([]), fc.subarray([...KINDS])),
    newPerDay: fc.integer({ min: 0, max: 5 }),
  });
  type Day = typeof arbitraryDay extends fc.Arbitrary<infer V> ? V : never;
  const NOW = T0;

  /** The deck with the day's schedules and today's earlier grades; the interview saved when asked. */
  async function dayDb(day: Day): Promise<KeypointsDb> {
    const db = await deckDb({ newPerDay: day.newPerDay });
    const settings = await getSettings(db);
    const numbers = (await db.schedules.toArray()).map((s) => s.cardId);
    for (const [i, c] of day.cards.entries()) {
      const cardId = numbers[i] as string;
      if (c.state !== State.New) {
        const lastReview = NOW - c.lastReviewHoursAgo * HOUR;
        await db.schedules.update(cardId, {
          state: c.state,
          stability: c.stabilityTenths / 10,
          difficulty: c.difficultyTenths / 10,
          reps: 2,
          lastReview,
          due: Math.max(lastReview + MINUTE, NOW + c.dueInHours * HOUR),
        });
      }
      if (c.gradedToday) {
        const shown = await db.schedules.get(cardId);
        if (!shown) throw new Error(`no schedule for ${cardId}`);
        await gradeCard(db, settings, {
          cardId,
          shown,
          rating: 3,
          now: NOW - HOUR,
          durationMs: 60_000,
          keyPointsRecalled: [],
          pitfallsFlagged: [],
          notes: '',
        });
      }
    }
    return db;
  }

  const interviewOf = (day: Day) =>
    draft(NOW + day.interviewInHours * HOUR, {
      dailyMinutes: day.dailyMinutes,
      leadDays: day.leadDays,
      target: day.targetPercent / 100,
      covers: { levels: day.coveredLevels },
    });

  it('adds after the queue only new cards and boosters not due today, never a card twice, within the budget; removing the interview restores the queue exactly', async () => {
    let withNew = 0;
    let withBoosters = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryDay, async (day) => {
        const filter: SessionFilter = { levels: day.sessionLevels, kinds: day.sessionKinds };
        const endOfToday = nextDayStart(NOW, DEFAULT_SETTINGS.dayStartHour);

        // The same day twice: once the interview removed again, once kept.
        const removed = await dayDb(day);
        const gone = await saveInterview(removed, interviewOf(day), NOW);
        await deleteInterview(removed, gone.id);
        const settings = await getSettings(removed);
        const queue = (await sessionQueue(removed, settings, NOW, filter)).queue;
        const plain = ids(await walk(engineOn(removed, NOW, filter)));
        expect(plain).toEqual(queue);

        const kept = await dayDb(day);
        const interview = await saveInterview(kept, interviewOf(day), NOW);
        const data = await readInterviewData(kept, { now: NOW });
        const plan = todayPlan({ ...data, interview, now: NOW, todayQueue: queue, settings });
        const queueOnly = todayPlan({ ...data, interview: null, now: NOW, todayQueue: queue, settings });
        const shown = await walk(engineOn(kept, NOW, filter));

        // The queue first, unchanged; nothing shown twice.
        expect(ids(shown).slice(0, queue.length)).toEqual(queue);
        expect(new Set(ids(shown)).size).toBe(shown.length);
        const cards = new Map(data.cards.map((c) => [c.id, c]));
        for (const extra of shown.slice(queue.length)) {
          const card = cards.get(extra.card.id);
          expect(card && covers(interview, card) && inSessionFilter(card, filter)).toBe(true);
          if (extra.shown.state !== State.New) {
            // A booster: a review card not due today, shown before its due.
            expect(extra.shown.state).toBe(State.Review);
            expect(extra.shown.due).toBeGreaterThanOrEqual(endOfToday);
          }
        }
        const extras = shown.slice(queue.length);
        if (extras.some((c) => c.shown.state === State.New)) withNew += 1;
        if (extras.some((c) => c.shown.state === State.Review)) withBoosters += 1;

        // The whole day as the app estimates it, today's earlier grades included.
        const after = await readInterviewData(kept, { now: NOW });
        const dayMinutes = todayPlan({ ...after, interview: null, now: NOW, todayQueue: [], settings });
        if (queueOnly.estimateMinutes <= interview.dailyMinutes) {
          expect(dayMinutes.estimateMinutes).toBeLessThanOrEqual(interview.dailyMinutes + 1e-9);
        }
        expect(plan.estimateMinutes).toBeLessThanOrEqual(
          Math.max(interview.dailyMinutes, queueOnly.estimateMinutes) + 1e-9,
        );
        for (const db of opened.splice(0)) await db.delete();
      }),
      { numRuns: 80 },
    );
    // The generated days do exercise both (boosters in about one in ten).
    expect(withNew).toBeGreaterThan(0);
    expect(withBoosters).toBeGreaterThan(0);
  }, 120_000);
});
