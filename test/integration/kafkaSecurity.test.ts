import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { ConnectionProfile, Secrets } from '../../server/src/platform/connectionProfile';
import { createKafkaPlatform } from '../../server/src/platform/kafka/kafkaPlatform';
import type { KafkaPlatform, TailMessage } from '../../server/src/platform/kafka/kafkaTypes';
import { PlatformError } from '../../server/src/platform/platformError';
import type { HealthResult, PlatformResult, TopicsResult } from '../../server/src/protocol';
import { FILTERED_TOPICS, RAW_TOPIC, stackKafkaSecurity, type KafkaSecurity } from '../../stack/index';
import { closeCopy, openCopy, type LspSession } from '../lsp/lspSession';
import { useStack } from './sharedStack';
// the LSP part drives the bundle users get: never a stale one
import '../setup/buildBundles';
import { until } from './until';

const RUN = Date.now().toString(36);
const WRONG_PASSWORD = `Wrong-Pw-${RUN}`;

/** A profile for the stack's SASL_SSL listener, the way a user would write one for a corporate cluster. */
function securedProfile(
  security: KafkaSecurity,
  over: { mechanism?: 'scram-sha-256' | 'scram-sha-512' | 'plain'; caFile?: string | null } = {},
): ConnectionProfile {
  const caFile = over.caFile === null ? undefined : (over.caFile ?? security.caFile);
  return {
    name: 'secured',
    kafka: {
      bootstrapServers: [security.bootstrap],
      sasl: { mechanism: over.mechanism ?? 'scram-sha-256', username: security.username },
      tls: { enabled: true, ...(caFile ? { caFile } : {}) },
    },
    topicDefaults: { partitions: 1, replicationFactor: 1 },
  };
}

async function failureOf(action: () => Promise<unknown>): Promise<PlatformError> {
  try {
    await action();
  } catch (err) {
    assert.ok(err instanceof PlatformError, `expected a PlatformError, got ${(err as Error)?.stack ?? String(err)}`);
    return err;
  }
  return assert.fail('expected the call to fail');
}

describe("Kafka over SASL_SSL with a custom CA (the local stack's secured listener)", function () {
  this.timeout(60_000);
  let security: KafkaSecurity;
  let password: string;
  let secrets: Secrets;
  let plaintextBootstrap: string;
  const platforms: KafkaPlatform[] = [];
  const open = (profile: ConnectionProfile, s: Secrets = secrets) => {
    const p = createKafkaPlatform(profile, s);
    platforms.push(p);
    return p;
  };
  /** Every message a user could read: none may hold a password. */
  const assertNoSecret = (text: string, where: string) => {
    assert.ok(!text.includes(password), `${where} shows the real password`);
    assert.ok(!text.includes(WRONG_PASSWORD), `${where} shows the wrong password`);
  };

  before(async function () {
    this.timeout(300_000);
    plaintextBootstrap = (await useStack()).kafkaBootstrap;
    security = stackKafkaSecurity();
    password = fs.readFileSync(security.passwordFile, 'utf8').trim();
    assert.ok(password.length >= 16, 'the stack generates a real password');
    secrets = { 'kafka.password': password };
  });
  after(async () => {
    await Promise.all(platforms.map((p) => p.close().catch(() => undefined)));
  });

  for (const mechanism of ['scram-sha-256', 'scram-sha-512', 'plain'] as const) {
    it(`${mechanism}: lists the example topics through TLS verified by the CA file`, async () => {
      const topics = (await open(securedProfile(security, { mechanism })).listTopics()).map((t) => t.name);
      for (const name of [RAW_TOPIC, ...FILTERED_TOPICS])
        assert.ok(topics.includes(name), `${name} missing from ${topics.join(', ')}`);
    });
  }

  it('scram-sha-256: produces to a new topic and tails it back', async () => {
    const kafka = open(securedProfile(security));
    const topic = `h6-secured-${RUN}`;
    assert.deepStrictEqual(await kafka.createTopics([{ name: topic, partitions: 1, replicationFactor: 1 }]), [topic]);
    const tail = await kafka.tail({ topic, start: { kind: 'beginning' } });
    const got: TailMessage[] = [];
    tail.onMessages((batch) => got.push(...batch));
    const errors: Error[] = [];
    tail.onError((e) => errors.push(e));
    try {
      await kafka.produce(topic, [
        { key: 'k1', value: JSON.stringify({ over: 'SASL_SSL', run: RUN }) },
        { key: 'k2', value: 'plain text' },
      ]);
      await until('2 tailed messages', 20_000, () => got.length >= 2);
      assert.deepStrictEqual(
        got.map((m) => [m.key, m.encoding]),
        [
          ['k1', 'json'],
          ['k2', 'text'],
        ],
      );
      assert.deepStrictEqual(JSON.parse(got[0].value!), { over: 'SASL_SSL', run: RUN });
      assert.deepStrictEqual(errors, []);
    } finally {
      await tail.stop();
    }
  });

  it('a wrong password fails as an authentication error that shows neither password', async () => {
    const err = await failureOf(() =>
      open(securedProfile(security), { 'kafka.password': WRONG_PASSWORD }).listTopics(),
    );
    assert.equal(err.service, 'kafka');
    assert.ok(err.where.includes(security.bootstrap), err.where);
    assert.match(err.why, /authenticat/i);
    assert.match(err.hint ?? '', /kafka\.password/);
    assertNoSecret(JSON.stringify({ ...err, message: err.message }), 'the error');
  });

  it('TLS without the CA file (system CAs only) fails on the certificate, with a hint about caFile', async () => {
    const err = await failureOf(() => open(securedProfile(security, { caFile: null })).listTopics());
    assert.equal(err.service, 'kafka');
    assert.match(err.why, /certificate/i);
    assert.match(err.hint ?? '', /caFile/);
    assert.doesNotMatch(err.hint ?? '', /is Kafka running/);
    assertNoSecret(err.message, 'the error');
  });

  it('TLS against the PLAINTEXT listener says the port does not speak TLS', async () => {
    const profile = securedProfile(security);
    profile.kafka!.bootstrapServers = [plaintextBootstrap];
    const err = await failureOf(() => open(profile).listTopics());
    assert.ok(err.where.includes(plaintextBootstrap), err.where);
    assert.match(err.hint ?? '', /TLS listener/);
  });

  it('a CA file that does not exist is named in the error', async () => {
    const missing = path.join(path.dirname(security.caFile), 'no-such-ca.pem');
    const err = await failureOf(() => open(securedProfile(security, { caFile: missing })).listTopics());
    assert.ok(err.why.includes(missing), err.why);
    assert.match(err.hint ?? '', /caFile/);
  });

  describe('through the language server over stdio', () => {
    let session: LspSession | undefined;
    let ws: string | undefined;
    after(() => closeCopy(session, ws));

    it('reports Kafka healthy and lists the topics; no secret reaches stderr or an answer', async () => {
      ({ session, ws } = await openCopy('examples/cdc-streaming', 'flink-jobs/filters.yaml'));
      void session.connection.sendNotification('cdcRouting/platform/configure', {
        profiles: [securedProfile(security), { ...securedProfile(security), name: 'wrong-password' }],
        activeProfile: 'secured',
        secrets: { secured: secrets, 'wrong-password': { 'kafka.password': WRONG_PASSWORD } },
      });
      const health = await session.request<PlatformResult<HealthResult>>('cdcRouting/platform/health', {});
      assert.ok(health.ok, JSON.stringify(health));
      const kafka = health.value.services.find((s) => s.service === 'kafka');
      assert.ok(kafka?.ok, `Kafka should be healthy: ${JSON.stringify(kafka)}`);
      assert.equal(kafka.where, security.bootstrap);

      const topics = await session.request<PlatformResult<TopicsResult>>('cdcRouting/platform/topics', {});
      assert.ok(topics.ok, JSON.stringify(topics));
      const names = topics.value.topics.map((t) => t.name);
      for (const name of [RAW_TOPIC, ...FILTERED_TOPICS]) assert.ok(names.includes(name), `${name} missing`);

      const wrong = await session.request<PlatformResult<HealthResult>>('cdcRouting/platform/health', {
        profile: 'wrong-password',
      });
      assert.ok(wrong.ok, JSON.stringify(wrong));
      const wrongKafka = wrong.value.services.find((s) => s.service === 'kafka');
      assert.equal(wrongKafka?.ok, false);
      assert.match(wrongKafka?.error?.why ?? '', /authenticat/i);

      for (const [what, text] of [
        ['health', health],
        ['topics', topics],
        ['wrong-password health', wrong],
      ] as const)
        assertNoSecret(JSON.stringify(text), what);
      assertNoSecret(session.stderr, "the server's stderr");
    });
  });
});
