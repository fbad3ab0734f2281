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
import { DEPLOY_STATE_FILE, rememberedState, rememberRunning, rememberSavepoint } from '../deployState';
import { awaitHealthyJob, JobStartFailure } from './healthGate';
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
  /** Savepoints deploy remembers per filters file (`.cdc-routing/deploy-state.json`), newest first: a JobManager
   * restart forgets Flink's finished jobs, this does not. */
  remembered?: Record<string, string[]>;
  /** Per filters file, the name of the job deploy last started for it (whose SQL a rollback would start again). */
  rememberedJobs?: Record<string, string>;
  /** Ids of active jobs restarting in a loop: RESTARTING/FAILING, or restarted with an exception in the last minute. */
  stuck?: string[];
}

/** A job that failed this recently and has restarted is looping, whatever state the moment of asking caught. */
const LOOPING_WINDOW_MS = 60_000;

/** A job in these states cannot take a savepoint: only `deploy --force` (cancel) replaces it. */
const STUCK_JOB_STATES = new Set(['RESTARTING', 'FAILING']);

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
  applyJob: async (platform, job, facts, progress, secrets, workspace) => {
    const security = kafkaJobSecurity(platform.profile.kafka, secrets);
    const kafka = platform.kafka;
    const clients: SqlGatewayClients = {
      flink: need(platform.flink, 'Flink'),
      sqlGateway: need(platform.sqlGateway, 'Flink SQL Gateway'),
      savepointDir: platform.profile.flink?.savepointDir,
      settleMs: (platform.profile.flink?.startSettleSeconds ?? DEFAULT_SETTLE_SECONDS) * 1000,
      awaitCheckpoint: platform.profile.flink?.awaitFirstCheckpoint ?? true,
      partitionsOf: async (topic) =>
        kafka ? (await kafka.listTopics().catch(() => [])).find((t) => t.name === topic)?.partitions : undefined,
      // the previous job started again by a rollback logs in exactly as the new one does
      secure: (sql) => withKafkaSecurity(sql, security.options),
      state: { folder: workspace.folder, profile: platform.profile.name },
    };
    try {
      return await applyFlinkJob(clients, job, facts, progress);
    } catch (err) {
      // Flink may echo an option's value (the JAAS line, a PEM key) in its message: masked before anyone sees it
      if (err instanceof StepFailure)
        throw new StepFailure(redactSecrets(err.message, security.secrets), err.sqlLine, err.unreachable);
      throw err;
    }
  },
};

async function observeFlinkJobs(
  { platform, ask, missing, failed }: ObserveContext,
  desired: DesiredState,
): Promise<SqlGatewayObserved> {
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
  const states = desired.jobs.map(
    (j) => [j.file, rememberedState(desired.folder, platform.profile.name, j.file)] as const,
  );
  const remembered = Object.fromEntries(states.map(([file, st]) => [file, st.savepoints.map((sp) => sp.path)]));
  const rememberedJobs = Object.fromEntries(
    states.filter(([, st]) => st.running).map(([file, st]) => [file, st.running!.name]),
  );
  const now = Date.now();
  const stuck = jobs
    .filter(
      (j) =>
        STUCK_JOB_STATES.has(j.state) ||
        ((j.restarts ?? 0) > 0 && j.lastException !== undefined && now - j.lastException.time < LOOPING_WINDOW_MS),
    )
    .map((j) => j.id);
  return {
    jobs,
    stoppedJobs,
    remembered,
    rememberedJobs,
    ...(stuck.length ? { stuck } : {}),
  };
}

function planFlinkJobs(desired: DesiredState, observed: SqlGatewayObserved, warnings: PlanProblem[]): JobPlan[] {
  if (!observed.jobs) return [];
  const identity = (name: string) => {
    const parsed = parseFlinkJobName(name);
    return { topic: parsed?.sourceTopic ?? '', file: parsed?.file };
  };
  const active = observed.jobs.map((j) => ({ id: j.id, name: j.name, state: j.state, ...identity(j.name) }));
  // A stopped job of the same file first; one named before files were in names is any file's of its topic.
  // Flink's stopped jobs first, then what deploy remembers for the file (all Flink has after a JobManager restart)
  const savepointsOf = (topic: string, file: string) => [
    ...(observed.stoppedJobs ?? [])
      .filter((s) => jobMayBelongTo(identity(s.name), topic, file))
      .sort((a, b) => Number(identity(b.name).file === file) - Number(identity(a.name).file === file))
      .map((s) => s.savepoint),
    ...desired.jobs
      .filter((j) => j.sourceTopic === topic && jobFileLabel(j.file) === file)
      .flatMap((j) => observed.remembered?.[j.file] ?? []),
  ];
  const plans = pairJobs(desired, active, warnings, savepointsOf, jobFileLabel, sqlGatewayTarget.jobNoun);
  return plans.map((p) => {
    const old = p.replaces && observed.jobs!.find((j) => j.id === p.replaces!.id);
    const stuck = old && (STUCK_JOB_STATES.has(old.state) || observed.stuck?.includes(old.id));
    if (old && stuck) return stuckReplace(p, old, desired.force === true);
    if (old && observed.rememberedJobs && observed.rememberedJobs[p.job.file] !== old.name) {
      // the rollback starts the previous job's SQL as deploy remembered it: without it, a failed start cannot be undone
      const message = `${p.job.file}: no rollback if the new job does not get healthy: the SQL of the running job "${old.name}" is not in this workspace's ${DEPLOY_STATE_FILE} (it was deployed before deploy kept it, or from another workspace); its savepoint would be named, for deploying its filters again.`;
      warnings.push({ kind: 'flinkJob', target: p.job.file, message });
      return { ...p, warnings: [...p.warnings, message] };
    }
    return p;
  });
}

/**
 * A job RESTARTING, FAILING or restarting in a loop cannot take a savepoint ("Checkpoint triggering task … is not
 * being executed"): with
 * --force it is cancelled and the new job starts from its last completed checkpoint (or without state); without,
 * the plan says so and names --force.
 */
function stuckReplace(p: JobPlan, old: FlinkJob, force: boolean): JobPlan {
  const checkpoint = old.lastCheckpoint?.externalPath;
  const state = STUCK_JOB_STATES.has(old.state) ? old.state : `restarting in a loop (${old.restarts} restarts)`;
  const from = checkpoint
    ? `from its last completed checkpoint ${checkpoint}`
    : 'without state (it has no completed checkpoint)';
  if (!force)
    return {
      ...p,
      needsForce: true,
      error: `${sqlGatewayTarget.jobNoun} "${old.name}" (${old.id}) is ${state}: Flink cannot take its savepoint, so deploy cannot replace it. Run cdc-routing deploy --force to cancel it and start the new job ${from}, or cancel it in the Flink Jobs view.`,
    };
  return {
    ...p,
    details: `cancel ${old.id} ("${old.name}", ${state}: no savepoint can be taken; --force), then start "${p.job.name}" ${from}`,
    forceCancel: { state, ...(checkpoint ? { checkpoint } : {}) },
  };
}

interface SqlGatewayClients {
  flink: FlinkRestClient;
  sqlGateway: SqlGatewayClient;
  savepointDir?: string;
  /** How long a submitted job may take to be RUNNING with its partitions assigned. */
  startTimeoutMs?: number;
  settleMs: number;
  awaitCheckpoint: boolean;
  /** The topic's partition count per Kafka (undefined when it cannot say). */
  partitionsOf: (topic: string) => Promise<number | undefined>;
  /** The script with what only the submitted copy holds (Kafka security options), line for line the same. */
  secure: (sql: string) => string;
  /** Where deploy remembers savepoints and SQL (deployState.ts). */
  state: { folder: string; profile: string };
}

/** A job started from a script: its id, and the gate's notes. */
interface StartedJob {
  jobId: string;
  notes: string[];
}

/**
 * Submits (or replaces) a routing job through the SQL Gateway. The new job's SQL is planned with EXPLAIN
 * before the old job is touched, so SQL Flink rejects leaves the running job alone. Replace = stop the old
 * job with a savepoint, then start the new one from it, allowing state the changed query no longer has. The step
 * is done when the new job passes the health gate (healthGate.ts); a new job that does not is cancelled and the
 * previous one started again from the savepoint (rollback), so a deploy never leaves the topic without its job.
 */
async function applyFlinkJob(
  clients: SqlGatewayClients,
  job: DesiredJob,
  facts: JobStepFacts,
  progress: (message: string) => void,
): Promise<string> {
  const { folder, profile } = clients.state;
  const submitted = clients.secure(job.sql);
  const statements = scriptStatements(submitted);
  if (!statements.some(isStatementSet))
    throw new StepFailure(`${job.file} generates no INSERT (no enabled filter): nothing to run`);

  progress(`opening a SQL Gateway session for ${job.file}`);
  const session = await clients.sqlGateway.openSession().catch((err: unknown) => {
    throw unreachable(err, `opening a session for ${job.file}`, 'nothing was submitted and no job was touched') ?? err;
  });
  let started: StartedJob | undefined;
  let savepoint = facts.resumeFrom;
  let stateNote = '';
  let stopped = false;
  try {
    const runner = statementRunner(session, job, 'nothing was submitted and no job was touched');
    progress(`declaring the tables of ${job.file}`);
    for (const s of statements.filter((x) => !isStatementSet(x))) await runner.run(s);
    progress(`validating the routing job of ${job.file} (EXPLAIN)`);
    const set = statements.find(isStatementSet)!;
    await runner.run(set, explainOf(set.text));

    if (facts.replaces && facts.forceCancel) {
      ({ savepoint, note: stateNote } = await forceCancel(clients, facts.replaces, facts.forceCancel, progress));
      stopped = true;
    } else if (facts.replaces) {
      runner.touched = `the running job ${facts.replaces.id} was not stopped`;
      progress(`stopping "${facts.replaces.name}" with a savepoint`);
      try {
        savepoint = await clients.flink.stopWithSavepoint(facts.replaces.id, clients.savepointDir);
      } catch (err) {
        const why = err instanceof PlatformError ? err.message : (err as Error).message;
        throw new StepFailure(
          `could not stop the running job ${facts.replaces.id} ("${facts.replaces.name}") with a savepoint, so it keeps running and the new one was not started: ${why} (a job restarting in a loop takes no savepoint: deploy --force cancels it instead)`,
        );
      }
      stopped = true;
      const sp = savepoint;
      stateNote = remember(() =>
        rememberSavepoint(folder, profile, job.file, {
          path: sp,
          jobId: facts.replaces!.id,
          jobName: facts.replaces!.name,
          takenAt: Date.now(),
          kind: 'savepoint',
        }),
      );
    }
    runner.touched = `the job may have been submitted anyway: check Flink's job list before deploying again${
      facts.replaces && savepoint ? `; the old job ${facts.replaces.id} stopped with savepoint ${savepoint}` : ''
    }`;
    started = await startJob(clients, session, runner, job, set, savepoint, progress);
  } catch (err) {
    // a new job that did not get healthy after the old one stopped: the old one runs again, from its savepoint
    // (not when the gateway's answer was lost: the new job may be running, and two would then read the topic)
    if (stopped && facts.replaces && !facts.forceCancel && savepoint && err instanceof StepFailure && !err.unreachable)
      throw await rollBack(clients, job, facts.replaces, savepoint, err, progress);
    if (err instanceof StepFailure && !err.unreachable && savepoint && stopped)
      throw new StepFailure(
        `${err.message} (the old job stopped${facts.forceCancel ? '' : ` with savepoint ${savepoint}`}; deploying again starts the new job from ${savepoint})`,
        err.sqlLine,
      );
    throw err;
  } finally {
    await session.close().catch(() => undefined);
  }
  const running = { jobId: started.jobId, name: job.name, sql: job.sql, startedAt: Date.now() };
  const remembered = remember(() => rememberRunning(folder, profile, job.file, running));
  const notes = [stateNote, ...started.notes, remembered]
    .filter((n) => n !== '')
    .map((n) => `; ${n}`)
    .join('');
  return facts.replaces
    ? `replaced ${facts.replaces.id} ("${facts.replaces.name}", ${facts.forceCancel ? `cancelled${savepoint ? `, checkpoint ${savepoint}` : ''}` : `savepoint ${savepoint}`}) with ${started.jobId} ("${job.name}"), healthy${notes}`
    : `submitted ${started.jobId} ("${job.name}")${savepoint ? ` from savepoint ${savepoint}` : ''}, healthy${notes}`;
}

/** Runs a deploy-state write; a failure is a note in the step's message, never a reason to fail a deploy half-way. */
function remember(write: () => void): string {
  try {
    write();
    return '';
  } catch (err) {
    return `could not write ${DEPLOY_STATE_FILE}: ${(err as Error).message}`;
  }
}

function isStatementSet(s: ScriptStatement): boolean {
  return /^\s*EXECUTE\s+STATEMENT\s+SET\b/i.test(s.text);
}

/** What the gateway says when the JobManager it submits to does not answer (its process is down or restarting). */
const JOBMANAGER_UNREACHABLE =
  /^(java\.net\.)?(Connection refused|ConnectException)|Connection refused|Could not connect to|Failed to connect to|UnknownHostException|NoRouteToHostException/i;

/** Runs a script's statements in a session; `touched` says what a failure leaves behind (it changes as deploy goes). */
function statementRunner(session: SqlGatewaySession, job: { file: string; sql: string }, touched: string) {
  const runner = {
    touched,
    run: async (statement: ScriptStatement, text = statement.text) => {
      try {
        return await session.execute(text);
      } catch (err) {
        const lost = unreachable(err, `running "${firstLine(text)}" for ${job.file}`, runner.touched);
        if (lost) throw lost;
        // Flink's rejection is an HTTP answer; an error without one (no result in time) is not Flink's verdict
        if (err instanceof PlatformError && err.status === undefined)
          throw new StepFailure(
            `the SQL Gateway did not finish "${firstLine(text)}" for ${job.file} (${runner.touched}): ${err.why}${err.hint ? ` — ${err.hint}` : ''}`,
          );
        // the gateway answered, but only to say it could not reach the JobManager: not the SQL's fault either
        if (err instanceof PlatformError && JOBMANAGER_UNREACHABLE.test(err.why))
          throw new StepFailure(
            `the Flink SQL Gateway could not reach Flink's JobManager while running "${firstLine(text)}" for ${job.file}: ${err.why} (${runner.touched})`,
          );
        const failure = sqlFailure(err, statement, job.sql);
        throw new StepFailure(`Flink rejected the SQL of ${job.file}: ${failure.message}`, failure.sqlLine);
      }
    },
  };
  return runner;
}

/**
 * Submits the statement set (from `savepoint` when given) and waits for the health gate. A job that fails it is
 * cancelled here (a rollback, or the user, starts what runs next), so no job loops on restarts after deploy ends.
 */
async function startJob(
  clients: SqlGatewayClients,
  session: SqlGatewaySession,
  runner: ReturnType<typeof statementRunner>,
  job: { file: string; name: string; sourceTopic: string },
  set: ScriptStatement,
  savepoint: string | undefined,
  progress: (message: string) => void,
  awaitCheckpoint = clients.awaitCheckpoint,
): Promise<StartedJob> {
  if (savepoint) {
    // Flink 1.20 names these execution.state-recovery.*; earlier versions only know execution.savepoint.*.
    // The query changed: state of operators the new job lacks is dropped, not an error.
    for (const prefix of ['execution.state-recovery', 'execution.savepoint']) {
      await sessionSet(session, `${prefix}.path`, savepoint);
      await sessionSet(session, `${prefix}.ignore-unclaimed-state`, 'true');
    }
  }
  // a job that gets stuck later can then be cancelled (deploy --force) and its successor start from a checkpoint:
  // Flink deletes a cancelled job's checkpoints unless they are retained
  await sessionSet(session, 'execution.checkpointing.externalized-checkpoint-retention', 'RETAIN_ON_CANCELLATION');
  progress(`submitting "${job.name}"`);
  const jobId = (await runner.run(set)).jobId;
  if (!jobId) throw new StepFailure(`the SQL Gateway accepted the statement set of ${job.file} but returned no job id`);
  progress(`starting: job ${jobId} submitted`);
  try {
    const { notes } = await awaitHealthyJob({
      flink: clients.flink,
      jobId,
      jobName: job.name,
      sourceTopic: job.sourceTopic,
      expectedPartitions: await clients.partitionsOf(job.sourceTopic),
      timeoutMs: clients.startTimeoutMs ?? 90_000,
      settleMs: clients.settleMs,
      awaitCheckpoint,
      progress,
    });
    return { jobId, notes };
  } catch (err) {
    if (err instanceof JobStartFailure) {
      progress(`job ${jobId} is not healthy: cancelling it`);
      const cancelled = await clients.flink.cancel(jobId).then(
        () => `job ${jobId} was cancelled`,
        (e: unknown) =>
          `cancelling job ${jobId} failed too (${(e as Error).message}): cancel it in the Flink Jobs view`,
      );
      throw new JobStartFailure(`${err.why}; ${cancelled}`, clients.flink.webUiUrl(jobId, 'CANCELED'));
    }
    throw err;
  }
}

/** `deploy --force`: cancels a job that cannot take a savepoint; its last retained checkpoint is where the new one starts. */
async function forceCancel(
  clients: SqlGatewayClients,
  old: { id: string; name: string },
  force: NonNullable<JobStepFacts['forceCancel']>,
  progress: (message: string) => void,
): Promise<{ savepoint?: string; note: string }> {
  const checkpointing = await clients.flink.checkpointing(old.id).catch(() => undefined);
  const checkpoint = checkpointing?.latestCompletedPath ?? force.checkpoint;
  const kept = checkpoint !== undefined && checkpointing !== undefined && !checkpointing.deletedOnCancel;
  progress(`cancelling "${old.name}" (${force.state}; --force)`);
  try {
    await clients.flink.cancel(old.id);
  } catch (err) {
    throw new StepFailure(
      `could not cancel the ${force.state} job ${old.id} ("${old.name}"), so the new one was not started: ${(err as Error).message}`,
    );
  }
  if (kept) return { savepoint: checkpoint, note: `started from ${old.id}'s last completed checkpoint ${checkpoint}` };
  const why = checkpoint
    ? `its checkpoint ${checkpoint} was deleted on cancel (the job did not retain checkpoints)`
    : 'it had no completed checkpoint';
  return { note: `started without state: ${why}` };
}

/**
 * Stops the new job's attempt and starts the previous job again: its SQL as deploy remembered it (secrets added
 * again exactly as for a deploy), from the savepoint taken when it was stopped. The error says what failed, that it
 * rolled back, and where the savepoint is.
 */
async function rollBack(
  clients: SqlGatewayClients,
  job: DesiredJob,
  previous: { id: string; name: string },
  savepoint: string,
  failure: StepFailure,
  progress: (message: string) => void,
): Promise<StepFailure> {
  const what = failure instanceof JobStartFailure ? failure.why : failure.message;
  const remembered = rememberedState(clients.state.folder, clients.state.profile, job.file).running;
  if (!remembered || remembered.name !== previous.name)
    return new StepFailure(
      `${what}. Could not roll back: the SQL of the previous job "${previous.name}" is not remembered in ${DEPLOY_STATE_FILE} (it was deployed before deploy kept it, or from another workspace); it stopped with savepoint ${savepoint}: deploy its filters again to start it from there`,
      failure.sqlLine,
    );
  progress(`rolling back: starting "${previous.name}" again from savepoint ${savepoint}`);
  const statements = scriptStatements(clients.secure(remembered.sql));
  const set = statements.find(isStatementSet);
  let session: SqlGatewaySession | undefined;
  try {
    if (!set) throw new StepFailure('its remembered SQL has no statement set');
    session = await clients.sqlGateway.openSession();
    const prev = { file: job.file, sql: remembered.sql, name: previous.name, sourceTopic: job.sourceTopic };
    const runner = statementRunner(session, prev, `the previous job is not running; its savepoint is ${savepoint}`);
    for (const s of statements.filter((x) => !isStatementSet(x))) await runner.run(s);
    // it was healthy before: running with its partitions is enough, no need to wait for a checkpoint
    const back = await startJob(clients, session, runner, prev, set, savepoint, progress, false);
    const note = remember(() =>
      rememberRunning(clients.state.folder, clients.state.profile, job.file, {
        ...remembered,
        jobId: back.jobId,
        startedAt: Date.now(),
      }),
    );
    return new StepFailure(
      `${what}. Rolled back: the previous job "${previous.name}" runs again as ${back.jobId}, started from savepoint ${savepoint} (the savepoint taken when deploy stopped ${previous.id})${note ? `; ${note}` : ''}`,
      failure.sqlLine,
    );
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return new StepFailure(
      `${what}. The rollback failed too: ${why}. The previous job "${previous.name}" stopped with savepoint ${savepoint}: deploy its filters again to start it from there`,
      failure.sqlLine,
    );
  } finally {
    await session?.close().catch(() => undefined);
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
