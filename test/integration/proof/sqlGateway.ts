/**
 * A minimal Flink SQL Gateway REST client (sessions → statements → operations → results) and the Flink REST
 * calls the proof needs to watch and cancel the jobs it submitted. Uses Node's fetch: no extra dependency.
 */

export class GatewayError extends Error {}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) {
    let detail = text;
    try {
      const errors = (JSON.parse(text) as { errors?: string[] }).errors;
      // the gateway puts the root cause (the planner's message) deep in the stack trace text
      if (errors) detail = errors.join('\n');
    } catch {
      /* not JSON: keep the text */
    }
    throw new GatewayError(`${method} ${url} → HTTP ${res.status}: ${rootCause(detail)}`);
  }
  return (text ? JSON.parse(text) : {}) as T;
}

/** The most telling lines of a Java stack trace: every "Caused by" and the first line. */
function rootCause(detail: string): string {
  const lines = detail.split('\n');
  const causes = lines.filter((l) => /^(Caused by: |org\.apache\.|java\.)/.test(l.trim()) && !/^\s*at /.test(l)).slice(0, 8);
  return causes.length > 0 ? causes.map((l) => l.trim()).join('\n') : detail.slice(0, 4000);
}

interface ResultPage {
  resultType: 'NOT_READY' | 'PAYLOAD' | 'EOS';
  jobID?: string;
  results?: { columns?: { name: string }[]; data?: { kind: string; fields: unknown[] }[] };
  nextResultUri?: string;
}

export interface StatementResult {
  rows: unknown[][];
  jobId?: string;
}

export class SqlGatewaySession {
  private constructor(
    private readonly baseUrl: string,
    readonly handle: string,
  ) {}

  static async open(baseUrl: string, properties: Record<string, string> = {}): Promise<SqlGatewaySession> {
    const r = await call<{ sessionHandle: string }>('POST', `${baseUrl}/v1/sessions`, { properties });
    return new SqlGatewaySession(baseUrl, r.sessionHandle);
  }

  /**
   * Runs one statement and reads its result to the end (DDL and SET answer at once; an INSERT or statement
   * set answers with the job id as soon as the job is submitted). Fails with the planner's message.
   */
  async execute(statement: string, timeoutMs = 120_000): Promise<StatementResult> {
    const { operationHandle } = await call<{ operationHandle: string }>('POST', `${this.baseUrl}/v1/sessions/${this.handle}/statements`, { statement });
    const deadline = Date.now() + timeoutMs;
    const rows: unknown[][] = [];
    let jobId: string | undefined;
    let next: string | undefined = `/v2/sessions/${this.handle}/operations/${operationHandle}/result/0?rowFormat=JSON`;
    while (next) {
      let page: ResultPage;
      try {
        page = await call<ResultPage>('GET', `${this.baseUrl}${next}`);
      } catch (err) {
        throw new GatewayError(`statement failed: ${(err as Error).message}\n--- statement ---\n${statement}`);
      }
      jobId ??= page.jobID;
      for (const d of page.results?.data ?? []) rows.push(d.fields);
      if (page.resultType === 'EOS') break;
      if (Date.now() > deadline) throw new GatewayError(`no end of result within ${timeoutMs} ms for:\n${statement}`);
      // NOT_READY: the gateway answers again as soon as asked; a short pause keeps the 2-core machine free
      if (page.resultType === 'NOT_READY') await new Promise((r) => setTimeout(r, 100));
      next = page.nextResultUri;
    }
    return { rows, jobId };
  }

  async close(): Promise<void> {
    await call('DELETE', `${this.baseUrl}/v1/sessions/${this.handle}`).catch(() => undefined);
  }
}

export type FlinkJobState = 'INITIALIZING' | 'CREATED' | 'RUNNING' | 'FAILING' | 'FAILED' | 'CANCELLING' | 'CANCELED' | 'FINISHED' | 'RESTARTING' | 'SUSPENDED' | 'RECONCILING';

export async function jobState(flinkRestUrl: string, jobId: string): Promise<{ state: FlinkJobState; runningTasks: number; totalTasks: number }> {
  const job = await call<{ state: FlinkJobState; vertices: { status: string; parallelism: number }[] }>('GET', `${flinkRestUrl}/jobs/${jobId}`);
  return {
    state: job.state,
    runningTasks: job.vertices.filter((v) => v.status === 'RUNNING').reduce((n, v) => n + v.parallelism, 0),
    totalTasks: job.vertices.reduce((n, v) => n + v.parallelism, 0),
  };
}

/** The job's root exception (why it failed or restarts), for error messages. */
export async function jobException(flinkRestUrl: string, jobId: string): Promise<string> {
  type Exceptions = { 'root-exception'?: string; exceptionHistory?: { entries?: { stacktrace?: string }[] } };
  const r = await call<Exceptions>('GET', `${flinkRestUrl}/jobs/${jobId}/exceptions`).catch((err: Error): Exceptions => ({ 'root-exception': err.message }));
  const trace = r['root-exception'] ?? r.exceptionHistory?.entries?.[0]?.stacktrace ?? '(no exception recorded)';
  return rootCause(trace);
}

/** Waits until every task of the job runs (its Kafka source then reads), failing fast if the job fails. */
export async function waitForJobRunning(flinkRestUrl: string, jobId: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await jobState(flinkRestUrl, jobId);
    if (s.state === 'RUNNING' && s.runningTasks === s.totalTasks) return;
    if (s.state === 'FAILED' || s.state === 'FAILING' || s.state === 'RESTARTING' || s.state === 'CANCELED' || s.state === 'FINISHED') {
      throw new Error(`Flink job ${jobId} is ${s.state}: ${await jobException(flinkRestUrl, jobId)}`);
    }
    if (Date.now() > deadline) throw new Error(`Flink job ${jobId} not running after ${timeoutMs} ms (state ${s.state}, ${s.runningTasks}/${s.totalTasks} tasks running)`);
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
