// Where the plan's forecast sentence shows ("At 20 min a day you reach about 84% by Dec 15…"): its computation is passed in.
import { useEffect, useState } from 'react';
import type { Interview } from '../../domain/interview';
import { useDb } from '../../hooks/use-db';
import type { KeypointsDb } from '../../storage/db';

/**
 * Works out the forecast sentence of an interview's plan (a simulation run off the main thread).
 * The app passes one to the Readiness screen; without one, the screen shows no forecast at all.
 */
export type ForecastLoader = (
  db: KeypointsDb,
  interview: Interview,
  now: number,
) => Promise<{ sentence: string }>;

type Forecast = { status: 'working' } | { status: 'done'; sentence: string } | { status: 'failed' };

export function PlanForecast({
  load,
  interview,
  now,
}: {
  load: ForecastLoader;
  interview: Interview;
  now: number;
}) {
  const db = useDb();
  const [forecast, setForecast] = useState<Forecast>({ status: 'working' });
  useEffect(() => {
    let current = true;
    setForecast({ status: 'working' });
    load(db, interview, now).then(
      ({ sentence }) => current && setForecast({ status: 'done', sentence }),
      () => current && setForecast({ status: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, [load, db, interview, now]);
  return (
    <section className="kp-readiness__section" aria-labelledby="kp-readiness-plan">
      <h2 id="kp-readiness-plan">Your plan</h2>
      <p role="status">
        {forecast.status === 'done'
          ? forecast.sentence
          : forecast.status === 'failed'
            ? 'The forecast of your plan could not be worked out this time; readiness above is unaffected.'
            : 'Working out where your daily time gets you…'}
      </p>
    </section>
  );
}
