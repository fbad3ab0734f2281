import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import * as os from 'os';
import {
  PortInUseError,
  RAW_TOPIC,
  SERVICES,
  runSql,
  stackKafkaSecurity,
  stackStatus,
  startStack,
  stopStack,
  type StackEndpoints,
} from '../../stack/index';
import { rawEventShapeErrors } from './stackRawEventShape';
import { until } from './until';

const repo = path.resolve(__dirname, '..', '..');
const rawSchema = JSON.parse(
  fs.readFileSync(path.join(repo, 'examples', 'cdc-streaming', 'schemas', 'raw-event.avsc'), 'utf8'),
) as Parameters<typeof rawEventShapeErrors>[0];

/** A raw event as the outbox connector writes it (the fields the tests read). */
interface RawEvent {
  eventHeader: {
    uuid: string;
    eventName: string;
    eventType: string;
    createdDate: string;
    channel: string;
    priority: number;
  };
  eventBody: {
    entities: { entityType: string; version: number; updatedAttributes: Record<string, unknown> }[];
    totalAmount: number | null;
  };
  sourceMetadata: { table: string; operation: string; lsn: number };
}

interface Received {
  key: string | undefined;
  value: string;
}

/** Reads raw-business-events from the current end on, collecting every record until told to stop. */
async function tailRawTopic(endpoints: StackEndpoints): Promise<{ received: Received[]; stop: () => Promise<void> }> {
  const kafka = new Kafka({ clientId: 'stack-test', brokers: [endpoints.kafkaBootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(RAW_TOPIC);
  await admin.disconnect();
  const consumer: Consumer = kafka.consumer({ groupId: `stack-test-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: RAW_TOPIC });
  const received: Received[] = [];
  const assigned = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    eachMessage: ({ message }) => {
      received.push({ key: message.key?.toString(), value: message.value?.toString() ?? '' });
      return Promise.resolve();
    },
  });
  await assigned;
  // start exactly at the end offsets seen before: nothing older, nothing missed
  for (const o of offsets) consumer.seek({ topic: RAW_TOPIC, partition: o.partition, offset: o.high });
  return { received, stop: () => consumer.disconnect() };
}

function pidAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

describe('local stack (PostgreSQL → Debezium → Kafka, Flink + SQL Gateway)', function () {
  let endpoints: StackEndpoints;

  before(async function () {
    const started = await startStack({ onProgress: (m) => process.stdout.write(`      · ${m}\n`) });
    endpoints = started.endpoints;
    process.stdout.write(`      · stack up in ${(started.startedMs / 1000).toFixed(1)} s\n`);
  });

  after(async function () {
    // Runs even when start-up or a test failed: nothing of the stack may outlive the run.
    const result = await stopStack();
    assert.deepEqual(result.survivors, []);
  });

  it('reports every service and the connector healthy, through the API and `stack:status`', async function () {
    const status = await stackStatus();
    const notUp = [...status.services, status.connector].filter((s) => s.state !== 'up');
    assert.deepEqual(notUp, [], `not up: ${JSON.stringify(notUp)}`);
    assert.ok(status.residentMiB > 0);

    const cli = spawnSync(process.execPath, ['--import', 'tsx', path.join(repo, 'stack', 'cli.ts'), 'status'], {
      cwd: repo,
      encoding: 'utf8',
    });
    assert.equal(cli.status, 0, cli.stderr);
    for (const name of [...SERVICES.map((s) => s.name), 'connector postgres-source-connector']) {
      assert.match(cli.stdout, new RegExp(`^${name}\\s+up\\b`, 'm'), `no "up" line for ${name} in:\n${cli.stdout}`);
    }
  });

  it('`stack:status` checks the SASL_SSL listener as a client would: a SCRAM login that fails makes Kafka unhealthy, said why', async function () {
    const security = stackKafkaSecurity();
    const password = fs.readFileSync(security.passwordFile, 'utf8');
    fs.writeFileSync(security.passwordFile, 'not-the-password');
    try {
      const kafka = (await stackStatus()).services.find((s) => s.service === 'kafka')!;
      assert.equal(kafka.state, 'unhealthy', JSON.stringify(kafka));
      assert.match(
        kafka.detail ?? '',
        new RegExp(`the SASL_SSL listener ${security.bootstrap.replace(/\./g, '\\.')} does not answer as it should`),
      );
    } finally {
      fs.writeFileSync(security.passwordFile, password);
    }
    const kafka = (await stackStatus()).services.find((s) => s.service === 'kafka')!;
    assert.equal(kafka.state, 'up', JSON.stringify(kafka));
    assert.match(kafka.detail ?? '', /SASL_SSL .* answers \(SCRAM user/);
  });

  it('publishes an inserted entity row to raw-business-events as the raw-event JSON', async function () {
    const tail = await tailRawTopic(endpoints);
    try {
      const id = `loan-it-${Date.now()}`;
      await runSql(`
        BEGIN;
        SET LOCAL cdc.channel = 'WEB';
        SET LOCAL cdc.priority = '3';
        INSERT INTO loan_entities (id, car_id, loan_amount, balance, interest_rate, status)
          VALUES ('${id}', 'car-it-1', 150000.00, 149000.50, 3.5, 'active');
        COMMIT;`);
      const record = await until(`the event of ${id}`, 60_000, () => tail.received.find((r) => r.key === id));
      const event = JSON.parse(record.value) as RawEvent;
      assert.deepEqual(rawEventShapeErrors(rawSchema, event), []);
      assert.equal(event.eventHeader.eventName, 'LoanCreated');
      assert.equal(event.eventHeader.eventType, 'Loan');
      assert.equal(event.eventHeader.channel, 'WEB');
      assert.equal(event.eventHeader.priority, 3);
      assert.match(event.eventHeader.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.ok(Math.abs(Date.parse(event.eventHeader.createdDate) - Date.now()) < 120_000);
      assert.deepEqual(event.eventBody, {
        entities: [
          {
            entityType: 'Loan',
            entityId: id,
            version: 1,
            updatedAttributes: {
              carId: 'car-it-1',
              loanAmount: '150000.00',
              balance: '149000.50',
              interestRate: '3.500',
              status: 'active',
              currency: 'EUR',
            },
          },
        ],
        totalAmount: 150000,
        currency: 'EUR',
      });
      assert.equal(event.sourceMetadata.table, 'loan_entities');
      assert.equal(event.sourceMetadata.operation, 'c');
      assert.ok(Number.isInteger(event.sourceMetadata.lsn));
    } finally {
      await tail.stop();
    }
  });

  it('covers all four entity tables, updates with only the changed attributes, and deletes', async function () {
    const tail = await tailRawTopic(endpoints);
    try {
      const n = Date.now();
      await runSql(`
        INSERT INTO car_entities (id, make, model, year, status) VALUES ('car-${n}', 'Volvo', 'XC40', 2024, 'active');
        INSERT INTO loan_payment_entities (id, loan_id, amount, payment_date, status) VALUES ('pay-${n}', 'loan-1', 1250.75, '2026-11-23', 'submitted');
        INSERT INTO service_record_entities (id, car_id, service_date, description, mileage, cost, status)
          VALUES ('svc-${n}', 'car-${n}', '2026-11-20', 'oil change', 15000, 89.90, 'done');
        UPDATE car_entities SET status = 'sold', version = version + 1 WHERE id = 'car-${n}';
        DELETE FROM service_record_entities WHERE id = 'svc-${n}';`);
      const events = await until('five events', 60_000, () => {
        const mine = tail.received.filter((r) => r.key?.endsWith(`-${n}`));
        return mine.length >= 5 ? mine.map((r) => JSON.parse(r.value) as RawEvent) : undefined;
      });
      for (const e of events) assert.deepEqual(rawEventShapeErrors(rawSchema, e), [], JSON.stringify(e));
      const summary = events.map((e) => [
        e.eventHeader.eventName,
        e.sourceMetadata.table,
        e.sourceMetadata.operation,
        e.eventBody.entities[0].entityType,
      ]);
      assert.deepEqual(summary.sort(), [
        ['CarCreated', 'car_entities', 'c', 'Car'],
        ['CarServiceDone', 'service_record_entities', 'c', 'ServiceRecord'],
        ['CarUpdated', 'car_entities', 'u', 'Car'],
        ['LoanPaymentSubmitted', 'loan_payment_entities', 'c', 'LoanPayment'],
        ['ServiceRecordDeleted', 'service_record_entities', 'd', 'ServiceRecord'],
      ]);
      const update = events.find((e) => e.eventHeader.eventName === 'CarUpdated');
      assert.deepEqual(update!.eventBody.entities[0].updatedAttributes, { status: 'sold' });
      assert.equal(update!.eventBody.entities[0].version, 2);
      assert.equal(update!.eventBody.totalAmount, null);
      const payment = events.find((e) => e.eventHeader.eventName === 'LoanPaymentSubmitted');
      assert.equal(payment!.eventBody.totalAmount, 1250.75);
      assert.equal(payment!.eventBody.entities[0].updatedAttributes.paymentDate, '2026-11-23');
    } finally {
      await tail.stop();
    }
  });

  it('forwards an outbox payload written directly byte for byte (how sample events are replayed)', async function () {
    const tail = await tailRawTopic(endpoints);
    try {
      const id = `replay-${Date.now()}`;
      const payload = JSON.stringify({
        eventHeader: {
          uuid: '6f1c1f7e-3b9a-4c8e-9d55-0a7e2b1c4d11',
          eventName: 'LoanCreated',
          eventType: null,
          createdDate: '2026-11-23T10:15:30.123Z',
          savedDate: null,
          channel: 'MOBILE',
          priority: 0,
        },
        eventBody: {
          entities: [{ entityType: 'Loan', entityId: id, version: null, updatedAttributes: { loanAmount: ' 12 ' } }],
          totalAmount: 99.5,
          currency: null,
        },
        sourceMetadata: { table: 'loan_entities', operation: 'r', lsn: null, capturedAt: '2026-11-23T10:15:30.200Z' },
      });
      await runSql(
        `INSERT INTO business_events (aggregate_type, aggregate_id, event_type, payload) VALUES ('Loan', '${id}', 'LoanCreated', '${payload.replace(/'/g, "''")}');`,
      );
      const record = await until(`the replayed event ${id}`, 60_000, () => tail.received.find((r) => r.key === id));
      assert.equal(record.value, payload);
    } finally {
      await tail.stop();
    }
  });

  it('refuses to start a second stack on ports in use, naming each port, service and variable', async function () {
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-stack-conflict-'));
    try {
      await assert.rejects(startStack({ stackDir: otherDir }), (err: unknown) => {
        assert.ok(err instanceof PortInUseError, String(err));
        assert.match(
          err.message,
          /port \d+ \(kafka\) is already in use by another process; free it or set CDC_STACK_KAFKA_PORT/,
        );
        const named = new Set(err.conflicts.map((c) => c.service));
        for (const service of ['postgres', 'kafka', 'connect', 'flink-jobmanager', 'sql-gateway', 'schema-registry'])
          assert.ok(named.has(service), `${service} not named`);
        return true;
      });
      assert.deepEqual(fs.readdirSync(path.join(otherDir, 'pids')), [], 'nothing was started');
    } finally {
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('reports a service that died as dead, and `up` restarts only that one', async function () {
    const victim = (await stackStatus()).services.find((s) => s.service === 'schema-registry')!;
    process.kill(victim.pid!, 'SIGKILL');
    let status = await stackStatus();
    for (
      const deadline = Date.now() + 10_000;
      status.services.find((s) => s.service === 'schema-registry')!.state !== 'dead' && Date.now() < deadline;
    ) {
      status = await stackStatus();
    }
    assert.equal(status.services.find((s) => s.service === 'schema-registry')!.state, 'dead');
    assert.equal(status.allUp, false);
    const restarted = await startStack();
    assert.deepEqual(
      restarted.alreadyRunning.sort(),
      SERVICES.map((s) => s.name)
        .filter((n) => n !== 'schema-registry')
        .sort(),
    );
    assert.equal((await stackStatus()).allUp, true);
  });

  describe('after stopping', function () {
    it('leaves no process of the stack behind', async function () {
      const status = await stackStatus();
      const before = status.services.flatMap((s) => (s.pid ? [s.pid] : []));
      assert.equal(before.length, SERVICES.length, 'every service had a pid');
      const result = await stopStack();
      assert.deepEqual(result.survivors, []);
      assert.deepEqual(before.filter(pidAlive), [], 'a pid of the stack is still alive');
      const after = await stackStatus();
      assert.deepEqual(
        after.services.map((s) => s.state),
        SERVICES.map(() => 'down'),
      );
    });
  });
});
