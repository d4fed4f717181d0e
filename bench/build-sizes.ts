// Byte figures read from a production build: the review screen's JS (from Vite's manifest) and the precache (from sw.js).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const REVIEW_JS_BUDGET_KB = 120;
export const PRECACHE_BUDGET_KB = 250;
export const REVIEW_SCREEN_SOURCE = 'src/features/review/review-screen.tsx';

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

export function kb(bytes: number): number {
  return Math.round((bytes / 1024) * 10) / 10;
}

function readManifest(dist: string): Record<string, ManifestChunk> {
  const path = join(dist, '.vite', 'manifest.json');
  if (!existsSync(path))
    throw new Error(
      `${path} is missing: build with \`build.manifest: true\` (or \`vite build --manifest\`).`,
    );
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, ManifestChunk>;
}

/** A chunk and everything it imports statically, transitively: what must load before it runs. */
function staticClosure(manifest: Record<string, ManifestChunk>, key: string, into: Set<string>): void {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return;
  into.add(chunk.file);
  for (const dep of chunk.imports ?? []) staticClosure(manifest, dep, into);
}

/**
 * The JS that must load before the review screen renders: the entry chunk and its static imports,
 * then the review-screen chunk (the route's lazy import) and its static imports.
 */
export function reviewScreenJs(dist: string): SizeSum {
  const manifest = readManifest(dist);
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry && c.file.endsWith('.js'));
  if (!entry) throw new Error('No JS entry chunk in the build manifest');
  if (!manifest[REVIEW_SCREEN_SOURCE]) throw new Error(`${REVIEW_SCREEN_SOURCE} is not a chunk in the build`);
  const files = new Set<string>();
  staticClosure(manifest, entry[0], files);
  staticClosure(manifest, REVIEW_SCREEN_SOURCE, files);
  return sum(
    dist,
    [...files].filter((f) => f.endsWith('.js')),
  );
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
