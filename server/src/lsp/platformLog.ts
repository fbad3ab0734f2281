import type { Connection } from 'vscode-languageserver';
import { describeCall, onPlatformCall, type PlatformCall } from '../platform/callLog';

/** How long a call that keeps answering the same way (the sidebar's refresh) stays at debug level. */
export const REPEAT_QUIET_MS = 5 * 60_000;

export type LogLevel = 'debug' | 'info' | 'warn';

/**
 * The level of each platform call in the editor's log (the client's LogOutputChannel filters by it; the user sets
 * it with the Output view's "Set Log Level"): a failure is a warning; a success is info the first time, and
 * again whenever it follows a failure or a quiet stretch; the same success repeated sooner (the sidebar polls
 * every few seconds) is debug, so the default level shows every change without the flood.
 */
export class CallLogLevels {
  private readonly lastOk = new Map<string, number>();

  levelOf(call: PlatformCall): LogLevel {
    const key = [call.service, call.what, call.where, call.request ?? ''].join('\u0000');
    if (!call.ok) {
      this.lastOk.delete(key);
      return 'warn';
    }
    const last = this.lastOk.get(key);
    this.lastOk.set(key, call.startedAt);
    return last !== undefined && call.startedAt - last < REPEAT_QUIET_MS ? 'debug' : 'info';
  }
}

/** Sends every platform call of the server to the client's log, as one masked line (platform/callLog.ts). */
export function registerPlatformLog(connection: Connection): () => void {
  const levels = new CallLogLevels();
  return onPlatformCall((call) => {
    const line = describeCall(call);
    const level = levels.levelOf(call);
    if (level === 'warn') connection.console.warn(line);
    else if (level === 'info') connection.console.info(line);
    else connection.console.debug(line);
  });
}
