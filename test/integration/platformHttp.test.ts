// The HTTP platform clients (Kafka Connect, Flink REST, SQL Gateway, Schema Registry) against the real services
// of the local stack: what the sidebar and deploy will show and do, checked as a user would notice it.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import axios from 'axios';
import type { StackEndpoints } from '../../stack/index';
import { useStack } from './sharedStack';
import type { ConnectionProfile } from '../../server/src/platform/connectionProfile';
import { createPlatform } from '../../server/src/platform/createPlatform';
import { sqlRejection } from '../../server/src/platform/flink/sqlGatewayClient';
import type { SqlGatewaySession } from '../../server/src/platform/flink/flinkTypes';
import { checkHealth } from '../../server/src/platform/health';
import type { Platform } from '../../server/src/platform/platform';
import { closedPort } from '../unit/platform/localHttpServer';
import { expectPlatformError } from '../unit/platform/expectPlatformError';

const CONNECTOR = 'postgres-source-connector';
const run = Date.now();

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `${what}: not within ${timeoutMs} ms${last ? ` (last error: ${(last as Error).toString()})` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('platform HTTP clients against the local stack', function () {
  let endpoints: StackEndpoints;
  let platform: Platform;
  let session: SqlGatewaySession | undefined;
  const jobs: string[] = [];

  before(async function () {
    this.timeout(600_000);
    endpoints = await useStack();
    const profile: ConnectionProfile = {
      name: 'it',
      connect: { url: endpoints.connectUrl },
      flink: { restUrl: endpoints.flinkRestUrl, sqlGatewayUrl: endpoints.sqlGatewayUrl },
      schemaRegistry: { url: endpoints.schemaRegistryUrl },
      topicDefaults: { partitions: 1, replicationFactor: 1 },
    };
    platform = createPlatform(profile, {});
  });

  after(async function () {
    this.timeout(120_000);
    for (const id of jobs) {
      const job = await platform.flink!.job(id).catch(() => undefined);
      if (job && !['FINISHED', 'CANCELED', 'FAILED'].includes(job.state))
        await platform.flink!.cancel(id).catch(() => undefined);
    }
    await session?.close();
    await platform?.close();
  });

  it('health: every service answers with its version', async function () {
    const health = await checkHealth(platform);
    const by = Object.fromEntries(health.map((h) => [h.service, h]));
    assert.deepStrictEqual(
      health.map((h) => [h.service, h.ok, h.error?.why]),
      [
        ['connect', true, undefined],
        ['flink', true, undefined],
        ['sqlGateway', true, undefined],
        ['schemaRegistry', true, undefined],
      ],
    );
    assert.match(by.connect.version ?? '', /^\d+\.\d+\.\d+/);
    assert.match(by.connect.detail ?? '', /^\d+ connectors?$/);
    assert.match(by.flink.version ?? '', /^1\.20\./);
    assert.match(by.flink.detail ?? '', /^\d+ jobs? running, \d+ task slots?/);
    assert.strictEqual(by.sqlGateway.version, by.flink.version);
    assert.match(by.schemaRegistry.version ?? '', /apicurio-registry \d/);
    assert.match(by.schemaRegistry.detail ?? '', /^\d+ subjects?$/);
    for (const h of health) assert.ok((h.latencyMs ?? -1) >= 0, `${h.service} has a latency`);
  });

  describe('Kafka Connect', () => {
    it('lists the example connector RUNNING with its task and worker', async () => {
      const c = await until('the example connector running', async () => {
        const found = (await platform.connect!.list()).find((x) => x.name === CONNECTOR);
        return found?.state === 'RUNNING' && found.tasks[0]?.state === 'RUNNING' && found;
      });
      assert.strictEqual(c.type, 'source');
      assert.match(c.workerId, /^127\.0\.0\.1:\d+$/);
      assert.deepStrictEqual(
        c.tasks.map((t) => [t.id, t.state]),
        [[0, 'RUNNING']],
      );
      assert.strictEqual(c.tasks[0].workerId, c.workerId);
      assert.strictEqual(c.config['connector.class'], 'io.debezium.connector.postgresql.PostgresConnector');
      assert.strictEqual(await platform.connect!.get('no-such-connector'), undefined);
    });

    it('pause → PAUSED, resume → RUNNING; restarting a healthy connector leaves it RUNNING', async () => {
      const connect = platform.connect!;
      const state = async () => {
        const c = await connect.get(CONNECTOR);
        return c && `${c.state}/${c.tasks.map((t) => t.state).join(',')}`;
      };
      await connect.pause(CONNECTOR);
      await until('connector and task PAUSED', async () => (await state()) === 'PAUSED/PAUSED');
      await connect.resume(CONNECTOR);
      await until('connector and task RUNNING after resume', async () => (await state()) === 'RUNNING/RUNNING');
      await connect.restart(CONNECTOR);
      await until('connector and task RUNNING after restart', async () => (await state()) === 'RUNNING/RUNNING');
    });

    it('restart brings back a FAILED task once its cause is gone, and the failure trace is shown until then', async function () {
      this.timeout(180_000);
      const connect = platform.connect!;
      const original = (await connect.get(CONNECTOR))!;
      // a second connector on the same replication slot fails at once (retries off) while the example holds the slot
      const dup = `it-dup-slot-${run}`;
      const config = {
        ...original.config,
        name: dup,
        'topic.prefix': `itdup${run}`,
        'errors.max.retries': '0',
        'slot.max.retries': '1',
        'slot.retry.delay.ms': '200',
      };
      try {
        assert.deepStrictEqual(await connect.upsert(dup, config), { created: true });
        const failed = await until('the duplicate task FAILED', async () => {
          const c = await connect.get(dup);
          return c?.tasks[0]?.state === 'FAILED' && c;
        });
        assert.match(failed.tasks[0].trace ?? '', /replication slot "cdc_routing" is active/);
        // free the slot: pausing the example stops its task
        await connect.pause(CONNECTOR);
        await until('the example PAUSED', async () => (await connect.get(CONNECTOR))?.tasks[0]?.state === 'PAUSED');
        await connect.restart(dup);
        const restarted = await until('the duplicate task RUNNING after restart', async () => {
          const c = await connect.get(dup);
          return c?.tasks[0]?.state === 'RUNNING' && c;
        });
        assert.strictEqual(restarted.tasks[0].trace, undefined);
      } finally {
        await axios.delete(`${endpoints.connectUrl}/connectors/${dup}`).catch(() => undefined);
        await connect.resume(CONNECTOR);
      }
      await until('the example RUNNING again', async () => {
        const c = await connect.get(CONNECTOR);
        return c?.state === 'RUNNING' && c.tasks[0]?.state === 'RUNNING';
      });
    });

    it("validate: a bad database.port and a missing topic.prefix come back as Connect's errors for those fields", async () => {
      const current = (await platform.connect!.get(CONNECTOR))!;
      const config: Record<string, string> = { ...current.config, name: CONNECTOR, 'database.port': 'not-a-port' };
      delete config['topic.prefix'];
      const result = await platform.connect!.validate(config);
      const fields = result.errors.map((e) => e.field);
      assert.ok(result.errorCount >= 2, JSON.stringify(result));
      assert.ok(fields.includes('database.port'), `fields with errors: ${fields.join(', ')}`);
      assert.ok(fields.includes('topic.prefix'), `fields with errors: ${fields.join(', ')}`);
      assert.match(
        result.errors.find((e) => e.field === 'database.port')!.messages.join(' '),
        /not-a-port|INT|number/i,
      );
      assert.ok(result.errors.every((e) => e.messages.length > 0));

      const good = await platform.connect!.validate({ ...current.config, name: CONNECTOR });
      assert.deepStrictEqual(good.errors, []);
    });

    it('validate without a connector class is refused before asking Connect', async () => {
      const err = await expectPlatformError(platform.connect!.validate({ name: 'x' }));
      assert.strictEqual(err.why, 'the config has no connector.class');
    });

    it('upsert of the unchanged config updates (not creates) the connector, and it keeps running', async () => {
      const current = (await platform.connect!.get(CONNECTOR))!;
      assert.deepStrictEqual(await platform.connect!.upsert(CONNECTOR, current.config), { created: false });
      await until(
        'connector RUNNING after the update',
        async () => (await platform.connect!.get(CONNECTOR))?.tasks[0]?.state === 'RUNNING',
      );
    });
  });

  describe('Flink SQL Gateway and Flink REST', () => {
    before(async () => {
      session = await platform.sqlGateway!.openSession({ 'execution.checkpointing.interval': '1 s' });
    });

    it('a good statement runs', async () => {
      const r = await session!.execute(
        `CREATE TABLE gen_${run} (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '5')`,
      );
      assert.deepStrictEqual(r.rows, [['OK']]);
      assert.strictEqual(r.jobId, undefined);
      const tables = await session!.execute('SHOW TABLES');
      assert.ok(
        tables.rows.some((row) => row[0] === `gen_${run}`),
        JSON.stringify(tables.rows),
      );
      // a bounded query runs as a job; its rows come back through the result pages
      const query = await session!.execute("SELECT n, s FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) AS t(n, s)");
      assert.deepStrictEqual(query.rows, [
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
      ]);
    });

    it("a bad statement fails with Flink's message and the offending line", async () => {
      const statement = `SELECT id,\n  nope\nFROM gen_${run}`;
      const err = await expectPlatformError(session!.execute(statement));
      assert.strictEqual(err.service, 'sqlGateway');
      assert.match(err.why, /Column 'nope' not found in any table/);
      assert.ok(!/\tat |Caused by|Exception/.test(err.why), err.why);
      const r = sqlRejection(err, 1, statement);
      assert.deepStrictEqual([r.statementIndex, r.line, r.column], [1, 2, 3]);
    });

    it('a submitted job is listed RUNNING with its checkpoint; stop-with-savepoint returns the path and the job is FINISHED', async function () {
      this.timeout(180_000);
      await session!.execute(`CREATE TABLE sink_${run} (id BIGINT) WITH ('connector' = 'blackhole')`);
      const { jobId } = await session!.execute(`INSERT INTO sink_${run} SELECT id FROM gen_${run}`);
      assert.match(jobId ?? '', /^[0-9a-f]{32}$/);
      jobs.push(jobId!);
      const listed = await until('the job RUNNING with a completed checkpoint', async () => {
        const j = (await platform.flink!.listJobs()).find((x) => x.id === jobId);
        return j?.state === 'RUNNING' && j.lastCheckpoint && j;
      });
      assert.match(listed.name, new RegExp(`sink_${run}`));
      assert.strictEqual(listed.restarts, 0);
      assert.strictEqual(listed.lastCheckpoint!.status, 'COMPLETED');
      assert.ok(listed.startTime > run - 60_000 && listed.durationMs >= 0);
      assert.deepStrictEqual(await platform.flink!.exceptions(jobId!), []);
      // The Web UI files running and ended jobs under different routes.
      assert.strictEqual(
        platform.flink!.webUiUrl(jobId, listed.state),
        `${endpoints.flinkRestUrl}/#/job/running/${jobId}/overview`,
      );
      assert.strictEqual(
        platform.flink!.webUiUrl(jobId, 'FINISHED'),
        `${endpoints.flinkRestUrl}/#/job/completed/${jobId}/overview`,
      );

      // no target directory: the stack's state.savepoints.dir applies
      const savepoint = await platform.flink!.stopWithSavepoint(jobId!);
      assert.match(savepoint, /savepoint-/);
      assert.ok(fs.existsSync(savepoint.replace(/^file:/, '')), `savepoint on disk at ${savepoint}`);
      assert.strictEqual((await platform.flink!.job(jobId!)).state, 'FINISHED');
    });

    it("a savepoint Flink cannot write fails with Flink's cause and leaves the job running; cancel of that job works", async function () {
      this.timeout(180_000);
      const { jobId } = await session!.execute(`INSERT INTO sink_${run} SELECT id FROM gen_${run}`);
      jobs.push(jobId!);
      await until('the second job RUNNING', async () => (await platform.flink!.job(jobId!)).state === 'RUNNING');
      const err = await expectPlatformError(
        platform.flink!.stopWithSavepoint(jobId!, 'file:///proc/cdc-routing-no-savepoints-here'),
      );
      assert.strictEqual(err.service, 'flink');
      assert.match(
        err.message,
        new RegExp(`^stop Flink job ${jobId} with a savepoint failed at ${endpoints.flinkRestUrl}: `),
      );
      assert.ok(err.why.length > 0 && !/\tat /.test(err.why), err.why);
      await until(
        'the job RUNNING after the failed savepoint',
        async () => (await platform.flink!.job(jobId!)).state === 'RUNNING',
      );
      await platform.flink!.cancel(jobId!);
      assert.strictEqual((await platform.flink!.job(jobId!)).state, 'CANCELED');
      const listed = (await platform.flink!.listJobs()).find((j) => j.id === jobId);
      assert.strictEqual(listed?.state, 'CANCELED');
    });

    it("stop-with-savepoint of a job that is not there fails with Flink's reason", async () => {
      const err = await expectPlatformError(
        platform.flink!.stopWithSavepoint('00000000000000000000000000000000', '/tmp/nowhere'),
      );
      assert.strictEqual(err.service, 'flink');
      assert.match(err.why, /00000000000000000000000000000000/);
      assert.ok(!/\tat /.test(err.why), err.why);
    });
  });

  describe('Schema Registry', () => {
    const subject = `h1-it-${run}-value`;
    const v1 = { type: 'record', name: 'Loan', namespace: 'it', fields: [{ name: 'id', type: 'string' }] };
    const compatible = { ...v1, fields: [...v1.fields, { name: 'amount', type: ['null', 'double'], default: null }] };
    const incompatible = { ...v1, fields: [...v1.fields, { name: 'currency', type: 'string' }] };

    it('register, then check a compatible and an incompatible change', async () => {
      const registry = platform.schemaRegistry!;
      assert.deepStrictEqual(await registry.checkCompatibility(subject, JSON.stringify(v1)), {
        compatible: true,
        messages: [],
      });
      assert.strictEqual(await registry.latest(subject), undefined);
      const id = await registry.register(subject, JSON.stringify(v1));
      assert.ok(Number.isInteger(id));
      const latest = (await registry.latest(subject))!;
      assert.deepStrictEqual([latest.id, latest.version], [id, 1]);
      assert.deepStrictEqual(JSON.parse(await registry.schemaById(id)), v1);
      assert.ok((await registry.subjects()).includes(subject));

      // the stack's registry checks nothing by default; the subject asks for BACKWARD, as deploy's targets do
      await axios.put(`${endpoints.schemaRegistryUrl}/config/${encodeURIComponent(subject)}`, {
        compatibility: 'BACKWARD',
      });
      assert.strictEqual((await registry.checkCompatibility(subject, JSON.stringify(compatible))).compatible, true);
      const bad = await registry.checkCompatibility(subject, JSON.stringify(incompatible));
      assert.strictEqual(bad.compatible, false);
    });

    it('a schema id the registry does not know is a clear error', async () => {
      const err = await expectPlatformError(platform.schemaRegistry!.schemaById(987654321));
      assert.strictEqual(err.status, 404);
      assert.match(err.why, /987654321/);
    });
  });

  describe('an unreachable service', () => {
    it('a closed port gives a PlatformError naming the URL, with no secret even when a password is configured', async () => {
      const port = await closedPort();
      const url = `http://127.0.0.1:${port}`;
      const password = `pw-${run}-Sécret`;
      const down = createPlatform(
        {
          name: 'down',
          connect: { url, username: 'ops' },
          flink: { restUrl: url, sqlGatewayUrl: url },
          schemaRegistry: { url: `${url}/apis/ccompat/v7`, username: 'ops' },
          topicDefaults: { partitions: 1, replicationFactor: 1 },
        },
        { 'connect.password': password, 'schemaRegistry.password': password },
      );
      const err = await expectPlatformError(down.connect!.list());
      assert.strictEqual(err.where, url);
      assert.strictEqual(err.why, 'connection refused');
      assert.strictEqual(
        err.message,
        `list connectors failed at ${url}: connection refused — is the service running? check the profile's URL`,
      );

      const health = await checkHealth(down);
      assert.deepStrictEqual(
        health.map((h) => [h.service, h.ok, h.error?.why]),
        [
          ['connect', false, 'connection refused'],
          ['flink', false, 'connection refused'],
          ['sqlGateway', false, 'connection refused'],
          ['schemaRegistry', false, 'connection refused'],
        ],
      );
      const everything = JSON.stringify(health) + err.message + String(err.stack);
      assert.ok(
        !everything.includes(password) && !everything.includes(encodeURIComponent(password)),
        'the password never appears',
      );
      await down.close();
    });
  });
});
