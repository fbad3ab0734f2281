// docs/flink-sql-findings.md, executable: what the generated routing SQL relies on, checked in the real Flink of
// the local stack through its SQL Gateway, in streaming mode, with the json format over Kafka.
import { strict as assert } from 'assert';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { startStack, stopStack, type StackEndpoints } from '../../stack/index';
import { SqlGatewaySession } from './stackSqlGateway';

const run = Date.now();
const RAW = `findings-raw-${run}`;
const OUT = { loans: `findings-loans-${run}`, recent: `findings-recent-${run}`, high: `findings-high-${run}` };

const ROW_TYPES = `
  eventHeader ROW<uuid STRING, eventName STRING, eventType STRING, createdDate TIMESTAMP_LTZ(3), savedDate TIMESTAMP_LTZ(3), channel STRING, priority INT>,
  eventBody ROW<entities ARRAY<ROW<entityType STRING, entityId STRING, version INT, updatedAttributes MAP<STRING, STRING>>>, totalAmount DECIMAL(14, 2), currency STRING>,
  sourceMetadata ROW<\`table\` STRING, operation STRING, lsn BIGINT, capturedAt TIMESTAMP_LTZ(3)>`;
const UNNEST = 'UNNEST(t.eventBody.entities) AS e(entityType, entityId, version, updatedAttributes)';
const HIGH_LOAN = "e.entityType = 'Loan' AND TRY_CAST(e.updatedAttributes['loanAmount'] AS DECIMAL(38, 10)) > 100000";

function event(n: number, name: string, entities: [string, string, Record<string, string>][], createdMsAgo = 0) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    eventHeader: {
      uuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      eventName: name,
      eventType: null,
      createdDate: iso(Date.now() - createdMsAgo),
      savedDate: null,
      channel: 'WEB',
      priority: 0,
    },
    eventBody: {
      entities: entities.map(([entityType, entityId, updatedAttributes]) => ({
        entityType,
        entityId,
        version: 1,
        updatedAttributes,
      })),
      totalAmount: 150000.25,
      currency: 'EUR',
    },
    sourceMetadata: { table: 'loan_entities', operation: 'c', lsn: null, capturedAt: iso(Date.now()) },
  };
}

const EVENTS = [
  event(1, 'LoanCreated', [['Loan', 'loan-1', { loanAmount: '150000' }]]),
  event(2, 'LoanCreated', [
    ['Car', 'car-2', { make: 'VW' }],
    ['Loan', 'loan-2', { loanAmount: '50000' }],
  ]),
  // the high amount is on the Car, not on the Loan: must not match "a Loan with loanAmount > 100000"
  event(3, 'LoanCreated', [
    ['Car', 'car-3', { loanAmount: '200000' }],
    ['Loan', 'loan-3', { loanAmount: '10' }],
  ]),
  event(4, 'LoanPaymentSubmitted', [
    ['Loan', 'l4a', { loanAmount: ' 12 ' }],
    ['Loan', 'l4b', { loanAmount: '1e5' }],
    ['Loan', 'l4c', { loanAmount: 'abc' }],
    ['Loan', 'l4d', { loanAmount: '12.5' }],
  ]),
  event(5, 'LoanCreated', [['Loan', 'loan-5', { loanAmount: '500000' }]], 48 * 3600_000),
  event(6, 'CarServiceDone', [['ServiceRecord', 'svc-6', { serviceDate: '2026-01-01' }]]),
  // two matching Loans: must land once
  event(7, 'LoanCreated', [
    ['Loan', 'loan-7a', { loanAmount: '200000' }],
    ['Loan', 'loan-7b', { loanAmount: '300000' }],
  ]),
];
const uuidOf = (n: number) => EVENTS[n - 1].eventHeader.uuid;

describe('Flink SQL features the generated routing SQL relies on (docs/flink-sql-findings.md)', function () {
  let endpoints: StackEndpoints;
  let kafka: Kafka;
  let sql: SqlGatewaySession;

  const kafkaTable = (name: string, topic: string, extra: string) =>
    `CREATE TABLE ${name} (${ROW_TYPES}${extra}) WITH ('connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${endpoints.kafkaBootstrap}', 'format' = 'json', 'json.timestamp-format.standard' = 'ISO-8601'`;

  async function ok(statement: string): Promise<unknown[][]> {
    const r = await sql.run(statement);
    assert.ok(r.ok, `${statement}\n→ ${r.error}`);
    return r.rows;
  }

  /** A routed record's value (the fields the tests read). */
  interface Routed {
    eventHeader: { uuid: string };
    filterMetadata: { filterId: string; consumerId: string; routedAt: string };
  }

  async function readTopic(topic: string, count: number): Promise<Routed[]> {
    const consumer = kafka.consumer({ groupId: `findings-read-${topic}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const got: Routed[] = [];
    const deadline = Date.now() + 90_000;
    await consumer.run({
      eachMessage: ({ message }) => {
        got.push(JSON.parse(message.value!.toString()) as Routed);
        return Promise.resolve();
      },
    });
    while (got.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    // a little longer: more records than expected must show up as a failure, not be cut off
    const settle = Date.now() + 3000;
    while (Date.now() < settle) await new Promise((r) => setTimeout(r, 250));
    await consumer.disconnect();
    return got;
  }

  before(async function () {
    endpoints = (await startStack()).endpoints;
    kafka = new Kafka({ clientId: 'findings', brokers: [endpoints.kafkaBootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [RAW, ...Object.values(OUT)].map((topic) => ({ topic, numPartitions: 1 })),
      waitForLeaders: true,
    });
    await admin.disconnect();
    const producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    await producer.send({
      topic: RAW,
      messages: EVENTS.map((e) => ({ key: e.eventHeader.uuid, value: JSON.stringify(e) })),
    });
    await producer.disconnect();
    sql = await SqlGatewaySession.open(endpoints.sqlGatewayUrl, { 'execution.runtime-mode': 'streaming' });
    // bounded copy for SELECT probes (they end), unbounded one for the INSERT job (as deployed)
    await ok(
      `${kafkaTable('raw_bounded', RAW, '')}, 'properties.group.id' = 'findings-b', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset')`,
    );
  });

  after(async function () {
    await sql?.close();
    await stopStack();
  });

  it('1. reads nested ROW / ARRAY<ROW> / MAP / DECIMAL / TIMESTAMP_LTZ(3) from ISO-8601 json', async function () {
    const rows = await ok(
      `SELECT eventHeader.uuid, eventHeader.createdDate, eventHeader.savedDate, eventBody.totalAmount, CARDINALITY(eventBody.entities), eventBody.entities[1].updatedAttributes, sourceMetadata.\`table\` FROM raw_bounded`,
    );
    assert.equal(rows.length, EVENTS.length);
    const first = rows.find((r) => r[0] === uuidOf(1))!;
    // Flink writes TIMESTAMP_LTZ without trailing zeros of the fraction (.980 → .98): compare instants.
    assert.equal(Date.parse(first[1] as string), Date.parse(EVENTS[0].eventHeader.createdDate));
    assert.equal(first[2], null);
    assert.equal(first[3], 150000.25);
    assert.equal(first[4], 1);
    assert.deepEqual(first[5], { loanAmount: '150000' });
    assert.equal(first[6], 'loan_entities');
  });

  it('2. refuses EXISTS over UNNEST in a streaming WHERE', async function () {
    const r = await sql.run(
      `SELECT t.eventHeader.uuid FROM raw_bounded AS t WHERE EXISTS (SELECT 1 FROM ${UNNEST} WHERE ${HIGH_LOAN})`,
    );
    assert.equal(r.ok, false);
    assert.match(r.error!, /Cannot generate a valid execution plan/);
  });

  it('2. CROSS JOIN UNNEST emits one row per matching element (same element for all predicates)', async function () {
    const rows = await ok(
      `SELECT t.eventHeader.uuid, e.entityId FROM raw_bounded AS t CROSS JOIN ${UNNEST} WHERE ${HIGH_LOAN}`,
    );
    assert.deepEqual(rows.map((r) => r[1]).sort(), ['loan-1', 'loan-5', 'loan-7a', 'loan-7b']);
  });

  it('3. TRY_CAST to DECIMAL(38,10) trims, takes exponents, and yields NULL for non-numbers', async function () {
    const rows = await ok(
      `SELECT e.entityId, TRY_CAST(e.updatedAttributes['loanAmount'] AS DECIMAL(38, 10)), TRY_CAST(e.updatedAttributes['loanAmount'] AS INT) FROM raw_bounded AS t CROSS JOIN ${UNNEST} WHERE t.eventHeader.uuid = '${uuidOf(4)}'`,
    );
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r[0], [r[1], r[2]]])), {
      l4a: [12, 12],
      l4b: [100000, null],
      l4c: [null, null],
      l4d: [12.5, 12],
    });
  });

  it('3. REGEXP uses Java regex with find semantics', async function () {
    const rows = await ok(
      `SELECT REGEXP('abc', 'b'), REGEXP('abc', '^b'), REGEXP('ABC', '(?i)abc'), REGEXP(CAST(NULL AS STRING), 'a')`,
    );
    assert.deepEqual(rows, [[true, false, true, null]]);
  });

  it('4. compares createdDate with CURRENT_TIMESTAMP - INTERVAL per row', async function () {
    const rows = await ok(
      `SELECT t.eventHeader.uuid FROM raw_bounded AS t WHERE t.eventHeader.createdDate > CURRENT_TIMESTAMP - INTERVAL '24' HOUR`,
    );
    assert.deepEqual(rows.map((r) => r[0]).sort(), [1, 2, 3, 4, 6, 7].map(uuidOf));
  });

  it('5+6. runs a statement set as one job reading the source once, with filterMetadata rows', async function () {
    await ok(
      `${kafkaTable('raw_business_events', RAW, `, kafka_partition INT METADATA FROM 'partition' VIRTUAL, kafka_offset BIGINT METADATA FROM 'offset' VIRTUAL, proc_time AS PROCTIME()`)}, 'properties.group.id' = 'findings-u', 'scan.startup.mode' = 'earliest-offset')`,
    );
    for (const [table, topic] of Object.entries(OUT)) {
      await ok(
        `${kafkaTable(`sink_${table}`, topic, ', filterMetadata ROW<filterId STRING, consumerId STRING, routedAt TIMESTAMP_LTZ(3)>')})`,
      );
    }
    await ok(`SET 'table.exec.state.ttl' = '1 h'`);
    const submitted = await sql.run(`EXECUTE STATEMENT SET BEGIN
      INSERT INTO sink_loans SELECT eventHeader, eventBody, sourceMetadata, ROW('loan-events-filter', 'loan-consumer', CURRENT_TIMESTAMP) FROM raw_business_events WHERE eventHeader.eventName IN ('LoanCreated', 'LoanPaymentSubmitted');
      INSERT INTO sink_recent SELECT eventHeader, eventBody, sourceMetadata, ROW('recent-car-events', 'service-consumer', CURRENT_TIMESTAMP) FROM raw_business_events WHERE eventHeader.createdDate > CURRENT_TIMESTAMP - INTERVAL '24' HOUR AND REGEXP(eventHeader.eventName, '^Car');
      INSERT INTO sink_high SELECT eventHeader, eventBody, sourceMetadata, ROW('high-value-loans', 'loan-consumer', CURRENT_TIMESTAMP) FROM (
        SELECT t.eventHeader, t.eventBody, t.sourceMetadata, ROW_NUMBER() OVER (PARTITION BY t.kafka_partition, t.kafka_offset ORDER BY t.proc_time ASC) AS rn
        FROM raw_business_events AS t CROSS JOIN ${UNNEST} WHERE ${HIGH_LOAN}
      ) WHERE rn = 1;
    END;`);
    assert.ok(submitted.ok, submitted.error);
    const jobId = submitted.rows[0][0] as string;
    try {
      const job = (await (await fetch(`${endpoints.flinkRestUrl}/jobs/${jobId}`)).json()) as {
        vertices: { name: string }[];
      };
      assert.equal(
        job.vertices.filter((v) => v.name.startsWith('Source: raw_business_events')).length,
        1,
        JSON.stringify(job.vertices.map((v) => v.name)),
      );

      const loans = await readTopic(OUT.loans, 6);
      assert.deepEqual(loans.map((e) => e.eventHeader.uuid).sort(), [1, 2, 3, 4, 5, 7].map(uuidOf));
      assert.equal(loans[0].filterMetadata.filterId, 'loan-events-filter');
      assert.equal(loans[0].filterMetadata.consumerId, 'loan-consumer');
      assert.match(loans[0].filterMetadata.routedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/);

      const recent = await readTopic(OUT.recent, 1);
      assert.deepEqual(
        recent.map((e) => e.eventHeader.uuid),
        [uuidOf(6)],
      );

      const high = await readTopic(OUT.high, 3);
      assert.deepEqual(high.map((e) => e.eventHeader.uuid).sort(), [1, 5, 7].map(uuidOf));
    } finally {
      await fetch(`${endpoints.flinkRestUrl}/jobs/${jobId}?mode=cancel`, { method: 'PATCH' });
    }
  });
});
