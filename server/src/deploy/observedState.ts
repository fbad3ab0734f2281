import type { ConfigValidation } from '../platform/connect/connectTypes';
import type { Secrets } from '../platform/connectionProfile';
import type { Platform } from '../platform/platform';
import { PlatformError, SERVICE_LABELS, type ServiceName } from '../platform/platformError';
import { redactSecrets, secretValues } from '../platform/redactSecrets';
import type { DesiredState } from './desiredTypes';
import type { PlanProblem } from './planTypes';
import { sameSchema } from './schemaText';
import type { ObserveContext } from './target';
import { targetById, type TargetObservations } from './targets/registry';

/**
 * What the target has now, as far as the desired state needs to know: the services every target shares, and
 * the deploy target's own part (its running jobs or statements, see targets/). Each service is asked once; a
 * service that cannot be reached leaves its part undefined and adds one problem (what, where, why, hint).
 * Plain data, so plan tests build it by hand.
 */
export type ObservedState = ObservedServices & TargetObservations;

/** The part of ObservedState that is the same on every target. */
interface ObservedServices {
  /** Existing topics by name (partitions); undefined when Kafka could not be asked (or the profile has none). */
  topics?: Record<string, { partitions: number; replicationFactor: number }>;
  /** Per desired subject: the latest registered schema (if any) and whether the desired one is compatible. */
  schemas?: Record<string, { latest?: string; compatible: boolean; messages: string[] }>;
  /** Per desired connector: the current config (undefined: not registered) and Connect's validation. */
  connectors?: Record<string, { current?: Record<string, string>; state?: string; validation: ConfigValidation }>;
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
    // the output topics to create, and the source topic of each job: a job whose source is missing restarts in a loop
    if (desired.topics.length === 0 && desired.jobs.length === 0) return;
    if (!platform.kafka) return desired.topics.length > 0 ? missing('kafka', 'to create the output topics') : undefined;
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
  const targetJob = async () => {
    if (desired.jobs.length === 0) return;
    const context: ObserveContext = { platform, ask, missing, failed: (service) => failed.has(service) };
    Object.assign(state, await targetById(desired.target).observe(context, desired));
  };
  await Promise.all([kafkaJob(), registryJob(), connectJob(), targetJob()]);
  problems.sort((a, b) => (a.service ?? '').localeCompare(b.service ?? ''));
  return state;
}

/** One line for a failed service call: PlatformError's own message, else the error said with the service's name. */
function serviceProblem(service: ServiceName, err: unknown): string {
  if (err instanceof PlatformError) return `${SERVICE_LABELS[service]}: ${err.message}`;
  const message = err instanceof Error ? err.message : String(err);
  return `${SERVICE_LABELS[service]}: ${message.split('\n')[0]}`;
}
