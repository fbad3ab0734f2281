import type { FlinkJob, FlinkRestClient, SqlGatewayClient, SqlGatewaySession } from '../../platform/flink/flinkTypes';
import { PlatformError } from '../../platform/platformError';
import { redactSecrets } from '../../platform/redactSecrets';
import { stringLiteral } from '../../sql/sqlLiterals';
import type { DesiredJob, DesiredState } from '../desiredTypes';
import { flinkJobName, jobFileLabel, jobMayBelongTo, parseFlinkJobName } from '../jobIdentity';
import { pairJobs } from '../pairJobs';
import type { PlanProblem } from '../planTypes';
import { explainOf, scriptStatements, sqlFailure, type ScriptStatement } from '../sqlScript';
import { kafkaJobSecurity, withKafkaSecurity } from '../kafkaJobSecurity';
import { need, StepFailure } from '../stepFailure';
import { awaitJobStart } from './awaitJobStart';
import type { DeployTarget, JobPlan, JobStepFacts, ObserveContext } from '../target';

/**
 * Self-managed Flink: jobs are submitted through the SQL Gateway and found, stopped (with a savepoint) and
 * watched through the REST API. The default target: any profile no other target claims.
 */

/** What this target observes (its keys of ObservedState). */
export interface SqlGatewayObserved {
  /** The active routing jobs this tool deployed, oldest first. */
  jobs?: FlinkJob[];
  /** Per source topic whose newest routing job stopped with a savepoint: that job (to resume after a failed replace). */
  stoppedJobs?: { id: string; name: string; savepoint: string; endTime: number }[];
}

/** Flink states in which a job still holds (or will hold) slots and reads the topic: what deploy replaces. */
const ACTIVE_JOB_STATES = new Set([
  'INITIALIZING',
  'CREATED',
  'RUNNING',
  'RESTARTING',
  'FAILING',
  'CANCELLING',
  'RECONCILING',
  'SUSPENDED',
]);

/** How long a new job must run without a restart before deploy calls it started (the profile's flink.startSettleSeconds). */
const DEFAULT_SETTLE_SECONDS = 5;

export const sqlGatewayTarget: DeployTarget<SqlGatewayObserved, 'flink'> = {
  id: 'flink',
  selectedBy: () => true,
  sqlOptions: (common) => ({ ...common, target: 'flink' }),
  jobName: flinkJobName,
  jobNoun: 'flink job',
  observe: observeFlinkJobs,
  planJobs: planFlinkJobs,
  applyJob: async (platform, job, facts, progress, secrets) => {
    const clients = {
      flink: need(platform.flink, 'Flink'),
      sqlGateway: need(platform.sqlGateway, 'Flink SQL Gateway'),
      savepointDir: platform.profile.flink?.savepointDir,
      settleMs: (platform.profile.flink?.startSettleSeconds ?? DEFAULT_SETTLE_SECONDS) * 1000,
    };
    const security = kafkaJobSecurity(platform.profile.kafka, secrets);
    try {
      return await applyFlinkJob(clients, job, withKafkaSecurity(job.sql, security.options), facts, progress);
    } catch (err) {
      // Flink may echo an option's value (the JAAS line, a PEM key) in its message: masked before anyone sees it
      if (err instanceof StepFailure)
        throw new StepFailure(redactSecrets(err.message, security.secrets), err.sqlLine, err.unreachable);
      throw err;
    }
  },
};

async function observeFlinkJobs({ platform, ask, missing, failed }: ObserveContext): Promise<SqlGatewayObserved> {
  if (!platform.flink) {
    missing('flink', 'to find the running routing jobs');
    return {};
  }
  if (!platform.sqlGateway) {
    missing('sqlGateway', 'to submit the routing jobs');
    return {};
  }
  const flink = platform.flink;
  const list = await ask('flink', () => flink.listJobs());
  if (!list) return {};
  const ours = list.filter((j) => parseFlinkJobName(j.name));
  const jobs = ours
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
  const stoppedJobs: NonNullable<SqlGatewayObserved['stoppedJobs']> = [];
  for (const j of [...newestByTopic.values()].filter((x) => x.state === 'FINISHED')) {
    const details = await ask('flink', () => flink.job(j.id));
    // a stop-with-savepoint leaves Flink's "latest completed checkpoint" empty: the savepoint is its own entry
    const savepoint = details?.lastSavepoint?.externalPath;
    if (savepoint) stoppedJobs.push({ id: j.id, name: j.name, savepoint, endTime: j.startTime + j.durationMs });
  }
  if (!failed('flink')) {
    // Submitting goes through the gateway: an unreachable one is a plan problem, not a surprise half-way.
    const gateway = platform.sqlGateway;
    await ask('sqlGateway', async () => {
      const h = await gateway.health();
      if (!h.ok && h.error)
        throw new PlatformError('sqlGateway', h.error.what, h.error.where, h.error.why, h.error.hint);
    });
  }
  return { jobs, stoppedJobs };
}

function planFlinkJobs(desired: DesiredState, observed: SqlGatewayObserved, warnings: PlanProblem[]): JobPlan[] {
  if (!observed.jobs) return [];
  const identity = (name: string) => {
    const parsed = parseFlinkJobName(name);
    return { topic: parsed?.sourceTopic ?? '', file: parsed?.file };
  };
  const active = observed.jobs.map((j) => ({ id: j.id, name: j.name, state: j.state, ...identity(j.name) }));
  // A stopped job of the same file first; one named before files were in names is any file's of its topic.
  const savepointsOf = (topic: string, file: string) =>
    (observed.stoppedJobs ?? [])
      .filter((s) => jobMayBelongTo(identity(s.name), topic, file))
      .sort((a, b) => Number(identity(b.name).file === file) - Number(identity(a.name).file === file))
      .map((s) => s.savepoint);
  return pairJobs(desired, active, warnings, savepointsOf, jobFileLabel, sqlGatewayTarget.jobNoun);
}

interface SqlGatewayClients {
  flink: FlinkRestClient;
  sqlGateway: SqlGatewayClient;
  savepointDir?: string;
  /** How long a submitted job may take to reach RUNNING. */
  startTimeoutMs?: number;
  settleMs: number;
}

/**
 * Submits (or replaces) a routing job through the SQL Gateway. The new job's SQL is planned with EXPLAIN
 * before the old job is touched, so SQL Flink rejects leaves the running job alone. Replace = stop the old
 * job with a savepoint, then start the new one from it, allowing state the changed query no longer has.
 */
async function applyFlinkJob(
  clients: SqlGatewayClients,
  job: DesiredJob,
  /** job.sql with what only the submitted copy holds (Kafka security options), line for line the same. */
  submitted: string,
  facts: JobStepFacts,
  progress: (message: string) => void,
): Promise<string> {
  const statements = scriptStatements(submitted);
  const set = statements.find((s) => /^\s*EXECUTE\s+STATEMENT\s+SET\b/i.test(s.text));
  if (!set) throw new StepFailure(`${job.file} generates no INSERT (no enabled filter): nothing to run`);
  const setup = statements.filter((s) => s !== set);

  progress(`opening a SQL Gateway session for ${job.file}`);
  const session = await clients.sqlGateway.openSession().catch((err: unknown) => {
    throw unreachable(err, `opening a session for ${job.file}`, 'nothing was submitted and no job was touched') ?? err;
  });
  try {
    // before the old job is stopped, a failure leaves it running; once it is, the message says where its savepoint is
    let touched = 'nothing was submitted and no job was touched';
    const run = async (statement: ScriptStatement, text = statement.text) => {
      try {
        return await session.execute(text);
      } catch (err) {
        const lost = unreachable(err, `running "${firstLine(text)}" for ${job.file}`, touched);
        if (lost) throw lost;
        // Flink's rejection is an HTTP answer; an error without one (no result in time) is not Flink's verdict
        if (err instanceof PlatformError && err.status === undefined)
          throw new StepFailure(
            `the SQL Gateway did not finish "${firstLine(text)}" for ${job.file} (${touched}): ${err.why}${err.hint ? ` — ${err.hint}` : ''}`,
          );
        const failure = sqlFailure(err, statement, job.sql);
        throw new StepFailure(`Flink rejected the SQL of ${job.file}: ${failure.message}`, failure.sqlLine);
      }
    };
    progress(`declaring the tables of ${job.file}`);
    for (const s of setup) await run(s);
    progress(`validating the routing job of ${job.file} (EXPLAIN)`);
    await run(set, explainOf(set.text));

    let savepoint = facts.resumeFrom;
    if (facts.replaces) {
      touched = `the running job ${facts.replaces.id} was not stopped`;
      progress(`stopping "${facts.replaces.name}" with a savepoint`);
      try {
        savepoint = await clients.flink.stopWithSavepoint(facts.replaces.id, clients.savepointDir);
      } catch (err) {
        const why = err instanceof PlatformError ? err.message : (err as Error).message;
        throw new StepFailure(
          `could not stop the running job ${facts.replaces.id} ("${facts.replaces.name}") with a savepoint, so it keeps running and the new one was not started: ${why}`,
        );
      }
      touched = `the old job ${facts.replaces.id} stopped with savepoint ${savepoint}; deploying again starts the new job from it`;
    }
    if (savepoint) {
      // Flink 1.20 names these execution.state-recovery.*; earlier versions only know execution.savepoint.*.
      // The query changed: state of operators the new job lacks is dropped, not an error.
      for (const prefix of ['execution.state-recovery', 'execution.savepoint']) {
        await sessionSet(session, `${prefix}.path`, savepoint);
        await sessionSet(session, `${prefix}.ignore-unclaimed-state`, 'true');
      }
    }
    progress(`submitting "${job.name}"`);
    // an answer lost on the way back may hide a job that was submitted: the message says to look
    touched = `the job may have been submitted anyway: check Flink's job list before deploying again${
      facts.replaces ? `; the old job ${facts.replaces.id} stopped with savepoint ${savepoint}` : ''
    }`;
    let jobId: string | undefined;
    try {
      jobId = (await run(set)).jobId;
    } catch (err) {
      if (err instanceof StepFailure && !err.unreachable && savepoint && facts.replaces) {
        throw new StepFailure(
          `${err.message} (the old job stopped with savepoint ${savepoint}; deploying again starts the new job from it)`,
          err.sqlLine,
        );
      }
      throw err;
    }
    if (!jobId)
      throw new StepFailure(`the SQL Gateway accepted the statement set of ${job.file} but returned no job id`);
    progress(`waiting for job ${jobId} to run`);
    await awaitJobStart({
      flink: clients.flink,
      jobId,
      jobName: job.name,
      timeoutMs: clients.startTimeoutMs ?? 90_000,
      settleMs: clients.settleMs,
    });
    return facts.replaces
      ? `replaced ${facts.replaces.id} ("${facts.replaces.name}", savepoint ${savepoint}) with ${jobId} ("${job.name}")`
      : `submitted ${jobId} ("${job.name}")${savepoint ? ` from savepoint ${savepoint}` : ''}`;
  } finally {
    await session.close().catch(() => undefined);
  }
}

async function sessionSet(session: SqlGatewaySession, key: string, value: string): Promise<void> {
  try {
    await session.execute(`SET ${stringLiteral(key)} = ${stringLiteral(value)}`);
  } catch (err) {
    throw new StepFailure(`could not set ${key} in the SQL Gateway session: ${(err as Error).message}`);
  }
}

/**
 * A gateway that gave no answer at all (refused, timed out, reset) is not Flink rejecting the SQL: the step says
 * the gateway could not be reached, and what that left behind. Undefined for any other error.
 */
function unreachable(err: unknown, doing: string, left: string): StepFailure | undefined {
  if (!(err instanceof PlatformError) || !err.unreachable) return undefined;
  return new StepFailure(
    `the Flink SQL Gateway at ${err.where} could not be reached while ${doing}: ${err.why} (${left})${err.hint ? ` — ${err.hint}` : ''}`,
    undefined,
    true,
  );
}

function firstLine(statement: string): string {
  const line = statement.trim().split('\n')[0];
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
