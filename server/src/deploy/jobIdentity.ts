/**
 * How a deployed routing job is recognised on the target. The generator names a self-managed job
 * `cdc-routing <source topic> <hash16>` (SET 'pipeline.name'); Confluent Cloud statement names allow only
 * [a-z0-9-], so there the same facts are spelled `cdc-routing-<topic>-<hash16>`.
 */
const JOB_PREFIX = 'cdc-routing ';
const HASH_LENGTH = 16;

export function flinkJobName(sourceTopic: string, hash: string): string {
  return `${JOB_PREFIX}${sourceTopic} ${hash.slice(0, HASH_LENGTH)}`;
}

/** The source topic and short hash of a job this tool deployed, or undefined for anyone else's job. */
export function parseFlinkJobName(name: string): { sourceTopic: string; hash16: string } | undefined {
  const m = /^cdc-routing (.+) ([0-9a-f]{16})$/.exec(name);
  return m ? { sourceTopic: m[1], hash16: m[2] } : undefined;
}

/** Flink states in which a job still holds (or will hold) slots and reads the topic: what deploy replaces. */
export const ACTIVE_JOB_STATES = new Set(['INITIALIZING', 'CREATED', 'RUNNING', 'RESTARTING', 'FAILING', 'CANCELLING', 'RECONCILING', 'SUSPENDED']);

const CLOUD_PREFIX = 'cdc-routing-';
/** Statement names: at most 100 characters of [a-z0-9-] (Confluent Cloud's rule). */
const CLOUD_NAME_MAX = 100;

export function cloudTopicPart(sourceTopic: string): string {
  return sourceTopic.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'topic';
}

export function cloudStatementName(sourceTopic: string, hash: string): string {
  const tail = `-${hash.slice(0, HASH_LENGTH)}`;
  const topic = cloudTopicPart(sourceTopic).slice(0, CLOUD_NAME_MAX - CLOUD_PREFIX.length - tail.length);
  return `${CLOUD_PREFIX}${topic}${tail}`;
}

/** The topic part and short hash of a statement this tool created. */
export function parseCloudStatementName(name: string): { topicPart: string; hash16: string } | undefined {
  const m = /^cdc-routing-(.+)-([0-9a-f]{16})$/.exec(name);
  return m ? { topicPart: m[1], hash16: m[2] } : undefined;
}

/** Statement phases that mean the statement is (or will be) running. */
export const ACTIVE_STATEMENT_PHASES = new Set(['PENDING', 'RUNNING', 'DEGRADED']);
