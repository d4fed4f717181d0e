// A card's state in one or two words, as the browse list and the card's page show it.
import { type FsrsState, State } from '../../domain';

export const STATE_WORDS: Record<FsrsState, string> = {
  [State.New]: 'New',
  [State.Learning]: 'Learning',
  [State.Review]: 'Review',
  [State.Relearning]: 'Relearning',
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
  if (card.state === State.New) return { text: STATE_WORDS[State.New], tone: 'new' };
  if (card.state === State.Review)
    return card.due <= now ? { text: 'Due', tone: 'due' } : { text: 'Review', tone: 'review' };
  return { text: STATE_WORDS[card.state], tone: 'learning' };
}
