// The avro-confluent format end to end in the stack's Flink: the generated job reads Confluent-framed Avro records
// through the stack's Schema Registry and writes the routed events as Avro, routedAt included (Flink 1.20's
// avro-confluent cannot write TIMESTAMP_LTZ, so Avro sinks carry it as timestamp-millis in UTC).
import { strict as assert } from 'assert';
import avro from 'avsc';
import { loadAvroSchema } from '../../server/src/avro/loadAvroSchema';
import { bindFilters } from '../../server/src/binding/bindFilters';
import { scriptStatements } from '../../server/src/deploy/sqlScript';
import { parseFilters } from '../../server/src/model/parseFilters';
import { createPlatform } from '../../server/src/platform/createPlatform';
import type { TailMessage } from '../../server/src/platform/kafka/kafkaTypes';
import { localProfile } from '../../server/src/platform/localProfile';
import type { Platform } from '../../server/src/platform/platform';
import { generateSql } from '../../server/src/sql/generateSql';
import { useStack } from './sharedStack';
import { until } from './until';

/** A schema of another domain, without timestamps or enums (the constructs the format cannot read back exactly). */
const SCHEMA = {
  type: 'record',
  name: 'Reading',
  namespace: 'avro.it',
  fields: [
    { name: 'deviceId', type: 'string' },
    { name: 'value', type: 'double' },
    { name: 'site', type: ['null', 'string'], default: null },
    { name: 'tags', type: { type: 'map', values: 'string' } },
  ],
};

describe('avro-confluent: a generated routing job reads and writes Avro through the Schema Registry (local stack)', function () {
  this.timeout(300_000);
  const run = `avro${Date.now().toString(36)}`;
  const source = `${run}-readings`;
  const hot = `${run}-hot`;
  let platform: Platform;
  let jobId: string | undefined;

  before(async () => {
    await useStack();
    platform = createPlatform(localProfile(), {});
  });

  after(async () => {
    if (jobId) await platform.flink!.cancel(jobId).catch(() => undefined);
    await platform?.close();
  });

  it('routes Avro records as the filter says, writing the event and its filterMetadata (routedAt in UTC) as Avro', async () => {
    const kafka = platform.kafka!;
    const registry = platform.schemaRegistry!;
    await kafka.createTopics([source, hot].map((name) => ({ name, partitions: 1, replicationFactor: 1 })));
    const id = await registry.register(`${source}-value`, JSON.stringify(SCHEMA));
    const type = avro.Type.forSchema(SCHEMA as avro.Schema);
    const framed = (record: object) => {
      const head = Buffer.alloc(5);
      head.writeInt32BE(id, 1);
      return Buffer.concat([head, type.toBuffer(record)]);
    };
    const readings = [
      { deviceId: 'd-1', value: 41.5, site: 'north', tags: { unit: 'C' } },
      { deviceId: 'd-2', value: 12, site: null, tags: {} },
      { deviceId: 'd-3', value: 99.25, site: null, tags: { unit: 'F' } },
    ];
    await kafka.produce(
      source,
      readings.map((r) => ({ key: r.deviceId, value: framed(r) })),
    );

    const filtersText = [
      'source:',
      `  topic: ${source}`,
      'filters:',
      '  - id: hot-readings',
      '    name: Hot readings',
      '    consumerId: ops',
      `    outputTopic: ${hot}`,
      '    conditions:',
      '      - field: value',
      '        operator: greaterThan',
      '        value: 40',
      '',
    ].join('\n');
    const schema = loadAvroSchema(JSON.stringify(SCHEMA));
    const doc = parseFilters(filtersText);
    const { bound, problems } = bindFilters(doc, schema);
    assert.deepEqual(problems, []);
    const endpoints = await useStack();
    const generated = generateSql({
      doc,
      bound,
      schema,
      filtersFile: 'filters.yaml',
      options: {
        target: 'flink',
        bootstrapServers: endpoints.kafkaBootstrap,
        format: 'avro-confluent',
        schemaRegistryUrl: endpoints.schemaRegistryUrl,
        startupMode: 'earliest-offset',
      },
    });
    assert.deepEqual(
      generated.problems.filter((p) => p.severity === 'error'),
      [],
    );
    assert.match(generated.sql, /`routedAt` TIMESTAMP\(3\) NOT NULL/);

    // Submitted as deploy submits it: the script's statements in one SQL Gateway session.
    const session = await platform.sqlGateway!.openSession();
    try {
      for (const statement of scriptStatements(generated.sql)) {
        const result = await session.execute(statement.text);
        if (result.jobId) jobId = result.jobId;
      }
    } finally {
      await session.close().catch(() => undefined);
    }
    assert.ok(jobId, 'the statement set started a job');

    const tail = await kafka.tail({ topic: hot, start: { kind: 'beginning' } });
    const received: TailMessage[] = [];
    tail.onMessages((batch) => received.push(...batch));
    try {
      await until('the two hot readings in the output topic', 120_000, () => received.length >= 2 && received);
    } finally {
      await tail.stop();
    }
    assert.equal(received.length, 2, 'only the readings above 40');
    const routed = received.map((m) => {
      assert.equal(m.encoding, 'avro', 'written as Avro, decoded through the registry');
      return JSON.parse(m.value!) as {
        deviceId: string;
        value: number;
        filterMetadata: { filterId: string; consumerId: string; routedAt: number };
      };
    });
    assert.deepEqual(routed.map((r) => [r.deviceId, r.value]).sort(), [
      ['d-1', 41.5],
      ['d-3', 99.25],
    ]);
    for (const r of routed) {
      assert.equal(r.filterMetadata.filterId, 'hot-readings');
      assert.equal(r.filterMetadata.consumerId, 'ops');
      // timestamp-millis of the routing instant: the UTC wall-clock read as epoch millis is now (within minutes)
      assert.ok(
        Math.abs(Number(r.filterMetadata.routedAt) - Date.now()) < 10 * 60_000,
        `routedAt ${JSON.stringify(r.filterMetadata.routedAt)} is about now (UTC)`,
      );
    }
  });
});
