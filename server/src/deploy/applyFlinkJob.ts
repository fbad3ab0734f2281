import type { FlinkRestClient, SqlGatewayClient, SqlGatewaySession } from '../platform/flink/flinkTypes';
import { PlatformError } from '../platform/platformError';
import { stringLiteral } from '../sql/sqlLiterals';
import type { DesiredJob } from './desiredState';
import type { JobStepFacts } from './diffPlan';
import { explainOf, scriptStatements, sqlFailure, type ScriptStatement } from './sqlScript';
import { StepFailure } from './stepFailure';

export interface FlinkJobTarget {
  flink: FlinkRestClient;
  sqlGateway: SqlGatewayClient;
  savepointDir?: string;
  /** How long a submitted job may take to reach RUNNING. */
  startTimeoutMs?: number;
}

/**
 * Submits (or replaces) a routing job through the SQL Gateway. The new job's SQL is planned with EXPLAIN
 * before the old job is touched, so SQL Flink rejects leaves the running job alone. Replace = stop the old
 * job with a savepoint, then start the new one from it, allowing state the changed query no longer has.
 */
export async function applyFlinkJob(
  target: FlinkJobTarget,
  job: DesiredJob,
  facts: JobStepFacts,
  progress: (message: string) => void,
): Promise<string> {
  const statements = scriptStatements(job.sql);
  const set = statements.find((s) => /^\s*EXECUTE\s+STATEMENT\s+SET\b/i.test(s.text));
  if (!set) throw new StepFailure(`${job.file} generates no INSERT (no enabled filter): nothing to run`);
  const setup = statements.filter((s) => s !== set);

  progress(`opening a SQL Gateway session for ${job.file}`);
  const session = await target.sqlGateway.openSession();
  try {
    const run = async (statement: ScriptStatement, text = statement.text) => {
      try {
        return await session.execute(text);
      } catch (err) {
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
      progress(`stopping "${facts.replaces.name}" with a savepoint`);
      try {
        savepoint = await target.flink.stopWithSavepoint(facts.replaces.id, target.savepointDir);
      } catch (err) {
        const why = err instanceof PlatformError ? err.message : (err as Error).message;
        throw new StepFailure(
          `could not stop the running job ${facts.replaces.id} ("${facts.replaces.name}") with a savepoint, so it keeps running and the new one was not started: ${why}`,
        );
      }
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
    let jobId: string | undefined;
    try {
      jobId = (await run(set)).jobId;
    } catch (err) {
      if (err instanceof StepFailure && savepoint && facts.replaces) {
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
    await awaitRunning(target, jobId, job);
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

/** Waits for RUNNING; a job that fails instead reports Flink's root exception. */
async function awaitRunning(target: FlinkJobTarget, jobId: string, job: DesiredJob): Promise<void> {
  const deadline = Date.now() + (target.startTimeoutMs ?? 90_000);
  let state = 'unknown';
  for (let delay = 250; Date.now() < deadline; delay = Math.min(delay * 2, 2000)) {
    const details = await target.flink.job(jobId).catch(() => undefined);
    state = details?.state ?? state;
    if (state === 'RUNNING') return;
    if (['FAILED', 'FAILING', 'CANCELED', 'CANCELLING', 'FINISHED'].includes(state)) {
      const exceptions = await target.flink.exceptions(jobId).catch(() => []);
      const why = exceptions[0]?.text ?? details?.lastException?.text ?? 'Flink gave no exception';
      throw new StepFailure(
        `job ${jobId} ("${job.name}") ended ${state} right after submission: ${why.split('\n').slice(0, 3).join(' ')}`,
      );
    }
    await new Promise((r) => setTimeout(r, delay));
  }
  throw new StepFailure(
    `job ${jobId} ("${job.name}") was still ${state} after ${(target.startTimeoutMs ?? 90_000) / 1000} s (not enough task slots?); see it in the Flink Web UI`,
  );
}
