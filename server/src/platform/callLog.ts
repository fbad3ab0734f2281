import { SERVICE_LABELS, type ServiceName } from './platformError';
import { redactSecrets } from './redactSecrets';

/**
 * Every call to a platform service (one HTTP request, one Kafka operation), as a record the editor's Output
 * channel shows: what, where, when, how long, and how it ended. Records are masked before any listener sees
 * them: the secrets of the call's profile, and any user:password@ part of a URL. Nothing listens in the CLI;
 * the language server forwards them to the client (lsp/platformLog.ts).
 */
export interface PlatformCall {
  service: ServiceName;
  /** What the user asked for, e.g. "list connectors". */
  what: string;
  /** The service's address, e.g. http://127.0.0.1:8083 or 127.0.0.1:9092. */
  where: string;
  /** The request, e.g. "GET /connectors?expand=status" or "topics orders,loans". */
  request?: string;
  /** Epoch milliseconds when it started. */
  startedAt: number;
  durationMs: number;
  ok: boolean;
  /** The HTTP status of an answer. */
  status?: number;
  /** Why it failed. */
  why?: string;
}

export type PlatformCallListener = (call: PlatformCall) => void;

const listeners = new Set<PlatformCallListener>();

/** Listens to every platform call of this process; returns the function that stops listening. */
export function onPlatformCall(listener: PlatformCallListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Credentials in a URL (scheme://user:password@host) and the given secrets, masked. */
export function maskCallText(text: string, secrets: Iterable<string | undefined>): string {
  return redactSecrets(text, secrets).replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1****@');
}

/** Tells the listeners of one call, masked. */
export function recordPlatformCall(call: PlatformCall, secrets: Iterable<string | undefined>): void {
  if (listeners.size === 0) return;
  const list = [...secrets];
  const mask = (s: string | undefined) => (s === undefined ? undefined : maskCallText(s, list));
  const masked: PlatformCall = {
    ...call,
    what: mask(call.what)!,
    where: mask(call.where)!,
    request: mask(call.request),
    why: mask(call.why),
  };
  for (const listener of listeners) {
    try {
      listener(masked);
    } catch {
      // a log that fails must not fail the call
    }
  }
}

/** What an answer says of the call: its HTTP status, or a failure the call answers as data (a health check). */
export interface CallAnswer {
  status?: number;
  failed?: string;
}

/** Runs `work` and records it: its time and outcome (a throw is a failure; `answer` reads a value). */
export async function observeCall<T>(
  call: Pick<PlatformCall, 'service' | 'what' | 'where' | 'request'>,
  secrets: Iterable<string | undefined>,
  work: () => Promise<T>,
  answer?: (value: T) => CallAnswer,
): Promise<T> {
  const startedAt = Date.now();
  try {
    const value = await work();
    const { status, failed } = answer?.(value) ?? {};
    const durationMs = Date.now() - startedAt;
    recordPlatformCall({ ...call, startedAt, durationMs, ok: failed === undefined, status, why: failed }, secrets);
    return value;
  } catch (err) {
    const e = err as { why?: unknown; status?: unknown; message?: unknown };
    const why = typeof e.why === 'string' ? e.why : String(e.message ?? err).split('\n')[0];
    const status = typeof e.status === 'number' ? e.status : undefined;
    recordPlatformCall({ ...call, startedAt, durationMs: Date.now() - startedAt, ok: false, status, why }, secrets);
    throw err;
  }
}

/**
 * One line of the log, e.g. `Kafka Connect · list connectors · GET http://127.0.0.1:8083/connectors → 200 in
 * 12 ms (started 02:20:01.123)` or `… → failed after 10003 ms: connection refused`.
 */
export function describeCall(call: PlatformCall): string {
  const target = call.request ? requestAt(call.request, call.where) : call.where;
  const status = call.status !== undefined ? `HTTP ${call.status} ` : '';
  const outcome = call.ok
    ? `→ ${status || 'ok '}in ${call.durationMs} ms`
    : `→ ${status}failed after ${call.durationMs} ms: ${call.why ?? 'unknown error'}`;
  return `${SERVICE_LABELS[call.service]} · ${call.what} · ${target} ${outcome} (started ${clock(call.startedAt)})`;
}

/** `GET /connectors` at http://h:8083 → `GET http://h:8083/connectors`; anything else → `request at where`. */
function requestAt(request: string, where: string): string {
  const http = /^([A-Z]+) (\/.*)$/.exec(request);
  return http ? `${http[1]} ${where}${http[2]}` : `${request} at ${where}`;
}

/** Local wall-clock time with milliseconds, as a log reader compares it with other logs. */
function clock(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}
