import type { CloudStatement, ConfluentCloudFlinkClient } from '../../platform/confluentCloud/cloudTypes';
import type { ConnectionProfile } from '../../platform/connectionProfile';
import type { DesiredJob, DesiredState } from '../desiredTypes';
import { jobFileLabel } from '../jobIdentity';
import { pairJobs } from '../pairJobs';
import type { PlanProblem } from '../planTypes';
import { scriptStatements, sqlFailure } from '../sqlScript';
import { need, StepFailure } from '../stepFailure';
import type { DeployTarget, JobPlan, JobStepFacts, ObserveContext } from '../target';

/**
 * Confluent Cloud for Apache Flink: a routing job is one statement of the statements API (topics are tables,
 * no connector DDL), in the profile's environment and Kafka cluster. Selected by the profile's `confluentCloud`.
 */

/** What this target observes (its key of ObservedState). */
export interface ConfluentCloudObserved {
  /** The routing statements this tool created (any phase). */
  statements?: CloudStatement[];
}

export const confluentCloudTarget: DeployTarget<ConfluentCloudObserved, 'confluent-cloud'> = {
  id: 'confluent-cloud',
  selectedBy: (profile) => Boolean(profile.confluentCloud),
  sqlOptions: (common) => ({ ...common, target: 'confluent-cloud' }),
  jobName: cloudStatementName,
  jobNoun: 'statement',
  async observe({ platform, ask, missing }: ObserveContext) {
    if (!platform.confluentCloud) {
      missing('confluentCloud', 'to run the routing statements');
      return {};
    }
    const cloud = platform.confluentCloud;
    const list = await ask('confluentCloud', () => cloud.listStatements());
    return list ? { statements: list.filter((s) => s.name.startsWith(CLOUD_PREFIX)) } : {};
  },
  planJobs: planStatements,
  applyJob: (platform, job, facts, progress) =>
    applyCloudStatement(need(platform.confluentCloud, 'Confluent Cloud'), platform.profile, job, facts, progress),
};

function planStatements(desired: DesiredState, observed: ConfluentCloudObserved, warnings: PlanProblem[]): JobPlan[] {
  if (!observed.statements) return [];
  const active = observed.statements
    .filter((s) => ACTIVE_STATEMENT_PHASES.has(s.phase) && parseCloudStatementName(s.name))
    .map((s) => {
      const parsed = parseCloudStatementName(s.name)!;
      return { id: s.name, name: s.name, state: s.phase, topic: parsed.topicPart, file: parsed.file };
    });
  // Statement names carry the topic in [a-z0-9-]: pair by that spelling, then give the steps their real jobs back.
  const byPart: DesiredState = {
    ...desired,
    jobs: desired.jobs.map((j) => ({ ...j, sourceTopic: cloudTopicPart(j.sourceTopic) })),
  };
  return pairJobs(byPart, active, warnings, () => [], cloudFilePart, confluentCloudTarget.jobNoun).map((p) => ({
    ...p,
    job: desired.jobs.find((j) => j.file === p.job.file)!,
  }));
}

// Statement names: `cdc-routing-<topic>--<file>-<hash16>`, the facts of a Flink job name (jobIdentity.ts) spelled
// in [a-z0-9-] (Confluent Cloud's rule), at most 100 characters; older ones have no file part.
const CLOUD_PREFIX = 'cdc-routing-';
const HASH_LENGTH = 16;
const CLOUD_NAME_MAX = 100;
/** Room for the file part, so a long file name cannot crowd out the topic. */
const CLOUD_FILE_MAX = 30;

/** Statement phases that mean the statement is (or will be) running. */
const ACTIVE_STATEMENT_PHASES = new Set(['PENDING', 'RUNNING', 'DEGRADED']);

function cloudTopicPart(sourceTopic: string): string {
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
function cloudFilePart(filtersFile: string): string {
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

/**
 * Confluent Cloud: the routing job is one statement (the statement set). The new statement is created and
 * must reach RUNNING before the old one is stopped, so SQL the cloud rejects leaves the running one alone.
 * (The statements API has no savepoints; the new statement reads from where its startup mode says.)
 */
export async function applyCloudStatement(
  cloud: ConfluentCloudFlinkClient,
  profile: ConnectionProfile,
  job: DesiredJob,
  facts: JobStepFacts,
  progress: (message: string) => void,
  timeoutMs = 180_000,
): Promise<string> {
  const statements = scriptStatements(job.sql);
  const set =
    statements.find((s) => /^\s*EXECUTE\s+STATEMENT\s+SET\b/i.test(s.text)) ?? statements[statements.length - 1];
  if (!set) throw new StepFailure(`${job.file} generates no statement: nothing to run`);
  const cc = profile.confluentCloud;
  const properties: Record<string, string> = {};
  if (cc?.environmentId) properties['sql.current-catalog'] = cc.environmentId;
  if (cc?.kafkaClusterId) properties['sql.current-database'] = cc.kafkaClusterId;

  progress(`creating statement ${job.name}`);
  let statement;
  try {
    statement = await cloud.createStatement(job.name, set.text, properties);
  } catch (err) {
    const failure = sqlFailure(err, set, job.sql);
    throw new StepFailure(`Confluent Cloud rejected the statement of ${job.file}: ${failure.message}`, failure.sqlLine);
  }
  const deadline = Date.now() + timeoutMs;
  for (let delay = 500; !['RUNNING', 'COMPLETED'].includes(statement.phase); delay = Math.min(delay * 2, 5000)) {
    if (['FAILED', 'FAILING', 'STOPPED', 'DELETING'].includes(statement.phase)) {
      const failure = sqlFailure(new Error(statement.detail ?? statement.phase), set, job.sql);
      throw new StepFailure(
        `statement ${job.name} ended ${statement.phase}: ${failure.message}${facts.replaces ? ` (${facts.replaces.name} keeps running)` : ''}`,
        failure.sqlLine,
      );
    }
    if (Date.now() > deadline)
      throw new StepFailure(
        `statement ${job.name} was still ${statement.phase} after ${timeoutMs / 1000} s; see it in the Confluent Cloud console`,
      );
    await new Promise((r) => setTimeout(r, delay));
    statement = (await cloud.getStatement(job.name)) ?? statement;
  }
  if (facts.replaces) {
    progress(`stopping statement ${facts.replaces.name}`);
    try {
      await cloud.stopStatement(facts.replaces.name);
    } catch (err) {
      throw new StepFailure(
        `the new statement ${job.name} runs, but stopping ${facts.replaces.name} failed (both run now; stop it in the console): ${(err as Error).message}`,
      );
    }
    return `started ${job.name}, stopped ${facts.replaces.name}`;
  }
  return `started ${job.name}`;
}
