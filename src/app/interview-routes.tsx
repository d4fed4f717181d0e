// The interview screens behind #/interviews/…: the list, the editor (new or "<id>/edit") and an interview's readiness ("<id>").
import { lazy } from 'react';

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

/** `params`: the address's segments after "/interviews" (see NEW_INTERVIEW_HREF, readinessHref, editInterviewHref). */
export function InterviewRoutes({ params }: { params: readonly string[] }) {
  const [id, action] = params;
  if (id === undefined) return <InterviewsScreen />;
  if (id === 'new') return <InterviewEditorScreen />;
  if (action === 'edit') return <InterviewEditorScreen key={id} interviewId={id} />;
  // The plan's forecast (src/session/interview-forecast.ts) is passed here as `forecast` once it exists.
  return <ReadinessScreen key={id} interviewId={id} />;
}
