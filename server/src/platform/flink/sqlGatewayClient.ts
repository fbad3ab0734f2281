import type { ConnectionProfile } from '../connectionProfile';
import { createHttpService, type HttpService } from '../http/httpService';
import { PlatformError, type ServiceHealth } from '../platformError';
import { flinkErrorMessage } from './flinkErrorText';
import type { SqlGatewayClient, SqlGatewaySession, SqlRejection } from './flinkTypes';

export interface SqlGatewayClientOptions {
  timeoutMs?: number;
  /** How long one statement may take to answer (DDL) or to submit its job (INSERT); default 120 s. */
  statementTimeoutMs?: number;
  secrets?: Iterable<string | undefined>;
}

/** The Flink SQL Gateway REST API (v1 sessions and statements, v2 results) of a profile. */
export function createSqlGatewayClient(
  flink: NonNullable<ConnectionProfile['flink']>,
  options: SqlGatewayClientOptions = {},
): SqlGatewayClient {
  if (!flink.sqlGatewayUrl) {
    throw new PlatformError(
      'sqlGateway',
      'use the Flink SQL Gateway',
      '(not configured)',
      'the profile has no flink.sqlGatewayUrl',
      'add flink.sqlGatewayUrl (e.g. http://127.0.0.1:8083) to the profile',
    );
  }
  const http = createHttpService({
    service: 'sqlGateway',
    baseUrl: flink.sqlGatewayUrl,
    secrets: options.secrets,
    timeoutMs: options.timeoutMs,
    errorMessage: flinkErrorMessage,
  });
  const statementTimeoutMs = options.statementTimeoutMs ?? 120_000;
  return {
    async health(): Promise<ServiceHealth> {
      const res = await http.request<{ productName?: string; version?: string }>({
        what: 'ask the SQL Gateway for its version',
        method: 'GET',
        path: '/v1/info',
      });
      return {
        service: 'sqlGateway',
        where: http.where,
        ok: true,
        version: res.data.version,
        latencyMs: res.latencyMs,
        detail: res.data.productName,
      };
    },
    async openSession(properties: Record<string, string> = {}): Promise<SqlGatewaySession> {
      const res = await http.request<{ sessionHandle: string }>({
        what: 'open a SQL Gateway session',
        method: 'POST',
        path: '/v1/sessions',
        body: { properties },
      });
      return new GatewaySession(http, res.data.sessionHandle, statementTimeoutMs);
    },
  };
}

interface ResultPage {
  resultType: 'NOT_READY' | 'PAYLOAD' | 'EOS';
  /** A SELECT: its rows are the answer, and its job runs only as long as the operation is open. */
  isQueryResult?: boolean;
  jobID?: string;
  results?: { data?: { kind: string; fields: unknown[] }[] };
  nextResultUri?: string;
}

/** How many result rows one statement may collect: a SELECT on a topic never ends, its preview needs few. */
const MAX_ROWS = 10_000;
const NOT_READY_PAUSE_MS = 100;

class GatewaySession implements SqlGatewaySession {
  constructor(
    private readonly http: HttpService,
    private readonly handle: string,
    private readonly timeoutMs: number,
  ) {}

  async execute(statement: string): Promise<{ jobId?: string; rows: unknown[][] }> {
    const what = `run the SQL statement "${firstLine(statement)}"`;
    const session = `/v1/sessions/${encodeURIComponent(this.handle)}`;
    const submitted = await this.http.request<{ operationHandle: string }>({
      what,
      method: 'POST',
      path: `${session}/statements`,
      body: { statement },
    });
    const operation = submitted.data.operationHandle;
    const deadline = Date.now() + this.timeoutMs;
    const rows: unknown[][] = [];
    let jobId: string | undefined;
    let query = false;
    let next: string | undefined =
      `/v2/sessions/${encodeURIComponent(this.handle)}/operations/${encodeURIComponent(operation)}/result/0?rowFormat=JSON`;
    const closeOperation = () =>
      this.http
        .request({ what, method: 'DELETE', path: `${session}/operations/${encodeURIComponent(operation)}/close` })
        .catch(() => undefined);
    while (next) {
      // errors of the statement itself (planner, validation) surface here, with Flink's root cause
      const page: ResultPage = (await this.http.request<ResultPage>({ what, method: 'GET', path: next })).data;
      jobId ??= page.jobID;
      query ||= page.isQueryResult === true;
      for (const d of page.results?.data ?? []) if (rows.length < MAX_ROWS) rows.push(d.fields);
      if (page.resultType === 'EOS') break;
      // an INSERT answers with its job id as soon as the job is submitted: no need to read further
      if (!query && jobId && page.resultType === 'PAYLOAD') break;
      // a SELECT on a topic never ends: stop at the row limit or the deadline, which also stops its job
      if (query && (rows.length >= MAX_ROWS || Date.now() > deadline)) {
        await closeOperation();
        break;
      }
      if (Date.now() > deadline) {
        await closeOperation();
        throw this.http.fail(
          what,
          `no result within ${this.timeoutMs / 1000} s`,
          // the gateway answered every poll but the statement did not finish: its log says why, not a guess here
          "the SQL Gateway's log and the Flink Web UI say what the statement is waiting for",
        );
      }
      if (page.resultType === 'NOT_READY') await new Promise((r) => setTimeout(r, NOT_READY_PAUSE_MS));
      next = page.nextResultUri;
    }
    return { jobId, rows };
  }

  async close(): Promise<void> {
    await this.http
      .request({
        what: 'close the SQL Gateway session',
        method: 'DELETE',
        path: `/v1/sessions/${encodeURIComponent(this.handle)}`,
        accept: [404, 500],
      })
      .catch(() => undefined);
  }
}

function firstLine(statement: string): string {
  const line = statement.trim().split('\n')[0];
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

const POSITION = /(?:at\s+)?line (\d+), column (\d+)/i;

/**
 * A rejected statement for the deploy report and the editor: Flink's message and, when the message names one
 * ("line 3, column 15", "At line 3, column 15: …", "From line 1, column 8 to line 1, column 10"), the first
 * position, 1-based within the statement.
 */
export function sqlRejection(error: unknown, statementIndex: number, statement: string): SqlRejection {
  const message = error instanceof PlatformError ? error.why : error instanceof Error ? error.message : String(error);
  const m = POSITION.exec(message);
  return {
    statementIndex,
    statement,
    message,
    ...(m ? { line: Number(m[1]), column: Number(m[2]) } : {}),
  };
}
