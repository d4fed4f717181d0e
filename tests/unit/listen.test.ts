// Listen mode's state machine over a real study engine, with a fake speaker and a clock the test moves.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type ListenSettings } from '../../src/domain';
import {
  createListenSession,
  HOW_DID_YOU_DO,
  KEY_POINTS_INTRO,
  type ListenSession,
  type Speaker,
} from '../../src/session/listen';
import { createStudyEngine, type StudyEngine } from '../../src/session/study-engine';
import type { KeypointsDb } from '../../src/storage/db';
import { fakeTime, MONDAY_MORNING } from '../support/clock';
import { seededDb } from '../support/db';
import { builtInCard } from '../support/deck';

const id = (n: string) => `amazon-engineer/${n}`;
/** How long the fake voice takes over any line. */
const LINE_MS = 1_000;

type Time = ReturnType<typeof fakeTime>;

/** A voice that takes LINE_MS per line on the fake clock; cancel() ends the line at once. */
function fakeSpeaker(time: Time) {
  const said: string[] = [];
  let speaking: { resolve: () => void; handle: unknown } | null = null;
  let failNext: Error | null = null;
  const speaker: Speaker & {
    said: string[];
    cancels: number;
    failNext(e: Error): void;
    speaking(): boolean;
  } = {
    said,
    cancels: 0,
    speak(text) {
      said.push(text);
      if (failNext) {
        const error = failNext;
        failNext = null;
        return Promise.reject(error);
      }
      return new Promise<void>((resolve) => {
        const handle = time.timers.set(() => {
          speaking = null;
          resolve();
        }, LINE_MS);
        speaking = { resolve, handle };
      });
    },
    cancel() {
      speaker.cancels += 1;
      if (!speaking) return;
      time.timers.clear(speaking.handle);
      speaking.resolve();
      speaking = null;
    },
    failNext(e) {
      failNext = e;
    },
    speaking: () => speaking !== null,
  };
  return speaker;
}

const dbs: KeypointsDb[] = [];
const sessions: { listen: ListenSession; engine: StudyEngine }[] = [];

afterEach(async () => {
  for (const { listen, engine } of sessions.splice(0)) {
    listen.dispose();
    engine.dispose();
  }
  for (const db of dbs.splice(0)) await db.delete();
});

async function setUp(listen: Partial<ListenSettings> = {}) {
  const time = fakeTime(MONDAY_MORNING);
  const db = await seededDb(MONDAY_MORNING - 60_000);
  dbs.push(db);
  await db.settings.put({
    ...DEFAULT_SETTINGS,
    listen: { ...DEFAULT_SETTINGS.listen, ...listen },
    key: 'settings',
  });
  const engine = createStudyEngine({ db, now: time.now, timers: time.timers, source: 'listening' });
  const speaker = fakeSpeaker(time);
  const session = createListenSession({ engine, speaker, timers: time.timers, now: time.now });
  sessions.push({ listen: session, engine });
  await engine.start();
  await vi.waitFor(() => expect(session.getSnapshot().step).toBe('ready'));
  return { time, db, engine, speaker, session };
}

/** Lets the database and the promises between lines settle, then moves the clock on. */
async function pass(time: Time, ms: number, step = LINE_MS): Promise<void> {
  for (let left = ms; left > 0; left -= step) {
    await settle();
    time.tick(Math.min(step, left));
  }
  await settle();
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Reads a whole card: question, thinking pause (20 s), key points, then the question to grade. */
async function readWholeCard(time: Time, keyPoints: number): Promise<void> {
  await pass(time, LINE_MS + 20_000 + LINE_MS * (keyPoints + 2));
}

describe('listen mode', () => {
  it('reads the question, pauses to think, reads the key points one by one, asks, and a screen button grades', async () => {
    const { time, db, speaker, session } = await setUp();
    const card = builtInCard('1.1');
    expect(session.getSnapshot().card?.id).toBe(id('1.1'));
    expect(speaker.said).toEqual([]);

    session.start();
    expect(session.getSnapshot()).toMatchObject({ step: 'question', line: card.question });
    await pass(time, LINE_MS);
    expect(session.getSnapshot().step).toBe('thinking');
    await pass(time, 19_000);
    expect(speaker.said).toEqual([card.question]);
    await pass(time, 1_000 + LINE_MS);
    expect(session.getSnapshot()).toMatchObject({ step: 'keyPoints', keyPointsReached: 1 });
    await pass(time, LINE_MS * card.keyPoints.length);
    expect(speaker.said).toEqual([card.question, KEY_POINTS_INTRO, ...card.keyPoints, HOW_DID_YOU_DO]);
    expect(session.getSnapshot()).toMatchObject({ step: 'asking', keyPointsReached: card.keyPoints.length });

    await session.grade(3);
    await settle();
    const reviews = await db.reviews.toArray();
    expect(reviews.map((r) => [r.cardId, r.rating, r.source])).toEqual([[id('1.1'), 3, 'listening']]);
    expect(session.getSnapshot()).toMatchObject({ step: 'question', card: { id: id('1.2') } });
    expect(speaker.said.at(-1)).toBe(builtInCard('1.2').question);
  });

  it('reads the context after the question when the setting says so, and grades mid-reading at once', async () => {
    const { time, db, speaker, session } = await setUp({ readContext: true, thinkSeconds: 5 });
    const card = builtInCard('1.1');
    session.start();
    await pass(time, 2 * LINE_MS);
    expect(speaker.said).toEqual([card.question, card.context]);
    expect(session.getSnapshot().step).toBe('thinking');
    // Known already: Good while thinking, no need to hear the key points.
    await session.grade(1);
    await settle();
    expect((await db.reviews.toArray()).map((r) => [r.cardId, r.rating])).toEqual([[id('1.1'), 1]]);
    expect(session.getSnapshot().card?.id).toBe(id('1.2'));
  });

  it('media keys: next track grades Good, previous track Again, play/pause pause and resume, stop stops', async () => {
    const { time, db, speaker, session } = await setUp();
    session.start();
    session.mediaAction('nexttrack');
    await vi.waitFor(() => expect(session.getSnapshot().card?.id).toBe(id('1.2')));
    time.tick(500);
    session.mediaAction('previoustrack');
    await vi.waitFor(() => expect(session.getSnapshot().card?.id).toBe(id('1.3')));
    const reviews = await db.reviews.orderBy('reviewedAt').toArray();
    expect(reviews.map((r) => [r.cardId, r.rating, r.source])).toEqual([
      [id('1.1'), 3, 'listening'],
      [id('1.2'), 1, 'listening'],
    ]);

    session.mediaAction('pause');
    expect(session.getSnapshot().paused).toBe(true);
    expect(speaker.speaking()).toBe(false);
    const heard = speaker.said.length;
    await pass(time, 60_000);
    expect(speaker.said.length).toBe(heard);
    session.mediaAction('play');
    expect(session.getSnapshot().paused).toBe(false);
    // The line cut short is said again.
    expect(speaker.said.at(-1)).toBe(builtInCard('1.3').question);

    session.mediaAction('stop');
    expect(session.getSnapshot().step).toBe('stopped');
  });

  it('no grade before the timeout: the card is skipped, stays due, and no review is written', async () => {
    const { time, db, session } = await setUp();
    const card = builtInCard('1.1');
    const before = await db.schedules.get(id('1.1'));
    session.start();
    await readWholeCard(time, card.keyPoints.length);
    expect(session.getSnapshot().step).toBe('asking');
    await pass(time, 14_000);
    expect(session.getSnapshot()).toMatchObject({ step: 'asking', skipped: 0 });
    await pass(time, 1_000);
    await vi.waitFor(() => expect(session.getSnapshot().card?.id).toBe(id('1.2')));
    expect(session.getSnapshot().skipped).toBe(1);
    expect(await db.reviews.count()).toBe(0);
    const after = await db.schedules.get(id('1.1'));
    expect(after).toEqual(before);
    expect(after?.due).toBeLessThanOrEqual(time.now());
  });

  it('pause holds the thinking pause where it was; resume goes on with what was left', async () => {
    const { time, speaker, session } = await setUp();
    session.start();
    await pass(time, LINE_MS + 5_000);
    expect(session.getSnapshot().step).toBe('thinking');
    session.pause();
    await pass(time, 120_000);
    expect(session.getSnapshot()).toMatchObject({ step: 'thinking', paused: true });
    expect(speaker.said).toHaveLength(1);
    session.resume();
    await pass(time, 14_000);
    expect(session.getSnapshot().step).toBe('thinking');
    await pass(time, 1_000);
    expect(speaker.said.at(-1)).toBe(KEY_POINTS_INTRO);
  });

  it('stop mid-sentence silences at once; nothing more is read, graded or skipped', async () => {
    const { time, db, speaker, session } = await setUp();
    session.start();
    expect(speaker.speaking()).toBe(true);
    session.stop();
    expect(speaker.speaking()).toBe(false);
    expect(session.getSnapshot()).toMatchObject({ step: 'stopped', line: null });
    await session.grade(3);
    session.mediaAction('nexttrack');
    await pass(time, 120_000, 5_000);
    expect(speaker.said).toEqual([builtInCard('1.1').question]);
    expect(await db.reviews.count()).toBe(0);
    expect(session.getSnapshot().skipped).toBe(0);
  });

  it('a speaker error: the text is shown instead, the card goes on, and the buttons still grade', async () => {
    const { time, db, speaker, session } = await setUp({ thinkSeconds: 0 });
    speaker.failNext(new Error('synthesis-failed'));
    session.start();
    await settle();
    const snap = session.getSnapshot();
    expect(snap.textOnly).toBe(true);
    expect(snap.notice).toMatch(/^Speech stopped working .*The text is shown instead/);
    // Without speech the key points are all shown and the grade is awaited.
    expect(snap).toMatchObject({ step: 'asking', keyPointsReached: builtInCard('1.1').keyPoints.length });
    expect(speaker.said).toHaveLength(1);
    await session.grade(3);
    await settle();
    expect(await db.reviews.count()).toBe(1);
    expect(session.getSnapshot().card?.id).toBe(id('1.2'));
    await pass(time, 1_000);
    expect(speaker.said).toHaveLength(1);
  });

  it('undo takes the grade back and reads that card again from its question', async () => {
    const { db, speaker, session } = await setUp();
    session.start();
    await session.grade(3);
    await settle();
    expect(session.getSnapshot().card?.id).toBe(id('1.2'));
    expect(session.getSnapshot().study.canUndo).toBe(true);
    await session.undo();
    await settle();
    expect(await db.reviews.count()).toBe(0);
    expect(session.getSnapshot()).toMatchObject({ step: 'question', card: { id: id('1.1') } });
    expect(speaker.said.at(-1)).toBe(builtInCard('1.1').question);
  });
});
