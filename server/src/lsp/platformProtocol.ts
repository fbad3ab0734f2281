import type { ConnectorStatus } from '../platform/connect/connectTypes';
import type { Secrets } from '../platform/connectionProfile';
import type { FlinkJob } from '../platform/flink/flinkTypes';
import type { TopicInfo } from '../platform/kafka/kafkaTypes';
import type { ServiceHealth, ServiceName } from '../platform/platformError';

/**
 * LSP methods of the sidebar (Pipeline, Topics, Connectors, Flink Jobs views) and their actions. Every
 * request answers a PlatformResult: a failure is data the client shows, never an LSP error with a stack.
 */
export const PLATFORM_CONFIGURE_NOTIFICATION = 'cdcRouting/platform/configure';
export const PLATFORM_HEALTH_REQUEST = 'cdcRouting/platform/health';
export const PLATFORM_TOPICS_REQUEST = 'cdcRouting/platform/topics';
export const PLATFORM_CONNECTORS_REQUEST = 'cdcRouting/platform/connectors';
export const PLATFORM_FLINK_JOBS_REQUEST = 'cdcRouting/platform/flinkJobs';
export const CONNECTOR_ACTION_REQUEST = 'cdcRouting/platform/connectorAction';
export const CONNECTOR_CONFIG_REQUEST = 'cdcRouting/platform/connectorConfig';
export const CONNECTOR_COMPARE_REQUEST = 'cdcRouting/platform/connectorCompare';
export const FLINK_JOB_ACTION_REQUEST = 'cdcRouting/platform/flinkJobAction';
export const FLINK_JOB_EXCEPTIONS_REQUEST = 'cdcRouting/platform/flinkJobExceptions';
export const PRODUCE_SAMPLE_REQUEST = 'cdcRouting/platform/produceSample';

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

export interface HealthResult {
  profile: string;
  services: ServiceHealth[];
}

/** How a filter of an open filters file uses a topic. */
export interface TopicUse {
  /** file URI of the filters file */
  uri: string;
  /** 'reads': the file's source topic; 'writes': a filter's outputTopic. */
  role: 'reads' | 'writes';
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

export interface ConnectorsResult {
  connectors: ConnectorStatus[];
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
