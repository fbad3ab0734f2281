/** The longest wait between two polls of a service that keeps failing. */
export const MAX_BACKOFF_MS = 5 * 60_000;

/** How long to wait before asking a service again: the base interval, doubled per failure in a row, capped. */
export function backoffDelay(baseMs: number, failuresInARow: number, maxMs = MAX_BACKOFF_MS): number {
  if (failuresInARow <= 0) return baseMs;
  return Math.max(baseMs, Math.min(maxMs, baseMs * 2 ** Math.min(failuresInARow, 30)));
}

/**
 * When each view asks the platform next. A view whose service is down backs off (so a dead Connect is not
 * asked every 10 s for hours) and comes back to the base rate on its first answer. Pure: time is passed in.
 */
export class RefreshSchedule<K extends string = string> {
  private readonly failures = new Map<K, number>();
  private readonly due = new Map<K, number>();

  constructor(
    private baseMs: number,
    private readonly maxMs = MAX_BACKOFF_MS,
  ) {}

  setBase(baseMs: number): void {
    this.baseMs = baseMs;
  }

  /** Records the outcome of a poll at `now` and returns when the next one is due. */
  record(key: K, ok: boolean, now: number): number {
    const failures = ok ? 0 : (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, failures);
    const at = now + backoffDelay(this.baseMs, failures, this.maxMs);
    this.due.set(key, at);
    return at;
  }

  isDue(key: K, now: number): boolean {
    return now >= (this.due.get(key) ?? 0);
  }

  failuresOf(key: K): number {
    return this.failures.get(key) ?? 0;
  }

  /** Ms until the earliest poll due among `keys` (0 when one is due now). */
  nextIn(keys: readonly K[], now: number): number {
    let earliest = Infinity;
    for (const k of keys) earliest = Math.min(earliest, this.due.get(k) ?? now);
    return Math.max(0, earliest === Infinity ? this.baseMs : earliest - now);
  }

  /** A manual refresh: due now, failures forgotten. */
  reset(key: K): void {
    this.failures.delete(key);
    this.due.delete(key);
  }
}
