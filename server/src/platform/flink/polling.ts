const POLL_INTERVAL_MS = 250;

/**
 * Calls `probe` until it returns a value (not undefined) or `timeoutMs` passes (then resolves undefined).
 * Errors from `probe` propagate: a service that stops answering is a failure, not a reason to keep waiting.
 */
export async function waitUntil<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = POLL_INTERVAL_MS,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
