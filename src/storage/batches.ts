// Big writes that keep the page responsive: batched inside one transaction.

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
