import type { ConfluentCloudFlinkClient } from '../platform/confluentCloud/cloudTypes';
import type { ConnectionProfile } from '../platform/connectionProfile';
import type { DesiredJob } from './desiredState';
import type { JobStepFacts } from './diffPlan';
import { scriptStatements, sqlFailure } from './sqlScript';
import { StepFailure } from './stepFailure';

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
