// A tiny hash router: every screen has an address that works offline and from the home-screen icon.
import { useSyncExternalStore } from 'react';
import { href } from '../components/routes';

export interface Route {
  /** e.g. "/review" */
  path: string;
  /** The path's segments after the first, e.g. ["amazon-engineer/1.1"] for "/card/amazon-engineer%2F1.1". */
  params: string[];
  query: URLSearchParams;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

function getHash(): string {
  return window.location.hash;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [pathPart = '/', queryPart = ''] = raw.split('?', 2);
  const segments = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  return {
    path: `/${segments[0] ?? ''}`,
    params: segments.slice(1),
    query: new URLSearchParams(queryPart),
  };
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash, () => '');
  return parseHash(hash);
}

export function navigate(path: string, query?: Record<string, string | undefined>): void {
  window.location.hash = href(path, query);
}
