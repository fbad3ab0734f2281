import type { FlinkJob, FlinkRestClient, JobCheckpointing } from '../../platform/flink/flinkTypes';
import { jobFailureCause } from '../../platform/flink/jobFailureCause';
import { StepFailure } from '../stepFailure';

/**
 * A deploy's job step is done only when the new job is healthy: RUNNING, every partition of its source topic held
 * by a source reader, no restart for the settle window, and (unless the profile says not to wait) its first
 * checkpoint completed. A Kafka source that cannot log in or finds no topic fails a moment after the job is
 * RUNNING (its enumerator and readers start then) and Flink restarts it in a loop: RUNNING alone proves nothing.
 */
export interface HealthGate {
  flink: FlinkRestClient;
  jobId: string;
  jobName: string;
  sourceTopic: string;
  /** The source topic's partition count as Kafka reports it; undefined when Kafka could not say (then: at least one). */
  expectedPartitions?: number;
  /** How long the job may take to be RUNNING with every partition assigned (the first checkpoint gets one interval more). */
  timeoutMs: number;
  /** How long it must run without a restart. */
  settleMs: number;
  /** Wait for the first completed checkpoint (the profile's flink.awaitFirstCheckpoint, default true). */
  awaitCheckpoint: boolean;
  /** Told what the gate still waits for ("starting: …"), each time that changes. */
  progress: (message: string) => void;
}

export interface GatePassed {
  /** What the gate could not check and why (e.g. a job without checkpointing), one line each for the step's message. */
  notes: string[];
}

const ENDED = new Set(['FAILED', 'FAILING', 'CANCELED', 'CANCELLING', 'FINISHED', 'RESTARTING', 'SUSPENDED']);

/** Waits until the job passes the gate; otherwise fails with the cause Flink's exceptions name. */
export async function awaitHealthyJob(gate: HealthGate): Promise<GatePassed> {
  const { flink, jobId } = gate;
  const started = Date.now();
  let deadline = started + gate.timeoutMs;
  let state = 'unknown';
  let runningSince: number | undefined;
  let checkpointing: JobCheckpointing | undefined;
  let told = '';
  const notes: string[] = [];
  for (let delay = 250; ; delay = Math.min(delay * 2, 2000)) {
    const details: FlinkJob | undefined = await flink.job(jobId).catch(() => undefined);
    state = details?.state ?? state;
    const failed = ENDED.has(state) || (details?.restarts ?? 0) > 0 || details?.lastException !== undefined;
    if (failed) throw await startFailure(gate, state, state === 'RUNNING' ? 'restarted' : `went ${state}`);
    const waiting: string[] = [];
    if (state !== 'RUNNING') waiting.push(`job ${state}`);
    else {
      if (runningSince === undefined) {
        runningSince = Date.now();
        checkpointing = await flink.checkpointing(jobId).catch(() => undefined);
        if (gate.awaitCheckpoint && checkpointing && checkpointing.intervalMs === undefined)
          notes.push(`checkpointing is off for job ${jobId}: not waiting for a first checkpoint`);
        // the first checkpoint is due one interval after the start; it may take a while to complete
        if (gate.awaitCheckpoint && checkpointing?.intervalMs !== undefined)
          deadline = Math.max(deadline, Date.now() + 2 * checkpointing.intervalMs + 30_000);
      }
      const assigned = (await flink.assignedPartitions(jobId).catch(() => undefined))?.get(gate.sourceTopic)?.size ?? 0;
      const expected = gate.expectedPartitions ?? 1;
      if (assigned < expected)
        waiting.push(`${assigned}/${gate.expectedPartitions ?? '?'} partitions of ${gate.sourceTopic} assigned`);
      if (Date.now() - runningSince < gate.settleMs) waiting.push(`settling ${Math.round(gate.settleMs / 1000)} s`);
      if (gate.awaitCheckpoint && checkpointing?.intervalMs !== undefined) {
        const completed = (await flink.checkpointing(jobId).catch(() => checkpointing))?.completed ?? 0;
        if (completed === 0)
          waiting.push(`waiting for the first checkpoint (every ${Math.round(checkpointing.intervalMs / 1000)} s)`);
      }
      if (waiting.length === 0) return { notes };
    }
    if (Date.now() > deadline) {
      const what =
        state === 'RUNNING'
          ? `was RUNNING but not healthy after ${Math.round((Date.now() - started) / 1000)} s (${waiting.join(', ')})`
          : `was still ${state} after ${gate.timeoutMs / 1000} s`;
      throw await startFailure(gate, state, what);
    }
    const text = `starting: ${waiting.join(', ')}`;
    if (text !== told) gate.progress((told = text));
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** The failure in Flink's words: its exception named and quoted, or — with none — the facts Flink gives. */
async function startFailure(gate: HealthGate, state: string, what: string): Promise<JobStartFailure> {
  const ui = gate.flink.webUiUrl(gate.jobId, state);
  const job = `job ${gate.jobId} ("${gate.jobName}")`;
  const traces = await gate.flink
    .exceptions(gate.jobId)
    .then((e) => e.map((x) => x.text))
    .catch(() => []);
  const cause = jobFailureCause(traces);
  if (cause) {
    return new JobStartFailure(
      `${job} ${what} right after submission: ${cause.summary}. Flink: ${cause.flinkLine} — ${cause.hint}`,
      ui,
    );
  }
  // No exception: say what Flink reports instead of guessing (a job waiting for slots shows no free ones here).
  const cluster = await gate.flink
    .health()
    .then((h) => h.detail)
    .catch(() => undefined);
  return new JobStartFailure(
    `${job} ${what} and Flink recorded no exception${cluster ? ` (cluster: ${cluster})` : ''}`,
    ui,
  );
}

/** A job that failed the gate: `why` without the Web UI link, so a rollback can say what it did in between. */
export class JobStartFailure extends StepFailure {
  constructor(
    readonly why: string,
    readonly webUi: string,
  ) {
    super(`${why}; see it in the Flink Web UI (${webUi})`);
  }
}
