import { jobFileLabel, routingJobName } from '../sql/pipelineName';

/**
 * How a deployed Flink routing job is recognised: the generator names it `cdc-routing <source topic> <file>
 * <hash16>` (SET 'pipeline.name', sql/pipelineName.ts). Jobs deployed before the file was part of the name
 * (`cdc-routing <topic> <hash16>`) are still recognised, with no file: a deploy may replace such a job with any
 * file of its topic. A target whose platform has other naming rules spells the same facts its own way
 * (Confluent Cloud statements: targets/confluentCloudTarget.ts).
 */
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
