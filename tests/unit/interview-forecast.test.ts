// The interview forecast from a real database: what the plan reaches, the minutes the target needs, and the simulation against real grading.
import { afterEach, describe, expect, it } from 'vitest';
import { shortDay } from '../../src/components/format';
import type { Grade } from '../../src/domain';
import { covers, type Interview } from '../../src/domain/interview';
import { forecastSentence, minutesNeeded, simulatePlan } from '../../src/domain/plan-simulation';
import { readiness } from '../../src/domain/readiness';
import { forecastInterview } from '../../src/session/interview-forecast';
import type { KeypointsDb } from '../../src/storage/db';
import { readInterviewData } from '../../src/storage/repositories/interview-data';
import { saveInterview } from '../../src/storage/repositories/interviews';
import { gradeCard } from '../../src/storage/repositories/reviews';
import { getSettings } from '../../src/storage/repositories/settings';
import { DAY, MINUTE } from '../support/clock';
import { seededDb } from '../support/db';

const NOW = new Date(2025, 0, 20, 9, 0).getTime(); // Monday 20 January 2025, 09:00 local
const opened: KeypointsDb[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function grade(db: KeypointsDb, cardId: string, rating: Grade, at: number) {
  const shown = await db.schedules.get(cardId);
  if (!shown) throw new Error(`no schedule for ${cardId}`);
  return gradeCard(db, await getSettings(db), {
    cardId,
    shown,
    rating,
    now: at,
    durationMs: 90_000,
    keyPointsRecalled: [],
    pitfallsFlagged: [],
    notes: '',
  });
}

/** The built-in deck with two weeks of study of its first eight cards (some lapses), and an interview. */
async function studiedDb(interviewInDays = 18): Promise<{ db: KeypointsDb; interview: Interview }> {
  const db = await seededDb(NOW - 30 * DAY);
  opened.push(db);
  const ids = (await db.schedules.toArray()).map((s) => s.cardId).slice(0, 8);
  for (const [i, cardId] of ids.entries()) {
    let at = NOW - 14 * DAY + i * MINUTE;
    for (let n = 0; n < 6 && at < NOW; n++) {
      const { after } = await grade(db, cardId, n === 2 && i % 3 === 0 ? 1 : 3, at);
      at = Math.max(after.due, at + MINUTE);
    }
  }
  const interview = await saveInterview(
    db,
    {
      name: 'Onsite',
      at: NOW + interviewInDays * DAY,
      covers: { levels: ['junior', 'mid', 'senior'] },
      dailyMinutes: 10,
      leadDays: 3,
      target: 0.9,
    },
    NOW,
  );
  return { db, interview };
}

describe('forecastInterview', () => {
  it('simulates the plan on the covered cards and words it, the same for the same log every time', async () => {
    const { db, interview } = await studiedDb();
    const forecast = await forecastInterview(db, interview, NOW);

    const data = await readInterviewData(db);
    const input = {
      ...data,
      cards: data.cards.filter((c) => covers(interview, c)),
      interview,
      now: NOW,
    };
    const reached = simulatePlan({ ...input, mode: 'expected', dailyMinutes: 10 }).percent;
    const needed = minutesNeeded(input);
    expect(forecast).toEqual({
      reachedPercent: reached,
      minutesForTarget: needed,
      sentence: forecastSentence(
        {
          dailyMinutes: 10,
          reachedPercent: reached,
          interviewAt: interview.at,
          target: 0.9,
          minutesForTarget: needed,
        },
        shortDay,
      ),
    });
    expect(forecast.sentence).toMatch(/^At 10 min a day you reach about \d+% by .+[.]$/);
    expect(forecast.reachedPercent).toBeGreaterThan(0);

    expect(await forecastInterview(db, interview, NOW)).toEqual(forecast);
  });

  it('told every review succeeds, predicts the readiness that grading those reviews Good in the app gives', async () => {
    const { db, interview } = await studiedDb(25);
    const data = await readInterviewData(db);
    const sim = simulatePlan({
      ...data,
      interview,
      now: NOW,
      dailyMinutes: 30,
      mode: 'expected',
      alwaysRecalled: true,
    });
    expect(sim.reviews.length).toBeGreaterThan(5);

    // The plan's reviews, each graded Good through the app's own grading, at its moment.
    for (const r of sim.reviews) await grade(db, r.cardId, 3, r.at);
    const after = await readInterviewData(db);
    const actual = readiness({ ...after, interview, now: interview.at }).percent;
    expect(Math.abs(sim.percent - actual)).toBeLessThan(1);
  });
});
