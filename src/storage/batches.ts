// Big writes that keep the page responsive: batched inside one transaction, and long computations yielding.

/** Rows per write request batch: small enough for the browser to paint between batches. */
export const WRITE_SLICE = 500;

/** Batches handed to the database before the first of them is done: it stores one while the next is prepared. */
const IN_FLIGHT = 2;

/**
 * Writes `rows` batch by batch inside the caller's transaction. Each await ends a browser task, so
 * the page stays responsive on big writes; the transaction, never left idle, still commits all
 * or nothing. The next batch is handed over before the last one is stored, so the database never
 * waits for this thread to prepare it.
 */
export async function inSlices<T>(
  rows: readonly T[],
  write: (slice: T[]) => Promise<unknown>,
): Promise<void> {
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < rows.length; i += WRITE_SLICE) {
    if (pending.length === IN_FLIGHT) await pending.shift();
    const written = write(rows.slice(i, i + WRITE_SLICE));
    // Awaited below; a batch refused meanwhile fails the one awaited first (one transaction).
    written.catch(() => undefined);
    pending.push(written);
  }
  await Promise.all(pending);
}

/**
 * Ends the current task so the page can paint and answer input, then goes on. Only between
 * transactions: a transaction left without a request across a task commits early.
 */
export function yieldToUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
