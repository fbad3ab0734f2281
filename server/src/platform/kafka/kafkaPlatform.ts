import { Kafka, Partitioners, type Admin, type Producer } from 'kafkajs';
import type { ConnectionProfile, Secrets } from '../connectionProfile';
import type { ServiceHealth } from '../platformError';
import { secretValues } from '../redactSecrets';
import type { SchemaRegistryClient } from '../registry/registryTypes';
import { AvroTypeCache } from './avroTypeCache';
import { brokerVersion } from './brokerVersion';
import { kafkaClientSettings, type KafkaClientSettings } from './kafkaClientConfig';
import { kafkaFailure } from './kafkaFailure';
import type { KafkaPlatform, ProducedMessage, TailOptions, TopicInfo, TopicSpec, TopicTail } from './kafkaTypes';
import { createCluster, type KafkaCluster } from './kafkajsInternals';
import { correctRequestQueueTimer } from './requestQueueTimer';
import { listTopicInfos } from './topicListing';
import { startTopicTail } from './topicTail';

// Before any connection: kafkajs's idle request queues would arm negative timers (see requestQueueTimer.ts).
correctRequestQueueTimer();

/**
 * The Kafka client of a profile (kafkajs). Connections are made on first use and kept; a bad profile
 * (no password, unreadable CA file) fails each call with the same clear PlatformError instead of at creation.
 */
export function createKafkaPlatform(
  profile: ConnectionProfile,
  secrets: Secrets,
  schemaRegistry?: SchemaRegistryClient,
): KafkaPlatform {
  const masked = secretValues(secrets);
  const avro = new AvroTypeCache(schemaRegistry);
  const tails = new Set<TopicTail>();
  let settings: KafkaClientSettings | undefined;
  let kafka: Kafka | undefined;
  let admin: Promise<Admin> | undefined;
  let producer: Promise<Producer> | undefined;
  let cluster: Promise<KafkaCluster> | undefined;
  const where = () => profile.kafka?.bootstrapServers.join(',') ?? '(none)';
  let release: string | undefined;

  const clientSettings = () => (settings ??= kafkaClientSettings(profile, secrets));
  const client = () => (kafka ??= new Kafka(clientSettings().config));
  // A failed connect is forgotten, so the next call tries again (the broker may be back).
  const connected = <T>(
    get: () => Promise<T> | undefined,
    set: (p: Promise<T> | undefined) => void,
    make: () => Promise<T>,
  ): Promise<T> => {
    const existing = get();
    if (existing) return existing;
    const made = make();
    set(made);
    made.catch(() => set(undefined));
    return made;
  };
  const adminClient = () =>
    connected(
      () => admin,
      (p) => {
        admin = p;
      },
      async () => {
        const a = client().admin();
        await a.connect();
        return a;
      },
    );
  const producerClient = () =>
    connected(
      () => producer,
      (p) => {
        producer = p;
      },
      async () => {
        const p = client().producer({
          createPartitioner: Partitioners.DefaultPartitioner,
          allowAutoTopicCreation: false,
          // a request retried after a timeout must not write the user's messages twice
          idempotent: true,
          maxInFlightRequests: 1,
        });
        await p.connect();
        return p;
      },
    );
  const listingCluster = () =>
    connected(
      () => cluster,
      (p) => {
        cluster = p;
      },
      async () => {
        const c = createCluster(clientSettings().config);
        await c.connect();
        return c;
      },
    );

  async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw kafkaFailure(err, what, where(), masked);
    }
  }

  return {
    async health(): Promise<ServiceHealth> {
      const started = Date.now();
      try {
        const a = await call('describe the Kafka cluster', adminClient);
        const info = await call('describe the Kafka cluster', () => a.describeCluster());
        const latencyMs = Date.now() - started; // the cluster round trip; the version lookup is not part of it
        const n = info.brokers.length;
        const brokers = `${n} broker${n === 1 ? '' : 's'}`;
        // Asked once, and again after Kafka was unreachable (an upgrade restarts the broker), not on every poll.
        release ??= info.brokers[0] ? await brokerVersion(a, info.brokers[0].nodeId) : undefined;
        return {
          service: 'kafka',
          where: where(),
          ok: true,
          version: release ?? brokers,
          latencyMs,
          detail: `${release ? `${brokers}, ` : ''}controller ${info.controller ?? 'unknown'}, cluster ${info.clusterId}`,
        };
      } catch (err) {
        release = undefined;
        const e = kafkaFailure(err, 'describe the Kafka cluster', where(), masked);
        return {
          service: 'kafka',
          where: where(),
          ok: false,
          latencyMs: Date.now() - started,
          error: { what: e.what, where: e.where, why: e.why, hint: e.hint },
        };
      }
    },

    listTopics(): Promise<TopicInfo[]> {
      return call('list topics', async () => listTopicInfos(await adminClient(), await listingCluster()));
    },

    createTopics(specs: TopicSpec[]): Promise<string[]> {
      return call('create topics', async () => {
        const a = await adminClient();
        const existing = new Set(await a.listTopics());
        const missing = specs.filter((s) => !existing.has(s.name));
        if (missing.length === 0) return [];
        await a.createTopics({
          waitForLeaders: true,
          topics: missing.map((s) => ({
            topic: s.name,
            numPartitions: s.partitions,
            replicationFactor: s.replicationFactor,
          })),
        });
        return missing.map((s) => s.name);
      });
    },

    produce(topic: string, messages: ProducedMessage[]): Promise<void> {
      return call(`produce to ${topic}`, async () => {
        await (
          await producerClient()
        ).send({
          topic,
          messages: messages.map((m) => ({
            key: m.key ?? null,
            value: m.value,
            headers: m.headers,
            partition: m.partition,
          })),
        });
      });
    },

    async tail(options: TailOptions): Promise<TopicTail> {
      const tail = await startTopicTail(options, { settings: clientSettingsOrThrow(), avro, secrets: masked });
      tails.add(tail);
      const stop = tail.stop.bind(tail);
      tail.stop = async () => {
        tails.delete(tail);
        await stop();
      };
      return tail;
    },

    async close(): Promise<void> {
      const all = [...tails].map((t) => t.stop());
      const conns = [
        admin?.then((a) => a.disconnect()),
        producer?.then((p) => p.disconnect()),
        cluster?.then((c) => c.disconnect()),
      ];
      admin = producer = undefined;
      cluster = undefined;
      await Promise.allSettled([...all, ...conns]);
    },
  };

  function clientSettingsOrThrow(): KafkaClientSettings {
    try {
      return clientSettings();
    } catch (err) {
      throw kafkaFailure(err, 'tail', where(), masked);
    }
  }
}
