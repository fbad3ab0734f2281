import * as assert from 'assert';
import { Kafka, logLevel } from 'kafkajs';
import type {
  ConnectorsResult,
  FlinkJobsResult,
  HealthResult,
  ProduceSampleResult,
  TopicsResult,
} from '../../server/src/protocol';
import { FILTERED_TOPICS, RAW_TOPIC, type StackEndpoints } from '../../stack/index';
import { useStack } from './sharedStack';
import { startSidebarServer, until, valueOf, type SidebarServer } from './sidebarSession';
import { SqlGatewaySession } from './stackSqlGateway';

const CONNECTOR = 'postgres-source-connector';
const JOB_NAME = 'cdc-routing-sidebar-test';

describe('sidebar against the local stack (real server over stdio)', function () {
  let endpoints: StackEndpoints;
  let server: SidebarServer;
  let kafka: Kafka;

  before(async () => {
    endpoints = await useStack();
    server = await startSidebarServer();
    kafka = new Kafka({ brokers: [endpoints.kafkaBootstrap], logLevel: logLevel.NOTHING, clientId: 'sidebar-test' });
  });
  after(async () => {
    await server?.stop();
  });

  /** Kafka's own count: end minus start offset, summed over partitions. */
  async function kafkaCount(topic: string): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
    } finally {
      await admin.disconnect();
    }
  }

  it('Pipeline: every service of the local profile is up, with its version and latency', async () => {
    const health = valueOf(await server.ask<HealthResult>('health'));
    assert.strictEqual(health.profile, 'local');
    assert.deepStrictEqual(
      health.services.map((s) => s.service),
      ['kafka', 'connect', 'flink', 'sqlGateway', 'schemaRegistry'],
    );
    for (const s of health.services) {
      assert.ok(s.ok, `${s.service} down: ${JSON.stringify(s.error)}`);
      assert.ok(s.version, `${s.service} has no version`);
      assert.ok(typeof s.latencyMs === 'number' && s.latencyMs >= 0);
    }
    assert.strictEqual(health.services.find((s) => s.service === 'flink')?.version?.startsWith('1.'), true);
  });

  it("Topics: the source topic and the filtered topics first, marked with their filters; counts equal Kafka's offsets", async () => {
    const { topics } = valueOf(await server.ask<TopicsResult>('topics'));
    const names = topics.map((t) => t.name);
    assert.strictEqual(names[0], RAW_TOPIC);
    assert.deepStrictEqual(names.slice(1, 1 + FILTERED_TOPICS.length).sort(), [...FILTERED_TOPICS].sort());
    assert.deepStrictEqual(
      topics[0].uses.map((u) => u.role),
      ['reads'],
    );
    const loans = topics.find((t) => t.name === 'filtered-loan-events')!;
    assert.ok(
      loans.uses.some((u) => u.role === 'writes' && u.filterId === 'loan-events-filter'),
      JSON.stringify(loans.uses),
    );
    for (const t of topics.slice(0, 5)) {
      assert.strictEqual(t.messageCount, await kafkaCount(t.name), `${t.name}: count`);
      assert.strictEqual(t.partitions, 3);
    }
    assert.ok(!names.includes('__consumer_offsets'));
  });

  it('Produce Sample Event: the raw topic counts one more, with a last message time', async () => {
    const before = valueOf(await server.ask<TopicsResult>('topics')).topics.find(
      (t) => t.name === RAW_TOPIC,
    )!.messageCount;
    const sent = valueOf(await server.ask<ProduceSampleResult>('produceSample', { filtersUri: server.filtersUri }));
    assert.strictEqual(sent.topic, RAW_TOPIC);
    assert.match(sent.sample, /^samples\/raw-events\.jsonl:\d+$/);
    const after = await until(
      'raw topic count +1',
      async () => valueOf(await server.ask<TopicsResult>('topics')).topics.find((t) => t.name === RAW_TOPIC)!,
      (t) => t.messageCount >= before + 1,
      20_000,
    );
    assert.strictEqual(after.messageCount, before + 1);
    assert.strictEqual(after.messageCount, await kafkaCount(RAW_TOPIC));
    assert.ok(
      after.lastMessageTime && Math.abs(Date.now() - after.lastMessageTime) < 60_000,
      `last message time ${after.lastMessageTime}`,
    );
  });

  it('Connectors: the example connector RUNNING with a running task on a worker; restart brings it back RUNNING', async () => {
    const { connectors } = valueOf(await server.ask<ConnectorsResult>('connectors'));
    const pg = connectors.find((c) => c.name === CONNECTOR);
    assert.ok(pg, `connectors: ${connectors.map((c) => c.name).join(',')}`);
    assert.strictEqual(pg.state, 'RUNNING');
    assert.strictEqual(pg.type, 'source');
    assert.ok(pg.workerId);
    assert.ok(
      pg.tasks.length >= 1 && pg.tasks.every((t) => t.state === 'RUNNING' && t.workerId),
      JSON.stringify(pg.tasks),
    );

    valueOf(await server.ask('connectorAction', { name: CONNECTOR, action: 'restart' }));
    await until(
      'connector RUNNING after restart',
      async () =>
        valueOf(await server.ask<ConnectorsResult>('connectors')).connectors.find((c) => c.name === CONNECTOR),
      (c) => c?.state === 'RUNNING' && c.tasks.length > 0 && c.tasks.every((t) => t.state === 'RUNNING'),
      60_000,
    );
  });

  it('Connectors: pause shows PAUSED, resume shows RUNNING again', async () => {
    valueOf(await server.ask('connectorAction', { name: CONNECTOR, action: 'pause' }));
    const find = async () =>
      valueOf(await server.ask<ConnectorsResult>('connectors')).connectors.find((c) => c.name === CONNECTOR);
    await until('connector PAUSED', find, (c) => c?.state === 'PAUSED', 30_000);
    valueOf(await server.ask('connectorAction', { name: CONNECTOR, action: 'resume' }));
    await until('connector RUNNING again', find, (c) => c?.state === 'RUNNING', 30_000);
  });

  it("Show Config and Compare: the running config and the workspace JSON with the local profile's overrides, no password in clear", async () => {
    const config = valueOf(await server.ask<Record<string, string>>('connectorConfig', { name: CONNECTOR }));
    assert.strictEqual(config['connector.class'], 'io.debezium.connector.postgresql.PostgresConnector');
    const cmp = valueOf(
      await server.ask<{ running: Record<string, string>; workspace: Record<string, string>; workspaceFile: string }>(
        'connectorCompare',
        { name: CONNECTOR, filtersUri: server.filtersUri },
      ),
    );
    assert.match(cmp.workspaceFile, /connectors[\\/]postgres-source-connector\.json$/);
    assert.strictEqual(
      cmp.workspace['database.hostname'],
      '127.0.0.1',
      "the profile override, not the file's Docker host",
    );
    assert.strictEqual(cmp.workspace['database.port'], String(endpoints.postgres.port));
    assert.strictEqual(cmp.running['database.port'], String(endpoints.postgres.port));
    // a password is shown only as a config-provider placeholder or masked
    for (const c of [config, cmp.running, cmp.workspace])
      assert.match(c['database.password'] ?? '****', /^(\$\{env:[^}]+\}|\*{4,})$/);
  });

  describe('Flink Jobs', () => {
    let jobId: string | undefined;
    after(async () => {
      if (jobId)
        await fetch(`${endpoints.flinkRestUrl}/jobs/${jobId}?mode=cancel`, { method: 'PATCH' }).catch(() => undefined);
    });

    /** A tiny unbounded job (datagen → blackhole) submitted straight through the SQL Gateway. */
    async function submitTickJob(name: string): Promise<string> {
      const gateway = await SqlGatewaySession.open(endpoints.sqlGatewayUrl, { 'pipeline.name': name });
      try {
        for (const statement of [
          "CREATE TEMPORARY TABLE ticks (n BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '1')",
          "CREATE TEMPORARY TABLE sink (n BIGINT) WITH ('connector' = 'blackhole')",
        ]) {
          const r = await gateway.run(statement);
          assert.ok(r.ok, r.error);
        }
        const submitted = await gateway.run('INSERT INTO sink SELECT n FROM ticks', { maxRows: 1 });
        assert.ok(submitted.ok && submitted.jobId, submitted.error);
        return submitted.jobId;
      } finally {
        await gateway.close();
      }
    }

    const stateOf = async (id: string) =>
      valueOf(await server.ask<FlinkJobsResult>('flinkJobs')).jobs.find((j) => j.id === id);

    it('a job submitted through the SQL Gateway is listed RUNNING with its start time; Cancel ends it', async () => {
      jobId = await submitTickJob(JOB_NAME);
      const listed = await until(
        'job listed RUNNING',
        async () => valueOf(await server.ask<FlinkJobsResult>('flinkJobs')),
        (r) => r.jobs.some((j) => j.id === jobId && j.state === 'RUNNING'),
        60_000,
      );
      const job = listed.jobs.find((j) => j.id === jobId)!;
      assert.strictEqual(job.name, JOB_NAME);
      assert.ok(Math.abs(Date.now() - job.startTime) < 120_000);
      assert.strictEqual(job.restarts ?? 0, 0);
      assert.ok(listed.jobUrls[jobId]?.startsWith(endpoints.flinkRestUrl), listed.jobUrls[jobId]);

      const exceptions = valueOf(await server.ask<unknown[]>('flinkJobExceptions', { id: jobId }));
      assert.ok(Array.isArray(exceptions));

      valueOf(await server.ask('flinkJobAction', { id: jobId, action: 'cancel' }));
      await until(
        'job CANCELED',
        () => stateOf(jobId!),
        (j) => j?.state === 'CANCELED',
        60_000,
      );
      jobId = undefined;
    });

    it('Stop with Savepoint answers with the savepoint written, and the job is listed FINISHED', async () => {
      jobId = await submitTickJob(`${JOB_NAME}-savepoint`);
      await until(
        'job RUNNING',
        () => stateOf(jobId!),
        (j) => j?.state === 'RUNNING',
        60_000,
      );
      // a job is RUNNING before its tasks are; a savepoint needs every task running
      await until(
        'all tasks running',
        async () =>
          (
            (await (await fetch(`${endpoints.flinkRestUrl}/jobs/${jobId}`)).json()) as {
              vertices: { status: string }[];
            }
          ).vertices,
        (vs) => vs.length > 0 && vs.every((v) => v.status === 'RUNNING'),
        60_000,
      );
      const { savepointPath } = valueOf(
        await server.ask<{ savepointPath?: string }>('flinkJobAction', { id: jobId, action: 'stopWithSavepoint' }),
      );
      assert.match(savepointPath ?? '', /savepoint-/);
      await until(
        'job FINISHED',
        () => stateOf(jobId!),
        (j) => j?.state === 'FINISHED',
        60_000,
      );
      jobId = undefined;
    });
  });
});
