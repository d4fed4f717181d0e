// What the interview screens read: each interview's readiness and today's line, one interview in full, and the readiness kept once it has passed.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Grade } from '../../src/domain';
import { defaultInterviewDraft } from '../../src/domain/interview';
import { todayPlan } from '../../src/domain/plan';
import { readiness, readinessTrend } from '../../src/domain/readiness';
import type { KeypointsDb } from '../../src/storage/db';
import { readInterviewData } from '../../src/storage/repositories/interview-data';
import { getInterview, saveInterview } from '../../src/storage/repositories/interviews';
import { sessionQueue } from '../../src/storage/repositories/queries';
import {
  coverChoices,
  interviewOverview,
  interviewReadiness,
  settlePastInterviews,
} from '../../src/storage/repositories/readiness-views';
import { gradeCard } from '../../src/storage/repositories/reviews';
import { DAY, HOUR, MINUTE, MONDAY_MORNING } from '../support/clock';
import { seededDb } from '../support/db';

const C11 = 'amazon-engineer/1.1';
const C12 = 'amazon-engineer/1.2';

async function grade(db: KeypointsDb, cardId: string, rating: Grade, now: number): Promise<void> {
  const shown = await db.schedules.get(cardId);
  if (!shown) throw new Error(`no schedule for ${cardId}`);
  await gradeCard(db, DEFAULT_SETTINGS, {
    cardId,
    shown,
    rating,
    now,
    durationMs: 60_000,
    keyPointsRecalled: [],
    pitfallsFlagged: [],
    notes: '',
  });
}

async function addInterview(db: KeypointsDb, name: string, at: number, now: number) {
  return saveInterview(db, { ...defaultInterviewDraft(at), name }, now);
}

describe('interviewOverview', () => {
  it('gives each interview ahead its days left, readiness and the plan’s line over today’s queue', async () => {
    const now = MONDAY_MORNING;
    const db = await seededDb(now);
    await grade(db, C11, 3, now);
    const ahead = await addInterview(db, 'Amazon loop', now + 14 * DAY, now);
    const gone = await addInterview(db, 'Phone screen', now + DAY, now);
    const later = now + 2 * DAY + HOUR;

    const overview = await interviewOverview(db, later);

    expect(overview.past.map((i) => i.id)).toEqual([gone.id]);
    expect(overview.upcoming).toHaveLength(1);
    const [summary] = overview.upcoming;
    const data = await readInterviewData(db);
    const { queue } = await sessionQueue(db, data.settings, later);
    expect(summary).toEqual({
      interview: ahead,
      daysLeft: 12,
      percent: readiness({ ...data, interview: ahead, now: later }).percent,
      cards: 15,
      line: todayPlan({ ...data, interview: ahead, now: later, todayQueue: queue }).line,
    });
    expect(summary?.percent).toBeGreaterThan(0);
    expect(summary?.line).toMatch(/^For Amazon loop: /);
    await db.delete();
  });
  it('counts what was studied today in the line, as the session’s plan does (it asked again for the new cards just studied)', async () => {
    const now = MONDAY_MORNING;
    const db = await seededDb(now);
    // No new card by the daily limit: the interview's pace (2 a day) brings them.
    await db.settings.put({ ...DEFAULT_SETTINGS, newPerDay: 0, key: 'settings' });
    const interview = await addInterview(db, 'Amazon loop', now + 14 * DAY, now);
    expect((await interviewOverview(db, now)).upcoming[0]?.line).toMatch(
      /^For Amazon loop: your queue plus 2 new cards today/,
    );

    // The session's plan brought two new cards; both studied, graduated Easy.
    await grade(db, C11, 4, now + MINUTE);
    await grade(db, C12, 4, now + 2 * MINUTE);
    const later = now + HOUR;
    const [summary] = (await interviewOverview(db, later)).upcoming;
    const data = await readInterviewData(db, { now: later });
    const { queue } = await sessionQueue(db, data.settings, later);
    const plan = todayPlan({ ...data, interview, now: later, todayQueue: queue });
    expect(plan.newCards).toEqual([]);
    expect(summary?.line).toBe(plan.line);
    expect(summary?.line).not.toMatch(/new card/);
    await db.delete();
  });
});

describe('settlePastInterviews', () => {
  it('keeps the readiness reached on the day, from the reviews before it, once', async () => {
    const now = MONDAY_MORNING;
    const db = await seededDb(now);
    const interview = await addInterview(db, 'Onsite', now + 3 * DAY, now);
    await grade(db, C11, 3, now + MINUTE);
    await grade(db, C12, 1, now + 2 * MINUTE);
    await grade(db, C11, 3, now + DAY);

    expect(await settlePastInterviews(db, now + 2 * DAY)).toBe(0);
    expect((await getInterview(db, interview.id))?.reachedReadiness).toBeNull();

    // Reviews after the moment do not count: the log up to it is the truth.
    await grade(db, C12, 4, now + 4 * DAY);
    expect(await settlePastInterviews(db, now + 5 * DAY)).toBe(1);
    const data = await readInterviewData(db);
    const [onTheDay] = readinessTrend({
      cards: data.cards,
      reviews: (await db.reviews.toArray()).filter((r) => r.reviewedAt < interview.at),
      interview,
      settings: data.settings,
      dayStartHour: data.settings.dayStartHour,
      from: interview.at,
      to: interview.at,
    });
    const reached = (await getInterview(db, interview.id))?.reachedReadiness;
    expect(reached).toBe(onTheDay?.percent);
    expect(reached).toBeGreaterThan(0);

    // Kept once: more reviews and more calls change nothing.
    await grade(db, C11, 1, now + 6 * DAY);
    expect(await settlePastInterviews(db, now + 7 * DAY)).toBe(0);
    expect((await getInterview(db, interview.id))?.reachedReadiness).toBe(reached);
    await db.delete();
  });
});

describe('interviewReadiness', () => {
  it('shows the readiness in full, the trend from the later of creation and the first review, to today', async () => {
    const now = MONDAY_MORNING;
    const db = await seededDb(now);
    await grade(db, C11, 3, now - 10 * DAY);
    const interview = await addInterview(db, 'Loop', now + 14 * DAY, now - 3 * DAY);
    await grade(db, C12, 3, now - DAY);

    const view = await interviewReadiness(db, interview.id, now);
    expect(view?.daysLeft).toBe(14);
    expect(view?.reached).toBeNull();
    // Created three days ago, after the first review: four days, today included.
    expect(view?.trend).toHaveLength(4);
    expect(view?.trend.map((p) => p.day)).toEqual(['2025-01-03', '2025-01-04', '2025-01-05', '2025-01-06']);
    expect(view?.readiness.cards).toBe(15);
    expect(view?.weakest).toHaveLength(10);
    const card = await db.cards.get(view?.weakest[0]?.cardId ?? '');
    expect(view?.weakest[0]).toMatchObject({ question: card?.question, isNew: true, recall: 0 });

    const first = await addInterview(db, 'Before any review', now + 14 * DAY, now - 20 * DAY);
    // Created before the first review: the trend starts on the day of that review.
    expect((await interviewReadiness(db, first.id, now))?.trend).toHaveLength(11);

    expect(await interviewReadiness(db, 'no-such-id', now)).toBeNull();
    await db.delete();
  });

  it('gives a passed interview the readiness it reached on its day', async () => {
    const now = MONDAY_MORNING;
    const db = await seededDb(now);
    const interview = await addInterview(db, 'Onsite', now + DAY, now);
    await grade(db, C11, 3, now + MINUTE);
    const view = await interviewReadiness(db, interview.id, now + 3 * DAY);
    expect(view?.daysLeft).toBe(-1);
    expect(view?.reached).toBe(view?.trend.at(-1)?.percent);
    expect(view?.trend.at(-1)?.day).toBe('2025-01-07');
    await db.delete();
  });
});

describe('coverChoices', () => {
  it('offers the decks and tags of the cards that can be studied', async () => {
    const now = MONDAY_MORNING;
    const db = await seededDb(now);
    await db.cards.update(C11, { tags: ['aws', 'story'] });
    await db.cards.update(C12, { tags: ['aws'] });
    const choices = await coverChoices(db);
    expect(choices.decks.map((d) => d.id)).toEqual(['amazon-engineer']);
    expect(choices.tags).toEqual(['aws', 'story']);
    expect(choices.cards).toHaveLength(15);
    await db.delete();
  });
});
