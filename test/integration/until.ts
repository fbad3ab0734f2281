import { strict as assert } from 'assert';

/**
 * Waits for a condition instead of a fixed time: polls `probe` until it gives a value (anything but undefined or
 * false) and returns it; after `timeoutMs` fails naming what it waited for and, when given, what it saw.
 */
export async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => T | undefined | false,
  seen?: () => unknown,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline)
      assert.fail(
        `timed out after ${timeoutMs} ms waiting for ${what}${seen ? `; seen: ${JSON.stringify(seen())?.slice(0, 800)}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 20));
  }
}
