import * as assert from 'assert';
import { createPlatform } from '../../../server/src/platform/createPlatform';
import { checkHealth } from '../../../server/src/platform/health';
import type { ConnectionProfile } from '../../../server/src/platform/connectionProfile';
import { closedPort, json, startLocalServer, type LocalServer } from './localHttpServer';

describe('checkHealth', () => {
  let hanging: LocalServer;
  let connect: LocalServer;
  before(async () => {
    hanging = await startLocalServer(() => undefined);
    connect = await startLocalServer((req, res) =>
      req.url === '/' ? json(res, 200, { version: '3.8.1' }) : json(res, 200, ['a', 'b']),
    );
  });
  after(async () => {
    await hanging.close();
    await connect.close();
  });

  it('asks every configured service in parallel, each bounded, and never rejects', async () => {
    const down = await closedPort();
    const profile: ConnectionProfile = {
      name: 't',
      connect: { url: connect.url, username: 'ops' },
      flink: { restUrl: hanging.url, sqlGatewayUrl: `http://127.0.0.1:${down}` },
      topicDefaults: { partitions: 1, replicationFactor: 1 },
    };
    const platform = createPlatform(profile, { 'connect.password': 'hunter2' });
    const started = Date.now();
    const health = await checkHealth(platform, 700);
    assert.ok(Date.now() - started < 3_000, 'the slow service did not hold up the others');
    assert.deepStrictEqual(
      health.map((h) => [h.service, h.ok]),
      [
        ['connect', true],
        ['flink', false],
        ['sqlGateway', false],
      ],
    );
    assert.strictEqual(health[0].version, '3.8.1');
    assert.strictEqual(health[0].detail, '2 connectors');
    assert.match(health[1].error?.why ?? '', /no answer within \d+ ms/);
    assert.strictEqual(health[2].error?.why, 'connection refused');
    assert.strictEqual(health[2].error?.where, `http://127.0.0.1:${down}`);
    assert.ok(!JSON.stringify(health).includes('hunter2'));
    await platform.close();
  });
});
