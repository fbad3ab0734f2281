import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { json, startLocalServer, type LocalServer } from './localHttpServer';

interface Exchange {
  request: { method: string; path: string; body?: unknown; expectBody?: unknown };
  response: { status: number; headers?: Record<string, string>; body?: unknown };
}

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'confluent-cloud');

export interface ReplayServer extends LocalServer {
  /** Fails the test unless every recorded exchange was asked for, and nothing else. */
  assertAllServed(): void;
  /** What went wrong while serving (a request the recording did not expect), reported by assertAllServed. */
  mismatches: string[];
}

/** Serves the exchanges of a fixture file in order, checking each request against the recording. */
export async function replay(fixture: string): Promise<ReplayServer> {
  const { exchanges } = JSON.parse(fs.readFileSync(path.join(FIXTURES, fixture), 'utf8')) as { exchanges: Exchange[] };
  const mismatches: string[] = [];
  let next = 0;
  const server = await startLocalServer((req, res) => {
    const ex = exchanges[next++];
    const problem = !ex
      ? `unexpected request ${req.method} ${req.url} after the recording ended`
      : mismatch(ex, req.method, req.url, req.body);
    if (problem) {
      mismatches.push(problem);
      json(res, 599, { errors: [{ detail: `replay: ${problem}` }] });
      return;
    }
    const { status, headers, body } = ex.response;
    if (body === undefined) {
      res.writeHead(status, headers);
      res.end();
    } else json(res, status, body, headers);
  });
  return {
    ...server,
    mismatches,
    assertAllServed() {
      assert.deepStrictEqual(mismatches, []);
      assert.strictEqual(
        next,
        exchanges.length,
        `${exchanges.length - next} recorded exchange(s) of ${fixture} were never asked for`,
      );
    },
  };
}

function mismatch(ex: Exchange, method: string, url: string, body: string): string | undefined {
  if (ex.request.method !== method || ex.request.path !== url)
    return `expected ${ex.request.method} ${ex.request.path}, got ${method} ${url}`;
  const parsed = body ? (JSON.parse(body) as unknown) : undefined;
  if (ex.request.body !== undefined) {
    try {
      assert.deepStrictEqual(parsed, ex.request.body);
    } catch {
      return `request body of ${method} ${url} differs from the recording: ${body}`;
    }
  }
  if (ex.request.expectBody !== undefined && !contains(parsed, ex.request.expectBody))
    return `request body of ${method} ${url} lacks ${JSON.stringify(ex.request.expectBody)}: ${body}`;
  return undefined;
}

function contains(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return actual === expected;
  if (actual === null || typeof actual !== 'object') return false;
  return Object.entries(expected as Record<string, unknown>).every(([k, v]) =>
    contains((actual as Record<string, unknown>)[k], v),
  );
}
