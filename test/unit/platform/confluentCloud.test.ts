import * as assert from 'assert';
import {
  createConfluentCloudClient,
  confluentCloudFlinkUrl,
} from '../../../server/src/platform/confluentCloud/confluentCloudClient';
import type { ConnectionProfile, Secrets } from '../../../server/src/platform/connectionProfile';
import type { PlatformError } from '../../../server/src/platform/platformError';
import { replay, type ReplayServer } from './replayServer';
import { expectPlatformError } from './expectPlatformError';

// Replays exchanges written from Confluent's public sql/v1 specification (see test/fixtures/confluent-cloud/README.md).
const cloud: NonNullable<ConnectionProfile['confluentCloud']> = {
  organizationId: 'b0b21724-4586-4a07-b787-d0bb5aacbf87',
  environmentId: 'env-abc123',
  computePoolId: 'lfcp-8m03rm',
  region: 'us-east-1',
  provider: 'aws',
  kafkaClusterId: 'lkc-a1b2c3',
  principal: 'sa-23kgz4',
};
const secrets: Secrets = {
  'confluentCloud.apiKey': 'FLINKKEY4QX7',
  'confluentCloud.apiSecret': 'cflt/Secret+Value==9',
};
const expectedAuth = `Basic ${Buffer.from('FLINKKEY4QX7:cflt/Secret+Value==9').toString('base64')}`;
const SQL =
  "INSERT INTO `filtered-loan-events` SELECT * FROM `raw-business-events` WHERE eventHeader.eventName IN ('LoanCreated', 'LoanPaymentSubmitted');";

function assertNoKey(err: PlatformError): void {
  const text = [err.message, err.what, err.where, err.why, err.hint].join('\n');
  for (const s of ['FLINKKEY4QX7', 'cflt/Secret+Value==9', expectedAuth.slice(6)])
    assert.ok(!text.includes(s), `key material in: ${text}`);
}

describe('Confluent Cloud Flink statements client (replayed sql/v1 exchanges)', () => {
  let server: ReplayServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const client = (s: ReplayServer, keys: Secrets = secrets) =>
    createConfluentCloudClient(cloud, keys, { baseUrl: s.url });

  it('targets the regional endpoint by default', () => {
    assert.strictEqual(confluentCloudFlinkUrl(cloud), 'https://flink.us-east-1.aws.confluent.cloud');
  });

  it('lists the statements of the compute pool, following the next page on the configured endpoint', async () => {
    server = await replay('list-statements.json');
    const statements = await client(server).listStatements();
    server.assertAllServed();
    assert.deepStrictEqual(
      statements.map((s) => [s.name, s.phase, s.computePoolId]),
      [
        ['cdc-routing-loan-events', 'RUNNING', 'lfcp-8m03rm'],
        ['cdc-routing-car-events', 'FAILED', 'lfcp-8m03rm'],
      ],
    );
    assert.strictEqual(statements[1].detail, "Table 'raw-business-events' does not exist");
    assert.ok(
      server.received.every((r) => r.headers.authorization === expectedAuth),
      'every request carries the Flink API key',
    );
  });

  it('creates a statement in the pool, as the principal, with the environment and cluster as catalog and database', async () => {
    server = await replay('create-statement.json');
    const created = await client(server).createStatement('cdc-routing-loan-events', SQL);
    server.assertAllServed();
    assert.strictEqual(created.phase, 'PENDING');
    assert.deepStrictEqual(created.properties, {
      'sql.current-catalog': 'env-abc123',
      'sql.current-database': 'lkc-a1b2c3',
    });
  });

  it('reads a statement, and undefined for a name that does not exist', async () => {
    server = await replay('get-statement.json');
    const c = client(server);
    assert.strictEqual((await c.getStatement('cdc-routing-loan-events'))?.phase, 'RUNNING');
    assert.strictEqual(await c.getStatement('no-such-statement'), undefined);
    server.assertAllServed();
  });

  it('stops a statement with PUT spec.stopped, re-reading once when the statement changed meanwhile (409)', async () => {
    server = await replay('stop-statement.json');
    await client(server).stopStatement('cdc-routing-loan-events');
    server.assertAllServed();
  });

  it('deletes a statement', async () => {
    server = await replay('delete-statement.json');
    await client(server).deleteStatement('cdc-routing-loan-events');
    server.assertAllServed();
  });

  it('401: a clear error that names the endpoint, says to check the key, and holds no key material', async () => {
    server = await replay('error-unauthenticated.json');
    const err = await expectPlatformError(client(server).listStatements());
    assert.strictEqual(err.status, 401);
    assert.strictEqual(err.service, 'confluentCloud');
    assert.strictEqual(err.why, 'Valid authentication credentials must be provided');
    assert.strictEqual(err.where, server.url);
    assert.match(err.hint ?? '', /secret/);
    assertNoKey(err);
  });

  it("409 on create: Confluent's conflict detail", async () => {
    server = await replay('error-conflict.json');
    const err = await expectPlatformError(client(server).createStatement('cdc-routing-loan-events', SQL));
    assert.strictEqual(err.status, 409);
    assert.strictEqual(err.why, "The statement 'cdc-routing-loan-events' already exists.");
    assert.match(err.message, /^create Confluent Cloud Flink statement cdc-routing-loan-events failed at /);
    assertNoKey(err);
  });

  it('422: every errors[].detail, with the field it points at', async () => {
    server = await replay('error-validation.json');
    const err = await expectPlatformError(client(server).createStatement('Bad_Name', SQL));
    assert.strictEqual(err.status, 422);
    const lines = err.why.split('\n');
    assert.strictEqual(lines.length, 2);
    assert.match(lines[0], /^The property '\/name' must match pattern/);
    assert.strictEqual(
      lines[1],
      "Compute pool 'lfcp-8m03rm' is not in environment 'env-abc123' (at /spec/compute_pool_id)",
    );
    assertNoKey(err);
  });

  it('without an API key nothing is sent and the error says which secrets to set', async () => {
    server = await replay('delete-statement.json');
    const err = await expectPlatformError(client(server, {}).listStatements());
    assert.strictEqual(server.received.length, 0);
    assert.strictEqual(err.why, 'no Flink API key');
    assert.match(err.hint ?? '', /confluentCloud\.apiKey/);
  });
});
