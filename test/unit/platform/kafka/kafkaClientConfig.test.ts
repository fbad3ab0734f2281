import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { logLevel } from 'kafkajs';
import type { ConnectionProfile } from '../../../../server/src/platform/connectionProfile';
import { kafkaClientSettings } from '../../../../server/src/platform/kafka/kafkaClientConfig';
import { kafkaFailure } from '../../../../server/src/platform/kafka/kafkaFailure';
import { PlatformError } from '../../../../server/src/platform/platformError';

const base: ConnectionProfile = {
  name: 'corp',
  kafka: { bootstrapServers: ['k1:9093', 'k2:9093'] },
  topicDefaults: { partitions: 3, replicationFactor: 3 },
};
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function thrown(fn: () => unknown): PlatformError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof PlatformError, `expected a PlatformError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an error');
}

describe('kafka client settings from a profile', () => {
  it('plain brokers: fail-fast timeouts and no kafkajs logging (stdout is the LSP channel)', () => {
    const { config, where } = kafkaClientSettings(base, {});
    assert.equal(where, 'k1:9093,k2:9093');
    assert.deepEqual(config.brokers, ['k1:9093', 'k2:9093']);
    assert.equal(config.logLevel, logLevel.NOTHING);
    assert.ok((config.connectionTimeout ?? 0) <= 5000);
    assert.ok((config.retry?.retries ?? 99) <= 3);
    assert.equal(config.ssl, undefined);
    assert.equal(config.sasl, undefined);
  });

  it('SASL SCRAM takes the password from the secret kafka.password', () => {
    const profile = {
      ...base,
      kafka: { ...base.kafka!, sasl: { mechanism: 'scram-sha-512' as const, username: 'routing' } },
    };
    const { config } = kafkaClientSettings(profile, { 'kafka.password': 's3cr3t' });
    assert.deepEqual(config.sasl, { mechanism: 'scram-sha-512', username: 'routing', password: 's3cr3t' });
  });

  it('SASL without the secret is a clear error that says how to set it (and no password text)', () => {
    const profile = { ...base, kafka: { ...base.kafka!, sasl: { mechanism: 'plain' as const, username: 'routing' } } };
    const e = thrown(() => kafkaClientSettings(profile, {}));
    assert.equal(e.where, 'k1:9093,k2:9093');
    assert.match(e.why, /"routing" has no password/);
    assert.match(e.hint ?? '', /kafka\.password.*CDC_ROUTING_KAFKA_PASSWORD/);
  });

  it('TLS with a custom CA file reads the PEM; a missing or non-PEM file is named in the error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-'));
    const ca = path.join(dir, 'corp-ca.pem');
    fs.writeFileSync(ca, PEM);
    const ok = kafkaClientSettings({ ...base, kafka: { ...base.kafka!, tls: { enabled: true, caFile: ca } } }, {});
    assert.deepEqual(ok.config.ssl, { ca: [PEM], rejectUnauthorized: true });

    const missing = thrown(() =>
      kafkaClientSettings(
        { ...base, kafka: { ...base.kafka!, tls: { enabled: true, caFile: path.join(dir, 'nope.pem') } } },
        {},
      ),
    );
    assert.match(missing.message, /the CA file .*nope\.pem does not exist/);
    assert.match(missing.hint ?? '', /kafka\.tls\.caFile/);

    const notPem = path.join(dir, 'ca.der');
    fs.writeFileSync(notPem, Buffer.from([0x30, 0x82, 0x01]));
    assert.match(
      thrown(() =>
        kafkaClientSettings({ ...base, kafka: { ...base.kafka!, tls: { enabled: true, caFile: notPem } } }, {}),
      ).why,
      /holds no PEM certificate/,
    );
  });

  it('a profile without Kafka says so', () => {
    const e = thrown(() =>
      kafkaClientSettings({ name: 'x', topicDefaults: { partitions: 1, replicationFactor: 1 } }, {}),
    );
    assert.match(e.why, /profile "x" names no Kafka bootstrap servers/);
  });

  it('kafkajs failures become what/where/why/hint from the innermost cause, secrets masked', () => {
    const inner = Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'), {
      name: 'KafkaJSConnectionError',
    });
    const outer = Object.assign(new Error('retries exceeded'), {
      name: 'KafkaJSNumberOfRetriesExceeded',
      originalError: inner,
    });
    const e = kafkaFailure(outer, 'list topics', '127.0.0.1:9092');
    assert.equal(
      e.message,
      'list topics failed at 127.0.0.1:9092: connect ECONNREFUSED 127.0.0.1:9092 — is Kafka running and reachable? check the bootstrap servers of the profile (the "local" profile is the local stack: see its guide, docs/local-stack.md)',
    );
    const sasl = kafkaFailure(
      Object.assign(new Error('SASL SCRAM authentication failed for user with pw hunter2'), {
        name: 'KafkaJSSASLAuthenticationError',
      }),
      'connect',
      'k1:9093',
      ['hunter2'],
    );
    assert.ok(!sasl.message.includes('hunter2'));
    assert.match(sasl.hint ?? '', /kafka\.password/);
    const tls = kafkaFailure(new Error('self-signed certificate in certificate chain'), 'connect', 'k1:9093');
    assert.match(tls.hint ?? '', /caFile/);
  });
});
