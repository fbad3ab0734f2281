import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { observeCall } from '../callLog';
import { PlatformError, type ServiceName } from '../platformError';
import { basicAuthToken, redactSecrets } from '../redactSecrets';
import { transportFailure } from './transportFailure';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface HttpServiceOptions {
  service: ServiceName;
  baseUrl: string;
  /** Basic authentication; the password is a secret and never appears in any error text. */
  auth?: { username: string; password: string };
  /** Every secret the caller knows of, masked in every error text (the auth password always is). */
  secrets?: Iterable<string | undefined>;
  timeoutMs?: number;
  /** The service's own explanation in an error response body (Connect's `message`, Flink's `errors`…). */
  errorMessage: (body: unknown) => string | undefined;
  /** Extra headers on every request (e.g. the registry's content type). */
  headers?: Record<string, string>;
}

export interface HttpRequest {
  /** What the user asked for, e.g. "list connectors": the start of the error message. */
  what: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the base URL, with its query string. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Statuses (≥ 400) the caller handles itself, e.g. 404 for "no such connector". */
  accept?: number[];
  timeoutMs?: number;
}

export interface HttpResponse<T> {
  status: number;
  data: T;
  latencyMs: number;
}

/** One HTTP API (Connect, Flink REST, SQL Gateway, registry, Confluent Cloud): requests, and failures as PlatformErrors. */
export interface HttpService {
  readonly service: ServiceName;
  /** The base URL as users may see it: without credentials. */
  readonly where: string;
  request<T>(req: HttpRequest): Promise<HttpResponse<T>>;
  /** A PlatformError for a failure the caller detects itself (e.g. a savepoint that failed), redacted. */
  fail(what: string, why: string, hint?: string, status?: number): PlatformError;
}

/** A URL with any user:password@ part removed, and no trailing slash. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/+$/, '');
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//').replace(/\/+$/, '');
  }
}

export function createHttpService(options: HttpServiceOptions): HttpService {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const where = displayUrl(baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const secrets = [...(options.secrets ?? [])].filter((s): s is string => !!s);
  if (options.auth) secrets.push(options.auth.password, basicAuthToken(options.auth.username, options.auth.password));
  const redact = (text: string) => redactSecrets(text, secrets);
  const client: AxiosInstance = axios.create({
    baseURL: baseUrl,
    timeout: timeoutMs,
    auth: options.auth,
    // JSON both ways; without it axios labels even an empty PUT as a form, which Connect refuses (415)
    headers: { accept: 'application/json', 'content-type': 'application/json', ...options.headers },
    // every status comes back as a response: the mapping below decides what is an error
    validateStatus: () => true,
    // no proxy from the environment: the profile's URL is the address to call
    proxy: false,
    maxRedirects: 5,
    transitional: { clarifyTimeoutError: true },
  });

  const fail = (what: string, why: string, hint?: string, status?: number, unreachable = false) =>
    new PlatformError(
      options.service,
      redact(what),
      where,
      redact(why),
      hint === undefined ? undefined : redact(hint),
      status,
      unreachable,
    );

  return {
    service: options.service,
    where,
    fail,
    request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
      const call = { service: options.service, what: req.what, where, request: `${req.method} ${req.path}` };
      return observeCall(
        call,
        secrets,
        () => send<T>(req),
        (res) => ({ status: res.status }),
      );
    },
  };

  async function send<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    const started = Date.now();
    const reqTimeout = req.timeoutMs ?? timeoutMs;
    let res: AxiosResponse;
    try {
      res = await client.request({
        method: req.method,
        url: req.path,
        data: req.body,
        headers: req.headers,
        timeout: reqTimeout,
      });
    } catch (err) {
      const e = err as { code?: string; message?: string };
      const { why, hint } = transportFailure(e.code, e.message ?? String(err), reqTimeout);
      throw fail(req.what, why, hint, undefined, true);
    }
    const latencyMs = Date.now() - started;
    if (res.status >= 400 && !(req.accept ?? []).includes(res.status)) {
      throw fail(req.what, httpWhy(res, options.errorMessage), httpHint(res.status), res.status);
    }
    if (res.status >= 300 && res.status < 400) {
      throw fail(req.what, `unexpected redirect (HTTP ${res.status})`, "check the profile's URL", res.status);
    }
    return { status: res.status, data: res.data as T, latencyMs };
  }
}

function httpWhy(res: AxiosResponse, errorMessage: (body: unknown) => string | undefined): string {
  let own: string | undefined;
  try {
    own = errorMessage(res.data);
  } catch {
    own = undefined;
  }
  if (own && own.trim()) return own.trim();
  if (typeof res.data === 'string' && res.data.trim() && !/^\s*</.test(res.data))
    return `HTTP ${res.status}: ${res.data.trim().slice(0, 500)}`;
  return `HTTP ${res.status} ${res.statusText || ''}`.trim();
}

function httpHint(status: number): string | undefined {
  if (status === 401)
    return 'check the user name in the profile and the secret (CDC Routing: Set Secret…, or the CDC_ROUTING_* variable)';
  if (status === 403) return 'the credentials are valid but lack the permission for this';
  if (status === 404) return "check the profile's URL (does it point at this service and API version?)";
  if (status === 429) return 'the service limits requests: try again in a moment';
  if (status >= 500) return 'the service failed on its side: see its log';
  return undefined;
}
