// Byte figures read from a production build: the JS on the way to the first card (Vite's manifest) and the precache (sw.js).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** DESIGN §7 counts kB of 1,000 bytes, as a network panel does. */
export const BYTES_PER_KB = 1000;
export const FIRST_CARD_JS_BUDGET_KB = 120;
/** @deprecated the budget covers the whole path to the first card now: FIRST_CARD_JS_BUDGET_KB. */
export const REVIEW_JS_BUDGET_KB = FIRST_CARD_JS_BUDGET_KB;
export const PRECACHE_BUDGET_KB = 250;
export const HOME_SCREEN_SOURCE = 'src/features/home/home-screen.tsx';
export const REVIEW_SCREEN_SOURCE = 'src/features/review/review-screen.tsx';
/** The screens a user passes through on the budgeted path: open → Home → Start review → first card. */
export const PATH_SCREENS = [HOME_SCREEN_SOURCE, REVIEW_SCREEN_SOURCE] as const;
/**
 * Lazy modules that are not fetched on that path, and why. Every other dynamic import reached from the
 * entry, Home or Review counts as fetched (seeding the built-in deck on a first visit, say), so a new
 * lazy import is budgeted until it is listed here; `npm run bench` checks the list against Chromium.
 */
export const OFF_PATH: Readonly<Record<string, string>> = {
  'src/pwa/register.ts': 'the service worker registers after the user leaves Home (src/app/main.tsx)',
  'src/features/review/answer-stage.tsx': 'fetched once the first card has been painted (review-screen.tsx)',
  'src/features/review/rehearse.tsx': 'the recorder, fetched on the first tap of Record (review-screen.tsx)',
  'src/storage/repositories/reviews.ts':
    'grading (with ts-fsrs): the study engine loads it when the review screen asks, once the first card has been painted',
  'src/components/backup-reminder.tsx': 'Home loads it only when reviews exist, and a first visit has none',
  'src/session/interview-plan.ts':
    'the session loads it only when an interview is ahead, and a first visit has none',
  'src/app/interview-routes.tsx': 'the interview screens, each opened from its own address, never on the way',
  'src/features/home/interview-summaries.tsx':
    'Home loads it only when interviews exist, and a first visit has none',
};

/**
 * Chunks made by a group of vite.config.ts (no source of their own in the manifest) that the path does
 * not fetch, by the group's name, and why.
 */
export const OFF_PATH_CHUNKS: Readonly<Record<string, string>> = {
  'sync-client':
    'sync: its screens, and background sync a second after the first screen when the page is idle, only when sync is on (src/app/app.tsx)',
  'stats-screen': 'the Statistics screen, opened from its own address, never on the way',
};

export interface SizedFile {
  file: string;
  bytes: number;
  gzip: number;
}

export interface SizeSum {
  files: SizedFile[];
  gzip: number;
}

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** Gzip level 9, as a server that compresses ahead of time would send it. */
export function gzipBytes(data: Buffer): number {
  return gzipSync(data, { level: 9 }).length;
}

export function sizeOf(dist: string, file: string): SizedFile {
  const data = readFileSync(join(dist, file));
  return { file, bytes: data.length, gzip: gzipBytes(data) };
}

export function sum(dist: string, files: Iterable<string>): SizeSum {
  const sized = [...new Set(files)].sort().map((f) => sizeOf(dist, f));
  return { files: sized, gzip: sized.reduce((n, f) => n + f.gzip, 0) };
}

/** Bytes as kB (1,000 bytes), one decimal. */
export function kb(bytes: number): number {
  return Math.round((bytes / BYTES_PER_KB) * 10) / 10;
}

function readManifest(dist: string): Record<string, ManifestChunk> {
  const path = join(dist, '.vite', 'manifest.json');
  if (!existsSync(path))
    throw new Error(
      `${path} is missing: build with \`build.manifest: true\` (or \`vite build --manifest\`).`,
    );
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, ManifestChunk>;
}

function isScreen(src: string | undefined): boolean {
  return !!src && /^src\/features\/.+-screen\.tsx$/.test(src);
}

/** Why a dynamic import is not followed, or null when the path fetches it. */
function skipReason(chunk: ManifestChunk): string | null {
  const src = chunk.src;
  if (isScreen(src) && !(PATH_SCREENS as readonly (string | undefined)[]).includes(src))
    return 'another screen';
  if (!src && chunk.name && OFF_PATH_CHUNKS[chunk.name]) return OFF_PATH_CHUNKS[chunk.name] ?? null;
  return (src && OFF_PATH[src]) ?? null;
}

export interface PathJs extends SizeSum {
  /** Lazy chunks reachable from the path but not fetched on it, with the reason. */
  skipped: { file: string; reason: string }[];
}

/**
 * The JS a phone fetches on the path open → Home → Start review → first card, read from the build
 * manifest: the entry and its static imports, then every dynamic import reached from there (the
 * Home and Review routes, the deck seeding of a first visit…) with its static imports, except other
 * screens and the modules in OFF_PATH. Only `.js` files count; CSS and the deck JSON are not code.
 */
export function firstCardPathJs(dist: string): PathJs {
  const manifest = readManifest(dist);
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry && c.file.endsWith('.js'));
  if (!entry) throw new Error('No JS entry chunk in the build manifest');
  const files = new Set<string>();
  const skipped = new Map<string, string>();
  const pending = [entry[0]];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const key = pending.pop() as string;
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) continue;
    seen.add(key);
    files.add(chunk.file);
    pending.push(...(chunk.imports ?? []));
    for (const lazy of chunk.dynamicImports ?? []) {
      const target = manifest[lazy];
      const reason = target ? skipReason(target) : null;
      if (target && reason) skipped.set(target.file, reason);
      else pending.push(lazy);
    }
  }
  // A chunk skipped from one place may still be fetched from another (a static import of a path chunk).
  for (const file of files) skipped.delete(file);
  const js = sum(
    dist,
    [...files].filter((f) => f.endsWith('.js')),
  );
  return {
    ...js,
    skipped: [...skipped]
      .map(([file, reason]) => ({ file, reason }))
      .sort((a, b) => a.file.localeCompare(b.file)),
  };
}

/** The URLs in sw.js's precache manifest (workbox `precacheAndRoute([{url, revision}…])`). */
export function precacheUrls(dist: string): string[] {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  const list = /precacheAndRoute\(\s*(\[[\s\S]*?\])\s*,/.exec(sw)?.[1];
  if (!list) throw new Error(`No precache manifest found in ${join(dist, 'sw.js')}`);
  const urls = [...list.matchAll(/url:\s*"([^"]+)"/g)].map((m) => m[1] as string);
  if (urls.length === 0) throw new Error('The precache manifest lists no URLs');
  return urls;
}

export function precache(dist: string): SizeSum {
  return sum(dist, precacheUrls(dist));
}
