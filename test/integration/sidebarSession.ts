// The real language server over stdio on a copy of the example workspace, as the sidebar drives it: the
// `local` profile (which follows the CDC_STACK_*_PORT variables, like the stack) and filters.yaml open.
import * as path from 'path';
import type { PlatformResult } from '../../server/src/protocol';
import { closeCopy, fileUri, openCopy, type LspSession } from '../lsp/lspSession';

export interface SidebarServer {
  session: LspSession;
  ws: string;
  filtersUri: string;
  /** One sidebar request (method without the cdcRouting/platform/ prefix). */
  ask<T>(method: string, params?: object): Promise<PlatformResult<T>>;
  stop(): Promise<void>;
}

export async function startSidebarServer(): Promise<SidebarServer> {
  const { session, ws } = await openCopy('examples/cdc-streaming', 'flink-jobs/filters.yaml');
  const filters = path.join(ws, 'flink-jobs/filters.yaml');
  await session.open(filters);
  return {
    session,
    ws,
    filtersUri: fileUri(filters),
    ask: <T>(method: string, params: object = {}) =>
      session.request<PlatformResult<T>>(`cdcRouting/platform/${method}`, params),
    stop: () => closeCopy(session, ws),
  };
}

/** The value of `probe` once `done` holds; fails with the last value seen when it does not within the time. */
export async function until<T>(
  what: string,
  probe: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 60_000,
  everyMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (done(last)) return last;
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs / 1000} s; last answer: ${JSON.stringify(last).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The value of an ok result (fails the test with the error otherwise). */
export function valueOf<T>(result: PlatformResult<T>): T {
  if (!result.ok) throw new Error(`expected an answer, got ${JSON.stringify(result.error)}`);
  return result.value;
}
