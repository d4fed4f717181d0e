// A card's state in one or two words, as the browse list and the card's page show it.
import type { FsrsState } from '../../domain';

export const STATE_WORDS: Record<FsrsState, string> = {
  0: 'New',
  1: 'Learning',
  2: 'Review',
  3: 'Relearning',
};

export interface StateLabel {
  text: string;
  /** Picks the badge colour. */
  tone: 'new' | 'learning' | 'review' | 'due' | 'off';
}

export function stateLabel(
  card: { state: FsrsState; due: number; suspended: boolean; retired: boolean },
  now: number,
): StateLabel {
  if (card.retired) return { text: 'Retired', tone: 'off' };
  if (card.suspended) return { text: 'Suspended', tone: 'off' };
  if (card.state === 0) return { text: STATE_WORDS[0], tone: 'new' };
  if (card.state === 2)
    return card.due <= now ? { text: 'Due', tone: 'due' } : { text: 'Review', tone: 'review' };
  return { text: STATE_WORDS[card.state], tone: 'learning' };
}
