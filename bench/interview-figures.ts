// The interview figures (DESIGN §7): readiness of 10,000 covered cards at 4× CPU, the plan forecast of 1,000 cards × 60 days in its worker.
import type { ForecastTimed, ReadinessPrepared } from './bench-api';
import { persistentContext, throttle } from './browser-figures';

const DAY = 86_400_000;
/** Generating a year of history for 10,000 cards in the page takes seconds; a hang still ends the run. */
const SLOW = 180_000;

export interface InterviewFigures {
  readiness: ReadinessPrepared & { cpu: number; ms: number[] };
  forecast: ForecastTimed & { cpu: number };
}

export interface InterviewOptions {
  base: string;
  readinessCards: number;
  readinessRuns: number;
  forecastCards: number;
  forecastDays: number;
  log: (message: string) => void;
}

/**
 * In the bench page (same origin as the app, its own database for the forecast): readiness() over
 * cards kept in memory, timed run by run at 4× CPU; then forecastInterview on a database of its
 * own, timed from the call to the answer, with the longest main-thread task meanwhile. Chromium's
 * CPU throttle slows the page, not dedicated workers: the simulation itself runs at full speed.
 */
export async function interviewFigures(options: InterviewOptions): Promise<InterviewFigures> {
  const { base, log } = options;
  const { context, close } = await persistentContext();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(SLOW);
    await page.goto(`${base}/__bench/seed.html`);
    await page.waitForFunction(() => window.kpBench !== undefined);
    const cdp = await context.newCDPSession(page);

    log(`readiness: ${options.readinessCards} synthetic cards with a year of history, in memory …`);
    const prepared = await page.evaluate(
      (n) => (window.kpBench as NonNullable<Window['kpBench']>).prepareReadiness(n),
      options.readinessCards,
    );
    log(`readiness() ×${options.readinessRuns} (4× CPU) …`);
    await throttle(cdp, 4);
    const ms = await page.evaluate(
      (runs) => (window.kpBench as NonNullable<Window['kpBench']>).timeReadiness(runs),
      options.readinessRuns,
    );

    log(
      `plan forecast: ${options.forecastCards} cards, interview in ${options.forecastDays} days (4× CPU) …`,
    );
    const today = Math.floor(Date.now() / DAY) * DAY;
    const forecast = await page.evaluate(
      (o) => (window.kpBench as NonNullable<Window['kpBench']>).forecast(o),
      { cards: options.forecastCards, days: options.forecastDays, today },
    );
    await throttle(cdp, 1);
    return { readiness: { ...prepared, cpu: 4, ms }, forecast: { ...forecast, cpu: 4 } };
  } finally {
    await close();
  }
}
