// Addresses of the card screens, built in one place so that ids with "/" are always encoded.

export const BROWSE_HREF = '#/browse';
export const NEW_CARD_HREF = '#/new';

export function cardHref(cardId: string): string {
  return `#/card/${encodeURIComponent(cardId)}`;
}

export function editHref(cardId: string): string {
  return `#/edit/${encodeURIComponent(cardId)}`;
}

/** Goes to an address built above; the app's router follows the hash. */
export function go(hash: string): void {
  window.location.hash = hash;
}
