import type { ConnectionProfile, Secrets } from '../connectionProfile';
import { createHttpService, type HttpService } from '../http/httpService';
import type { ServiceHealth } from '../platformError';
import { secretValues } from '../redactSecrets';
import type { SchemaRegistryClient } from './registryTypes';

/** The registry's error body: `{"error_code": 40401, "message": "Subject 'x' not found."}`. */
export function registryErrorMessage(body: unknown): string | undefined {
  const b = body as { message?: unknown; error_code?: unknown } | undefined;
  return typeof b?.message === 'string' ? b.message : undefined;
}

export interface SchemaRegistryClientOptions {
  timeoutMs?: number;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
const enc = encodeURIComponent;

/**
 * The Confluent Schema Registry API of a profile (Confluent's own registry, or Apicurio's ccompat/v7 as in the
 * local stack). Basic auth from `schemaRegistry.username` and the `schemaRegistry.password` secret.
 */
export function createSchemaRegistryClient(
  registry: NonNullable<ConnectionProfile['schemaRegistry']>,
  secrets: Secrets = {},
  options: SchemaRegistryClientOptions = {},
): SchemaRegistryClient {
  const password = secrets['schemaRegistry.password'];
  const http = createHttpService({
    service: 'schemaRegistry',
    baseUrl: registry.url,
    auth: registry.username && password !== undefined ? { username: registry.username, password } : undefined,
    secrets: secretValues(secrets),
    timeoutMs: options.timeoutMs,
    errorMessage: registryErrorMessage,
    headers: { accept: `${CONTENT_TYPE}, application/json`, 'content-type': CONTENT_TYPE },
  });
  return new RegistryClient(http, registry.url);
}

class RegistryClient implements SchemaRegistryClient {
  /** Schemas by id never change, so one answer per id is enough for the life of the client. */
  private readonly byId = new Map<number, Promise<string>>();

  constructor(
    private readonly http: HttpService,
    private readonly url: string,
  ) {}

  async health(): Promise<ServiceHealth> {
    const subjects = await this.http.request<string[]>({
      what: 'list schema subjects',
      method: 'GET',
      path: '/subjects',
    });
    const n = subjects.data.length;
    return {
      service: 'schemaRegistry',
      where: this.http.where,
      ok: true,
      version: await this.version(),
      latencyMs: subjects.latencyMs,
      detail: `${n} subject${n === 1 ? '' : 's'}`,
    };
  }

  subjects(): Promise<string[]> {
    return this.http
      .request<string[]>({ what: 'list schema subjects', method: 'GET', path: '/subjects' })
      .then((r) => r.data);
  }

  async latest(subject: string): Promise<{ id: number; version: number; schema: string } | undefined> {
    const res = await this.http.request<{ id: number; version: number; schema: string }>({
      what: `read the latest schema of subject ${subject}`,
      method: 'GET',
      path: `/subjects/${enc(subject)}/versions/latest`,
      accept: [404],
    });
    if (res.status === 404) return undefined;
    return { id: res.data.id, version: res.data.version, schema: res.data.schema };
  }

  async checkCompatibility(subject: string, schema: string): Promise<{ compatible: boolean; messages: string[] }> {
    const res = await this.http.request<{ is_compatible: boolean; messages?: string[] }>({
      what: `check the compatibility of a new schema for subject ${subject}`,
      method: 'POST',
      path: `/compatibility/subjects/${enc(subject)}/versions/latest?verbose=true`,
      body: { schema },
      // a subject (or version) that does not exist yet accepts any first schema
      accept: [404],
    });
    if (res.status === 404) return { compatible: true, messages: [] };
    return { compatible: res.data.is_compatible, messages: res.data.messages ?? [] };
  }

  async register(subject: string, schema: string): Promise<number> {
    const res = await this.http.request<{ id: number }>({
      what: `register a schema for subject ${subject}`,
      method: 'POST',
      path: `/subjects/${enc(subject)}/versions`,
      body: { schema },
    });
    return res.data.id;
  }

  schemaById(id: number): Promise<string> {
    let cached = this.byId.get(id);
    if (!cached) {
      cached = this.http
        .request<{ schema: string }>({ what: `read schema ${id}`, method: 'GET', path: `/schemas/ids/${id}` })
        .then((r) => r.data.schema);
      // a failure (registry down) must not stick: the next call asks again
      cached.catch(() => this.byId.delete(id));
      this.byId.set(id, cached);
    }
    return cached;
  }

  /**
   * The registry's version: Confluent's registry answers /v1/metadata/version; Apicurio (ccompat) does not,
   * but its own system info sits next to the ccompat API. Unknown when neither answers.
   */
  private async version(): Promise<string | undefined> {
    const confluent = await this.http
      .request<{ version?: string }>({
        what: 'ask the registry for its version',
        method: 'GET',
        path: '/v1/metadata/version',
        accept: [404],
      })
      .catch(() => undefined);
    if (confluent?.status === 200 && confluent.data.version) return confluent.data.version;
    const apicurio = /^(.*)\/apis\/ccompat\/v\d+\/?$/.exec(this.url);
    if (!apicurio) return undefined;
    const info = await this.http
      .request<{ name?: string; version?: string }>({
        what: 'ask the registry for its version',
        method: 'GET',
        path: `${apicurio[1]}/apis/registry/v2/system/info`,
        accept: [404],
      })
      .catch(() => undefined);
    return info?.status === 200 && info.data.version
      ? `${info.data.name ?? 'apicurio-registry'} ${info.data.version}`
      : undefined;
  }
}
