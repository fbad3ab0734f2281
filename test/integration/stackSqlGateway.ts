// A minimal Flink SQL Gateway REST client for the integration tests (the product's own client lives in server/).
export interface StatementResult {
  ok: boolean;
  rows: unknown[][];
  jobId?: string;
  /** The gateway's error with the Java stack frames left out. */
  error?: string;
}

export class SqlGatewaySession {
  private constructor(
    private readonly base: string,
    private readonly handle: string,
  ) {}

  static async open(base: string, properties: Record<string, string> = {}): Promise<SqlGatewaySession> {
    const res = await fetch(`${base}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties }),
    });
    if (!res.ok) throw new Error(`opening a SQL Gateway session failed: ${res.status} ${await res.text()}`);
    return new SqlGatewaySession(base, ((await res.json()) as { sessionHandle: string }).sessionHandle);
  }

  /** Runs one statement and collects its rows until the result ends (bounded queries) or `maxRows` arrived. */
  async run(statement: string, { timeoutMs = 120_000, maxRows = 10_000 } = {}): Promise<StatementResult> {
    const submit = await fetch(`${this.base}/v1/sessions/${this.handle}/statements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ statement }),
    });
    if (!submit.ok) return { ok: false, rows: [], error: errorText(await submit.text()) };
    const { operationHandle } = (await submit.json()) as { operationHandle: string };
    let next: string | undefined = `/v2/sessions/${this.handle}/operations/${operationHandle}/result/0?rowFormat=JSON`;
    const rows: unknown[][] = [];
    let jobId: string | undefined;
    const deadline = Date.now() + timeoutMs;
    while (next) {
      if (Date.now() > deadline)
        throw new Error(`statement did not finish within ${timeoutMs / 1000} s: ${statement.slice(0, 200)}`);
      const res = await fetch(`${this.base}${next}`);
      if (!res.ok) return { ok: false, rows, jobId, error: errorText(await res.text()) };
      const body = (await res.json()) as {
        resultType: 'NOT_READY' | 'PAYLOAD' | 'EOS';
        jobID?: string;
        nextResultUri?: string;
        results?: { data?: { kind: string; fields: unknown[] }[] };
      };
      jobId = body.jobID ?? jobId;
      const data = body.results?.data ?? [];
      for (const d of data) rows.push(d.kind === 'INSERT' ? d.fields : [d.kind, ...d.fields]);
      if (body.resultType === 'EOS' || rows.length >= maxRows) break;
      if (data.length === 0) await new Promise((r) => setTimeout(r, 250));
      next = body.nextResultUri;
    }
    return { ok: true, rows, jobId };
  }

  async close(): Promise<void> {
    await fetch(`${this.base}/v1/sessions/${this.handle}`, { method: 'DELETE' }).catch(() => undefined);
  }
}

function errorText(body: string): string {
  try {
    const errors = (JSON.parse(body) as { errors?: string[] }).errors ?? [body];
    return errors
      .join('\n')
      .split('\n')
      .filter((l) => /Exception|Error/.test(l) && !/^\s+at /.test(l))
      .join('\n');
  } catch {
    return body;
  }
}
