import * as fs from 'fs';
import { isRecordAlive, type PidRecord } from './processes';

/** The last lines of a log, for error messages that say what went wrong without opening the file. */
export function logTail(logFile: string, lines = 15): string {
  try {
    const text = fs.readFileSync(logFile, 'utf8');
    return text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(-lines)
      .join('\n');
  } catch {
    return '(no log yet)';
  }
}

/**
 * Waits until a freshly spawned service serves. Fails at once (with its log's tail) when the process exits,
 * instead of waiting out the timeout.
 */
export async function waitUntilServing(
  service: string,
  record: PidRecord,
  logFile: string,
  ready: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    if (!isRecordAlive(record)) {
      throw new Error(`${service} exited during start-up. Last lines of ${logFile}:\n${logTail(logFile)}`);
    }
    try {
      if (await ready()) return;
    } catch (err) {
      lastError = err instanceof Error ? `: ${err.message}` : '';
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `${service} did not serve within ${Math.round(timeoutMs / 1000)} s${lastError}. Last lines of ${logFile}:\n${logTail(logFile)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
