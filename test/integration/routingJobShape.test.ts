// The routing job at scale (docs/sql-generation.md "The job's shape"), in the stack's real Kafka and Flink: every
// routed record keeps its source record's key, partition choice, order and headers, and the job graph stays the
// same from 10 to 1,000 filters while routing each event exactly as the evaluator does.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Partitioners, type Admin, type IHeaders, type Kafka } from 'kafkajs';
import { createSqlGatewayClient } from '../../server/src/platform/flink/sqlGatewayClient';
import { splitStatements } from '../../server/src/sql/splitStatements';
import { Cleanup } from './proof/cleanup';
import { cancelJob, waitForJobRunning } from './proof/flinkJobs';
import { manyFilters } from './proof/manyFilters';
import { prepareRoutingJob, type RoutingJob } from './proof/routingJob';
import { proofKafka } from './proof/topicReader';
import { useStack } from './sharedStack';
import { until } from './until';

const repo = path.resolve(__dirname, '..', '..');
const flinkJobsDir = path.join(repo, 'examples/cdc-streaming/flink-jobs');
const samples = fs
  .readFileSync(path.join(repo, 'examples/cdc-streaming/samples/raw-events.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as RawEvent);
// A produce request retried under load (a slow fresh broker) would otherwise write its batch twice: the source would
// hold duplicates that no job wrote.
const IDEMPOTENT = { idempotent: true, maxInFlightRequests: 1 } as const;
const log = (m: string) => process.stdout.write(`      · ${m}\n`);

interface RawEvent {
  eventHeader: { uuid: string; eventName: string; priority?: number | null; [k: string]: unknown };
  eventBody: {
    entities?: { entityType: string; entityId: string; [k: string]: unknown }[] | null;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

interface Routed {
  topic: string;
  partition: number;
  key: Buffer | null;
  headers: Record<string, string>;
  value: RawEvent & { filterMetadata: { filterId: string; consumerId: string; routedAt: string } };
}

function headerText(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k] = Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  return out;
}

/** Reads topics from the beginning into memory, with key bytes and headers, never committing. */
async function readTopics(kafka: Kafka, topics: string[], cleanup: Cleanup): Promise<Routed[]> {
  const records: Routed[] = [];
  const seen = new Set<string>();
  const consumer = kafka.consumer({ groupId: `cdc-routing-shape-reader-${Date.now()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  cleanup.add('disconnect the shape reader', () => consumer.disconnect());
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, partition, message }) => {
      // A group rebalance hands a partition back from its start (nothing is committed): a record at an offset
      // already read is that record again, not a duplicate the job wrote.
      const at = `${topic}:${partition}:${message.offset}`;
      if (seen.has(at)) return;
      seen.add(at);
      records.push({
        topic,
        partition,
        key: message.key,
        headers: headerText(message.headers),
        value: JSON.parse(message.value!.toString('utf8')) as Routed['value'],
      });
    },
  });
  return records;
}

async function createTopics(admin: Admin, topics: { topic: string; numPartitions: number }[]): Promise<void> {
  await admin.createTopics({
    topics: topics.map((t) => ({ ...t, replicationFactor: 1 })),
    waitForLeaders: true,
  });
}

/** Submits a generated script through the product's SQL Gateway client; resolves when every task runs. */
async function submit(
  job: RoutingJob,
  endpoints: { flinkRestUrl: string; sqlGatewayUrl: string },
  cleanup: Cleanup,
): Promise<{ jobId: string; ms: number }> {
  const began = Date.now();
  const gateway = createSqlGatewayClient(
    { restUrl: endpoints.flinkRestUrl, sqlGatewayUrl: endpoints.sqlGatewayUrl },
    { statementTimeoutMs: 300_000 },
  );
  const session = await gateway.openSession({});
  cleanup.add(`close the gateway session of ${job.name}`, () => session.close());
  let jobId: string | undefined;
  for (const s of splitStatements(job.sql)) {
    const r = await session.execute(s);
    if (r.jobId) jobId = r.jobId;
  }
  assert.ok(jobId, `${job.name}: no job id`);
  cleanup.add(`cancel ${job.name}`, () => cancelJob(endpoints.flinkRestUrl, jobId));
  await waitForJobRunning(endpoints.flinkRestUrl, jobId, 240_000);
  return { jobId, ms: Date.now() - began };
}

async function jobGraph(flinkRestUrl: string, jobId: string): Promise<{ vertices: number; names: string[] }> {
  const res = await fetch(`${flinkRestUrl}/jobs/${jobId}/plan`);
  const plan = (await res.json()) as { plan: { nodes: { description: string }[] } };
  return { vertices: plan.plan.nodes.length, names: plan.plan.nodes.map((n) => n.description.slice(0, 80)) };
}

/** How often a running job restarted (Flink's exception history) and the first line of each cause. */
async function jobRestarts(flinkRestUrl: string, jobId: string): Promise<{ count: number; causes: string[] }> {
  const res = await fetch(`${flinkRestUrl}/jobs/${jobId}/exceptions?maxExceptions=20`);
  const body = (await res.json()) as {
    exceptionHistory?: { entries?: { exceptionName?: string; stacktrace?: string }[] };
  };
  const entries = body.exceptionHistory?.entries ?? [];
  return {
    count: entries.length,
    causes: entries.map((e) => (e.stacktrace ?? e.exceptionName ?? '').split('\n').slice(0, 3).join(' / ')),
  };
}

describe('the routing job at scale: one sink, the source key, order and headers kept (real Kafka + Flink)', function () {
  const cleanup = new Cleanup();
  const tag = Date.now().toString(36);
  let kafka: Kafka;
  let admin: Admin;
  let endpoints: Awaited<ReturnType<typeof useStack>>;

  before(async function () {
    this.timeout(5 * 60_000);
    endpoints = await useStack();
    kafka = proofKafka(endpoints.kafkaBootstrap);
    admin = kafka.admin();
    await admin.connect();
    cleanup.add('disconnect the admin', () => admin.disconnect());
  });

  after(async function () {
    this.timeout(3 * 60_000);
    const failures = await cleanup.runAll();
    assert.deepEqual(failures, []);
  });

  it("keeps each routed record's key, its partition (Kafka's default partitioner), per-entity order and headers", async function () {
    this.timeout(8 * 60_000);
    const source = `shape-raw-${tag}`;
    const [outA, outB] = [`shape-a-${tag}`, `shape-b-${tag}`];
    await createTopics(admin, [
      { topic: source, numPartitions: 6 },
      { topic: outA, numPartitions: 4 },
      { topic: outB, numPartitions: 3 },
    ]);
    const text = [
      `source:\n  topic: ${source}\n  schema: ../schemas/raw-event.avsc\nfilters:`,
      `  - id: loans\n    name: Loans\n    consumerId: loan-consumer\n    outputTopic: ${outA}\n    conditions:\n      - field: eventHeader.eventName\n        operator: in\n        values: [LoanCreated, LoanPaymentSubmitted]`,
      `  - id: prioritised\n    name: Prioritised\n    consumerId: audit-consumer\n    outputTopic: ${outA}\n    conditions:\n      - field: eventHeader.priority\n        operator: greaterThanOrEqual\n        value: 0`,
      `  - id: loan-entities\n    name: Loan entities\n    consumerId: loan-consumer\n    outputTopic: ${outB}\n    conditions:\n      - field: eventBody.entities[].entityType\n        operator: equals\n        value: Loan`,
    ].join('\n');
    const job = prepareRoutingJob({
      name: 'shape',
      filtersFile: path.join(flinkJobsDir, 'shape.yaml'),
      text,
      bootstrapServers: endpoints.kafkaBootstrap,
      groupId: `cdc-routing-shape-${tag}`,
    });
    // 60 entities × 15 updates, interleaved; each entity's events carry its id as the key and a sequence header.
    const loan = samples.find((e) => e.eventBody.entities?.[0]?.entityType === 'Loan')!;
    const events: { key: string; seq: number; event: RawEvent; headers: Record<string, string> }[] = [];
    for (let seq = 0; seq < 15; seq++) {
      for (let entity = 0; entity < 60; entity++) {
        const event = JSON.parse(JSON.stringify(loan)) as RawEvent;
        event.eventHeader.uuid = `${tag}-${entity}-${seq}`;
        event.eventHeader.eventName = ['LoanCreated', 'LoanPaymentSubmitted', 'CarUpdated'][(entity + seq) % 3];
        event.eventHeader.priority = (entity * seq) % 4 === 0 ? null : seq;
        event.eventBody.entities = [
          { ...loan.eventBody.entities![0], entityType: entity % 2 === 0 ? 'Loan' : 'Car', entityId: `e-${entity}` },
          // two elements of the same kind: the array rule still routes the event once
          ...(entity % 4 === 0
            ? [{ ...loan.eventBody.entities![0], entityType: 'Loan', entityId: `e-${entity}-b` }]
            : []),
        ];
        events.push({
          key: `entity-${entity}`,
          seq,
          event,
          headers: { 'trace-id': event.eventHeader.uuid, seq: String(seq) },
        });
      }
    }
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, ...IDEMPOTENT });
    await producer.connect();
    cleanup.add('disconnect the producer', () => producer.disconnect());
    await producer.send({
      topic: source,
      messages: events.map((e) => ({ key: e.key, value: JSON.stringify(e.event), headers: e.headers })),
    });
    const { jobId } = await submit(
      { ...job, sql: job.sql.replace("'group-offsets'", "'earliest-offset'") },
      endpoints,
      cleanup,
    );
    log(`job ${jobId} running`);

    const now = Date.now();
    const router = job.router(() => now);
    const expected: { topic: string; filterId: string; key: string; uuid: string }[] = [];
    for (const e of events)
      for (const f of router.filters)
        if (f.matches(e.event, now))
          expected.push({
            topic: f.filter.outputTopic,
            filterId: f.filter.id,
            key: e.key,
            uuid: e.event.eventHeader.uuid,
          });
    const records = await readTopics(kafka, [outA, outB], cleanup);
    await until(
      `${expected.length} routed records`,
      180_000,
      () => records.length >= expected.length,
      () => records.length,
    );
    assert.equal(records.length, expected.length, 'every routed record once');

    const partitioner = Partitioners.DefaultPartitioner();
    const partitionsOf = new Map([
      [outA, 4],
      [outB, 3],
    ]);
    const byUuid = new Map(events.map((e) => [e.event.eventHeader.uuid, e]));
    for (const r of records) {
      const src = byUuid.get(r.value.eventHeader.uuid)!;
      assert.equal(r.key?.toString('utf8'), src.key, 'the source key bytes');
      assert.deepEqual(r.headers, src.headers, 'the source headers');
      const n = partitionsOf.get(r.topic)!;
      const want = partitioner({
        topic: r.topic,
        partitionMetadata: Array.from({ length: n }, (_, partitionId) => ({
          partitionId,
          leader: 0,
          partitionErrorCode: 0,
          replicas: [0],
          isr: [0],
        })),
        message: { key: src.key, value: null },
      });
      assert.equal(r.partition, want, `${r.topic}: ${src.key} on the partition Kafka's default partitioner picks`);
    }
    // Per routed topic, filter and entity: the source order.
    const order = (list: { topic: string; filterId: string; key: string; uuid: string }[]) => {
      const m = new Map<string, string[]>();
      for (const x of list) {
        const k = `${x.topic} ${x.filterId} ${x.key}`;
        m.set(k, [...(m.get(k) ?? []), x.uuid]);
      }
      return m;
    };
    const got = order(
      records.map((r) => ({
        topic: r.topic,
        filterId: r.value.filterMetadata.filterId,
        key: r.key!.toString('utf8'),
        uuid: r.value.eventHeader.uuid,
      })),
    );
    const want = order(expected);
    assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
    for (const [k, uuids] of want) assert.deepEqual(got.get(k), uuids, `order of ${k}`);
    log(`${records.length} routed records over ${want.size} (topic, filter, entity) sequences, all in source order`);
  });

  it('has the same job graph at 10 and 1,000 filters and routes 1,000 filters like the evaluator, event by event', async function () {
    this.timeout(15 * 60_000);
    const source = `shape-many-${tag}`;
    const topicOf = (i: number) => `shape-out-${i % 100}-${tag}`;
    // the 10-filter job, only planned and cancelled, writes elsewhere
    const smallTopicOf = (i: number) => `shape-ten-${i}-${tag}`;
    await createTopics(admin, [
      { topic: source, numPartitions: 3 },
      ...Array.from({ length: 100 }, (_, i) => ({ topic: topicOf(i), numPartitions: 1 })),
      ...Array.from({ length: 10 }, (_, i) => ({ topic: smallTopicOf(i), numPartitions: 1 })),
    ]);
    const events = samples.map((e, i) => {
      const copy = JSON.parse(JSON.stringify(e)) as RawEvent;
      copy.eventHeader.uuid = `${e.eventHeader.uuid.slice(0, 8)}-${tag}-${i}`;
      return copy;
    });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, ...IDEMPOTENT });
    await producer.connect();
    cleanup.add('disconnect the producer', () => producer.disconnect());
    await producer.send({
      topic: source,
      messages: events.map((e) => ({ key: e.eventHeader.uuid, value: JSON.stringify(e) })),
    });
    const sourceRecords = (await admin.fetchTopicOffsets(source)).reduce((n, p) => n + Number(p.high), 0);
    assert.equal(sourceRecords, events.length, 'the source topic holds each event once');
    const graphs: Record<number, { vertices: number; names: string[] }> = {};
    let many: RoutingJob | undefined;
    let manyJobId = '';
    for (const n of [10, 1000]) {
      const job = prepareRoutingJob({
        name: `shape-${n}`,
        filtersFile: path.join(flinkJobsDir, `shape-${n}.yaml`),
        text: manyFilters(n, source, n === 10 ? smallTopicOf : topicOf),
        bootstrapServers: endpoints.kafkaBootstrap,
        groupId: `cdc-routing-shape-${n}-${tag}`,
      });
      const { jobId, ms } = await submit(
        { ...job, sql: job.sql.replace("'group-offsets'", "'earliest-offset'") },
        endpoints,
        cleanup,
      );
      graphs[n] = await jobGraph(endpoints.flinkRestUrl, jobId);
      log(
        `${n} filters: job running ${(ms / 1000).toFixed(1)} s after the session opened, ${graphs[n].vertices} vertex(es)`,
      );
      if (n === 10) await cancelJob(endpoints.flinkRestUrl, jobId);
      else {
        many = job;
        manyJobId = jobId;
      }
    }
    assert.equal(graphs[1000].vertices, graphs[10].vertices, `vertices: ${JSON.stringify(graphs)}`);
    assert.equal(graphs[10].vertices, 1, 'source, evaluation and sink chained in one task: no shuffle');

    const now = Date.now();
    const router = many!.router(() => now);
    const expected = new Set<string>();
    for (const e of events)
      for (const f of router.filters) if (f.matches(e, now)) expected.add(`${f.filter.id} ${e.eventHeader.uuid}`);
    const records = await readTopics(
      kafka,
      Array.from({ length: 100 }, (_, i) => topicOf(i)),
      cleanup,
    );
    await until(
      `${expected.size} routed records`,
      300_000,
      () => records.length >= expected.size,
      () => records.length,
    );
    const got = records.map((r) => `${r.value.filterMetadata.filterId} ${r.value.eventHeader.uuid}`);
    const wrongTopic = records.filter((r) => r.topic !== topicOf(Number(r.value.filterMetadata.filterId.slice(1))));
    const gotSet = new Set(got);
    const missing = [...expected].filter((k) => !gotSet.has(k));
    const extra = got.filter((k) => !expected.has(k));
    log(`1,000 filters × ${events.length} events: ${expected.size} routings expected, ${got.length} received`);
    // A record routed twice at two offsets is the job writing it twice: a restart replaying from the last checkpoint
    // (at-least-once) would do that, so say whether the job restarted and why before comparing.
    const restarts = await jobRestarts(endpoints.flinkRestUrl, manyJobId);
    if (restarts.count > 0) log(`the job restarted ${restarts.count} time(s): ${restarts.causes.join(' | ')}`);
    assert.deepEqual(
      { missing: missing.slice(0, 10), extra: extra.slice(0, 10), wrongTopic: wrongTopic.length },
      { missing: [], extra: [], wrongTopic: 0 },
    );
    assert.equal(
      got.length,
      expected.size,
      `no duplicates; the job restarted ${restarts.count} time(s)${restarts.count ? `: ${restarts.causes[0]}` : ''}`,
    );
  });
});
