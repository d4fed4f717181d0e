// `npm run budget`: CI's byte budgets. Builds (or reads --dist DIR), then fails when the review JS or the precache is over.
import { spawnSync } from 'node:child_process';
import {
  kb,
  PRECACHE_BUDGET_KB,
  precache,
  REVIEW_JS_BUDGET_KB,
  reviewScreenJs,
  type SizeSum,
} from './build-sizes';

function parseArgs(argv: string[]): { dist: string; build: boolean; verbose: boolean } {
  const i = argv.indexOf('--dist');
  const given = i >= 0 ? argv[i + 1] : undefined;
  if (i >= 0 && !given) throw new Error('--dist needs a folder, e.g. --dist dist');
  return { dist: given ?? 'dist-budget', build: !given, verbose: argv.includes('--verbose') };
}

function line(name: string, size: SizeSum, budgetKb: number): boolean {
  const ok = size.gzip <= budgetKb * 1024;
  const verdict = ok ? 'ok' : 'OVER BUDGET';
  console.log(
    `${name.padEnd(34)} ${`${kb(size.gzip)} KB`.padStart(10)} gzip  budget ${budgetKb} KB  ${verdict}  (${size.files.length} files)`,
  );
  return ok;
}

function details(size: SizeSum): void {
  for (const f of size.files) console.log(`    ${`${kb(f.gzip)} KB`.padStart(9)}  ${f.file}`);
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
const review = reviewScreenJs(args.dist);
const cache = precache(args.dist);
const okReview = line('JS to render the review screen', review, REVIEW_JS_BUDGET_KB);
if (args.verbose || !okReview) details(review);
const okCache = line('Service-worker precache, total', cache, PRECACHE_BUDGET_KB);
if (args.verbose || !okCache) details(cache);
if (!okReview || !okCache) {
  console.log('Over budget: lazy-load what the review screen does not need (DESIGN.md §7).');
  process.exit(1);
}
