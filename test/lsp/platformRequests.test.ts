import * as assert from 'assert';
import * as net from 'net';
import * as path from 'path';
import type { HealthResult, PlatformResult } from '../../server/src/protocol';
import { closeCopy, openCopy, type LspSession } from './lspSession';

/** Ports nothing listens on: bound, noted, closed. */
async function closedPorts(n: number): Promise<number[]> {
  const ports: number[] = [];
  for (let i = 0; i < n; i++) {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    ports.push((server.address() as net.AddressInfo).port);
    await new Promise((resolve) => server.close(resolve));
  }
  return ports;
}

const SECRETS = {
  'kafka.password': 'Kafka-S3cret-pw',
  'connect.password': 'Connect-S3cret-pw',
  'schemaRegistry.password': 'Registry-S3cret-pw',
  'connector.databasePassword': 'Db-S3cret-pw',
};

describe('platform requests over LSP with every service unreachable', function () {
  this.timeout(60_000);
  let session: LspSession;
  let ws: string;
  let kafka: string;
  let connect: string;
  let flink: string;
  let gateway: string;
  let registry: string;
  const answers: unknown[] = [];
  /** What the server logged (window/logMessage): the editor's Output channel. */
  const logged: { type: number; message: string }[] = [];

  before(async () => {
    const [k, c, f, g, r] = await closedPorts(5);
    [kafka, connect, flink, gateway, registry] = [
      `127.0.0.1:${k}`,
      `http://127.0.0.1:${c}`,
      `http://127.0.0.1:${f}`,
      `http://127.0.0.1:${g}`,
      `http://127.0.0.1:${r}`,
    ];
    ({ session, ws } = await openCopy('examples/cdc-streaming', 'flink-jobs/filters.yaml'));
    session.connection.onNotification('window/logMessage', (m: { type: number; message: string }) => {
      logged.push(m);
    });
    await session.open(path.join(ws, 'flink-jobs/filters.yaml'));
    void session.connection.sendNotification('cdcRouting/platform/configure', {
      profiles: [
        {
          name: 'dead',
          kafka: { bootstrapServers: [kafka], sasl: { mechanism: 'plain', username: 'alice' } },
          connect: { url: connect, username: 'alice' },
          flink: { restUrl: flink, sqlGatewayUrl: gateway },
          schemaRegistry: { url: registry, username: 'alice' },
        },
        {
          name: 'bad-ca',
          kafka: { bootstrapServers: [kafka], tls: { enabled: true, caFile: '/nonexistent/corporate-ca.pem' } },
        },
      ],
      activeProfile: 'dead',
      secrets: { dead: SECRETS },
    });
  });
  after(() => closeCopy(session, ws));

  /** A request's answer, timed, kept for the secret check at the end. */
  async function ask<T>(method: string, params: object = {}): Promise<{ result: PlatformResult<T>; ms: number }> {
    const started = Date.now();
    const result = await session.request<PlatformResult<T>>(`cdcRouting/platform/${method}`, params);
    answers.push(result);
    return { result, ms: Date.now() - started };
  }

  function assertFailed<T>(
    result: PlatformResult<T>,
    service: string,
    where: string,
  ): { what: string; where: string; why: string; hint?: string } {
    assert.strictEqual(result.ok, false, `expected an error, got ${JSON.stringify(result)}`);
    const error = (result as { error: { service?: string; what: string; where: string; why: string; hint?: string } })
      .error;
    assert.strictEqual(error.service, service);
    assert.ok(error.where.includes(where), `where "${error.where}" should name ${where}`);
    assert.ok(error.why.length > 0 && error.what.length > 0);
    assert.doesNotMatch(JSON.stringify(error), /\bat .+\(.+:\d+:\d+\)|node_modules/, 'no stack trace');
    return error;
  }

  it('health: every service answers as down, naming its address, all in parallel within the bound', async () => {
    const { result, ms } = await ask<HealthResult>('health');
    assert.ok(result.ok);
    const services = (result as { value: HealthResult }).value.services;
    assert.deepStrictEqual(
      services.map((s) => [s.service, s.ok]),
      [
        ['kafka', false],
        ['connect', false],
        ['flink', false],
        ['sqlGateway', false],
        ['schemaRegistry', false],
      ],
    );
    for (const [s, where] of [
      [services[0], kafka],
      [services[1], connect],
      [services[2], flink],
      [services[3], gateway],
      [services[4], registry],
    ] as const) {
      assert.ok(s.error?.where.includes(where), `${s.service}: ${JSON.stringify(s.error)}`);
      assert.ok(s.error?.why);
    }
    assert.ok(ms < 10_000, `health took ${ms} ms: one dead service must not wait for another`);
  });

  it("each view request answers with its service's error, fast", async () => {
    for (const [method, service, where] of [
      ['topics', 'kafka', kafka],
      ['connectors', 'connect', connect],
      ['flinkJobs', 'flink', flink],
    ] as const) {
      const { result, ms } = await ask(method);
      assertFailed(result, service, where);
      assert.ok(ms < 10_000, `${method} took ${ms} ms`);
    }
  });

  it('the actions answer with clear errors too', async () => {
    assertFailed(
      (await ask('connectorAction', { name: 'postgres-source-connector', action: 'restart' })).result,
      'connect',
      connect,
    );
    assertFailed((await ask('connectorConfig', { name: 'postgres-source-connector' })).result, 'connect', connect);
    assertFailed((await ask('connectorCompare', { name: 'postgres-source-connector' })).result, 'connect', connect);
    assertFailed((await ask('flinkJobAction', { id: 'a'.repeat(32), action: 'cancel' })).result, 'flink', flink);
    assertFailed((await ask('flinkJobExceptions', { id: 'a'.repeat(32) })).result, 'flink', flink);
    const produced = assertFailed((await ask('produceSample', {})).result, 'kafka', kafka);
    assert.match(produced.what, /produce/);
  });

  it('an unknown profile is said as such, with the known ones in the hint', async () => {
    const { result } = await ask('topics', { profile: 'nope' });
    assert.strictEqual(result.ok, false);
    const error = (result as { error: { where: string; why: string; hint?: string } }).error;
    assert.match(error.why, /no connection profile is named "nope"/);
    assert.match(error.hint ?? '', /dead/);
  });

  it('a profile whose CA file cannot be read: the views say which file and what to do', async () => {
    for (const method of ['topics', 'health']) {
      const { result } = await ask(method, { profile: 'bad-ca' });
      const text = JSON.stringify(result);
      assert.match(text, /corporate-ca\.pem/, `${method}: ${text}`);
      assert.match(text, /caFile/);
    }
  });

  it('the server stays alive and answers the editor features after all that', async () => {
    assert.ok(session.alive);
    const symbols = await session.request<unknown[]>('textDocument/documentSymbol', {
      textDocument: { uri: 'file://' + path.join(ws, 'flink-jobs/filters.yaml') },
    });
    assert.ok(symbols.length > 0);
    const { result } = await ask<HealthResult>('health');
    assert.ok(result.ok);
  });

  it('the log has a line for every call: service, what, request at its address, outcome, time (warnings here)', () => {
    const lines = logged.filter((m) => / · /.test(m.message));
    for (const [label, where] of [
      ['Kafka', kafka],
      ['Kafka Connect', connect],
      ['Flink', flink],
      ['Flink SQL Gateway', gateway],
      ['Schema Registry', registry],
    ]) {
      const line = lines.find((m) => m.message.startsWith(`${label} · `) && m.message.includes(where));
      assert.ok(line, `a line for ${label} at ${where}: ${lines.map((m) => m.message).join('\n')}`);
      assert.match(line.message, / → (HTTP \d+ )?failed after \d+ ms: .+ \(started \d\d:\d\d:\d\d\.\d{3}\)$/);
      assert.strictEqual(line.type, 2, 'a failed call is a warning');
    }
    assert.ok(
      lines.some((m) => m.message.startsWith('Kafka Connect · restart connector')),
      'an action is logged as well as a view',
    );
    assert.ok(!logged.some((m) => /TimeoutNegativeWarning/.test(m.message)));
  });

  it("no secret appears in any answer, in the server's output or its log", () => {
    const everything = JSON.stringify(answers) + session.stderr + JSON.stringify(logged);
    for (const secret of Object.values(SECRETS)) assert.ok(!everything.includes(secret), `${secret} leaked`);
  });
});
