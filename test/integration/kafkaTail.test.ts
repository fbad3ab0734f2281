import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import avro from 'avsc';
import { Kafka, logLevel } from 'kafkajs';
import { loadAvroSchema } from '../../server/src/avro/loadAvroSchema';
import { bindFilters } from '../../server/src/binding/bindFilters';
import { parseFilters } from '../../server/src/model/parseFilters';
import { createPlatform } from '../../server/src/platform/createPlatform';
import type { KafkaPlatform, TailMessage, TailOptions, TopicTail } from '../../server/src/platform/kafka/kafkaTypes';
import { localProfile } from '../../server/src/platform/localProfile';
import type { Platform } from '../../server/src/platform/platform';
import { compileRouting } from '../../server/src/routing/compileFilters';
import {
  TailErrorNotification,
  TailMessagesNotification,
  TailStartRequest,
  TailStopRequest,
  type TailErrorParams,
  type TailMessagesParams,
  type TailStartResult,
} from '../../server/src/protocol';
import { FILTERED_TOPICS, RAW_TOPIC, stopStackServices, type StackEndpoints } from '../../stack/index';
import { fileUri, openCopy, closeCopy, REPO, type LspSession } from '../lsp/lspSession';
import { useStack } from './sharedStack';
// the LSP and CLI parts drive the bundles users get: never stale ones
import '../setup/buildBundles';
import { until } from './until';

const RUN = Date.now().toString(36);
const topicName = (what: string) => `h2-tail-${what}-${RUN}`;

/** A tail with everything it delivered, in order. */
class Recorder {
  readonly messages: TailMessage[] = [];
  readonly errors: Error[] = [];
  constructor(readonly tail: TopicTail) {
    tail.onMessages((batch) => this.messages.push(...batch));
    tail.onError((e) => this.errors.push(e));
  }

  static async start(kafka: KafkaPlatform, options: TailOptions): Promise<Recorder> {
    return new Recorder(await kafka.tail(options));
  }

  count(n: number, timeoutMs = 15_000): Promise<TailMessage[]> {
    return until(
      `${n} messages`,
      timeoutMs,
      () => this.messages.length >= n && this.messages,
      () => this.messages.map((m) => `${m.partition}@${m.offset}:${m.key}`),
    );
  }
}

const keysOf = (ms: TailMessage[]) => ms.map((m) => m.key).sort();
const messagesNamed = (prefix: string, n: number, partition?: number) =>
  Array.from({ length: n }, (_, i) => ({
    key: `${prefix}-${i}`,
    value: JSON.stringify({ prefix, i }),
    headers: { source: 'h2-test' },
    partition,
  }));

describe('Kafka platform and the group-less tail against the local stack', () => {
  let endpoints: StackEndpoints;
  let platform: Platform;
  let kafka: KafkaPlatform;
  const recorders: Recorder[] = [];
  let groupsBefore: string[] = [];
  const record = async (options: TailOptions) => {
    const r = await Recorder.start(kafka, options);
    recorders.push(r);
    return r;
  };

  before(async function () {
    this.timeout(300_000);
    endpoints = await useStack();
    assert.equal(
      localProfile().kafka!.bootstrapServers[0],
      endpoints.kafkaBootstrap,
      'the local profile names the stack this test started',
    );
    platform = createPlatform(localProfile());
    kafka = platform.kafka!;
    const admin = new Kafka({
      clientId: 'h2-check',
      brokers: [endpoints.kafkaBootstrap],
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    groupsBefore = (await admin.listGroups()).groups.map((g) => g.groupId);
    await admin.disconnect();
    const created = await kafka.createTopics(
      ['counts', 'latest', 'beginning', 'time', 'offset', 'pause', 'parts', 'avro'].map((w) => ({
        name: topicName(w),
        partitions: 3,
        replicationFactor: 1,
      })),
    );
    assert.equal(created.length, 8);
  });

  afterEach(async () => {
    await Promise.all(recorders.splice(0).map((r) => r.tail.stop()));
  });

  after(async () => {
    await platform?.close();
  });

  it('health names the Kafka release the stack runs, the broker count and the cluster', async () => {
    const h = await kafka.health();
    assert.equal(h.ok, true, JSON.stringify(h.error));
    // The stack's Kafka release, from the pom its jars are resolved with (e.g. 3.8.1 → "3.8").
    const pom = fs.readFileSync(path.resolve(__dirname, '../../stack/maven/kafka.xml'), 'utf8');
    const release = /<artifactId>kafka_[\d.]+<\/artifactId><version>(\d+\.\d+)/.exec(pom)?.[1];
    assert.ok(release, 'the Kafka version in stack/maven/kafka.xml');
    assert.equal(h.version, release);
    assert.match(h.detail ?? '', /^1 broker, controller \d+, cluster \S+$/);
  });

  it('createTopics creates only the missing topics', async () => {
    assert.deepEqual(
      await kafka.createTopics([{ name: topicName('counts'), partitions: 3, replicationFactor: 1 }]),
      [],
    );
  });

  it('listTopics shows the example topics and counts produced messages per topic, with the newest time', async () => {
    const before = Date.now();
    await kafka.produce(topicName('counts'), messagesNamed('c', 25));
    const after = Date.now();
    const topics = await kafka.listTopics();
    const byName = new Map(topics.map((t) => [t.name, t]));
    for (const name of [RAW_TOPIC, ...FILTERED_TOPICS]) {
      assert.ok(byName.has(name), `${name} is listed`);
      assert.equal(byName.get(name)!.internal, false);
    }
    const counts = byName.get(topicName('counts'))!;
    assert.deepEqual(
      { partitions: counts.partitions, replicationFactor: counts.replicationFactor, messageCount: counts.messageCount },
      { partitions: 3, replicationFactor: 1, messageCount: 25 },
    );
    assert.ok(
      counts.lastMessageTime! >= before - 1 && counts.lastMessageTime! <= after + 1,
      `newest time ${counts.lastMessageTime} within the produce call`,
    );
    assert.equal(byName.get(topicName('latest'))!.messageCount, 0);
    assert.equal(byName.get(topicName('latest'))!.lastMessageTime, undefined);
    assert.equal(byName.get('__consumer_offsets')?.internal ?? true, true);
  });

  it('a tail from latest receives exactly the messages produced after it started, in partition order', async () => {
    const topic = topicName('latest');
    await kafka.produce(topic, messagesNamed('old', 5));
    const r = await record({ topic, start: { kind: 'latest' } });
    const sent = messagesNamed('new', 30);
    await kafka.produce(topic, sent);
    const got = await r.count(30);
    assert.deepEqual(keysOf(got), sent.map((m) => m.key).sort());
    for (const p of [0, 1, 2]) {
      const offsets = got.filter((m) => m.partition === p).map((m) => Number(m.offset));
      assert.deepEqual(
        offsets,
        [...offsets].sort((a, b) => a - b),
        `partition ${p} in offset order`,
      );
    }
    const first = got.find((m) => m.key === 'new-0')!;
    assert.equal(first.encoding, 'json');
    assert.deepEqual(JSON.parse(first.value!), { prefix: 'new', i: 0 });
    assert.deepEqual(first.headers, { source: 'h2-test' });
  });

  it('from beginning starts at the first record of each partition', async () => {
    const topic = topicName('beginning');
    await kafka.produce(topic, messagesNamed('b', 12));
    const r = await record({ topic, start: { kind: 'beginning' } });
    assert.deepEqual(
      keysOf(await r.count(12)),
      messagesNamed('b', 12)
        .map((m) => m.key)
        .sort(),
    );
  });

  it('from a timestamp starts at the first record at or after it', async () => {
    const topic = topicName('time');
    await kafka.produce(topic, messagesNamed('early', 10));
    const t = Date.now() + 1;
    await until('the clock to pass the early records', 1000, () => Date.now() > t);
    await kafka.produce(topic, messagesNamed('late', 7));
    const r = await record({ topic, start: { kind: 'timestamp', ms: t } });
    assert.deepEqual(
      keysOf(await r.count(7)),
      messagesNamed('late', 7)
        .map((m) => m.key)
        .sort(),
    );
    assert.ok(r.messages.every((m) => m.timestamp >= t));
  });

  it('from an offset starts there on every partition (clamped to what each has)', async () => {
    const topic = topicName('offset');
    await kafka.produce(topic, messagesNamed('p0', 10, 0));
    await kafka.produce(topic, messagesNamed('p1', 10, 1));
    await kafka.produce(topic, messagesNamed('p2', 3, 2));
    const r = await record({ topic, start: { kind: 'offset', offset: 7 } });
    const got = await r.count(6);
    assert.deepEqual(got.map((m) => `${m.partition}@${m.offset}`).sort(), ['0@7', '0@8', '0@9', '1@7', '1@8', '1@9']);
    // p2 started at its end (3): what comes next there arrives
    await kafka.produce(topic, [{ key: 'p2-next', value: 'x', partition: 2 }]);
    const next = await r.count(7);
    assert.equal(`${next[6].partition}@${next[6].offset}`, '2@3');
  });

  it('pause: nothing arrives while a witness tail sees the messages; resume: exactly those arrive', async () => {
    const topic = topicName('pause');
    const paused = await record({ topic, start: { kind: 'latest' } });
    const witness = await record({ topic, start: { kind: 'latest' } });
    paused.tail.pause();
    assert.equal(paused.tail.stats().paused, true);
    await kafka.produce(topic, messagesNamed('during', 9));
    await witness.count(9);
    // the witness fetched them; give the paused tail a few fetch rounds' worth of the same chance
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(paused.messages.length, 0, 'nothing arrives while paused');
    paused.tail.resume();
    assert.deepEqual(
      keysOf(await paused.count(9)),
      messagesNamed('during', 9)
        .map((m) => m.key)
        .sort(),
    );
  });

  it('per-partition toggles: a switched-off partition delivers nothing, and continues where it was when switched on', async () => {
    const topic = topicName('parts');
    const r = await record({ topic, start: { kind: 'latest' } });
    const witness = await record({ topic, start: { kind: 'latest' } });
    r.tail.setPartitions([0]);
    await kafka.produce(topic, [...messagesNamed('a', 4, 0), ...messagesNamed('b', 5, 1), ...messagesNamed('c', 6, 2)]);
    await witness.count(15);
    await r.count(4);
    await new Promise((res) => setTimeout(res, 600));
    assert.deepEqual(new Set(r.messages.map((m) => m.partition)), new Set([0]), 'only partition 0');
    assert.equal(r.messages.length, 4);
    r.tail.setPartitions([0, 1, 2]);
    const all = await r.count(15);
    assert.deepEqual(keysOf(all), keysOf(witness.messages));
  });

  it('decodes an Avro record registered in the stack registry (Confluent wire format)', async () => {
    const registry = platform.schemaRegistry!;
    const schema = {
      type: 'record',
      name: 'LoanSignal',
      namespace: 'h2.test',
      fields: [
        { name: 'loanId', type: 'string' },
        { name: 'amount', type: 'double' },
        { name: 'note', type: ['null', 'string'], default: null },
      ],
    };
    const id = await registry.register(`${topicName('avro')}-value`, JSON.stringify(schema));
    const type = avro.Type.forSchema(schema as avro.Schema);
    const head = Buffer.alloc(5);
    head.writeInt32BE(id, 1);
    const topic = topicName('avro');
    const r = await record({ topic, start: { kind: 'latest' } });
    await kafka.produce(topic, [
      {
        key: 'L-1',
        value: Buffer.concat([head, type.toBuffer({ loanId: 'L-1', amount: 250000.25, note: 'high value' })]),
      },
    ]);
    const [m] = await r.count(1);
    assert.equal(m.encoding, 'avro');
    assert.equal(m.schemaId, id);
    assert.deepEqual(JSON.parse(m.value!), { loanId: 'L-1', amount: 250000.25, note: 'high value' });
  });

  it('the CLI tails with --from beginning --max N --format json, and says an unknown topic in one line', () => {
    const topic = topicName('beginning');
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(REPO, 'bin/cdc-routing.js'), 'tail', ...args], {
        encoding: 'utf8',
        env: process.env,
        cwd: REPO,
        timeout: 60_000,
      });
    const ok = cli(topic, '--from', 'beginning', '--max', '5', '--format', 'json');
    assert.equal(ok.status, 0, ok.stderr);
    const lines = ok.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as TailMessage);
    assert.equal(lines.length, 5);
    assert.ok(lines.every((m) => m.key!.startsWith('b-') && m.encoding === 'json'));
    const missing = cli(topicName('nope'), '--max', '1');
    assert.equal(missing.status, 2);
    assert.equal(
      missing.stderr.trim(),
      `cdc-routing tail: tail topic ${topicName('nope')} failed at ${endpoints.kafkaBootstrap}: topic "${topicName('nope')}" does not exist — check the topic name (the Topics view lists them)`,
    );
  });

  describe('through the real language server', () => {
    let session: LspSession;
    let ws: string;
    let filtersFile: string;
    const notes: TailMessagesParams[] = [];
    const errors: TailErrorParams[] = [];

    before(async () => {
      ({ session, ws, file: filtersFile } = await openCopy('examples/cdc-streaming', 'flink-jobs/filters.yaml'));
      session.connection.onNotification(TailMessagesNotification.method, (p: TailMessagesParams) => void notes.push(p));
      session.connection.onNotification(TailErrorNotification.method, (p: TailErrorParams) => void errors.push(p));
      await session.open(filtersFile);
    });

    after(async () => {
      await closeCopy(session, ws);
    });

    const received = (tailId: string) => notes.filter((n) => n.tailId === tailId).flatMap((n) => n.messages);

    it('tail/messages carry the produced sample events with routedTo equal to what the evaluator says', async () => {
      const topic = topicName('lsp');
      await kafka.createTopics([{ name: topic, partitions: 3, replicationFactor: 1 }]);
      const lines = fs
        .readFileSync(path.join(REPO, 'examples/cdc-streaming/samples/raw-events.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.trim());
      // every sample routes somewhere: add one that nothing routes
      const unrouted = JSON.parse(lines[0]) as {
        eventHeader: { eventName: string };
        eventBody: { entities: unknown[] };
      };
      unrouted.eventHeader.eventName = 'NothingRoutesThis';
      unrouted.eventBody.entities = [];
      lines.push(JSON.stringify(unrouted));
      const start = await session.request<TailStartResult>(TailStartRequest.method, {
        topic,
        start: { kind: 'latest' },
        filtersUri: fileUri(filtersFile),
      });
      assert.deepEqual(start.partitions, [0, 1, 2]);
      await kafka.produce(
        topic,
        lines.map((value, i) => ({ key: `e${i}`, value })),
      );
      const got = await until(
        `${lines.length} routed messages`,
        20_000,
        () => received(start.tailId).length >= lines.length && received(start.tailId),
      );
      assert.ok(notes.filter((n) => n.tailId === start.tailId).every((n) => n.dropped === 0));

      // the evaluator, in this process, on the same file and events
      const schema = loadAvroSchema(fs.readFileSync(path.join(ws, 'schemas/raw-event.avsc'), 'utf8'));
      const { bound } = bindFilters(parseFilters(fs.readFileSync(filtersFile, 'utf8')), schema);
      const router = compileRouting(bound);
      const now = Date.now();
      const routeCounts = new Map<number, number>();
      assert.equal(got.length, lines.length);
      for (const m of got) {
        const event: unknown = JSON.parse(lines[Number(m.key!.slice(1))]);
        const expected = router.filters.filter((f) => f.matches(event, now)).map((f) => f.filter.id);
        assert.deepEqual(m.routedTo, expected, `routing of ${m.key}`);
        routeCounts.set(expected.length, (routeCounts.get(expected.length) ?? 0) + 1);
      }
      assert.deepEqual([...routeCounts.keys()].sort(), [0, 1, 2], 'events routed nowhere, to one filter and to two');
      assert.equal(got.find((m) => m.key === `e${lines.length - 1}`)!.routedTo.length, 0);
      await session.request(TailStopRequest.method, { tailId: start.tailId });
    });

    it('tail/start on a missing topic answers with the clear error', async () => {
      await assert.rejects(
        session.request(TailStartRequest.method, { topic: topicName('absent'), start: { kind: 'latest' } }),
        (err: Error) => {
          assert.equal(
            err.message,
            `tail topic ${topicName('absent')} failed at ${endpoints.kafkaBootstrap}: topic "${topicName('absent')}" does not exist — check the topic name (the Topics view lists them)`,
          );
          return true;
        },
      );
    });

    it('Kafka stops during a tail: an error notification, the server stays up, and the tail continues when Kafka is back', async function () {
      this.timeout(300_000);
      const topic = topicName('fault');
      await kafka.createTopics([{ name: topic, partitions: 3, replicationFactor: 1 }]);
      const start = await session.request<TailStartResult>(TailStartRequest.method, {
        topic,
        start: { kind: 'latest' },
      });
      await kafka.produce(topic, messagesNamed('before', 5));
      await until('the messages before the fault', 15_000, () => received(start.tailId).length >= 5);

      await stopStackServices(['kafka']);
      const error = await until('a tail/error notification', 60_000, () =>
        errors.find((e) => e.tailId === start.tailId),
      );
      assert.equal(error.recovering, true);
      assert.match(
        error.message,
        new RegExp(`tail topic ${topic} failed at ${endpoints.kafkaBootstrap.replace(/\./g, '\\.')}: `),
      );
      assert.doesNotMatch(error.message, /\n\s+at /, 'no stack trace');
      assert.ok(session.alive, 'the server is still running');
      const preview = await session.request<{ filters?: unknown[] } | null>('cdcRouting/routePreview', {
        uri: fileUri(filtersFile),
      });
      assert.ok(preview, 'and still answers other requests');

      const notesBeforeRecovery = notes.length;
      await useStack();
      // the client learns the tail works again before any message arrives (an idle topic would say nothing)
      await until('an empty tail/messages notification saying the tail recovered', 90_000, () =>
        notes.slice(notesBeforeRecovery).some((n) => n.tailId === start.tailId && n.messages.length === 0),
      );
      await kafka.produce(topic, messagesNamed('after', 6));
      await until(
        'the messages produced after Kafka came back',
        90_000,
        () => received(start.tailId).filter((m) => m.key!.startsWith('after-')).length >= 6,
        () => received(start.tailId).map((m) => m.key),
      );
      assert.deepEqual(
        received(start.tailId)
          .map((m) => m.key)
          .sort(),
        [...messagesNamed('before', 5), ...messagesNamed('after', 6)].map((m) => m.key).sort(),
        'nothing lost, nothing twice',
      );
      await session.request(TailStopRequest.method, { tailId: start.tailId });
    });
  });

  describe('afterwards', () => {
    it('no tail joined or committed a consumer group', async () => {
      const admin = new Kafka({
        clientId: 'h2-check',
        brokers: [endpoints.kafkaBootstrap],
        logLevel: logLevel.NOTHING,
      }).admin();
      await admin.connect();
      try {
        const groups = (await admin.listGroups()).groups.map((g) => g.groupId);
        assert.deepEqual(
          groups.filter((g) => !groupsBefore.includes(g)),
          [],
          'no group appeared while the tails ran',
        );
        const tailed = ['latest', 'beginning', 'time', 'offset', 'pause', 'parts', 'avro', 'lsp', 'fault'].map(
          topicName,
        );
        for (const groupId of groups) {
          for (const t of await admin.fetchOffsets({ groupId, topics: tailed })) {
            assert.ok(
              t.partitions.every((p) => p.offset === '-1'),
              `group ${groupId} has committed no offset on ${t.topic}`,
            );
          }
        }
      } finally {
        await admin.disconnect();
      }
    });
  });
});
