// The interview screens behind #/interviews/…: the list, the editor (new or "<id>/edit") and an interview's readiness ("<id>").
import { lazy } from 'react';
import type { ForecastLoader } from '../features/readiness/plan-forecast';

// Each screen is its own chunk, as in app.tsx; the addresses are built in components/routes.ts.
const InterviewsScreen = lazy(() =>
  import('../features/interviews/interviews-screen').then((m) => ({ default: m.InterviewsScreen })),
);
const InterviewEditorScreen = lazy(() =>
  import('../features/interviews/interview-editor-screen').then((m) => ({
    default: m.InterviewEditorScreen,
  })),
);
const ReadinessScreen = lazy(() =>
  import('../features/readiness/readiness-screen').then((m) => ({ default: m.ReadinessScreen })),
);

/**
 * The plan's forecast, simulated in a worker (src/session/interview-forecast.ts): fetched only when
 * a Readiness screen asks, and made once here so the screen's effect does not rerun on each render.
 */
const loadForecast: ForecastLoader = (db, interview, now) =>
  import('../session/interview-forecast').then((m) => m.forecastInterview(db, interview, now));

/** `params`: the address's segments after "/interviews" (see NEW_INTERVIEW_HREF, readinessHref, editInterviewHref). */
export function InterviewRoutes({ params }: { params: readonly string[] }) {
  const [id, action] = params;
  if (id === undefined) return <InterviewsScreen />;
  if (id === 'new') return <InterviewEditorScreen />;
  if (action === 'edit') return <InterviewEditorScreen key={id} interviewId={id} />;
  return <ReadinessScreen key={id} interviewId={id} forecast={loadForecast} />;
}
