// Reads the card being edited and its deck once, so that a change elsewhere never overwrites what is being typed.
import { useEffect, useRef, useState } from 'react';
import type { Deck } from '../../domain';
import { useDb } from '../../hooks/use-db';
import type { StoredCard } from '../../storage/db';
import { getCard } from '../../storage/repositories/cards';
import { getDeck } from '../../storage/repositories/decks';

export type LoadedCard =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'ready'; card: StoredCard | null; deck: Deck | null };

/** A new card (no id) is ready at once; `onLoad` fills the form just before the card shows. */
export function useCardToEdit(cardId: string | undefined, onLoad: (card: StoredCard) => void): LoadedCard {
  const db = useDb();
  const [loaded, setLoaded] = useState<LoadedCard>(
    cardId !== undefined ? { status: 'loading' } : { status: 'ready', card: null, deck: null },
  );
  // The latest callback, without reading the card again each time the screen renders.
  const latestOnLoad = useRef(onLoad);
  latestOnLoad.current = onLoad;

  useEffect(() => {
    if (cardId === undefined) return;
    let cancelled = false;
    void (async () => {
      const card = await getCard(db, cardId);
      const deck = card ? ((await getDeck(db, card.deckId)) ?? null) : null;
      if (cancelled) return;
      if (!card) {
        setLoaded({ status: 'missing' });
        return;
      }
      latestOnLoad.current(card);
      setLoaded({ status: 'ready', card, deck });
    })();
    return () => {
      cancelled = true;
    };
  }, [db, cardId]);

  return loaded;
}
