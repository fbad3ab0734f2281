import type { ServiceName } from '../protocol/platform';
import { maskUrlCredentials } from './redactSecrets';

// The service names, their labels and the health shape are the wire's (the sidebar and the status bar show them).
export { SERVICE_LABELS, type ServiceHealth, type ServiceName } from '../protocol/platform';

/**
 * A failed call to a platform service, said the way a user needs it: what failed, where (a URL or host:port
 * without credentials), why (the service's own message or the socket error), and what to do next.
 * Its message never holds a secret or a stack trace: it is shown as-is in tree nodes, notifications and CLI output.
 */
export class PlatformError extends Error {
  constructor(
    readonly service: ServiceName,
    /** e.g. "list connectors", "submit the routing job" */
    readonly what: string,
    /** e.g. "http://127.0.0.1:8083" or "127.0.0.1:9092" */
    readonly where: string,
    /** e.g. "connection refused", the Flink planner's message */
    readonly why: string,
    readonly hint?: string,
    /** HTTP status, when the service answered */
    readonly status?: number,
    /** True when no answer came at all (refused, timed out, reset, unknown host): the service was not reached. */
    readonly unreachable = false,
  ) {
    super(maskUrlCredentials(`${what} failed at ${where}: ${why}${hint ? ` — ${hint}` : ''}`));
    this.where = maskUrlCredentials(where);
    this.why = maskUrlCredentials(why);
    this.name = 'PlatformError';
  }
}
