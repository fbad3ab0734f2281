import type { ConnectionProfile } from '../connectionProfile';
import { createHttpService, type HttpService } from '../http/httpService';
import { PlatformError, type ServiceHealth } from '../platformError';
import { flinkErrorMessage, flinkRootCause } from './flinkErrorText';
import type { FlinkJob, FlinkRestClient, JobCheckpointing } from './flinkTypes';
import { waitUntil } from './polling';

export interface FlinkRestClientOptions {
  timeoutMs?: number;
  /** How long stop-with-savepoint and cancel wait for Flink to finish (default 120 s). */
  operationTimeoutMs?: number;
  /** Secrets to mask in error texts (Flink REST itself takes no credentials). */
  secrets?: Iterable<string | undefined>;
}

const TERMINAL = new Set(['FINISHED', 'CANCELED', 'FAILED', 'SUSPENDED']);

/** The Flink REST API (JobManager) of a profile: jobs, their health, stop-with-savepoint and cancel. */
export function createFlinkRestClient(
  flink: NonNullable<ConnectionProfile['flink']>,
  options: FlinkRestClientOptions = {},
): FlinkRestClient {
  const http = createHttpService({
    service: 'flink',
    baseUrl: flink.restUrl,
    secrets: options.secrets,
    timeoutMs: options.timeoutMs,
    errorMessage: flinkErrorMessage,
  });
  return new FlinkRest(http, flink.savepointDir, options.operationTimeoutMs ?? 120_000);
}

interface JobOverview {
  jid: string;
  name: string;
  state: string;
  'start-time': number;
  'end-time': number;
  duration: number;
}

interface ExceptionHistory {
  'root-exception'?: string;
  timestamp?: number;
  exceptionHistory?: { entries?: { stacktrace?: string; timestamp?: number; exceptionName?: string }[] };
}

interface CheckpointStats {
  counts?: { completed?: number; failed?: number };
  latest?: {
    completed?: {
      id: number;
      status: string;
      latest_ack_timestamp: number;
      end_to_end_duration?: number;
      external_path?: string;
    } | null;
    failed?: { id: number; status: string; failure_timestamp?: number; trigger_timestamp: number } | null;
    savepoint?: { id: number; status: string; latest_ack_timestamp: number; external_path?: string } | null;
  };
}

interface CheckpointConfig {
  interval?: number;
  externalization?: { enabled?: boolean; delete_on_cancellation?: boolean };
}

type SavepointStatus = {
  status: { id: 'IN_PROGRESS' | 'COMPLETED' };
  operation?: { location?: string; 'failure-cause'?: { class?: string; 'stack-trace'?: string } };
};

const enc = encodeURIComponent;

class FlinkRest implements FlinkRestClient {
  constructor(
    private readonly http: HttpService,
    private readonly savepointDir: string | undefined,
    private readonly operationTimeoutMs: number,
  ) {}

  async health(): Promise<ServiceHealth> {
    const [config, overview] = await Promise.all([
      this.http.request<{ 'flink-version'?: string }>({
        what: 'ask Flink for its version',
        method: 'GET',
        path: '/config',
      }),
      this.http.request<{
        'jobs-running'?: number;
        'slots-total'?: number;
        'slots-available'?: number;
        taskmanagers?: number;
      }>({
        what: 'read the Flink cluster overview',
        method: 'GET',
        path: '/overview',
      }),
    ]);
    const o = overview.data;
    const running = o['jobs-running'] ?? 0;
    const slots = o['slots-total'] ?? 0;
    return {
      service: 'flink',
      where: this.http.where,
      ok: true,
      version: config.data['flink-version'],
      latencyMs: config.latencyMs,
      detail: `${running} job${running === 1 ? '' : 's'} running, ${slots} task slot${slots === 1 ? '' : 's'}${
        o['slots-available'] !== undefined ? ` (${o['slots-available']} free)` : ''
      }`,
    };
  }

  async listJobs(): Promise<FlinkJob[]> {
    const res = await this.http.request<{ jobs: JobOverview[] }>({
      what: 'list Flink jobs',
      method: 'GET',
      path: '/jobs/overview',
    });
    const jobs = res.data.jobs.map(jobFrom).sort((a, b) => b.startTime - a.startTime);
    // the per-job calls are only worth it where there is something live (or a failure) to show
    await Promise.all(
      jobs.filter((j) => j.state !== 'FINISHED' && j.state !== 'CANCELED').map((j) => this.addDetails(j)),
    );
    return jobs;
  }

  async job(id: string): Promise<FlinkJob> {
    const res = await this.http.request<JobOverview & { 'start-time': number }>({
      what: `read Flink job ${id}`,
      method: 'GET',
      path: `/jobs/${enc(id)}`,
    });
    const job = jobFrom(res.data);
    await this.addDetails(job);
    return job;
  }

  async exceptions(id: string): Promise<{ time: number; text: string }[]> {
    const res = await this.http.request<ExceptionHistory>({
      what: `read the exceptions of Flink job ${id}`,
      method: 'GET',
      path: `/jobs/${enc(id)}/exceptions?maxExceptions=20`,
    });
    return exceptionsFrom(res.data);
  }

  async stopWithSavepoint(id: string, targetDirectory?: string): Promise<string> {
    const what = `stop Flink job ${id} with a savepoint`;
    const dir = targetDirectory ?? this.savepointDir;
    const trigger = await this.http.request<{ 'request-id': string }>({
      what,
      method: 'POST',
      path: `/jobs/${enc(id)}/stop`,
      body: { ...(dir ? { targetDirectory: dir } : {}), drain: false },
    });
    const triggerId = trigger.data['request-id'];
    const done = await waitUntil(async () => {
      const s = await this.http.request<SavepointStatus>({
        what,
        method: 'GET',
        path: `/jobs/${enc(id)}/savepoints/${enc(triggerId)}`,
      });
      return s.data.status.id === 'COMPLETED' ? s.data : undefined;
    }, this.operationTimeoutMs);
    if (!done)
      throw this.http.fail(
        what,
        `the savepoint was not complete after ${this.operationTimeoutMs / 1000} s`,
        'see the job in the Flink Web UI (Checkpoints tab)',
      );
    const failure = done.operation?.['failure-cause'];
    if (failure || !done.operation?.location) {
      const why = failure?.['stack-trace']
        ? flinkRootCause(failure['stack-trace'])
        : (failure?.class ?? 'Flink gave no savepoint location');
      throw this.http.fail(what, why, savepointHint(why, dir));
    }
    await this.waitForTerminal(id, what);
    return done.operation.location;
  }

  async cancel(id: string): Promise<void> {
    const what = `cancel Flink job ${id}`;
    await this.http.request({ what, method: 'PATCH', path: `/jobs/${enc(id)}?mode=cancel` });
    await this.waitForTerminal(id, what);
  }

  async checkpointing(id: string): Promise<JobCheckpointing> {
    const [config, stats] = await Promise.all([
      this.http
        .request<CheckpointConfig>({
          what: `read the checkpoint settings of Flink job ${id}`,
          method: 'GET',
          path: `/jobs/${enc(id)}/checkpoints/config`,
        })
        .then((r) => r.data)
        // Flink answers 404 ("Checkpointing is not enabled for this job") when the job does not checkpoint
        .catch((err: unknown) => {
          if (err instanceof PlatformError && err.status === 404) return undefined;
          throw err;
        }),
      this.http
        .request<CheckpointStats>({
          what: `read the checkpoints of Flink job ${id}`,
          method: 'GET',
          path: `/jobs/${enc(id)}/checkpoints`,
        })
        .then((r) => r.data),
    ]);
    // a job without checkpointing reports an interval of Long.MAX_VALUE where it answers at all
    const interval = config?.interval;
    const enabled = interval !== undefined && interval > 0 && interval < Number.MAX_SAFE_INTEGER;
    return {
      ...(enabled ? { intervalMs: interval } : {}),
      deletedOnCancel: !config?.externalization?.enabled || config.externalization.delete_on_cancellation !== false,
      completed: stats.counts?.completed ?? 0,
      ...(stats.latest?.completed?.external_path ? { latestCompletedPath: stats.latest.completed.external_path } : {}),
    };
  }

  async assignedPartitions(id: string): Promise<Map<string, Set<number>>> {
    const job = await this.http.request<{ vertices?: { id: string }[] }>({
      what: `read the vertices of Flink job ${id}`,
      method: 'GET',
      path: `/jobs/${enc(id)}`,
    });
    const lists = await Promise.all(
      (job.data.vertices ?? []).map((v) =>
        this.http
          .request<{ id: string }[]>({
            what: `list the metrics of Flink job ${id}`,
            method: 'GET',
            path: `/jobs/${enc(id)}/vertices/${enc(v.id)}/metrics`,
          })
          .then((r) => r.data),
      ),
    );
    const assigned = new Map<string, Set<number>>();
    for (const metric of lists.flat()) {
      const m = /KafkaSourceReader\.topic\.(.+)\.partition\.(\d+)\.currentOffset$/.exec(metric.id);
      if (!m) continue;
      const partitions = assigned.get(m[1]) ?? new Set<number>();
      partitions.add(Number(m[2]));
      assigned.set(m[1], partitions);
    }
    return assigned;
  }

  webUiUrl(jobId?: string, state?: string): string {
    if (!jobId) return `${this.http.where}/#/overview`;
    const route = state && TERMINAL.has(state) ? 'completed' : 'running';
    return `${this.http.where}/#/job/${route}/${jobId}/overview`;
  }

  private async waitForTerminal(id: string, what: string): Promise<void> {
    let state = '';
    const ended = await waitUntil(async () => {
      const res = await this.http.request<{ state: string }>({ what, method: 'GET', path: `/jobs/${enc(id)}` });
      state = res.data.state;
      return TERMINAL.has(state) || undefined;
    }, this.operationTimeoutMs);
    if (!ended)
      throw this.http.fail(
        what,
        `the job is still ${state} after ${this.operationTimeoutMs / 1000} s`,
        'see the job in the Flink Web UI',
      );
  }

  /** Restarts, last exception and last checkpoint; a detail Flink cannot give (e.g. an archived job) stays absent. */
  private async addDetails(job: FlinkJob): Promise<void> {
    const id = enc(job.id);
    const [restarts, exceptions, checkpoints] = await Promise.all([
      this.http
        .request<{ id: string; value: string }[]>({
          what: 'read job metrics',
          method: 'GET',
          path: `/jobs/${id}/metrics?get=numRestarts`,
        })
        .then((r) => r.data.find((m) => m.id === 'numRestarts')?.value)
        .catch(() => undefined),
      this.http
        .request<ExceptionHistory>({
          what: 'read job exceptions',
          method: 'GET',
          path: `/jobs/${id}/exceptions?maxExceptions=1`,
        })
        .then((r) => exceptionsFrom(r.data)[0])
        .catch(() => undefined),
      this.http
        .request<CheckpointStats>({ what: 'read job checkpoints', method: 'GET', path: `/jobs/${id}/checkpoints` })
        .then((r) => r.data)
        .catch(() => undefined),
    ]);
    if (restarts !== undefined && Number.isFinite(Number(restarts))) job.restarts = Number(restarts);
    if (exceptions) job.lastException = { time: exceptions.time, text: flinkRootCause(exceptions.text) };
    const completed = checkpoints?.latest?.completed;
    if (completed) {
      job.lastCheckpoint = {
        id: completed.id,
        time: completed.latest_ack_timestamp,
        status: completed.status,
        durationMs: completed.end_to_end_duration,
        externalPath: completed.external_path,
      };
    }
    const savepoint = checkpoints?.latest?.savepoint;
    if (savepoint && savepoint.status === 'COMPLETED')
      job.lastSavepoint = {
        id: savepoint.id,
        time: savepoint.latest_ack_timestamp,
        externalPath: savepoint.external_path,
      };
  }
}

function jobFrom(o: JobOverview): FlinkJob {
  return { id: o.jid, name: o.name, state: o.state, startTime: o['start-time'], durationMs: o.duration };
}

function exceptionsFrom(body: ExceptionHistory): { time: number; text: string }[] {
  const entries = body.exceptionHistory?.entries ?? [];
  if (entries.length > 0)
    return entries.map((e) => ({ time: e.timestamp ?? 0, text: e.stacktrace ?? e.exceptionName ?? '' }));
  return body['root-exception'] ? [{ time: body.timestamp ?? 0, text: body['root-exception'] }] : [];
}

/** Flink refuses a savepoint for several reasons; only a missing target directory is fixed by configuring one. */
function savepointHint(why: string, dir: string | undefined): string | undefined {
  if (/not all required tasks are currently running|tasks? (are|is) not (yet )?running|not running/i.test(why)) {
    return 'wait until every task of the job is RUNNING (Flink Web UI), then try again';
  }
  if (!dir && /director|target/i.test(why))
    return "set the profile's flink.savepointDir or Flink's state.savepoints.dir";
  return undefined;
}
