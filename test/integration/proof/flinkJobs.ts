/**
 * The Flink REST calls the proof needs to watch and cancel the jobs it submitted: every task running (the product's
 * FlinkJob has no per-vertex counts) and a cancel that tolerates an already ended job. Submitting goes through the
 * product's SQL Gateway client.
 */

async function call<T>(method: string, url: string): Promise<T> {
  const res = await fetch(url, { method });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → HTTP ${res.status}: ${rootCause(text)}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** The most telling lines of a Java stack trace: every "Caused by" and the first line. */
function rootCause(detail: string): string {
  const lines = detail.split('\n');
  const causes = lines
    .filter((l) => /^(Caused by: |org\.apache\.|java\.)/.test(l.trim()) && !/^\s*at /.test(l))
    .slice(0, 8);
  return causes.length > 0 ? causes.map((l) => l.trim()).join('\n') : detail.slice(0, 4000);
}

export type FlinkJobState =
  | 'INITIALIZING'
  | 'CREATED'
  | 'RUNNING'
  | 'FAILING'
  | 'FAILED'
  | 'CANCELLING'
  | 'CANCELED'
  | 'FINISHED'
  | 'RESTARTING'
  | 'SUSPENDED'
  | 'RECONCILING';

export async function jobState(
  flinkRestUrl: string,
  jobId: string,
): Promise<{ state: FlinkJobState; runningTasks: number; totalTasks: number }> {
  const job = await call<{ state: FlinkJobState; vertices: { status: string; parallelism: number }[] }>(
    'GET',
    `${flinkRestUrl}/jobs/${jobId}`,
  );
  return {
    state: job.state,
    runningTasks: job.vertices.filter((v) => v.status === 'RUNNING').reduce((n, v) => n + v.parallelism, 0),
    totalTasks: job.vertices.reduce((n, v) => n + v.parallelism, 0),
  };
}

/** The job's root exception (why it failed or restarts), for error messages. */
export async function jobException(flinkRestUrl: string, jobId: string): Promise<string> {
  type Exceptions = { 'root-exception'?: string; exceptionHistory?: { entries?: { stacktrace?: string }[] } };
  const r = await call<Exceptions>('GET', `${flinkRestUrl}/jobs/${jobId}/exceptions`).catch(
    (err: Error): Exceptions => ({ 'root-exception': err.message }),
  );
  const trace = r['root-exception'] ?? r.exceptionHistory?.entries?.[0]?.stacktrace ?? '(no exception recorded)';
  return rootCause(trace);
}

/** Waits until every task of the job runs (its Kafka source then reads), failing fast if the job fails. */
export async function waitForJobRunning(flinkRestUrl: string, jobId: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await jobState(flinkRestUrl, jobId);
    if (s.state === 'RUNNING' && s.runningTasks === s.totalTasks) return;
    if (
      s.state === 'FAILED' ||
      s.state === 'FAILING' ||
      s.state === 'RESTARTING' ||
      s.state === 'CANCELED' ||
      s.state === 'FINISHED'
    ) {
      throw new Error(`Flink job ${jobId} is ${s.state}: ${await jobException(flinkRestUrl, jobId)}`);
    }
    if (Date.now() > deadline)
      throw new Error(
        `Flink job ${jobId} not running after ${timeoutMs} ms (state ${s.state}, ${s.runningTasks}/${s.totalTasks} tasks running)`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Cancels a job and waits until Flink reports it in a terminal state. */
export async function cancelJob(flinkRestUrl: string, jobId: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const terminal = (s: FlinkJobState) => s === 'CANCELED' || s === 'FAILED' || s === 'FINISHED';
  let s = await jobState(flinkRestUrl, jobId);
  if (terminal(s.state)) return;
  await call('PATCH', `${flinkRestUrl}/jobs/${jobId}?mode=cancel`);
  while (!terminal((s = await jobState(flinkRestUrl, jobId)).state)) {
    if (Date.now() > deadline) throw new Error(`Flink job ${jobId} still ${s.state} ${timeoutMs} ms after cancelling`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
