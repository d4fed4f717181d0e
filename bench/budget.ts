// `npm run budget`: CI's byte budgets. Builds (or reads --dist DIR), then fails when the first-card JS or the precache is over.
import { spawnSync } from 'node:child_process';
import {
  BYTES_PER_KB,
  FIRST_CARD_JS_BUDGET_KB,
  firstCardPathJs,
  kb,
  type PathJs,
  PRECACHE_BUDGET_KB,
  precache,
  type SizeSum,
} from './build-sizes';

function parseArgs(argv: string[]): { dist: string; build: boolean; verbose: boolean } {
  const i = argv.indexOf('--dist');
  const given = i >= 0 ? argv[i + 1] : undefined;
  if (i >= 0 && !given) throw new Error('--dist needs a folder, e.g. --dist dist');
  return { dist: given ?? 'dist-budget', build: !given, verbose: argv.includes('--verbose') };
}

function line(name: string, size: SizeSum, budgetKb: number): boolean {
  const ok = size.gzip <= budgetKb * BYTES_PER_KB;
  const verdict = ok ? 'ok' : 'OVER BUDGET';
  console.log(
    `${name.padEnd(44)} ${`${kb(size.gzip)} kB`.padStart(10)} gzip  budget ${budgetKb} kB  ${verdict}  (${size.files.length} files)`,
  );
  return ok;
}

function details(size: SizeSum): void {
  const biggestFirst = [...size.files].sort((a, b) => b.gzip - a.gzip);
  for (const f of biggestFirst) console.log(`    ${`${kb(f.gzip)} kB`.padStart(9)}  ${f.file}`);
}

function skipped(path: PathJs): void {
  for (const s of path.skipped) console.log(`      not on the path: ${s.file} (${s.reason})`);
}

const args = parseArgs(process.argv.slice(2));
if (args.build) {
  console.log(`building into ${args.dist}/ …`);
  const built = spawnSync(
    'node_modules/.bin/vite',
    ['build', '--outDir', args.dist, '--manifest', '--logLevel', 'warn'],
    {
      stdio: 'inherit',
    },
  );
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const path = firstCardPathJs(args.dist);
const cache = precache(args.dist);
const okReview = line('JS open → Home → Start review → first card', path, FIRST_CARD_JS_BUDGET_KB);
if (args.verbose || !okReview) {
  details(path);
  skipped(path);
}
const okCache = line('Service-worker precache, total', cache, PRECACHE_BUDGET_KB);
if (args.verbose || !okCache) details(cache);
if (!okReview || !okCache) {
  console.log('Over budget: lazy-load what Home and the first card do not need (DESIGN.md §7).');
  process.exit(1);
}
