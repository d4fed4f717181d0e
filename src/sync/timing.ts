// Where an initial push spends its time, as User Timing measures ("kp-sync read", "kp-sync post" …)
// that the bench sums. Only the initial push is measured (it runs once), so the entries stay few.

let measuring = false;

/** Turns the measures on for the initial push, and off after it. */
export function measureSync(on: boolean): void {
  measuring = on;
}

/** Runs `work` and, during an initial push, records how long the caller waited for it as `kp-sync <name>`. */
export async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!measuring) return work();
  const start = performance.now();
  try {
    return await work();
  } finally {
    performance.measure(`kp-sync ${name}`, { start, end: performance.now() });
  }
}
