// Shows a screen's parts one animation frame after another, so that no frame lays out all of them.
import { startTransition, useEffect, useState } from 'react';

/**
 * How many of `parts` to show: one at first, then one more each animation frame. A year of named
 * calendar days, the charts and the tables together take a phone longer than a frame to lay out;
 * one part at a time, the page keeps answering while the rest follows within a few frames.
 */
export function useReveal(parts: number): number {
  const [shown, setShown] = useState(1);
  useEffect(() => {
    if (shown >= parts) return;
    const frame = requestAnimationFrame(() => startTransition(() => setShown((n) => n + 1)));
    return () => cancelAnimationFrame(frame);
  }, [shown, parts]);
  return shown;
}
