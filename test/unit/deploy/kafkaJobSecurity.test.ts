import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { kafkaJobSecurity, withKafkaSecurity } from '../../../server/src/deploy/kafkaJobSecurity';
import type { ConnectionProfile } from '../../../server/src/platform/connectionProfile';

// The routing job reaches the profile's Kafka the way the profile does: the options deploy adds to the script
// it submits (never to the committed one), for each kind of secured cluster a profile can describe.

const PASSWORD = 'pa"ss\\word-9f2';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBfake\nAAAA\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEkey\nBBBB\n-----END PRIVATE KEY-----\n';
const SCRIPT = [
  "SET 'pipeline.name' = 'x';",
  'CREATE TABLE `raw` (',
  '  `v` STRING',
  ') WITH (',
  "  'connector' = 'kafka',",
  "  'topic' = 'raw',",
  "  'properties.bootstrap.servers' = 'b1:9094,b2:9094',",
  "  'scan.startup.mode' = 'group-offsets'",
  ');',
  'CREATE TABLE `out` (',
  '  `v` STRING',
  ') WITH (',
  "  'connector' = 'kafka',",
  "  'properties.bootstrap.servers' = 'b1:9094,b2:9094'",
  ');',
  '',
].join('\n');

type Kafka = NonNullable<ConnectionProfile['kafka']>;

describe('the Kafka security of the routing job (deploy injects it, generate never writes it)', () => {
  let dir: string;
  let caFile: string;
  let certFile: string;
  let keyFile: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-jobsec-'));
    caFile = path.join(dir, 'ca.pem');
    certFile = path.join(dir, 'client.pem');
    keyFile = path.join(dir, 'client.key');
    fs.writeFileSync(caFile, CERT);
    fs.writeFileSync(certFile, CERT);
    fs.writeFileSync(keyFile, KEY);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const options = (kafka: Kafka, password: string | undefined = PASSWORD) =>
    Object.fromEntries(kafkaJobSecurity(kafka, password ? { 'kafka.password': password } : {}).options);

  it('a plaintext profile adds nothing, and the script is left as it is', () => {
    const security = kafkaJobSecurity({ bootstrapServers: ['b:9092'] }, {});
    assert.deepEqual(security, { options: [], secrets: [] });
    assert.equal(withKafkaSecurity(SCRIPT, security.options), SCRIPT);
  });

  it('SCRAM-SHA-256 over TLS with a custom CA: SASL_SSL, the JAAS line (quotes escaped), the CA as PEM', () => {
    const o = options({
      bootstrapServers: ['b'],
      sasl: { mechanism: 'scram-sha-256', username: 'u' },
      tls: { enabled: true, caFile },
    });
    assert.deepEqual(o, {
      'properties.security.protocol': 'SASL_SSL',
      'properties.sasl.mechanism': 'SCRAM-SHA-256',
      'properties.sasl.jaas.config':
        'org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="pa\\"ss\\\\word-9f2";',
      'properties.ssl.truststore.type': 'PEM',
      'properties.ssl.truststore.certificates': '-----BEGIN CERTIFICATE----- MIIBfake AAAA -----END CERTIFICATE-----',
    });
  });

  it('SCRAM-SHA-512 and PLAIN name their mechanism and login module; SASL without TLS is SASL_PLAINTEXT', () => {
    const scram512 = options({
      bootstrapServers: ['b'],
      sasl: { mechanism: 'scram-sha-512', username: 'u' },
      tls: { enabled: true },
    });
    assert.equal(scram512['properties.sasl.mechanism'], 'SCRAM-SHA-512');
    assert.match(
      scram512['properties.sasl.jaas.config'],
      /^org\.apache\.kafka\.common\.security\.scram\.ScramLoginModule required/,
    );
    const plain = options({ bootstrapServers: ['b'], sasl: { mechanism: 'plain', username: 'u' } });
    assert.equal(plain['properties.security.protocol'], 'SASL_PLAINTEXT');
    assert.equal(plain['properties.sasl.mechanism'], 'PLAIN');
    assert.match(
      plain['properties.sasl.jaas.config'],
      /^org\.apache\.kafka\.common\.security\.plain\.PlainLoginModule required/,
    );
  });

  it("Confluent Cloud's API key form (SASL PLAIN over TLS, public CA): the key as user, the secret as password, no truststore", () => {
    const o = options(
      {
        bootstrapServers: ['pkc-1.aws.confluent.cloud:9092'],
        sasl: { mechanism: 'plain', username: 'ABCDKEY' },
        tls: { enabled: true },
      },
      'cloud-secret',
    );
    assert.deepEqual(o, {
      'properties.security.protocol': 'SASL_SSL',
      'properties.sasl.mechanism': 'PLAIN',
      'properties.sasl.jaas.config':
        'org.apache.kafka.common.security.plain.PlainLoginModule required username="ABCDKEY" password="cloud-secret";',
    });
  });

  it('mutual TLS: the client certificate and key as a PEM keystore; the key is one of the values to mask', () => {
    const security = kafkaJobSecurity(
      { bootstrapServers: ['b'], tls: { enabled: true, caFile, certFile, keyFile } },
      {},
    );
    const o = Object.fromEntries(security.options);
    assert.equal(o['properties.security.protocol'], 'SSL');
    assert.equal(o['properties.ssl.keystore.type'], 'PEM');
    assert.equal(
      o['properties.ssl.keystore.certificate.chain'],
      '-----BEGIN CERTIFICATE----- MIIBfake AAAA -----END CERTIFICATE-----',
    );
    assert.equal(
      o['properties.ssl.keystore.key'],
      '-----BEGIN PRIVATE KEY----- MIIEkey BBBB -----END PRIVATE KEY-----',
    );
    assert.deepEqual(security.secrets, [o['properties.ssl.keystore.key']]);
    assert.throws(
      () => kafkaJobSecurity({ bootstrapServers: ['b'], tls: { enabled: true, certFile } }, {}),
      /needs both kafka\.tls\.certFile and kafka\.tls\.keyFile/,
    );
  });

  it('SASL without the password set fails the step, naming the secret and where to set it', () => {
    assert.throws(
      () => kafkaJobSecurity({ bootstrapServers: ['b'], sasl: { mechanism: 'plain', username: 'u' } }, {}),
      /the job cannot log in to Kafka as "u": the secret kafka\.password is not set \(CDC Routing: Set Secret…, or CDC_ROUTING_KAFKA_PASSWORD for the CLI\)/,
    );
  });

  it('the options go into every Kafka table, source and sink, on the bootstrap line: every line keeps its number', () => {
    const security = kafkaJobSecurity(
      { bootstrapServers: ['b'], sasl: { mechanism: 'scram-sha-256', username: 'u' }, tls: { enabled: true, caFile } },
      { 'kafka.password': 'pw' },
    );
    const submitted = withKafkaSecurity(SCRIPT, security.options);
    const before = SCRIPT.split('\n');
    const after = submitted.split('\n');
    assert.equal(after.length, before.length);
    const changed = after.map((l, i) => (l === before[i] ? -1 : i)).filter((i) => i >= 0);
    assert.deepEqual(changed, [6, 13]);
    assert.ok(
      after[6].startsWith(
        "  'properties.bootstrap.servers' = 'b1:9094,b2:9094', 'properties.security.protocol' = 'SASL_SSL', ",
      ),
    );
    assert.ok(after[6].endsWith(','), 'the source keeps its comma before the next option');
    assert.ok(!after[13].endsWith(','), 'the sink keeps its last option last');
    assert.ok(
      after[13].includes(
        `'properties.sasl.jaas.config' = 'org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="pw";'`,
      ),
    );
  });

  it('a Kafka table whose bootstrap line is not in the generated form is refused, never submitted unsecured', () => {
    const odd = SCRIPT.replace(
      "  'properties.bootstrap.servers' = 'b1:9094,b2:9094'\n",
      "  'properties.bootstrap.servers'='b1:9094'\n",
    );
    assert.notEqual(odd, SCRIPT);
    assert.throws(
      () => withKafkaSecurity(odd, [['properties.security.protocol', 'SSL']]),
      /the script has 2 Kafka table\(s\) but 1 bootstrap line\(s\)/,
    );
  });
});
