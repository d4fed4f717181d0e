// Every address in the app, built and recognised in one place so that links and the router always agree.

/** The first segment of each screen's address; the router matches on these, links are built from them. */
export const PATHS = {
  home: '/',
  review: '/review',
  listen: '/listen',
  settings: '/settings',
  browse: '/browse',
  card: '/card',
  newCard: '/new',
  edit: '/edit',
  import: '/import',
  data: '/data',
  interviews: '/interviews',
  stats: '/stats',
  sync: '/sync',
} as const;

export type ScreenPath = (typeof PATHS)[keyof typeof PATHS];

/** The hash address of a path and its query, leaving out empty query values. */
export function href(path: string, query?: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v) params.set(k, v);
  const q = params.toString();
  return `#${path}${q ? `?${q}` : ''}`;
}

export const HOME_HREF = href(PATHS.home);
export const BROWSE_HREF = href(PATHS.browse);
export const NEW_CARD_HREF = href(PATHS.newCard);
export const IMPORT_HREF = href(PATHS.import);
export const DATA_HREF = href(PATHS.data);
export const SETTINGS_HREF = href(PATHS.settings);
export const SYNC_HREF = href(PATHS.sync);

/** Where a setup link points: the join screen, with the sealed settings in `s`. */
export function joinHref(sealed: string): string {
  return href(`${PATHS.sync}/join`, { s: sealed });
}

// Ids contain "/" (e.g. "amazon-engineer/1.1"): encoded so the id stays one segment of the address.
export function cardHref(cardId: string): string {
  return `${href(PATHS.card)}/${encodeURIComponent(cardId)}`;
}

export function editHref(cardId: string): string {
  return `${href(PATHS.edit)}/${encodeURIComponent(cardId)}`;
}

/**
 * The interview screens: the list (no id), an interview's readiness (its id) and its editor (id,
 * 'edit'); a new interview's editor is NEW_INTERVIEW_HREF. Interview ids never read "new".
 */
export function interviewHref(
  ...segments: [] | [interviewId: string] | [interviewId: string, 'edit']
): string {
  return [href(PATHS.interviews), ...segments.map(encodeURIComponent)].join('/');
}

export const NEW_INTERVIEW_HREF = interviewHref('new');

/** Goes to an address built above; the app's router follows the hash. */
export function go(hash: string): void {
  window.location.hash = hash;
}
