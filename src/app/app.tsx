// The app's composition root: storage, the header, and the screen for the current address.
import { lazy, Suspense, useEffect, useRef } from 'react';
import { href, PATHS } from '../components/routes';
import { KINDS, type Kind, LEVELS, type Level } from '../domain';
import { HomeScreen } from '../features/home/home-screen';
import { ReviewScreen } from '../features/review/review-screen';
import { DbContext } from '../hooks/use-db';
import { OfflineIndicator } from '../pwa/offline-indicator';
import type { KeypointsDb } from '../storage/db';
import type { SessionFilter } from '../storage/repositories/queries';
import { readSyncStatus } from '../storage/repositories/sync-status';
import { firstUseScreen } from './first-use-screen';
import { navigate, type Route, useRoute } from './router';
import { useDatabase } from './use-database';

// Home and Review are in the first-card chunk, which this entry imports anyway (vite.config.ts
// STUDY_PATH): a lazy import of them would only add a wrapper and a module namespace to that path.
// Every other screen is its own chunk: opening one loads only what it needs.
const SettingsScreen = lazy(() =>
  import('../features/settings/settings-screen').then((m) => ({ default: m.SettingsScreen })),
);

const BrowseScreen = lazy(() =>
  import('../features/browse/browse-screen').then((m) => ({ default: m.BrowseScreen })),
);
const CardScreen = lazy(() =>
  import('../features/browse/card-screen').then((m) => ({ default: m.CardScreen })),
);
const EditorScreen = lazy(() =>
  import('../features/editor/editor-screen').then((m) => ({ default: m.EditorScreen })),
);
const ImportScreen = lazy(() =>
  import('../features/import-export/import-screen').then((m) => ({ default: m.ImportScreen })),
);
const DataScreen = lazy(() =>
  import('../features/import-export/data-screen').then((m) => ({ default: m.DataScreen })),
);
// The list, the editor and an interview's readiness share one address (#/interviews/…) and one small router.
const InterviewRoutes = lazy(() =>
  import('./interview-routes').then((m) => ({ default: m.InterviewRoutes })),
);
// Listen mode: its screen, the session's reading machine and speech, loaded only when opened.
const ListenScreen = lazy(() =>
  import('../features/listen/listen-screen').then((m) => ({ default: m.ListenScreen })),
);
// Sync: its screens and the CouchDB client, loaded only when opened (the background sync loads on its own).
// Sync and Statistics are fetched on first use, not precached: offline before then they say so.
const SyncScreen = firstUseScreen('Sync', () =>
  import('../features/sync/sync-screen').then((m) => m.SyncScreen),
);
const JoinScreen = firstUseScreen('Sync', () =>
  import('../features/sync/join-screen').then((m) => m.JoinScreen),
);
const StatsScreen = firstUseScreen('Statistics', () =>
  import('../features/stats/stats-screen').then((m) => m.StatsScreen),
);

const NAV = [
  { path: PATHS.home, label: 'Home' },
  { path: PATHS.browse, label: 'Browse' },
  { path: PATHS.stats, label: 'Stats' },
  { path: PATHS.data, label: 'Data' },
  { path: PATHS.settings, label: 'Settings' },
] as const;

function filterFrom(route: Route): SessionFilter {
  const list = (name: string) => (route.query.get(name) ?? '').split(',').filter(Boolean);
  return {
    levels: list('levels').filter((l): l is Level => (LEVELS as readonly string[]).includes(l)),
    kinds: list('kinds').filter((k): k is Kind => (KINDS as readonly string[]).includes(k)),
  };
}

function filterQuery(filter: SessionFilter) {
  return { levels: filter.levels?.join(','), kinds: filter.kinds?.join(',') };
}

function Screen({ route }: { route: Route }) {
  switch (route.path) {
    case PATHS.review:
      return (
        <ReviewScreen
          key={route.query.toString()}
          filter={filterFrom(route)}
          onExit={() => navigate(PATHS.home, Object.fromEntries(route.query))}
        />
      );
    case PATHS.listen:
      return (
        <ListenScreen
          key={route.query.toString()}
          filter={filterFrom(route)}
          onExit={() => navigate(PATHS.home, Object.fromEntries(route.query))}
        />
      );
    case PATHS.settings:
      return <SettingsScreen />;
    case PATHS.browse:
      return <BrowseScreen />;
    case PATHS.card:
      return <CardScreen key={route.params[0]} cardId={route.params[0] ?? ''} />;
    case PATHS.newCard:
      return <EditorScreen />;
    case PATHS.edit:
      return <EditorScreen key={route.params[0]} cardId={route.params[0] ?? ''} />;
    case PATHS.import:
      return <ImportScreen />;
    case PATHS.data:
      return <DataScreen />;
    case PATHS.interviews:
      return <InterviewRoutes params={route.params} />;
    case PATHS.stats:
      return <StatsScreen />;
    case PATHS.sync:
      return route.params[0] === 'join' ? <JoinScreen link={route.query.get('s') ?? ''} /> : <SyncScreen />;
    default:
      return (
        <HomeScreen
          initialFilter={filterFrom(route)}
          onStart={(filter) => navigate(PATHS.review, filterQuery(filter))}
          onListen={(filter) => navigate(PATHS.listen, filterQuery(filter))}
        />
      );
  }
}

/**
 * Background sync, when it is on: its code (the CouchDB client, the replicator) loads a second after
 * the first screen, when the page is idle, never on the way to the first card. Only the small status
 * record is read before.
 */
function BackgroundSync({ db }: { db: KeypointsDb }) {
  useEffect(() => {
    let cancelled = false;
    const start = () => {
      void readSyncStatus(db).then((status) => {
        if (cancelled || status.state === 'off') return;
        // Sync's code is not precached: offline it may not load yet. It waits for the network, which
        // sync needs anyway (src/pwa/stale-code.ts leaves this chunk's failures to this fallback).
        if (!navigator.onLine) {
          window.addEventListener('online', start, { once: true });
          return;
        }
        import('../sync/background').then(
          (m) => m.startSync(db),
          () => window.addEventListener('online', start, { once: true }),
        );
      });
    };
    const timer = setTimeout(() => {
      if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 2000 });
      else start();
    }, 1000);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [db]);
  return null;
}

/** Commits together with the first screen (same Suspense boundary), then tells the caller once. */
function FirstScreenShown({ onShown }: { onShown?: () => void }) {
  const called = useRef(false);
  useEffect(() => {
    if (called.current) return;
    called.current = true;
    onShown?.();
  }, [onShown]);
  return null;
}

export function App({ onFirstScreen }: { onFirstScreen?: () => void }) {
  const state = useDatabase();
  const route = useRoute();
  return (
    <div className="kp-app">
      <button type="button" className="kp-skip" onClick={() => document.getElementById('kp-main')?.focus()}>
        Skip to content
      </button>
      <header className="kp-header">
        <a className="kp-brand" href={href(PATHS.home)}>
          Keypoints
        </a>
        <nav className="kp-nav" aria-label="Main">
          {NAV.map((item) => (
            <a
              key={item.path}
              href={href(item.path)}
              aria-current={route.path === item.path ? 'page' : undefined}
            >
              {item.label}
            </a>
          ))}
        </nav>
      </header>
      <OfflineIndicator />
      <main id="kp-main" className="kp-main" tabIndex={-1}>
        {state.status === 'opening' && <p className="kp-muted">Opening your deck…</p>}
        {state.status === 'error' && (
          <div className="kp-alert" role="alert">
            {state.message}
          </div>
        )}
        {state.status === 'outdated' && (
          <div className="kp-alert" role="alert">
            <p>
              Keypoints was updated in another tab. Reload this tab to go on; everything you saved is kept.
            </p>
            <button
              type="button"
              className="kp-button kp-button--primary"
              onClick={() => window.location.reload()}
            >
              Reload
            </button>
          </div>
        )}
        {state.status === 'ready' && (
          <DbContext.Provider value={state.db}>
            <Suspense fallback={<p className="kp-muted">Loading…</p>}>
              <Screen route={route} />
              <FirstScreenShown onShown={onFirstScreen} />
              <BackgroundSync db={state.db} />
            </Suspense>
          </DbContext.Provider>
        )}
      </main>
    </div>
  );
}
