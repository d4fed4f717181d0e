// The chunks of screens whose code is fetched on first use instead of precached (vite.config.ts ON_FIRST_USE).

/**
 * Chunk groups (vite.config.ts) kept out of the precache and cached the first time they load. Offline
 * before that, their import fails: not code gone after an update (src/pwa/stale-code.ts does not reload
 * for them), and their screens say they need a connection once (src/app/first-use-screen.tsx).
 * - sync-client: sync's client and screens, which need the network anyway.
 * - stats-screen: the Statistics screen, read in a minute online once and kept from then on.
 */
export const FIRST_USE_CHUNKS = ['sync-client', 'stats-screen'] as const;

const literal = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A URL of one of those chunks' files (JS or CSS), as a failed import or preload names it. */
export const FIRST_USE_CHUNK_URL = new RegExp(
  `/assets/(${FIRST_USE_CHUNKS.map(literal).join('|')})-[\\w-]+\\.(js|css)`,
);
