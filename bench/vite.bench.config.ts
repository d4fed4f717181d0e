// Builds the benchmark's helper page (bench/seed.html) into <dist>/__bench/, beside the production build it measures.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const bench = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));
// The production build's folder: the page must be served from the same origin to share its IndexedDB.
const dist = process.env.KP_BENCH_DIST ?? 'dist-bench';

export default defineConfig({
  root: bench,
  base: '/__bench/',
  publicDir: false,
  logLevel: 'warn',
  // The same Dexie build as the app (vite.config.ts), so that what the bench times is what ships.
  resolve: { alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }] },
  build: {
    outDir: `${repo}/${dist}/__bench`,
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: { seed: `${bench}/seed.html` },
      // A stable name, so the app page can `import('/__bench/seed.js')` for in-page measurements.
      output: { entryFileNames: '[name].js' },
    },
  },
});
