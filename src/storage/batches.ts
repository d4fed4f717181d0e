// Big writes that keep the page responsive: batched inside one transaction, and long computations yielding.

/** Rows per write request batch: small enough for the browser to paint between batches. */
export const WRITE_SLICE = 500;

/**
 * Writes `rows` batch by batch inside the caller's transaction. Each await ends a browser task, so
 * the page stays responsive on big writes; the transaction, never left idle, still commits all
 * or nothing.
 */
export async function inSlices<T>(
  rows: readonly T[],
  write: (slice: T[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += WRITE_SLICE) await write(rows.slice(i, i + WRITE_SLICE));
}

/**
 * Ends the current task so the page can paint and answer input, then goes on. Only between
 * transactions: a transaction left without a request across a task commits early.
 */
export function yieldToUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
