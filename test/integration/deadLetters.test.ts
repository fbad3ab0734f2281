// Poison messages in the stack's real Kafka and Flink (docs/sql-generation.md "Dead letters"): records the routing
// job cannot read go to the dead-letter topic with their key and value bytes, the reason and where they came from,
// every good record is routed as before, tombstones are skipped, and the job never fails or restarts.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Partitioners, type Admin, type IHeaders, type Kafka } from 'kafkajs';
import { createSqlGatewayClient } from '../../server/src/platform/flink/sqlGatewayClient';
import { loadAvroSchema } from '../../server/src/avro/loadAvroSchema';
import { deadLetterReasonOfText } from '../../server/src/samples/deadLetterReason';
import { DEAD_LETTER_HEADERS } from '../../server/src/sql/deadLetter';
import { splitStatements } from '../../server/src/sql/splitStatements';
import { Cleanup } from './proof/cleanup';
import { cancelJob, jobException, jobState, waitForJobRunning } from './proof/flinkJobs';
import { prepareRoutingJob } from './proof/routingJob';
import { proofKafka } from './proof/topicReader';
import { useStack } from './sharedStack';
import { until } from './until';

const repo = path.resolve(__dirname, '..', '..');
const sample = JSON.parse(
  fs.readFileSync(path.join(repo, 'examples/cdc-streaming/samples/raw-events.jsonl'), 'utf8').split('\n')[0],
) as { eventHeader: Record<string, unknown>; eventBody: Record<string, unknown> };
const schema = loadAvroSchema(
  fs.readFileSync(path.join(repo, 'examples/cdc-streaming/schemas/raw-event.avsc'), 'utf8'),
);
const IDEMPOTENT = { idempotent: true, maxInFlightRequests: 1 } as const;
const PER_KIND = 100;

interface Rec {
  partition: number;
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

function headerText(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k] = Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  return out;
}

/** Reads topics from the beginning into memory (bytes as they are), never committing. */
async function readTopics(kafka: Kafka, topics: string[], cleanup: Cleanup): Promise<Map<string, Rec[]>> {
  const out = new Map<string, Rec[]>(topics.map((t) => [t, []]));
  const seen = new Set<string>();
  const consumer = kafka.consumer({ groupId: `cdc-routing-dlq-reader-${Date.now()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  cleanup.add('disconnect the reader', () => consumer.disconnect());
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: ({ topic, partition, message }) => {
      const at = `${topic}:${partition}:${message.offset}`;
      if (!seen.has(at)) {
        seen.add(at);
        out.get(topic)!.push({
          partition,
          offset: message.offset,
          timestamp: message.timestamp,
          key: message.key,
          value: message.value,
          headers: headerText(message.headers),
        });
      }
      return Promise.resolve();
    },
  });
  return out;
}

/** The bad records, by kind: the value bytes of the i-th and the reason the job must give. */
const BAD_KINDS: { kind: string; value: (i: number) => Buffer; reason: string }[] = [
  { kind: 'not-json', value: (i) => Buffer.from(`not json at all ${i} {`), reason: 'not JSON' },
  { kind: 'empty', value: () => Buffer.alloc(0), reason: 'empty value' },
  { kind: 'array', value: (i) => Buffer.from(`[${i}, 2]`), reason: 'not a JSON object' },
  {
    kind: 'string-for-int',
    value: (i) => event(i, (e) => (e.eventHeader.priority = `high-${i}`)),
    reason: 'wrong type for field eventHeader',
  },
  {
    kind: 'object-for-array',
    value: (i) => event(i, (e) => (e.eventBody.entities = { entityType: 'Loan' })),
    reason: 'wrong type for field eventBody',
  },
  {
    kind: 'epoch-millis-timestamp',
    value: (i) => event(i, (e) => (e.eventHeader.createdDate = 1700000000000 + i)),
    reason: 'wrong type for field eventHeader',
  },
  {
    kind: 'bad-decimal',
    value: (i) => event(i, (e) => (e.eventBody.totalAmount = `lots-${i}`)),
    reason: 'wrong type for field eventBody',
  },
];

function event(i: number, change: (e: typeof sample) => void): Buffer {
  const e = JSON.parse(JSON.stringify(sample)) as typeof sample;
  e.eventHeader.uuid = `dlq-${i}`;
  change(e);
  return Buffer.from(JSON.stringify(e));
}

describe('poison messages: the routing job sends what it cannot read to the dead-letter topic (real Kafka + Flink)', function () {
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

  it('routes every good record, dead-letters every bad one with its bytes, reason and origin, skips tombstones, never restarts', async function () {
    this.timeout(10 * 60_000);
    const source = `dlq-raw-${tag}`;
    const out = `dlq-out-${tag}`;
    const dlq = `${source}.dlq`;
    await admin.createTopics({
      topics: [source, out, dlq].map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })),
      waitForLeaders: true,
    });
    const job = prepareRoutingJob({
      name: 'dlq',
      filtersFile: path.join(repo, 'examples/cdc-streaming/flink-jobs/dlq.yaml'),
      text: [
        `source:\n  topic: ${source}\n  schema: ../schemas/raw-event.avsc\nfilters:`,
        `  - id: everything\n    name: Everything\n    consumerId: all\n    outputTopic: ${out}\n    conditions:\n      - field: eventHeader.uuid\n        operator: exists`,
      ].join('\n'),
      bootstrapServers: endpoints.kafkaBootstrap,
      groupId: `cdc-routing-dlq-${tag}`,
    });
    assert.match(job.sql, /'value.format' = 'cdc-routing-json'/);

    const gateway = createSqlGatewayClient(
      { restUrl: endpoints.flinkRestUrl, sqlGatewayUrl: endpoints.sqlGatewayUrl },
      { statementTimeoutMs: 300_000 },
    );
    const session = await gateway.openSession({});
    cleanup.add('close the gateway session', () => session.close());
    // A Flink process started from a checkout without server/flink/…/DeadLetter*.java lacks the format (the SQL
    // Gateway: no factory 'cdc-routing-json') or its classes (a JobManager/TaskManager: ClassNotFoundException):
    // say so and how to fix it, rather than fail on a planner trace or wait for a job that cannot start.
    const withoutFormat = (err: Error): never => {
      if (/cdc-routing-json|DeadLetterJson/.test(err.message))
        assert.fail(
          "a process of the stack's Flink has no 'cdc-routing-json' format: its functions jar was built from a " +
            'checkout without DeadLetterJsonFormatFactory. Restart it from this one: ' +
            "CDC_ROUTING_STACK_DIR=/work/.stack-shared flock /tmp/cdc-stack.lock sh -c 'npm run stack:down && npm run stack:up'" +
            ` (${err.message.split('\n')[0]})`,
        );
      throw err;
    };
    let jobId: string | undefined;
    for (const s of splitStatements(job.sql)) {
      const r = await session.execute(s).catch(withoutFormat);
      if (r.jobId) jobId = r.jobId;
    }
    assert.ok(jobId, 'no job id');
    cleanup.add('cancel the job', () => cancelJob(endpoints.flinkRestUrl, jobId));
    await waitForJobRunning(endpoints.flinkRestUrl, jobId, 240_000).catch(async (err: Error) =>
      withoutFormat(new Error(`${err.message}\n${await jobException(endpoints.flinkRestUrl, jobId)}`)),
    );

    // 100 of each bad kind and 100 tombstones, interleaved with 200 good events; every record has its own key.
    type Sent = { key: string; value: Buffer | null; kind: string; reason?: string };
    const sent: Sent[] = [];
    for (let i = 0; i < PER_KIND; i++) {
      for (const g of [0, 1]) {
        const n = 2 * i + g;
        sent.push({ key: `good-${n}`, value: event(n, () => undefined), kind: 'good' });
      }
      // Values Flink's json format coerces (numeric text for an INT, a number for a STRING): read, so routed.
      sent.push({
        key: `coerced-${i}`,
        value: event(1000 + i, (e) => {
          e.eventHeader.priority = ` ${i} `;
          e.eventHeader.channel = i;
        }),
        kind: 'good',
      });
      for (const b of BAD_KINDS)
        sent.push({ key: `${b.kind}-${i}`, value: b.value(i), kind: b.kind, reason: b.reason });
      sent.push({ key: `tombstone-${i}`, value: null, kind: 'tombstone' });
    }
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, ...IDEMPOTENT });
    await producer.connect();
    cleanup.add('disconnect the producer', () => producer.disconnect());
    for (let i = 0; i < sent.length; i += 200)
      await producer.send({
        topic: source,
        messages: sent.slice(i, i + 200).map((s) => ({ key: s.key, value: s.value })),
      });

    const topics = await readTopics(kafka, [source, out, dlq], cleanup);
    const good = sent.filter((s) => s.kind === 'good');
    const bad = sent.filter((s) => s.reason);
    await until(
      `all ${sent.length} source records, ${good.length} routed and ${bad.length} dead letters`,
      180_000,
      () =>
        topics.get(source)!.length >= sent.length &&
        topics.get(out)!.length >= good.length &&
        topics.get(dlq)!.length >= bad.length,
      () => ({ source: topics.get(source)!.length, out: topics.get(out)!.length, dlq: topics.get(dlq)!.length }),
    );
    // A moment for anything extra to arrive (a tombstone or a duplicate would show up after the expected ones).
    const settled = [topics.get(out)!.length, topics.get(dlq)!.length];
    await new Promise((r) => setTimeout(r, 3000));
    assert.deepEqual([topics.get(out)!.length, topics.get(dlq)!.length], settled, 'records kept arriving');

    const sourceByKey = new Map(topics.get(source)!.map((r) => [r.key!.toString(), r]));
    // Every good record routed once, with its key.
    const routedKeys = topics
      .get(out)!
      .map((r) => r.key!.toString())
      .sort();
    assert.deepEqual(routedKeys, good.map((g) => g.key).sort());
    // Every bad record in the DLQ once: same key and value bytes, its reason, its source coordinates.
    // The preview and `cdc-routing test` predict each of these outcomes.
    for (const s of sent.filter((x) => x.value !== null))
      assert.equal(deadLetterReasonOfText(s.value!.toString('utf8'), schema), s.reason, `prediction for ${s.key}`);
    const dead = topics.get(dlq)!;
    assert.equal(dead.length, bad.length);
    const deadByKey = new Map(dead.map((r) => [r.key!.toString(), r]));
    assert.equal(deadByKey.size, bad.length, 'a bad record is in the DLQ twice');
    for (const b of bad) {
      const d = deadByKey.get(b.key);
      assert.ok(d, `${b.key} (${b.kind}) is not in the DLQ`);
      const src = sourceByKey.get(b.key)!;
      assert.ok(d.value?.equals(b.value!), `${b.key}: the DLQ value is not the original bytes`);
      assert.deepEqual(
        {
          reason: d.headers[DEAD_LETTER_HEADERS.reason],
          topic: d.headers[DEAD_LETTER_HEADERS.topic],
          partition: d.headers[DEAD_LETTER_HEADERS.partition],
          offset: d.headers[DEAD_LETTER_HEADERS.offset],
          timestamp: d.headers[DEAD_LETTER_HEADERS.timestamp],
        },
        {
          reason: b.reason,
          topic: source,
          partition: String(src.partition),
          offset: src.offset,
          timestamp: src.timestamp,
        },
        `${b.key} (${b.kind})`,
      );
    }
    // Tombstones: neither routed nor dead-lettered.
    assert.ok(![...deadByKey.keys(), ...routedKeys].some((k) => k.startsWith('tombstone-')));
    // The job ran through all of it: still RUNNING, no restart, no exception.
    const state = await jobState(endpoints.flinkRestUrl, jobId);
    assert.equal(state.state, 'RUNNING');
    const job2 = (await (await fetch(`${endpoints.flinkRestUrl}/jobs/${jobId}`)).json()) as Record<string, unknown>;
    const exceptions = (await (
      await fetch(`${endpoints.flinkRestUrl}/jobs/${jobId}/exceptions?maxExceptions=5`)
    ).json()) as { exceptionHistory?: { entries?: unknown[] } };
    assert.deepEqual(exceptions.exceptionHistory?.entries ?? [], [], 'the job recorded exceptions');
    // Flink 1.20 REST: a job's restart count (absent on some builds; the exception history above covers it then).
    if (typeof job2['numRestarts'] === 'number') assert.equal(job2['numRestarts'], 0);
    // The source is read once: one source vertex whatever the sinks.
    const plan = (await (await fetch(`${endpoints.flinkRestUrl}/jobs/${jobId}/plan`)).json()) as {
      plan: { nodes: { description: string }[] };
    };
    const sources = plan.plan.nodes.filter((n) => /TableSourceScan|Source:/.test(n.description));
    const described = plan.plan.nodes.map((n) => n.description.slice(0, 100)).join('\n');
    assert.equal(sources.length, 1, described);
    // …and everything chained to it: the dead-letter sink adds no vertex (docs/sql-generation.md "The job's shape").
    assert.equal(plan.plan.nodes.length, 1, described);
  });
});
