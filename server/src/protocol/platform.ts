import { NotificationType, RequestType } from 'vscode-jsonrpc';

/**
 * The sidebar (Pipeline, Topics, Connectors, Flink Jobs views), the status bar and their actions (client:
 * client/src/sidebar/; server: server/src/lsp/platformFeature.ts). Every request answers a PlatformResult: a
 * failure is data the client shows, never an LSP error with a stack. The types and constants here are declared
 * once: the server's platform clients (server/src/platform/) import them from here.
 */

/** The platform services a profile can name; also the nodes of the sidebar's Pipeline view. */
export type ServiceName = 'kafka' | 'connect' | 'flink' | 'sqlGateway' | 'schemaRegistry' | 'confluentCloud';

export const SERVICE_LABELS: Record<ServiceName, string> = {
  kafka: 'Kafka',
  connect: 'Kafka Connect',
  flink: 'Flink',
  sqlGateway: 'Flink SQL Gateway',
  schemaRegistry: 'Schema Registry',
  confluentCloud: 'Confluent Cloud',
};

/** Every secret a profile can use. Never stored in settings, never logged. */
export type SecretName =
  | 'kafka.password'
  | 'connect.password'
  | 'schemaRegistry.password'
  | 'confluentCloud.apiKey'
  | 'confluentCloud.apiSecret'
  | 'connector.databasePassword';

export const SECRET_NAMES: readonly SecretName[] = [
  'kafka.password',
  'connect.password',
  'schemaRegistry.password',
  'confluentCloud.apiKey',
  'confluentCloud.apiSecret',
  'connector.databasePassword',
];

export type Secrets = Partial<Record<SecretName, string>>;

/** Environment variable of a secret for the CLI: CDC_ROUTING_KAFKA_PASSWORD, CDC_ROUTING_CONFLUENTCLOUD_APIKEY… */
export function secretEnvName(name: SecretName): string {
  return 'CDC_ROUTING_' + name.replace(/\./g, '_').toUpperCase();
}

/** Client → server, at start and whenever settings or secrets change. Secrets stay in the server's memory. */
export interface PlatformConfigureParams {
  /** The raw `cdcRouting.profiles` setting (checked by the server). */
  profiles: unknown;
  activeProfile: string;
  /** Secrets from SecretStorage, by profile name. */
  secrets: Record<string, Secrets>;
}

/** A failure as the user needs it; `service` is absent when no service was asked (e.g. an unknown profile). */
export interface PlatformErrorInfo {
  service?: ServiceName;
  what: string;
  where: string;
  why: string;
  hint?: string;
}

export type PlatformResult<T> = { ok: true; value: T } | { ok: false; error: PlatformErrorInfo };

/** Every request may name a profile; the active one otherwise. */
export interface ProfileParams {
  profile?: string;
}

/** The health of one service, as the Pipeline view and `cdc-routing status` show it. */
export interface ServiceHealth {
  service: ServiceName;
  /** Where it was asked (no credentials). */
  where: string;
  ok: boolean;
  version?: string;
  latencyMs?: number;
  /** Short extra facts, e.g. "1 broker, cluster abc" or "3 jobs running". */
  detail?: string;
  error?: { what: string; where: string; why: string; hint?: string };
}

export interface HealthResult {
  profile: string;
  services: ServiceHealth[];
}

export interface TopicInfo {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Sum over partitions of end offset minus start offset. */
  messageCount: number;
  /** Timestamp (ms) of the newest record over all partitions; absent for an empty topic. */
  lastMessageTime?: number;
  internal: boolean;
}

/** How a filter of an open filters file uses a topic. */
export interface TopicUse {
  /** file URI of the filters file */
  uri: string;
  /** 'reads': the file's source topic; 'writes': a filter's outputTopic; 'dead-letters': where the file's routing
   * job writes the records it cannot read (source.deadLetterTopic, default `<source topic>.dlq`). */
  role: 'reads' | 'writes' | 'dead-letters';
  /** The filter id (for 'writes'). */
  filterId?: string;
  enabled?: boolean;
}

export interface TopicView extends TopicInfo {
  uses: TopicUse[];
}

export interface TopicsParams extends ProfileParams {
  /** Filters files whose topics come first; all open filters files when absent. */
  filtersUris?: string[];
}

export interface TopicsResult {
  /** The source and output topics of the open filters files first (the missing ones too), then the rest by name. */
  topics: TopicView[];
  /** Topics named by the filters files that do not exist on the cluster. */
  missing: { name: string; uses: TopicUse[] }[];
}

export interface TaskStatus {
  id: number;
  state: string;
  workerId: string;
  trace?: string;
}

export interface ConnectorStatus {
  name: string;
  /** "source" | "sink" */
  type: string;
  /** RUNNING, PAUSED, FAILED, UNASSIGNED, RESTARTING, STOPPED */
  state: string;
  workerId: string;
  trace?: string;
  tasks: TaskStatus[];
  /** Credential values masked. */
  config: Record<string, string>;
}

export interface ConnectorsResult {
  connectors: ConnectorStatus[];
}

export interface FlinkJob {
  id: string;
  name: string;
  /** RUNNING, FINISHED, FAILED, CANCELED, RESTARTING… */
  state: string;
  startTime: number;
  /** ms since start (or total duration of an ended job) */
  durationMs: number;
  restarts?: number;
  lastException?: { time: number; text: string };
  lastCheckpoint?: { id: number; time: number; status: string; durationMs?: number; externalPath?: string };
  /** The newest completed savepoint (e.g. the one a stop-with-savepoint wrote): where a replacement resumes. */
  lastSavepoint?: { id: number; time: number; externalPath?: string };
}

export interface FlinkJobsResult {
  jobs: FlinkJob[];
  /** The Flink Web UI overview page. */
  webUiUrl: string;
  /** Each job's page in the Web UI, by job id. */
  jobUrls: Record<string, string>;
}

export type ConnectorAction = 'restart' | 'pause' | 'resume';

export interface ConnectorActionParams extends ProfileParams {
  name: string;
  action: ConnectorAction;
}

export interface ConnectorConfigParams extends ProfileParams {
  name: string;
}

export interface ConnectorCompareParams extends ProfileParams {
  name: string;
  /** A filters file (URI) or workspace folder (URI or path): where connectors/*.json is looked for. */
  filtersUri?: string;
  workspaceFolder?: string;
}

export interface ConnectorCompareResult {
  name: string;
  running: Record<string, string>;
  /** The workspace's connector JSON with the profile's connectorOverrides applied (what a deploy would send). */
  workspace: Record<string, string>;
  workspaceFile: string;
}

export type FlinkJobAction = 'stopWithSavepoint' | 'cancel';

export interface FlinkJobActionParams extends ProfileParams {
  id: string;
  action: FlinkJobAction;
}

export interface FlinkJobActionResult {
  savepointPath?: string;
}

export interface FlinkJobExceptionsParams extends ProfileParams {
  id: string;
}

/** One exception of a Flink job (the root one and recent ones), as text. */
export interface FlinkJobException {
  time: number;
  text: string;
}

export interface ProduceSampleParams extends ProfileParams {
  /** The filters file whose samples and source topic are used; the first open filters file when absent. */
  filtersUri?: string;
  /** Which sample (0-based); the next one in turn when absent. */
  index?: number;
  /** Another topic than the file's source topic (e.g. the one a Topics item names). */
  topic?: string;
}

export interface ProduceSampleResult {
  topic: string;
  /** The sample produced, relative to the workspace folder: "samples/raw-events.jsonl:12" */
  sample: string;
  eventName?: string;
}

export const PlatformConfigureNotification = new NotificationType<PlatformConfigureParams>(
  'cdcRouting/platform/configure',
);
export const PlatformHealthRequest = new RequestType<ProfileParams | undefined, PlatformResult<HealthResult>, void>(
  'cdcRouting/platform/health',
);
export const PlatformTopicsRequest = new RequestType<TopicsParams | undefined, PlatformResult<TopicsResult>, void>(
  'cdcRouting/platform/topics',
);
export const PlatformConnectorsRequest = new RequestType<
  ProfileParams | undefined,
  PlatformResult<ConnectorsResult>,
  void
>('cdcRouting/platform/connectors');
export const PlatformFlinkJobsRequest = new RequestType<
  ProfileParams | undefined,
  PlatformResult<FlinkJobsResult>,
  void
>('cdcRouting/platform/flinkJobs');
/** Restart, pause or resume a connector; answers {} when done. */
export const ConnectorActionRequest = new RequestType<ConnectorActionParams, PlatformResult<object>, void>(
  'cdcRouting/platform/connectorAction',
);
/** The running config of a connector (credential values masked). */
export const ConnectorConfigRequest = new RequestType<
  ConnectorConfigParams,
  PlatformResult<Record<string, string>>,
  void
>('cdcRouting/platform/connectorConfig');
export const ConnectorCompareRequest = new RequestType<
  ConnectorCompareParams,
  PlatformResult<ConnectorCompareResult>,
  void
>('cdcRouting/platform/connectorCompare');
export const FlinkJobActionRequest = new RequestType<FlinkJobActionParams, PlatformResult<FlinkJobActionResult>, void>(
  'cdcRouting/platform/flinkJobAction',
);
export const FlinkJobExceptionsRequest = new RequestType<
  FlinkJobExceptionsParams,
  PlatformResult<FlinkJobException[]>,
  void
>('cdcRouting/platform/flinkJobExceptions');
export const ProduceSampleRequest = new RequestType<ProduceSampleParams, PlatformResult<ProduceSampleResult>, void>(
  'cdcRouting/platform/produceSample',
);
