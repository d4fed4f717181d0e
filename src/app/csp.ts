// The page's Content-Security-Policy, built into index.html at build time (vite.config.ts).
import { LOOPBACK_SOURCES } from '../sync/origins.ts'; // With its extension: vite.config.ts loads this file too.

/**
 * The policy for a build that may sync with `syncOrigins` (already validated by parseSyncOrigins).
 * `connect-src` lists the page itself, loopback servers and those origins, not `https:`: a script
 * injected into the page could otherwise send the user's cards to any server (README, "Sync between
 * devices").
 */
export function contentSecurityPolicy(syncOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    // The FSRS optimizer is WebAssembly (compiling it is all 'wasm-unsafe-eval' allows, no eval).
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    // Recordings play from Blob URLs made of the sound stored on the device.
    "media-src 'self' blob:",
    "font-src 'self'",
    ['connect-src', "'self'", ...LOOPBACK_SOURCES, ...syncOrigins].join(' '),
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-src 'none'",
  ].join('; ');
}
