import { jobFileLabel, routingJobName } from '../sql/pipelineName';

/**
 * How a deployed routing job is recognised on the target. The generator names a self-managed job
 * `cdc-routing <source topic> <file> <hash16>` (SET 'pipeline.name', sql/pipelineName.ts); Confluent Cloud
 * statement names allow only [a-z0-9-], so there the same facts are spelled `cdc-routing-<topic>--<file>-<hash16>`.
 * Jobs deployed before the file was part of the name (`cdc-routing <topic> <hash16>`) are still recognised, with
 * no file: a deploy may replace such a job with any file of its topic.
 */
const HASH_LENGTH = 16;

export const flinkJobName = routingJobName;

export interface JobIdentity {
  sourceTopic: string;
  /** The filters file's label (jobFileLabel), absent on jobs named before it was part of the name. */
  file?: string;
  hash16: string;
}

/** The source topic, file and short hash of a job this tool deployed, or undefined for anyone else's job. */
export function parseFlinkJobName(name: string): JobIdentity | undefined {
  const m = /^cdc-routing (\S+) (?:(\S+) )?([0-9a-f]{16})$/.exec(name);
  if (!m) return undefined;
  return m[2] === undefined ? { sourceTopic: m[1], hash16: m[3] } : { sourceTopic: m[1], file: m[2], hash16: m[3] };
}

/** Whether a deployed job (by its parsed name) may be the running job of `file` on `sourceTopic`. */
export function jobMayBelongTo(job: { topic: string; file?: string }, sourceTopic: string, file: string): boolean {
  return job.topic === sourceTopic && (job.file === undefined || job.file === file);
}

export { jobFileLabel };

/** Flink states in which a job still holds (or will hold) slots and reads the topic: what deploy replaces. */
export const ACTIVE_JOB_STATES = new Set([
  'INITIALIZING',
  'CREATED',
  'RUNNING',
  'RESTARTING',
  'FAILING',
  'CANCELLING',
  'RECONCILING',
  'SUSPENDED',
]);

const CLOUD_PREFIX = 'cdc-routing-';
/** Statement names: at most 100 characters of [a-z0-9-] (Confluent Cloud's rule). */
const CLOUD_NAME_MAX = 100;
/** Room for the file part, so a long file name cannot crowd out the topic. */
const CLOUD_FILE_MAX = 30;

export function cloudTopicPart(sourceTopic: string): string {
  return (
    sourceTopic
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'topic'
  );
}

export function cloudStatementName(sourceTopic: string, filtersFile: string, hash: string): string {
  // Parts never end in "-", so "--" only ever separates the topic from the file.
  const file = `--${cloudFilePart(filtersFile)}`;
  const tail = `-${hash.slice(0, HASH_LENGTH)}`;
  const topic = cloudTopicPart(sourceTopic)
    .slice(0, CLOUD_NAME_MAX - CLOUD_PREFIX.length - file.length - tail.length)
    .replace(/-+$/, '');
  return `${CLOUD_PREFIX}${topic}${file}${tail}`;
}

/** The filters file as it appears in statement names (see cloudStatementName). */
export function cloudFilePart(filtersFile: string): string {
  return cloudTopicPart(jobFileLabel(filtersFile)).slice(0, CLOUD_FILE_MAX).replace(/-+$/, '');
}

/** The topic part, file part and short hash of a statement this tool created (no file part on older names). */
export function parseCloudStatementName(
  name: string,
): { topicPart: string; file?: string; hash16: string } | undefined {
  const m = /^cdc-routing-(.+?)(?:--(.+))?-([0-9a-f]{16})$/.exec(name);
  if (!m) return undefined;
  return m[2] === undefined ? { topicPart: m[1], hash16: m[3] } : { topicPart: m[1], file: m[2], hash16: m[3] };
}

/** Statement phases that mean the statement is (or will be) running. */
export const ACTIVE_STATEMENT_PHASES = new Set(['PENDING', 'RUNNING', 'DEGRADED']);
