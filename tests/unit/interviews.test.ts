// Interviews: what the editor may save, and the repository that stores them.
import { describe, expect, it } from 'vitest';
import { compareDeckOrder, ValidationError } from '../../src/domain';
import {
  defaultInterviewDraft,
  interviewFromDraft,
  validateInterviewDraft,
} from '../../src/domain/interview';
import { DEFAULT_STUDY_DURATIONS } from '../../src/domain/plan';
import { readInterviewData } from '../../src/storage/repositories/interview-data';
import {
  deleteInterview,
  getInterview,
  keepReachedReadiness,
  listInterviews,
  saveInterview,
  upcomingInterviews,
} from '../../src/storage/repositories/interviews';
import { gradeCard } from '../../src/storage/repositories/reviews';
import { getSettings } from '../../src/storage/repositories/settings';
import { DAY, HOUR, MINUTE } from '../support/clock';
import { freshDb, seededDb } from '../support/db';

const NOW = Date.UTC(2026, 11, 1, 9);

describe('interview drafts', () => {
  it('accepts the defaults once named, and says what is wrong otherwise', () => {
    const draft = defaultInterviewDraft(NOW + 14 * DAY);
    expect(draft).toMatchObject({ dailyMinutes: 20, leadDays: 3, target: 0.9, covers: {} });
    expect(validateInterviewDraft(draft).map((p) => p.field)).toEqual(['name']);
    expect(validateInterviewDraft({ ...draft, name: '  Final loop ' })).toEqual([]);
    const bad = validateInterviewDraft({
      ...draft,
      name: 'x'.repeat(121),
      at: Number.NaN,
      dailyMinutes: 0,
      leadDays: 1.5,
      target: 1,
      covers: { levels: ['wizard' as never], kinds: ['behavioral'] },
    });
    expect(bad.map((p) => p.field)).toEqual([
      'name',
      'at',
      'dailyMinutes',
      'leadDays',
      'target',
      'covers.levels',
    ]);
  });

  it('refuses a moment already past only when asked to (a new or moved date)', () => {
    const past = { ...defaultInterviewDraft(NOW - DAY), name: 'Last week' };
    expect(validateInterviewDraft(past)).toEqual([]);
    expect(validateInterviewDraft(past, NOW)).toEqual([
      { field: 'at', message: 'This moment has passed: choose a date and time still ahead.' },
    ]);
    expect(validateInterviewDraft({ ...past, at: NOW + DAY }, NOW)).toEqual([]);
  });

  it('trims the name, drops empty and repeated filters, and reopens an interview whose date moved', () => {
    const draft = {
      ...defaultInterviewDraft(NOW),
      name: ' Loop ',
      covers: { levels: [], tags: ['aws', 'aws'] },
    };
    const first = interviewFromDraft(draft, { id: 'a', createdAt: NOW });
    expect(first).toMatchObject({
      name: 'Loop',
      covers: { tags: ['aws'] },
      reachedReadiness: null,
      createdAt: NOW,
    });
    const settled = { ...first, reachedReadiness: 81 };
    expect(
      interviewFromDraft({ ...draft, name: 'Renamed' }, { id: 'a', createdAt: NOW + 1 }, settled),
    ).toMatchObject({
      name: 'Renamed',
      createdAt: NOW,
      reachedReadiness: 81,
    });
    expect(
      interviewFromDraft({ ...draft, at: NOW + DAY }, { id: 'a', createdAt: NOW + 1 }, settled)
        .reachedReadiness,
    ).toBeNull();
  });
});

describe('interviews repository', () => {
  it('adds, lists soonest first, changes, keeps the reached readiness once, and removes', async () => {
    const db = freshDb();
    const later = await saveInterview(db, { ...defaultInterviewDraft(NOW + 20 * DAY), name: 'Onsite' }, NOW);
    const sooner = await saveInterview(
      db,
      { ...defaultInterviewDraft(NOW + 5 * DAY), name: 'Phone screen' },
      NOW,
    );
    expect((await listInterviews(db)).map((i) => i.name)).toEqual(['Phone screen', 'Onsite']);
    expect((await upcomingInterviews(db, NOW + 6 * DAY)).map((i) => i.name)).toEqual(['Onsite']);

    await saveInterview(
      db,
      { ...defaultInterviewDraft(later.at), name: 'Onsite', dailyMinutes: 35 },
      NOW + DAY,
      later.id,
    );
    expect(await getInterview(db, later.id)).toMatchObject({
      dailyMinutes: 35,
      createdAt: NOW,
      updatedAt: NOW + DAY,
    });

    await keepReachedReadiness(db, sooner.id, 77);
    await keepReachedReadiness(db, sooner.id, 99);
    expect((await getInterview(db, sooner.id))?.reachedReadiness).toBe(77);

    await deleteInterview(db, sooner.id);
    expect((await listInterviews(db)).map((i) => i.id)).toEqual([later.id]);
  });

  it('refuses an invalid draft and a change to a removed interview, storing nothing', async () => {
    const db = freshDb();
    await expect(saveInterview(db, defaultInterviewDraft(NOW), NOW)).rejects.toBeInstanceOf(ValidationError);
    await expect(
      saveInterview(db, { ...defaultInterviewDraft(NOW), name: 'Gone' }, NOW, 'no-such-id'),
    ).rejects.toThrow(/removed meanwhile/);
    expect(await db.interviews.count()).toBe(0);
  });
});

describe('interview data', () => {
  it('reads the active cards in deck order with their schedules, and default timings before any review', async () => {
    const db = await seededDb(NOW);
    const [first, second] = await db.cards.orderBy('id').primaryKeys();
    await db.cards.update(String(first), { suspended: true });
    await db.schedules.update(String(first), { active: 0 });
    const data = await readInterviewData(db);
    expect(data.cards).toHaveLength(14);
    expect(data.cards.map((c) => c.id)).not.toContain(first);
    expect(data.cards.map((c) => c.id)).toContain(second);
    const inDeckOrder = (await db.cards.toArray()).filter((c) => c.id !== first).sort(compareDeckOrder);
    expect(data.cards.map((c) => c.id)).toEqual(inDeckOrder.map((c) => c.id));
    expect(data.schedules.size).toBe(14);
    expect(data.durations).toEqual(DEFAULT_STUDY_DURATIONS);
    expect(Object.keys(data.cards[0] ?? {}).sort()).toEqual(['deckId', 'id', 'kind', 'level', 'tags']);
    expect(data.studiedToday).toEqual([]);

    // Without tags, the schedules alone give the same cards in the same order.
    const untagged = await readInterviewData(db, { tags: false });
    expect(untagged.cards).toEqual(data.cards.map((c) => ({ ...c, tags: [] })));
  });

  it("reads the study day's reviews when given a moment, first reviews apart", async () => {
    const db = await seededDb(NOW);
    const settings = await getSettings(db);
    const [a, b] = (await db.cards.orderBy('id').primaryKeys()).map(String);
    const grade = async (cardId: string, at: number) => {
      const shown = await db.schedules.get(cardId);
      if (!shown) throw new Error(`no schedule for ${cardId}`);
      await gradeCard(db, settings, {
        cardId,
        shown,
        rating: 3,
        now: at,
        durationMs: 60_000,
        keyPointsRecalled: [],
        pitfallsFlagged: [],
        notes: '',
      });
    };
    await grade(String(a), NOW - DAY); // yesterday
    await grade(String(b), NOW - HOUR);
    await grade(String(a), NOW - 30 * MINUTE);
    const data = await readInterviewData(db, { now: NOW });
    expect(data.studiedToday).toEqual([
      { cardId: b, firstReview: true },
      { cardId: a, firstReview: false },
    ]);
  });
});
