import type { ConnectionProfile, Secrets } from '../connectionProfile';
import { createHttpService, type HttpService } from '../http/httpService';
import type { ServiceHealth } from '../platformError';
import { secretValues } from '../redactSecrets';
import type { ConfigValidation, ConnectClient, ConnectorStatus } from './connectTypes';
import { connectorStatusFrom, type ConnectStatusBody } from './connectorStatus';

/** Kafka Connect's error body: `{"error_code": 404, "message": "Connector x not found"}`. */
export function connectErrorMessage(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

export interface ConnectClientOptions {
  timeoutMs?: number;
}

/** The Kafka Connect REST API of a profile (basic auth from `connect.username` and the `connect.password` secret). */
export function createConnectClient(
  connect: NonNullable<ConnectionProfile['connect']>,
  secrets: Secrets = {},
  options: ConnectClientOptions = {},
): ConnectClient {
  const password = secrets['connect.password'];
  const http = createHttpService({
    service: 'connect',
    baseUrl: connect.url,
    auth: connect.username && password !== undefined ? { username: connect.username, password } : undefined,
    secrets: secretValues(secrets),
    timeoutMs: options.timeoutMs,
    errorMessage: connectErrorMessage,
  });
  return new ConnectRestClient(http);
}

const enc = encodeURIComponent;

class ConnectRestClient implements ConnectClient {
  constructor(private readonly http: HttpService) {}

  async health(): Promise<ServiceHealth> {
    const root = await this.http.request<{ version?: string; kafka_cluster_id?: string }>({
      what: 'ask Kafka Connect for its version',
      method: 'GET',
      path: '/',
    });
    const names = await this.http.request<string[]>({ what: 'list connectors', method: 'GET', path: '/connectors' });
    const n = names.data.length;
    return {
      service: 'connect',
      where: this.http.where,
      ok: true,
      version: root.data.version,
      latencyMs: root.latencyMs,
      detail: `${n} connector${n === 1 ? '' : 's'}`,
    };
  }

  async list(): Promise<ConnectorStatus[]> {
    type Expanded = Record<
      string,
      { status?: ConnectStatusBody; info?: { config?: Record<string, string>; type?: string } }
    >;
    const res = await this.http.request<Expanded>({
      what: 'list connectors',
      method: 'GET',
      path: '/connectors?expand=status&expand=info',
    });
    return Object.entries(res.data)
      .map(([name, c]) => connectorStatusFrom(name, c.status, c.info?.config ?? {}, c.info?.type))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(name: string): Promise<ConnectorStatus | undefined> {
    const what = `read connector ${name}`;
    const [status, config] = await Promise.all([
      this.http.request<ConnectStatusBody>({
        what,
        method: 'GET',
        path: `/connectors/${enc(name)}/status`,
        accept: [404],
      }),
      this.http.request<Record<string, string>>({
        what,
        method: 'GET',
        path: `/connectors/${enc(name)}/config`,
        accept: [404],
      }),
    ]);
    if (status.status === 404 || config.status === 404) return undefined;
    return connectorStatusFrom(name, status.data, config.data);
  }

  async restart(name: string): Promise<void> {
    await this.http.request({
      what: `restart connector ${name}`,
      method: 'POST',
      path: `/connectors/${enc(name)}/restart?includeTasks=true&onlyFailed=true`,
    });
  }

  async pause(name: string): Promise<void> {
    await this.http.request({ what: `pause connector ${name}`, method: 'PUT', path: `/connectors/${enc(name)}/pause` });
  }

  async resume(name: string): Promise<void> {
    await this.http.request({
      what: `resume connector ${name}`,
      method: 'PUT',
      path: `/connectors/${enc(name)}/resume`,
    });
  }

  async validate(config: Record<string, string>): Promise<ConfigValidation> {
    const what = `validate the config of connector ${config.name ?? '(unnamed)'}`;
    const connectorClass = config['connector.class'];
    if (!connectorClass)
      throw this.http.fail(
        what,
        'the config has no connector.class',
        'add "connector.class", e.g. io.debezium.connector.postgresql.PostgresConnector',
      );
    // Connect wants the plugin's short or full class name in the path and the same class in the body
    const pluginName = connectorClass.split('.').pop() ?? connectorClass;
    type Validated = { error_count: number; configs: { value: { name: string; errors: string[] } }[] };
    const res = await this.http.request<Validated>({
      what,
      method: 'PUT',
      path: `/connector-plugins/${enc(pluginName)}/config/validate`,
      body: config,
      timeoutMs: 60_000,
    });
    const errors = res.data.configs
      .filter((c) => c.value.errors.length > 0)
      .map((c) => ({ field: c.value.name, messages: c.value.errors }));
    return { errorCount: res.data.error_count, errors };
  }

  async upsert(name: string, config: Record<string, string>): Promise<{ created: boolean }> {
    const res = await this.http.request({
      what: `create or update connector ${name}`,
      method: 'PUT',
      path: `/connectors/${enc(name)}/config`,
      body: config,
      timeoutMs: 60_000,
    });
    return { created: res.status === 201 };
  }
}
