// Layer direction (docs: DESIGN.md §3): which folder of src may import which, checked on every lint.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'feature-imports-feature',
      comment:
        'A feature does not import another feature: move what both need to src/components or src/hooks.',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/features/', pathNot: '^src/features/$1/' },
    },
    {
      name: 'screen-imports-dexie',
      comment:
        'Screens and shared components read through hooks and write through repositories, never Dexie itself.',
      severity: 'error',
      from: { path: '^src/(features|components)/' },
      to: { path: 'node_modules/(dexie|dexie-react-hooks)/' },
    },
    {
      name: 'storage-imports-ui',
      comment: 'Storage sits under every screen: it knows no feature, component, hook or app code.',
      severity: 'error',
      from: { path: '^src/storage/' },
      to: { path: '^src/(features|components|hooks|app)/' },
    },
    {
      name: 'session-imports-ui',
      comment:
        'The study engine is plain TypeScript any screen drives: no feature, component, PWA code or React.',
      severity: 'error',
      from: { path: '^src/session/' },
      to: {
        path: [
          '^src/(features|components|hooks|app|pwa)/',
          'node_modules/(react|react-dom|dexie-react-hooks)/',
        ],
        // Plain TypeScript with no imports, the one home of date formats: a sentence the session
        // words (the interview forecast) reads its dates as every screen does.
        pathNot: '^src/components/format\\.ts$',
      },
    },
    {
      name: 'sync-imports-ui',
      comment:
        'Sync runs whether or not a screen is open: it knows domain and storage, never screens, the study engine, PWA code or React.',
      severity: 'error',
      from: { path: '^src/sync/' },
      to: {
        path: [
          '^src/(features|components|hooks|app|pwa|session)/',
          'node_modules/(react|react-dom|dexie-react-hooks)/',
        ],
      },
    },
    {
      name: 'domain-imports-outside',
      comment:
        'The domain is pure: it imports only itself and its few pure libraries (ts-fsrs, valibot, papaparse types).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        pathNot: ['^src/domain/', 'node_modules/(ts-fsrs|valibot|papaparse|@types/papaparse)/'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count too: a type from Dexie in a screen is still a screen that knows Dexie.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Stylesheets are leaves; they say nothing about layers.
    exclude: { path: '\\.css$' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
