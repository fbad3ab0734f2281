import type { CloudStatement } from '../platform/confluentCloud/cloudTypes';
import type { ConfigValidation } from '../platform/connect/connectTypes';
import type { FlinkJob } from '../platform/flink/flinkTypes';
import type { Secrets } from '../platform/connectionProfile';
import type { Platform } from '../platform/platform';
import { PlatformError, SERVICE_LABELS, type ServiceName } from '../platform/platformError';
import { redactSecrets, secretValues } from '../platform/redactSecrets';
import type { DesiredState } from './desiredState';
import { ACTIVE_JOB_STATES, parseFlinkJobName } from './jobIdentity';
import type { PlanProblem } from './planTypes';
import { sameSchema } from './schemaText';

/**
 * What the target has now, as far as the desired state needs to know. Each service is asked once; a service
 * that cannot be reached leaves its part undefined and adds one problem (what, where, why, hint).
 * Plain data, so plan tests build it by hand.
 */
export interface ObservedState {
  /** Existing topics by name (partitions); undefined when Kafka could not be asked. */
  topics?: Record<string, { partitions: number; replicationFactor: number }>;
  /** Per desired subject: the latest registered schema (if any) and whether the desired one is compatible. */
  schemas?: Record<string, { latest?: string; compatible: boolean; messages: string[] }>;
  /** Per desired connector: the current config (undefined: not registered) and Connect's validation. */
  connectors?: Record<string, { current?: Record<string, string>; state?: string; validation: ConfigValidation }>;
  /** The active routing jobs this tool deployed (self-managed Flink). */
  jobs?: FlinkJob[];
  /** Per source topic whose newest routing job stopped with a savepoint: that job (to resume after a failed replace). */
  stoppedJobs?: { id: string; name: string; savepoint: string; endTime: number }[];
  /** The routing statements this tool created (Confluent Cloud). */
  statements?: CloudStatement[];
  problems: PlanProblem[];
}

/** Asks every service the desired state involves; never throws for a service failure. */
export async function observeState(
  platform: Platform,
  desired: DesiredState,
  secrets: Secrets = {},
): Promise<ObservedState> {
  const problems: PlanProblem[] = [];
  const failed = new Set<ServiceName>();
  const ask = async <T>(service: ServiceName, call: () => Promise<T>): Promise<T | undefined> => {
    if (failed.has(service)) return undefined;
    try {
      return await call();
    } catch (err) {
      failed.add(service);
      problems.push({ service, message: redactSecrets(serviceProblem(service, err), secretValues(secrets)) });
      return undefined;
    }
  };
  const missing = (service: ServiceName, needed: string) => {
    failed.add(service);
    problems.push({
      service,
      message: `The profile "${platform.profile.name}" has no ${SERVICE_LABELS[service]} connection, needed ${needed}: add it to cdcRouting.profiles.`,
    });
  };
  const state: ObservedState = { problems };

  const kafkaJob = async () => {
    if (desired.topics.length === 0) return;
    if (!platform.kafka) return missing('kafka', 'to create the output topics');
    const list = await ask('kafka', () => platform.kafka!.listTopics());
    if (list)
      state.topics = Object.fromEntries(
        list.map((t) => [t.name, { partitions: t.partitions, replicationFactor: t.replicationFactor }]),
      );
  };
  const registryJob = async () => {
    if (desired.schemas.length === 0 || !platform.schemaRegistry) return;
    const registry = platform.schemaRegistry;
    const schemas: NonNullable<ObservedState['schemas']> = {};
    for (const s of desired.schemas) {
      const latest = await ask('schemaRegistry', () => registry.latest(s.subject));
      if (failed.has('schemaRegistry')) return;
      const compat =
        latest && !sameSchema(latest.schema, s.schema)
          ? await ask('schemaRegistry', () => registry.checkCompatibility(s.subject, s.schema))
          : { compatible: true, messages: [] };
      if (!compat) return;
      schemas[s.subject] = { latest: latest?.schema, compatible: compat.compatible, messages: compat.messages };
    }
    state.schemas = schemas;
  };
  const connectJob = async () => {
    if (desired.connectors.length === 0) return;
    if (!platform.connect) return missing('connect', 'to register the connector');
    const connect = platform.connect;
    const connectors: NonNullable<ObservedState['connectors']> = {};
    for (const c of desired.connectors) {
      const current = await ask('connect', () => connect.get(c.name));
      if (failed.has('connect')) return;
      const validation = await ask('connect', () => connect.validate({ ...c.config, name: c.name }));
      if (!validation) return;
      connectors[c.name] = { current: current?.config, state: current?.state, validation };
    }
    state.connectors = connectors;
  };
  const flinkJob = async () => {
    if (desired.jobs.length === 0) return;
    if (desired.target === 'confluent-cloud') {
      if (!platform.confluentCloud) return missing('confluentCloud', 'to run the routing statements');
      const list = await ask('confluentCloud', () => platform.confluentCloud!.listStatements());
      if (list) state.statements = list.filter((s) => s.name.startsWith('cdc-routing-'));
      return;
    }
    if (!platform.flink) return missing('flink', 'to find the running routing jobs');
    if (!platform.sqlGateway) return missing('sqlGateway', 'to submit the routing jobs');
    const flink = platform.flink;
    const list = await ask('flink', () => flink.listJobs());
    if (!list) return;
    const ours = list.filter((j) => parseFlinkJobName(j.name));
    state.jobs = ours
      .filter((j) => ACTIVE_JOB_STATES.has(j.state))
      .sort((a, b) => a.startTime - b.startTime || a.id.localeCompare(b.id));
    // A replace that stopped the old job but could not start the new one leaves the topic's newest routing job
    // FINISHED with a savepoint: the next deploy starts from it, so re-running continues where the world is.
    const newestByTopic = new Map<string, FlinkJob>();
    for (const j of ours) {
      const topic = parseFlinkJobName(j.name)!.sourceTopic;
      const known = newestByTopic.get(topic);
      if (!known || j.startTime > known.startTime) newestByTopic.set(topic, j);
    }
    const stopped: NonNullable<ObservedState['stoppedJobs']> = [];
    for (const j of [...newestByTopic.values()].filter((x) => x.state === 'FINISHED')) {
      const details = await ask('flink', () => flink.job(j.id));
      // a stop-with-savepoint leaves Flink's "latest completed checkpoint" empty: the savepoint is its own entry
      const savepoint = details?.lastSavepoint?.externalPath;
      if (savepoint) stopped.push({ id: j.id, name: j.name, savepoint, endTime: j.startTime + j.durationMs });
    }
    state.stoppedJobs = stopped;
    if (!failed.has('flink')) {
      // Submitting goes through the gateway: an unreachable one is a plan problem, not a surprise half-way.
      await ask('sqlGateway', async () => {
        const h = await platform.sqlGateway!.health();
        if (!h.ok && h.error)
          throw new PlatformError('sqlGateway', h.error.what, h.error.where, h.error.why, h.error.hint);
      });
    }
  };
  await Promise.all([kafkaJob(), registryJob(), connectJob(), flinkJob()]);
  problems.sort((a, b) => (a.service ?? '').localeCompare(b.service ?? ''));
  return state;
}

/** One line for a failed service call: PlatformError's own message, else the error said with the service's name. */
function serviceProblem(service: ServiceName, err: unknown): string {
  if (err instanceof PlatformError) return `${SERVICE_LABELS[service]}: ${err.message}`;
  const message = err instanceof Error ? err.message : String(err);
  return `${SERVICE_LABELS[service]}: ${message.split('\n')[0]}`;
}
