import type { ConnectionProfile, Secrets } from '../connectionProfile';
import { createHttpService, type HttpService } from '../http/httpService';
import { PlatformError, type ServiceHealth } from '../platformError';
import { secretValues } from '../redactSecrets';
import { cloudErrorMessage } from './cloudErrorMessage';
import type { CloudStatement, ConfluentCloudFlinkClient } from './cloudTypes';

export interface ConfluentCloudClientOptions {
  /**
   * The Flink endpoint, when not the public https://flink.{region}.{provider}.confluent.cloud (a private
   * network endpoint, or the replay server of the tests).
   */
  baseUrl?: string;
  timeoutMs?: number;
}

type CloudProfile = NonNullable<ConnectionProfile['confluentCloud']>;

/** The public Flink SQL endpoint of a region. */
export function confluentCloudFlinkUrl(cloud: Pick<CloudProfile, 'region' | 'provider'>): string {
  return `https://flink.${cloud.region}.${cloud.provider}.confluent.cloud`;
}

/**
 * Confluent Cloud's Flink SQL statements API (sql/v1), authenticated with a Flink API key (HTTP basic:
 * key as user, secret as password) from the `confluentCloud.apiKey` / `confluentCloud.apiSecret` secrets.
 */
export function createConfluentCloudClient(
  cloud: CloudProfile,
  secrets: Secrets = {},
  options: ConfluentCloudClientOptions = {},
): ConfluentCloudFlinkClient {
  const baseUrl = options.baseUrl ?? confluentCloudFlinkUrl(cloud);
  const key = secrets['confluentCloud.apiKey'];
  const secret = secrets['confluentCloud.apiSecret'];
  const http = createHttpService({
    service: 'confluentCloud',
    baseUrl,
    auth: key && secret ? { username: key, password: secret } : undefined,
    // the key id is not a password, but it names an account: kept out of messages all the same
    secrets: [...secretValues(secrets)],
    timeoutMs: options.timeoutMs ?? 30_000,
    errorMessage: cloudErrorMessage,
  });
  return new CloudFlinkClient(http, cloud, !!(key && secret));
}

interface StatementBody {
  name: string;
  metadata?: { resource_version?: string; [k: string]: unknown };
  spec: {
    statement: string;
    properties?: Record<string, string>;
    compute_pool_id?: string;
    principal?: string;
    stopped?: boolean;
    [k: string]: unknown;
  };
  status?: { phase?: string; detail?: string; [k: string]: unknown };
  [k: string]: unknown;
}

const enc = encodeURIComponent;
const PAGE_SIZE = 100;
/** A runaway `next` link must not loop forever. */
const MAX_PAGES = 50;

class CloudFlinkClient implements ConfluentCloudFlinkClient {
  private readonly statementsPath: string;

  constructor(
    private readonly http: HttpService,
    private readonly cloud: CloudProfile,
    private readonly hasKey: boolean,
  ) {
    this.statementsPath = `/sql/v1/organizations/${enc(cloud.organizationId)}/environments/${enc(cloud.environmentId)}/statements`;
  }

  async health(): Promise<ServiceHealth> {
    this.requireKey('reach Confluent Cloud Flink');
    const res = await this.http.request<{ data?: unknown[] }>({
      what: 'list Confluent Cloud Flink statements',
      method: 'GET',
      path: `${this.statementsPath}?page_size=1&spec.compute_pool_id=${enc(this.cloud.computePoolId)}`,
    });
    return {
      service: 'confluentCloud',
      where: this.http.where,
      ok: true,
      latencyMs: res.latencyMs,
      detail: `environment ${this.cloud.environmentId}, compute pool ${this.cloud.computePoolId}`,
    };
  }

  async listStatements(): Promise<CloudStatement[]> {
    const what = 'list Confluent Cloud Flink statements';
    this.requireKey(what);
    const out: CloudStatement[] = [];
    let path: string | undefined =
      `${this.statementsPath}?page_size=${PAGE_SIZE}&spec.compute_pool_id=${enc(this.cloud.computePoolId)}`;
    for (let page = 0; path && page < MAX_PAGES; page++) {
      const res: { data: { data?: StatementBody[]; metadata?: { next?: string | null } } } = await this.http.request({
        what,
        method: 'GET',
        path,
      });
      for (const s of res.data.data ?? []) out.push(statementFrom(s));
      path = nextPath(res.data.metadata?.next);
    }
    return out;
  }

  async getStatement(name: string): Promise<CloudStatement | undefined> {
    const body = await this.read(name, `read Confluent Cloud Flink statement ${name}`);
    return body && statementFrom(body);
  }

  async createStatement(
    name: string,
    statement: string,
    properties: Record<string, string> = {},
  ): Promise<CloudStatement> {
    const what = `create Confluent Cloud Flink statement ${name}`;
    this.requireKey(what);
    const defaults: Record<string, string> = {};
    // topics are tables of the Kafka cluster (database) in the environment (catalog)
    defaults['sql.current-catalog'] = this.cloud.environmentId;
    if (this.cloud.kafkaClusterId) defaults['sql.current-database'] = this.cloud.kafkaClusterId;
    const body = {
      name,
      spec: {
        statement,
        properties: { ...defaults, ...properties },
        compute_pool_id: this.cloud.computePoolId,
        ...(this.cloud.principal ? { principal: this.cloud.principal } : {}),
        stopped: false,
      },
    };
    const res = await this.http.request<StatementBody>({ what, method: 'POST', path: this.statementsPath, body });
    return statementFrom(res.data);
  }

  /**
   * Stops a statement with the GA update call (PUT of the statement read just before, spec.stopped = true;
   * the JSON-patch PATCH is Early Access). A 409 means it changed meanwhile: read it again and retry once.
   */
  async stopStatement(name: string): Promise<void> {
    const what = `stop Confluent Cloud Flink statement ${name}`;
    for (let attempt = 0; ; attempt++) {
      const current = await this.read(name, what);
      if (!current)
        throw this.http.fail(what, `no statement named ${name}`, 'list the statements to see their names', 404);
      if (current.spec.stopped || current.status?.phase === 'STOPPED') return;
      const res = await this.http.request({
        what,
        method: 'PUT',
        path: `${this.statementsPath}/${enc(name)}`,
        body: { ...current, spec: { ...current.spec, stopped: true } },
        accept: attempt === 0 ? [409] : [],
      });
      if (res.status !== 409) return;
    }
  }

  async deleteStatement(name: string): Promise<void> {
    const what = `delete Confluent Cloud Flink statement ${name}`;
    this.requireKey(what);
    // already gone is what the caller wanted
    await this.http.request({ what, method: 'DELETE', path: `${this.statementsPath}/${enc(name)}`, accept: [404] });
  }

  private async read(name: string, what: string): Promise<StatementBody | undefined> {
    this.requireKey(what);
    const res = await this.http.request<StatementBody>({
      what,
      method: 'GET',
      path: `${this.statementsPath}/${enc(name)}`,
      accept: [404],
    });
    return res.status === 404 ? undefined : res.data;
  }

  private requireKey(what: string): void {
    if (!this.hasKey) {
      throw new PlatformError(
        'confluentCloud',
        what,
        this.http.where,
        'no Flink API key',
        'set the secrets confluentCloud.apiKey and confluentCloud.apiSecret (CDC Routing: Set Secret…, or CDC_ROUTING_CONFLUENTCLOUD_APIKEY / _APISECRET for the CLI)',
      );
    }
  }
}

function statementFrom(s: StatementBody): CloudStatement {
  return {
    name: s.name,
    statement: s.spec?.statement ?? '',
    phase: s.status?.phase ?? 'PENDING',
    detail: s.status?.detail,
    properties: s.spec?.properties ?? {},
    computePoolId: s.spec?.compute_pool_id ?? '',
  };
}

/** The path and query of a `next` link: the next page is always asked of the configured endpoint, never another host. */
function nextPath(next: string | null | undefined): string | undefined {
  if (!next) return undefined;
  try {
    const u = new URL(next);
    return u.search.includes('page_token') ? `${u.pathname}${u.search}` : undefined;
  } catch {
    return undefined;
  }
}
