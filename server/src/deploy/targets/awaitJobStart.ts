import type { FlinkJob, FlinkRestClient } from '../../platform/flink/flinkTypes';
import { jobFailureCause } from '../../platform/flink/jobFailureCause';
import { StepFailure } from '../stepFailure';

export interface JobStartWait {
  flink: FlinkRestClient;
  jobId: string;
  jobName: string;
  /** How long the job may take to reach RUNNING. */
  timeoutMs: number;
  /**
   * How long it must then stay RUNNING without a restart. A Kafka source that cannot authenticate or finds no
   * topic fails a moment after the job is RUNNING (its enumerator runs then), and Flink restarts it in a loop.
   */
  settleMs: number;
}

const ENDED = new Set(['FAILED', 'FAILING', 'CANCELED', 'CANCELLING', 'FINISHED', 'RESTARTING', 'SUSPENDED']);

/** Waits until the job runs and settles; otherwise fails with the cause Flink's exceptions name. */
export async function awaitJobStart(wait: JobStartWait): Promise<void> {
  const { flink, jobId } = wait;
  const deadline = Date.now() + wait.timeoutMs;
  let state = 'unknown';
  let runningSince: number | undefined;
  for (let delay = 250; ; delay = Math.min(delay * 2, 2000)) {
    const details: FlinkJob | undefined = await flink.job(jobId).catch(() => undefined);
    state = details?.state ?? state;
    const failed = ENDED.has(state) || (details?.restarts ?? 0) > 0 || details?.lastException !== undefined;
    if (failed) throw await startFailure(wait, state, state === 'RUNNING' ? 'restarted' : `went ${state}`);
    if (state === 'RUNNING') {
      runningSince ??= Date.now();
      if (Date.now() - runningSince >= wait.settleMs) return;
    } else if (Date.now() > deadline) {
      throw await startFailure(wait, state, `was still ${state} after ${wait.timeoutMs / 1000} s`);
    }
    const left = runningSince !== undefined ? runningSince + wait.settleMs - Date.now() : delay;
    await new Promise((r) => setTimeout(r, Math.max(0, Math.min(delay, left))));
  }
}

/** The failure in Flink's words: its exception named and quoted, or — with none — the facts Flink gives. */
async function startFailure(wait: JobStartWait, state: string, what: string): Promise<StepFailure> {
  const ui = wait.flink.webUiUrl(wait.jobId, state);
  const job = `job ${wait.jobId} ("${wait.jobName}")`;
  const traces = await wait.flink
    .exceptions(wait.jobId)
    .then((e) => e.map((x) => x.text))
    .catch(() => []);
  const cause = jobFailureCause(traces);
  if (cause) {
    return new StepFailure(
      `${job} ${what} right after submission: ${cause.summary}. Flink: ${cause.flinkLine} — ${cause.hint}; it is left as it is, see it in the Flink Web UI (${ui})`,
    );
  }
  // No exception: say what Flink reports instead of guessing (a job waiting for slots shows no free ones here).
  const cluster = await wait.flink
    .health()
    .then((h) => h.detail)
    .catch(() => undefined);
  return new StepFailure(
    `${job} ${what} and Flink recorded no exception${cluster ? ` (cluster: ${cluster})` : ''}; see it in the Flink Web UI (${ui})`,
  );
}
