// A page for tests/e2e/interview-plan.spec.ts: a database with a history and an interview, forecast in a worker and in-thread.
import deckJson from '../../../data/decks/amazon-engineer.json';
import { validateDeckFile } from '../../../src/domain';
import { type Forecast, forecastInterview } from '../../../src/session/interview-forecast';
import { runForecast } from '../../../src/session/interview-forecast-run';
import { createDb } from '../../../src/storage/db';
import { upsertDeckFile } from '../../../src/storage/repositories/decks';
import { readInterviewData } from '../../../src/storage/repositories/interview-data';
import { saveInterview } from '../../../src/storage/repositories/interviews';
import { gradeCard } from '../../../src/storage/repositories/reviews';
import { getSettings } from '../../../src/storage/repositories/settings';

const DAY = 86_400_000;

export interface ForecastRun {
  /** forecastInterview as the app calls it: in its Web Worker. */
  viaWorker: Forecast;
  /** The same computation in this thread, on the same data. */
  inThread: Forecast;
}

/** Two weeks of study of the built-in deck's first eight cards up to `now`, an interview 20 days later. */
async function kpForecast(now: number): Promise<ForecastRun> {
  const db = createDb(`forecast-${now}`);
  await db.delete();
  await db.open();
  await upsertDeckFile(db, validateDeckFile(deckJson), now - 30 * DAY);
  const settings = await getSettings(db);
  const ids = (await db.schedules.toArray()).map((s) => s.cardId).slice(0, 8);
  for (const [i, cardId] of ids.entries()) {
    let at = now - 14 * DAY + i * 60_000;
    for (let n = 0; n < 6 && at < now; n++) {
      const shown = await db.schedules.get(cardId);
      if (!shown) throw new Error(`no schedule for ${cardId}`);
      const rating = n === 2 && i % 3 === 0 ? 1 : 3;
      const { after } = await gradeCard(db, settings, {
        cardId,
        shown,
        rating,
        now: at,
        durationMs: 90_000,
        keyPointsRecalled: [],
        pitfallsFlagged: [],
        notes: '',
      });
      at = Math.max(after.due, at + 60_000);
    }
  }
  const interview = await saveInterview(
    db,
    { name: 'Onsite', at: now + 20 * DAY, covers: {}, dailyMinutes: 20, leadDays: 3, target: 0.9 },
    now,
  );
  const viaWorker = await forecastInterview(db, interview, now);
  const data = await readInterviewData(db);
  const inThread = runForecast({ ...data, interview, now });
  db.close();
  return { viaWorker, inThread };
}

declare global {
  interface Window {
    kpForecast?: typeof kpForecast;
  }
}
window.kpForecast = kpForecast;
