// Statistics: a small shell in the precache; the charts and their computation come the first time it opens (vite.config.ts).
import { lazy, Suspense, useState } from 'react';
import type { StatsViewProps } from './stats-view';

export function Counting() {
  return (
    <p className="kp-muted" role="status">
      Counting your reviews…
    </p>
  );
}

function NotDownloaded() {
  return (
    <p className="kp-notice" role="alert">
      The statistics could not be loaded: they are downloaded the first time you open them. Connect to the
      internet and open Statistics again; from then on they work offline too.
    </p>
  );
}

// Also when the chunk's loader, asked to reload the page, resolves to nothing (src/pwa/stale-code.ts).
const loadView = () =>
  import('./stats-view').then((m) => ({ default: m.StatsView })).catch(() => ({ default: NotDownloaded }));

export function StatsScreen(props: StatsViewProps) {
  // One attempt per visit: a view that could not be downloaded offline is tried again next time.
  const [View] = useState(() => lazy(loadView));
  return (
    <div className="kp-statistics">
      <h1>Statistics</h1>
      <Suspense fallback={<Counting />}>
        <View {...props} />
      </Suspense>
    </div>
  );
}
