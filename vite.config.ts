// Build of the app: React, the PWA (service worker + manifest) and a CSP for production.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicy } from './src/app/csp.ts';
import { FIRST_USE_CHUNKS } from './src/pwa/first-use.ts';
import { parseSyncOrigins, SYNC_ORIGINS_ENV } from './src/sync/origins.ts';

const ACCENT = '#2f5d8a';
const DEXIE_MODULE = 'dexie/dist/modern/dexie.mjs';

/**
 * What the path open → Home → Start review → first card runs beyond the entry: React DOM, Dexie,
 * the Home and Review screens, their storage reads and hooks, the study engine, and a first visit's
 * deck seeding. One chunk instead of a dozen small ones (each costs a request, a gzip header and import
 * lines, and compresses alone): 4 kB less gzip on that path (bench/budget.ts). The other screens,
 * the parsers and the service-worker registration keep their own lazy chunks. A module missing
 * from this list still works: it falls back to Rolldown's own chunking, and the budget shows it.
 * The session's interview modules (src/session/interview-*) load only when an interview is ahead, and
 * listen mode (src/session/listen.ts) only with its screen.
 */
const STUDY_PATH =
  /\/(node_modules\/(dexie-react-hooks|react-dom|scheduler)\/|src\/(hooks\/|session\/(?!interview-|listen)|storage\/(batches|errors|write)\.ts|components\/(format|routes)\.ts|storage\/repositories\/(queries|decks|settings)\.ts|domain\/(queue|day|grading|errors|card|settings)\.ts|pwa\/(update-store|update-prompt)\.tsx?|features\/home\/(?!interview-summaries)|features\/review\/(?!answer-stage|rehearse)))/;
/**
 * ts-fsrs and the scheduler over it, which the first card does not need: the study engine loads the
 * grade writer (storage/repositories/reviews.ts, its own chunk) and with it these once the first card
 * is painted. One chunk for the three modules (fuzz-once.ts replays the log for imports) rather than
 * Rolldown's own split; the card page, imports and readiness share it.
 */
const FSRS = /\/(node_modules\/ts-fsrs\/|src\/domain\/(scheduler|fuzz-once)\.ts)/;
/**
 * Sync's own code, one chunk kept out of the precache (ON_FIRST_USE). Only these modules: what they
 * import from the rest of the app stays where it is, so no precached screen depends on this chunk.
 */
const SYNC_CLIENT =
  /\/(src\/sync\/|src\/features\/sync\/|src\/storage\/repositories\/sync\.ts$|node_modules\/qrcode-generator\/)/;
/**
 * The Statistics screen's own code (its views, charts, hooks and in-page host, the statistics they count
 * and the log reader, which elsewhere only the optimizer's worker reads, in its own bundle), one chunk
 * kept out of the precache (ON_FIRST_USE). Only these modules: what they import from the rest of the
 * app stays where it is, so no precached chunk depends on this one.
 */
const STATS_SCREEN = /\/src\/(features\/stats\/|domain\/stats\.ts$|storage\/stats-source\.ts$)/;
const BACKGROUND = '#f7f7f5';

/**
 * Files left out of the precache (its budget is tight: DESIGN §7) and cached instead the first time a
 * page the service worker controls asks for them. An entry is a file-name prefix under assets/; the glob
 * and the URL pattern below are made from the list. Only a file the app can do without offline belongs
 * here, each with the reason it can (the README's "Offline" section says the same for users):
 * - search.worker: Browse's search host in a Web Worker, 33 kB gzip (a worker is bundled apart, with its
 *   own copy of Dexie). Where it cannot load (offline before Browse was ever opened online, or its file
 *   gone after an update), the same host runs in the page (src/features/browse/search-client.ts; the
 *   in-thread host is a precached chunk): Browse searches offline from the first visit either way.
 * - interview-forecast.worker: the plan's simulation for the Readiness screen, 11 kB gzip (its own copy
 *   of ts-fsrs). Where it cannot load, the same computation runs in the page
 *   (src/session/interview-forecast.ts; interview-forecast-run is a precached chunk).
 * - optimizer.worker and fsrs_browser_bg (its WebAssembly, 1.7 MB): fitting FSRS parameters (Settings'
 *   Optimize). The only feature that needs a first online use: offline before it, Optimize says so
 *   and the parameters in use stay as they are. workerHelpers is its library's thread-pool worker, which
 *   the app never starts (the fit runs in the optimizer's worker alone): kept out of the precache too.
 * - sync-client: sync (the CouchDB client, encryption, the replicator, the Sync screens; about 22 kB
 *   gzip), which needs the network anyway. It is cached the first time sync runs or its screen opens
 *   online. Home's status line is in the precached study chunk; offline before that first use, the Sync
 *   screen says it needs a connection once (src/app/first-use-screen.tsx).
 * - stats-screen and stats.worker: the Statistics screen (about 8 kB gzip with its CSS) and the worker
 *   that counts a long log (3 kB). Offline before Statistics was ever opened online, it says it needs a
 *   connection once (src/app/first-use-screen.tsx); the worker is fetched the first time a long log is
 *   counted, and where it cannot load the screen counts in the page.
 * The chunk groups among them are listed in src/pwa/first-use.ts, which the app reads too.
 */
const ON_FIRST_USE = [
  ...FIRST_USE_CHUNKS,
  'stats.worker',
  'search.worker',
  'interview-forecast.worker',
  'optimizer.worker',
  'fsrs_browser_bg',
  'workerHelpers',
];
const fileName = (prefix: string) => prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ON_FIRST_USE_URL = new RegExp(
  `/assets/(${ON_FIRST_USE.map(fileName).join('|')})-[\\w-]+\\.(js|css|wasm)$`,
);

/**
 * The manifest's icons are for the browser, which fetches them when it installs the app: the running
 * app shows none of them, so they stay out of the precache too (21 kB gzip) and are kept as they are
 * fetched. Their names carry no content hash: the cached copy answers at once and is refreshed behind it.
 */
const ICON_URL = /\/icons\/[\w-]+\.png$/;

/**
 * The servers sync may reach besides loopback: KEYPOINTS_SYNC_ORIGINS at build time (https origins,
 * comma separated), validated here so a typo fails the build instead of the first sync.
 */
const SYNC_ORIGINS = parseSyncOrigins(process.env[SYNC_ORIGINS_ENV]);
const CONTENT_SECURITY_POLICY = contentSecurityPolicy(SYNC_ORIGINS);

/**
 * The version Settings shows, so a user (and the update test) can tell builds apart.
 * KP_BUILD_LABEL overrides it; otherwise package.json's version and the commit, marked when the tree was dirty.
 */
function buildLabel(): string {
  const fromEnv = process.env.KP_BUILD_LABEL?.trim();
  if (fromEnv) return fromEnv;
  const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  try {
    const commit = execFileSync('git', ['describe', '--always', '--dirty', '--abbrev=7'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
    return commit ? `${version} (${commit})` : version;
  } catch {
    // A source tarball has no git: the version alone still says which release this is.
    return version;
  }
}

/** Production only: the dev server needs inline scripts for React Refresh. */
function cspMeta(): Plugin {
  const charset = /<meta charset="[^"]*"\s*\/?>/i;
  return {
    name: 'keypoints:csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      // A meta CSP only governs what follows it, so it goes right after the charset, before any script.
      handler(html) {
        if (!charset.test(html)) throw new Error('index.html needs <meta charset> for the CSP to follow');
        const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
        return html.replace(charset, (tag) => `${tag}\n    ${meta}`);
      },
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    cspMeta(),
    VitePWA({
      // The user decides when a new version takes over (DESIGN §5.6): src/pwa/register.ts asks.
      registerType: 'prompt',
      // Registered from src/pwa/register.ts: an injected inline script would break the CSP.
      injectRegister: false,
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'Keypoints — interview answer rehearsal',
        short_name: 'Keypoints',
        description: 'Rehearse engineering-interview answers with spaced repetition, offline.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: ACCENT,
        background_color: BACKGROUND,
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // No png/webmanifest here: the plugin adds the manifest itself (and no icons: ICON_URL).
        // silence.wav: listen mode loops it (media keys need media playing), offline too.
        globPatterns: ['**/*.{js,css,html,svg,json}', 'silence.wav'],
        globIgnores: ON_FIRST_USE.map((name) => `**/assets/${name}-*`),
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        clientsClaim: false,
        skipWaiting: false,
        runtimeCaching: [
          {
            urlPattern: ON_FIRST_USE_URL,
            // File names carry a content hash: a cached file is never stale, only unused after an update.
            handler: 'CacheFirst',
            options: { cacheName: 'keypoints-on-first-use', expiration: { maxEntries: 16 } },
          },
          {
            urlPattern: ICON_URL,
            handler: 'StaleWhileRevalidate',
            options: { cacheName: 'keypoints-icons', expiration: { maxEntries: 8 } },
          },
        ],
      },
    }),
  ],
  resolve: {
    alias: [
      // Dexie's default import is its ES5 bundle behind a CommonJS wrapper; the same release also ships an
      // ES2018+ module build, which the es2022 target can take as it is: 1.3 kB less gzip on every start.
      { find: /^dexie$/, replacement: DEXIE_MODULE },
    ],
  },
  // Read through src/pwa/app-version.tsx and src/sync/origins.ts, which also cope with their absence (Vitest).
  define: {
    __KP_BUILD_LABEL__: JSON.stringify(buildLabel()),
    // The Sync screen says which servers this build can reach instead of failing on the CSP (src/sync/origins.ts).
    __KP_SYNC_ORIGINS__: JSON.stringify(SYNC_ORIGINS),
    // The built-in deck's SHA-256: a first run checks the bytes it fetched against it (src/storage/seed.ts).
    __KP_BUILTIN_DECK_SHA256__: JSON.stringify(
      createHash('sha256').update(readFileSync('data/decks/amazon-engineer.json')).digest('hex'),
    ),
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    // Every browser that runs the app's es2022 also supports <link rel="modulepreload">: no polyfill.
    // The page preloads what the entry imports (no waterfall on a first visit); a lazy screen lists
    // only its CSS, since its JS chunks come from the precache and each listed name costs bytes
    // on the way to the first card.
    modulePreload: {
      polyfill: false,
      resolveDependencies: (_file, deps, { hostType }) =>
        hostType === 'html' ? deps : deps.filter((dep) => dep.endsWith('.css')),
    },
    // bench/budget.ts reads the manifest to find the review screen's JS (it is not precached: .vite/ is hidden).
    manifest: true,
    // src/domain is pure (DESIGN §3): without side effects its barrel no longer drags the page parser and
    // ts-fsrs into every chunk that imports one constant, which kept the review screen over its JS budget.
    rolldownOptions: {
      treeshake: { moduleSideEffects: (id: string) => !id.includes('/src/domain/') },
      output: {
        codeSplitting: {
          // A group takes the modules it matches and what they import that no earlier group took: the
          // settings rules come before ts-fsrs so that Settings, which validates, does not load ts-fsrs.
          groups: [
            { name: 'study', test: STUDY_PATH, priority: 3 },
            { name: 'settings-rules', test: /\/src\/domain\/settings-rules\.ts$/, priority: 2 },
            { name: 'fsrs', test: FSRS, priority: 1 },
            { name: 'sync-client', test: SYNC_CLIENT, priority: 0, includeDependenciesRecursively: false },
            { name: 'stats-screen', test: STATS_SCREEN, priority: 0, includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
