// The study engine driven as a screen would: queue order, grading, learning cards, waiting, undo, other tabs, limits.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SETTINGS,
  type DeckFile,
  type Grade,
  type Settings,
  validateDeckFile,
} from '../../src/domain';
import { createStudyEngine, type StudyEngine } from '../../src/session/study-engine';
import type { KeypointsDb } from '../../src/storage/db';
import { setSuspended } from '../../src/storage/repositories/cards';
import { upsertDeckFile } from '../../src/storage/repositories/decks';
import { type SessionFilter, todayReviews } from '../../src/storage/repositories/queries';
import { gradeCard } from '../../src/storage/repositories/reviews';
import { saveSettings } from '../../src/storage/repositories/settings-save';
import { fakeTime, MINUTE } from '../support/clock';
import { freshDb } from '../support/db';

const T0 = new Date(2025, 0, 6, 9, 0).getTime(); // Monday 6 January 2025, 09:00 local
const id = (n: string) => `amazon-engineer/${n}`;

function realDeck(): DeckFile {
  const text = readFileSync(join(process.cwd(), 'data/decks/amazon-engineer.json'), 'utf8');
  return validateDeckFile(JSON.parse(text));
}

const opened: KeypointsDb[] = [];
const engines: StudyEngine[] = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) engine.dispose();
  for (const db of opened.splice(0)) await db.delete();
});

async function seededDb(settings: Partial<Settings> = {}): Promise<KeypointsDb> {
  const db = freshDb();
  opened.push(db);
  await upsertDeckFile(db, realDeck(), T0);
  if (Object.keys(settings).length)
    await db.settings.put({ ...DEFAULT_SETTINGS, ...settings, key: 'settings' });
  return db;
}

function engineOn(
  db: KeypointsDb,
  time: ReturnType<typeof fakeTime>,
  filter: SessionFilter = {},
  requestPersistence?: () => unknown,
): StudyEngine {
  const engine = createStudyEngine({ db, filter, now: time.now, timers: time.timers, requestPersistence });
  engines.push(engine);
  return engine;
}

const shownId = (engine: StudyEngine) => engine.getSnapshot().current?.card.id;

/** Another tab grading a card on top of its schedule as stored now. */
async function gradeElsewhere(db: KeypointsDb, cardId: string, rating: Grade, now: number) {
  const shown = await db.schedules.get(cardId);
  if (!shown) throw new Error(`no schedule for ${cardId}`);
  return gradeCard(db, DEFAULT_SETTINGS, {
    cardId,
    shown,
    rating,
    now,
    durationMs: 0,
    keyPointsRecalled: [],
    pitfallsFlagged: [],
    notes: '',
  });
}

async function revealAndGrade(engine: StudyEngine, rating: Grade) {
  engine.showAnswer();
  await engine.grade(rating);
}

describe('study engine', () => {
  it('shows the queue in deck order, each card in its recall stage with its previews, and moves on after a grade', async () => {
    const db = await seededDb();
    const time = fakeTime(T0 + MINUTE);
    const engine = engineOn(db, time);
    expect(engine.getSnapshot().phase).toEqual({ name: 'loading' });

    await engine.start();
    await engine.prepareGrading();

    const first = engine.getSnapshot();
    expect(first.phase).toEqual({ name: 'card' });
    expect(shownId(engine)).toBe(id('1.1'));
    expect(first.stage).toBe('recall');
    expect(first.left).toBe(9);
    expect(first.current?.shownAt).toBe(T0 + MINUTE);
    expect(first.current?.previews?.[1].label).toBe('1m');
    expect(first.current?.previews?.[3].label).toBe('10m');
    expect(first.canUndo).toBe(false);

    engine.showAnswer();
    expect(engine.getSnapshot().stage).toBe('answer');
    time.tick(30_000);
    await engine.grade(3);

    const second = engine.getSnapshot();
    expect(shownId(engine)).toBe(id('1.2'));
    expect(second.stage).toBe('recall');
    expect(second.canUndo).toBe(true);
    expect(second.reviewedInSession).toBe(1);
    expect(second.busy).toBe(false);
    const [review] = await db.reviews.toArray();
    expect(review).toMatchObject({ cardId: id('1.1'), rating: 3, durationMs: 30_000 });
    // A snapshot is never changed once handed out.
    expect(first.current?.card.id).toBe(id('1.1'));
  });

  it('shows the first card before the grading code has loaded; Show answer waits for the grade previews', async () => {
    // A fresh engine module, as on a page load, with the grading code held back until the test lets it come.
    vi.resetModules();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    vi.doMock('../../src/storage/repositories/reviews', async (importOriginal) => {
      await held;
      return importOriginal();
    });
    try {
      const { createStudyEngine: freshEngine } = await import('../../src/session/study-engine');
      const db = await seededDb();
      const time = fakeTime(T0 + MINUTE);
      const engine = freshEngine({ db, now: time.now, timers: time.timers });
      engines.push(engine);
      await engine.start();
      expect(shownId(engine)).toBe(id('1.1'));
      expect(engine.getSnapshot().current?.previews).toBeNull();

      engine.showAnswer();
      expect(engine.getSnapshot().stage).toBe('recall');
      release();
      await vi.waitFor(() => expect(engine.getSnapshot().stage).toBe('answer'));
      expect(engine.getSnapshot().current?.previews?.[3].label).toBe('10m');

      await engine.grade(3);
      // From then on every card comes with its previews.
      expect(shownId(engine)).toBe(id('1.2'));
      expect(engine.getSnapshot().current?.previews?.[1].label).toBe('1m');
      expect(await db.reviews.count()).toBe(1);
    } finally {
      vi.doUnmock('../../src/storage/repositories/reviews');
      vi.resetModules();
    }
  });

  it('keeps ticks, flags and notes on the snapshot, suggests a grade from them, and stores them with the grade', async () => {
    const db = await seededDb();
    const engine = engineOn(db, fakeTime(T0 + MINUTE));
    await engine.start();
    const listener = vi.fn();
    engine.subscribe(listener);
    const total = engine.getSnapshot().current?.card.keyPoints.length ?? 0;

    engine.setNotes('ALB metrics first');
    engine.showAnswer();
    expect(engine.getSnapshot().suggested).toBe(1);
    for (let i = 0; i < total; i++) engine.toggleTick(i);
    expect(engine.getSnapshot().suggested).toBe(3);
    engine.toggleFlag(0);
    expect(engine.getSnapshot().suggested).toBe(2);
    engine.toggleFlag(0);
    engine.toggleFlag(1);
    expect(listener).toHaveBeenCalled();
    await engine.grade(3);

    const [review] = await db.reviews.toArray();
    expect(review).toMatchObject({
      notes: 'ALB metrics first',
      keyPointsRecalled: [...Array(total).keys()],
      pitfallsFlagged: [1],
    });
    expect(engine.getSnapshot()).toMatchObject({ notes: '', stage: 'recall' });
    expect(engine.getSnapshot().ticks.size).toBe(0);
  });

  it('brings a learning card back at its minute: "next card soon" until then, on a timer', async () => {
    const db = await seededDb({ newPerDay: 1, learnAheadMinutes: 0 });
    const time = fakeTime(T0 + MINUTE);
    const engine = engineOn(db, time);
    await engine.start();
    expect(shownId(engine)).toBe(id('1.1'));

    await revealAndGrade(engine, 3); // Good on a new card: back in 10 minutes.

    const due = T0 + 11 * MINUTE;
    expect(engine.getSnapshot().phase).toEqual({ name: 'waiting', until: due });
    expect(engine.getSnapshot().current).toBeNull();
    expect(time.pending.size).toBe(1);

    time.tick(5 * MINUTE);
    expect(engine.getSnapshot().phase.name).toBe('waiting');

    time.tick(5 * MINUTE + 1_000);
    await vi.waitFor(() => expect(engine.getSnapshot().phase).toEqual({ name: 'card' }));
    expect(shownId(engine)).toBe(id('1.1'));
    expect(engine.getSnapshot().current?.shown.state).toBe(1);
  });

  it('a learning card whose minute has come goes before the rest of the queue', async () => {
    const db = await seededDb();
    const time = fakeTime(T0 + MINUTE);
    const engine = engineOn(db, time);
    await engine.start();
    await revealAndGrade(engine, 1); // Again: back in a minute.
    expect(shownId(engine)).toBe(id('1.2'));

    time.tick(2 * MINUTE);
    await revealAndGrade(engine, 4);

    expect(shownId(engine)).toBe(id('1.1'));
  });

  it('undoes back through several cards, each restored in its answer stage with its ticks, flags and notes', async () => {
    const db = await seededDb();
    const time = fakeTime(T0 + MINUTE);
    const engine = engineOn(db, time);
    await engine.start();
    engine.setNotes('first notes');
    engine.showAnswer();
    engine.toggleTick(0);
    engine.toggleTick(2);
    await engine.grade(3);
    engine.setNotes('second notes');
    engine.showAnswer();
    engine.toggleFlag(1);
    await engine.grade(4);
    expect(shownId(engine)).toBe(id('1.3'));
    expect(await db.reviews.count()).toBe(2);

    await engine.undo();
    let s = engine.getSnapshot();
    expect(shownId(engine)).toBe(id('1.2'));
    expect(s).toMatchObject({ stage: 'answer', notes: 'second notes', canUndo: true, reviewedInSession: 1 });
    expect([...s.flags]).toEqual([1]);

    await engine.undo();
    s = engine.getSnapshot();
    expect(shownId(engine)).toBe(id('1.1'));
    expect(s).toMatchObject({ stage: 'answer', notes: 'first notes', canUndo: false, reviewedInSession: 0 });
    expect([...s.ticks].sort()).toEqual([0, 2]);
    expect(await db.reviews.count()).toBe(0);
    expect(await db.schedules.get(id('1.1'))).toMatchObject({ state: 0, reps: 0 });

    // Graded again, the card is not taken as graded in another tab; the undone cards follow in order.
    await engine.grade(3);
    expect(engine.getSnapshot().message).toBeNull();
    expect(shownId(engine)).toBe(id('1.2'));
    await revealAndGrade(engine, 3);
    expect(shownId(engine)).toBe(id('1.3'));
  });

  it('says so when a grade cannot be undone because another tab reviewed the card since', async () => {
    const db = await seededDb();
    const time = fakeTime(T0 + MINUTE);
    const engine = engineOn(db, time);
    await engine.start();
    await revealAndGrade(engine, 1);
    time.tick(2 * MINUTE);
    await gradeElsewhere(db, id('1.1'), 3, time.now());

    await engine.undo();

    expect(engine.getSnapshot().message).toMatch(/reviewed again elsewhere/);
    expect(engine.getSnapshot().canUndo).toBe(false);
    expect(shownId(engine)).toBe(id('1.2'));
    expect(await db.reviews.count()).toBe(2);
  });

  it('says so and moves on when the card on screen was graded in another tab', async () => {
    const db = await seededDb();
    const time = fakeTime(T0 + MINUTE);
    const engine = engineOn(db, time);
    await engine.start();
    engine.showAnswer();
    await gradeElsewhere(db, id('1.1'), 3, time.now());

    await engine.grade(1);

    expect(engine.getSnapshot().message).toMatch(/graded in another tab/);
    expect(shownId(engine)).toBe(id('1.2'));
    expect(await db.reviews.count()).toBe(1);
    engine.dismissMessage();
    expect(engine.getSnapshot().message).toBeNull();
  });

  it('skips a queued card that another tab graded since the session started', async () => {
    const db = await seededDb();
    const time = fakeTime(T0 + MINUTE);
    const engine = engineOn(db, time);
    await engine.start();
    await gradeElsewhere(db, id('1.2'), 3, time.now());

    await revealAndGrade(engine, 3);

    expect(shownId(engine)).toBe(id('1.3'));
    expect(engine.getSnapshot().message).toBeNull();
  });

  it('shows the next card as stored when the grade is made: suspended or edited in another tab meanwhile', async () => {
    const db = await seededDb();
    const time = fakeTime(T0 + MINUTE);
    const engine = engineOn(db, time);
    await engine.start();
    expect(shownId(engine)).toBe(id('1.1'));
    await setSuspended(db, id('1.2'), true);
    await db.cards.update(id('1.3'), { question: 'Edited in another tab?' });

    await revealAndGrade(engine, 3);

    expect(shownId(engine)).toBe(id('1.3'));
    expect(engine.getSnapshot().current?.card.question).toBe('Edited in another tab?');
  });

  it('keeps to the daily new-card limit', async () => {
    const db = await seededDb({ newPerDay: 2 });
    const engine = engineOn(db, fakeTime(T0 + MINUTE));
    await engine.start();
    expect(engine.getSnapshot().left).toBe(1);
    await revealAndGrade(engine, 4);
    await revealAndGrade(engine, 4);

    expect(engine.getSnapshot().phase.name).toBe('done');
    expect((await todayReviews(db, T0 + 2 * MINUTE, DEFAULT_SETTINGS.dayStartHour)).introduced).toBe(2);
  });

  it('narrows the session to the chosen levels and kinds', async () => {
    const db = await seededDb();
    const bySenior = engineOn(db, fakeTime(T0 + MINUTE), { levels: ['senior'] });
    await bySenior.start();
    expect(shownId(bySenior)).toBe(id('3.1'));
    expect(bySenior.getSnapshot().left).toBe(2);

    const byKind = engineOn(db, fakeTime(T0 + MINUTE), { kinds: ['system-design'] });
    await byKind.start();
    const seen: string[] = [];
    while (byKind.getSnapshot().phase.name === 'card') {
      seen.push(shownId(byKind) ?? '');
      await revealAndGrade(byKind, 4);
    }
    expect(seen).toEqual([id('2.1'), id('3.1'), id('4.1'), id('5.2')]);
  });

  it("ends with the day's figures when nothing is left", async () => {
    const db = await seededDb({ newPerDay: 1 });
    const engine = engineOn(db, fakeTime(T0 + MINUTE));
    await engine.start();
    await revealAndGrade(engine, 4);

    const s = engine.getSnapshot();
    if (s.phase.name !== 'done') throw new Error(`phase ${s.phase.name}`);
    expect(s.phase.stats).toMatchObject({ reviewedToday: 1, newLeft: 0, dueNow: 0, learningLater: 0 });
    expect(s.phase.stats.nextDue).toBeGreaterThan(T0 + MINUTE);
    expect(s.reviewedInSession).toBe(1);
    expect(s.current).toBeNull();
  });

  it('asks for persistent storage once, after the first grade', async () => {
    const db = await seededDb();
    const requestPersistence = vi.fn(async () => true);
    const engine = engineOn(db, fakeTime(T0 + MINUTE), {}, requestPersistence);
    await engine.start();
    expect(requestPersistence).not.toHaveBeenCalled();

    await revealAndGrade(engine, 3);
    await revealAndGrade(engine, 3);

    await vi.waitFor(() => expect(requestPersistence).toHaveBeenCalledTimes(1));
  });

  it('dispose stops the waiting timer, and results still in flight change nothing', async () => {
    const db = await seededDb({ newPerDay: 1, learnAheadMinutes: 0 });
    const time = fakeTime(T0 + MINUTE);
    const engine = engineOn(db, time);
    await engine.start();
    await revealAndGrade(engine, 3);
    expect(engine.getSnapshot().phase.name).toBe('waiting');
    expect(time.pending.size).toBe(1);

    engine.dispose();

    expect(time.pending.size).toBe(0);
    const late = engineOn(db, time);
    const listener = vi.fn();
    late.subscribe(listener);
    const starting = late.start();
    late.dispose();
    await starting;
    expect(late.getSnapshot().phase).toEqual({ name: 'loading' });
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('learn ahead', () => {
  it('with nothing else left, shows a learning card due within the limit at once instead of waiting', async () => {
    const db = await seededDb({ newPerDay: 1 }); // the default limit: 20 minutes
    const time = fakeTime(T0 + MINUTE);
    const engine = engineOn(db, time);
    await engine.start();

    await revealAndGrade(engine, 3); // Good on a new card: due again in 10 minutes.

    expect(engine.getSnapshot().phase).toEqual({ name: 'card' });
    expect(shownId(engine)).toBe(id('1.1'));
    expect(engine.getSnapshot().current?.shown).toMatchObject({ state: 1, due: T0 + 11 * MINUTE });
    expect(time.pending.size).toBe(0);
  });

  it('never jumps a learning card ahead of cards still queued', async () => {
    const db = await seededDb({ newPerDay: 2 });
    const engine = engineOn(db, fakeTime(T0 + MINUTE));
    await engine.start();

    await revealAndGrade(engine, 3); // 1.1 due in 10 minutes; 1.2 still queued.
    expect(shownId(engine)).toBe(id('1.2'));
    await revealAndGrade(engine, 3); // now nothing else: 1.1 first (due first), then 1.2.
    expect(shownId(engine)).toBe(id('1.1'));
    await revealAndGrade(engine, 3); // 1.1 graduates to review.
    expect(shownId(engine)).toBe(id('1.2'));
  });

  it('waits when the next learning card is beyond the limit, and shows it once it comes within', async () => {
    const db = await seededDb({ newPerDay: 1, learnAheadMinutes: 5 });
    const time = fakeTime(T0 + MINUTE);
    const engine = engineOn(db, time);
    await engine.start();

    await revealAndGrade(engine, 3); // due at T0 + 11 min: beyond 5 minutes ahead.

    // It will come 5 minutes before its minute, and the waiting screen says when.
    expect(engine.getSnapshot().phase).toEqual({ name: 'waiting', until: T0 + 6 * MINUTE });
    time.tick(4 * MINUTE);
    expect(engine.getSnapshot().phase.name).toBe('waiting');

    time.tick(MINUTE + 1_000);
    await vi.waitFor(() => expect(engine.getSnapshot().phase).toEqual({ name: 'card' }));
    expect(shownId(engine)).toBe(id('1.1'));
  });

  it("also learns ahead a card left from an earlier session, read from the day's schedules", async () => {
    const db = await seededDb({ newPerDay: 1 });
    const first = engineOn(db, fakeTime(T0 + MINUTE));
    await first.start();
    await revealAndGrade(first, 1); // Again: due in a minute, then the session ends.
    first.dispose();

    // A new session 30 s later: nothing due, nothing new left; the card is a minute away.
    const engine = engineOn(db, fakeTime(T0 + MINUTE + 30_000));
    await engine.start();

    expect(engine.getSnapshot().phase).toEqual({ name: 'card' });
    expect(shownId(engine)).toBe(id('1.1'));
    expect(engine.getSnapshot().left).toBe(0);
  });

  it('with a limit of 0, a session started before that minute waits for it', async () => {
    const db = await seededDb({ newPerDay: 1, learnAheadMinutes: 0 });
    const first = engineOn(db, fakeTime(T0 + MINUTE));
    await first.start();
    await revealAndGrade(first, 1);
    first.dispose();

    const engine = engineOn(db, fakeTime(T0 + MINUTE + 30_000));
    await engine.start();

    expect(engine.getSnapshot().phase).toEqual({ name: 'waiting', until: T0 + 2 * MINUTE });
  });
});

describe('answer targets kept with the review', () => {
  it("stores the target of the card's kind in force when graded, and none with the timer off", async () => {
    const targets = { ...DEFAULT_SETTINGS.answerTargetSeconds, operational: 45 };
    const db = await seededDb({ answerTargetSeconds: targets });
    const time = fakeTime(T0 + MINUTE);
    const engine = engineOn(db, time);
    await engine.start();
    expect(engine.getSnapshot().current?.card).toMatchObject({ id: id('1.1'), kind: 'operational' });
    time.tick(60_000);
    await revealAndGrade(engine, 3);

    const [review] = await db.reviews.toArray();
    expect(review).toMatchObject({ cardId: id('1.1'), durationMs: 60_000, targetMs: 45_000 });

    // Targets edited later do not change what was kept; with the timer off, none is kept.
    await saveSettings(db, { showTimer: false, answerTargetSeconds: { ...targets, operational: 600 } });
    const hidden = engineOn(db, time);
    await hidden.start();
    time.tick(60_000);
    await revealAndGrade(hidden, 3);
    const [kept, none] = await db.reviews.orderBy('reviewedAt').toArray();
    expect(kept).toMatchObject({ cardId: id('1.1'), targetMs: 45_000 });
    expect(none).toMatchObject({ durationMs: 60_000 });
    expect(none).not.toHaveProperty('targetMs');
  });
});

describe('the new-card limit across tabs', () => {
  /** Nine cards introduced earlier today, in deck order (junior to senior). */
  async function nineIntroduced(db: KeypointsDb) {
    const order = ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '3.1', '3.2', '3.3'];
    for (const n of order) await gradeElsewhere(db, id(n), 4, T0 + 10_000);
  }

  it("two tabs each taking the day's new cards: 11 introduced with a limit of 10, now 10", async () => {
    const db = await seededDb({ newPerDay: 10 });
    await nineIntroduced(db);
    const time = fakeTime(T0 + MINUTE);
    // Two windows, each narrowed differently, so each queue holds a different last new card.
    const tabA = engineOn(db, time, { levels: ['lead'] });
    const tabB = engineOn(db, time, { levels: ['principal'] });
    await Promise.all([tabA.start(), tabB.start()]);
    expect(shownId(tabA)).toBe(id('4.1'));
    expect(shownId(tabB)).toBe(id('5.1'));

    await revealAndGrade(tabA, 4);
    await revealAndGrade(tabB, 4);

    expect((await todayReviews(db, time.now(), DEFAULT_SETTINGS.dayStartHour)).introduced).toBe(10);
    expect(tabB.getSnapshot().message).toMatch(/new cards have all been started/);
    expect(tabB.getSnapshot().phase.name).toBe('done');
    expect(await db.schedules.get(id('5.1'))).toMatchObject({ state: 0, reps: 0 });
  });

  it('at the limit, a new card another tab graded first is still reported as graded elsewhere', async () => {
    const db = await seededDb({ newPerDay: 10 });
    await nineIntroduced(db);
    const time = fakeTime(T0 + MINUTE);
    const tabA = engineOn(db, time, { levels: ['lead'] });
    const tabB = engineOn(db, time, { levels: ['lead'] });
    await Promise.all([tabA.start(), tabB.start()]);
    expect(shownId(tabB)).toBe(id('4.1'));

    await revealAndGrade(tabA, 4);
    await revealAndGrade(tabB, 4);

    expect(tabB.getSnapshot().message).toMatch(/graded in another tab/);
    expect(await db.reviews.count()).toBe(10);
  });

  it("a tab skips the new cards left in its queue once other tabs used up the day's allowance", async () => {
    const db = await seededDb({ newPerDay: 10 });
    for (const n of ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '3.1', '3.2']) {
      await gradeElsewhere(db, id(n), 4, T0 + 10_000);
    }
    const time = fakeTime(T0 + MINUTE);
    const tabA = engineOn(db, time, { levels: ['lead'] });
    const tabB = engineOn(db, time, { levels: ['principal'] });
    await Promise.all([tabA.start(), tabB.start()]);
    expect(tabA.getSnapshot().left).toBe(1);
    expect(tabB.getSnapshot().left).toBe(1);

    await revealAndGrade(tabA, 4);
    await revealAndGrade(tabB, 4);
    expect(shownId(tabA)).toBe(id('4.2'));
    await revealAndGrade(tabA, 4);

    // Tab A showed 4.2 before the allowance ran out: its grade is refused. Tab B never shows 5.2.
    expect(tabA.getSnapshot().message).toMatch(/new cards have all been started/);
    expect(tabA.getSnapshot().phase.name).toBe('done');
    expect(tabB.getSnapshot().phase.name).toBe('done');
    expect(await db.reviews.where('cardId').equals(id('5.2')).count()).toBe(0);
    expect((await todayReviews(db, time.now(), DEFAULT_SETTINGS.dayStartHour)).introduced).toBe(10);
  });
});

describe('study engine: skipping and the grade source', () => {
  it('skip moves on without a review; the card stays due and this session does not bring it back', async () => {
    const db = await seededDb({ newPerDay: 2 });
    const time = fakeTime(T0 + MINUTE);
    const engine = engineOn(db, time);
    await engine.start();
    expect(shownId(engine)).toBe(id('1.1'));
    const before = await db.schedules.get(id('1.1'));

    await engine.skip();
    expect(shownId(engine)).toBe(id('1.2'));
    expect(await db.reviews.count()).toBe(0);
    expect(await db.schedules.get(id('1.1'))).toEqual(before);

    // The queue runs out: a fresh read would hold 1.1 again (still due), and it is not shown.
    await engine.skip();
    expect(engine.getSnapshot().phase.name).toBe('done');
    expect(await db.reviews.count()).toBe(0);

    // The next session has it again.
    const next = engineOn(db, time);
    await next.start();
    expect(shownId(next)).toBe(id('1.1'));
  });

  it("a listening session's grades record their source and no answer target; an on-screen one's leave it out", async () => {
    const db = await seededDb();
    const time = fakeTime(T0 + MINUTE);
    const listening = createStudyEngine({ db, now: time.now, timers: time.timers, source: 'listening' });
    engines.push(listening);
    await listening.start();
    await listening.grade(3);
    time.tick(1000);
    const onScreen = engineOn(db, time);
    await onScreen.start();
    await revealAndGrade(onScreen, 3);
    const reviews = await db.reviews.orderBy('reviewedAt').toArray();
    expect(reviews.map((r) => [r.cardId, r.source, r.targetMs !== undefined])).toEqual([
      [id('1.1'), 'listening', false],
      [id('1.2'), undefined, true],
    ]);
  });
});
