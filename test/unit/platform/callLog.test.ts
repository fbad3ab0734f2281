import * as assert from 'assert';
import { describeCall, maskCallText, onPlatformCall, type PlatformCall } from '../../../server/src/platform/callLog';
import type { ConnectionProfile } from '../../../server/src/platform/connectionProfile';
import { createPlatform } from '../../../server/src/platform/createPlatform';
import { basicAuthToken } from '../../../server/src/platform/redactSecrets';
import { CallLogLevels, REPEAT_QUIET_MS } from '../../../server/src/lsp/platformLog';
import { closedPort, json, startLocalServer, type LocalServer } from './localHttpServer';

const PASSWORD = 'hunter2!pw';

describe('the platform call log (platform/callLog.ts, lsp/platformLog.ts)', () => {
  let connect: LocalServer;
  const calls: PlatformCall[] = [];
  let stop: () => void;
  before(async () => {
    // Connect answers the list; anything else is refused with a body that echoes the credentials
    connect = await startLocalServer((req, res) =>
      req.url?.startsWith('/connectors?')
        ? json(res, 200, {})
        : json(res, 401, { message: `bad password ${PASSWORD} (${req.headers.authorization})` }),
    );
    stop = onPlatformCall((c) => calls.push(c));
  });
  after(async () => {
    stop();
    await connect.close();
  });
  beforeEach(() => (calls.length = 0));

  it('records every HTTP call: what, where, when, how long, and its outcome', async () => {
    const profile: ConnectionProfile = {
      name: 't',
      connect: { url: connect.url, username: 'ops' },
      topicDefaults: { partitions: 1, replicationFactor: 1 },
    };
    const platform = createPlatform(profile, { 'connect.password': PASSWORD });
    const before = Date.now();
    await platform.connect!.list();
    await assert.rejects(platform.connect!.get(`orders ${PASSWORD}`));
    assert.deepStrictEqual(
      calls.map((c) => [c.service, c.what, c.where, c.request, c.ok, c.status]),
      [
        ['connect', 'list connectors', connect.url, 'GET /connectors?expand=status&expand=info', true, 200],
        ['connect', 'read connector orders ****', connect.url, 'GET /connectors/orders%20****/status', false, 401],
      ],
    );
    for (const c of calls) {
      assert.ok(c.startedAt >= before && c.startedAt <= Date.now(), 'started now');
      assert.ok(c.durationMs >= 0 && c.durationMs < 5000);
    }
    assert.match(calls[1].why ?? '', /^bad password \*\*\*\* \(Basic \*\*\*\*\)$/);
    const text = JSON.stringify(calls) + calls.map(describeCall).join('\n');
    assert.ok(!text.includes(PASSWORD) && !text.includes(encodeURIComponent(PASSWORD)), 'the password is masked');
    assert.ok(!text.includes(basicAuthToken('ops', PASSWORD)), 'the Basic token is masked');
    await platform.close();
  });

  it('records a call that got no answer, and Kafka operations', async function () {
    this.timeout(30_000);
    const port = await closedPort();
    const profile: ConnectionProfile = {
      name: 't',
      kafka: { bootstrapServers: [`127.0.0.1:${port}`] },
      flink: { restUrl: `http://127.0.0.1:${port}` },
      topicDefaults: { partitions: 1, replicationFactor: 1 },
    };
    const platform = createPlatform(profile, {});
    await assert.rejects(platform.flink!.listJobs());
    await assert.rejects(platform.kafka!.listTopics());
    await platform.close();
    assert.deepStrictEqual(
      calls.map((c) => [c.service, c.where, c.ok, c.status, c.why]),
      [
        ['flink', `http://127.0.0.1:${port}`, false, undefined, 'connection refused'],
        ['kafka', `127.0.0.1:${port}`, false, undefined, calls[1]?.why],
      ],
    );
    assert.strictEqual(calls[1].what, 'list topics');
    assert.ok(calls[1].why, 'why Kafka failed');
  });

  it('one line per call: the service, what, the request at its address, the outcome and the start time', () => {
    const startedAt = new Date(2026, 11, 4, 2, 20, 1, 23).getTime();
    const call: PlatformCall = {
      service: 'connect',
      what: 'list connectors',
      where: 'http://127.0.0.1:8083',
      request: 'GET /connectors',
      startedAt,
      durationMs: 12,
      ok: true,
      status: 200,
    };
    assert.strictEqual(
      describeCall(call),
      'Kafka Connect · list connectors · GET http://127.0.0.1:8083/connectors → HTTP 200 in 12 ms (started 02:20:01.023)',
    );
    assert.strictEqual(
      describeCall({ ...call, ok: false, status: undefined, durationMs: 10003, why: 'no answer within 10 s' }),
      'Kafka Connect · list connectors · GET http://127.0.0.1:8083/connectors → failed after 10003 ms: no answer within 10 s (started 02:20:01.023)',
    );
    assert.strictEqual(
      describeCall({
        ...call,
        service: 'kafka',
        what: 'produce',
        where: 'k1:9092,k2:9092',
        request: '1 message(s) to loans',
        status: undefined,
      }),
      'Kafka · produce · 1 message(s) to loans at k1:9092,k2:9092 → ok in 12 ms (started 02:20:01.023)',
    );
  });

  it('masks the secrets and any user:password@ of a URL', () => {
    assert.strictEqual(
      maskCallText('GET https://ops:pa55@reg:8081/subjects?key=pa55 and http://reg/x', ['pa55']),
      'GET https://****@reg:8081/subjects?key=**** and http://reg/x',
    );
  });

  it('levels: a failure warns, a new or recovered success is info, the same success polled again is debug', () => {
    const levels = new CallLogLevels();
    const at = (startedAt: number, ok = true): PlatformCall => ({
      service: 'flink',
      what: 'list jobs',
      where: 'http://f:8081',
      request: 'GET /jobs/overview',
      startedAt,
      durationMs: 3,
      ok,
    });
    assert.deepStrictEqual(
      [
        at(0),
        at(10_000),
        at(20_000, false),
        at(30_000),
        at(40_000),
        at(40_000 + REPEAT_QUIET_MS + 1),
        { ...at(50_000), request: 'GET /jobs/abc' },
      ].map((c) => levels.levelOf(c)),
      ['info', 'debug', 'warn', 'info', 'debug', 'info', 'info'],
    );
  });
});
