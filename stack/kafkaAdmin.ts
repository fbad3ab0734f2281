import * as fs from 'fs';
import { Kafka, logLevel } from 'kafkajs';
import type { KafkaSecurity } from './kafkaSasl';

/** A kafkajs client for the stack's own checks: quiet, and failing fast instead of retrying for minutes. */
function stackKafka(bootstrap: string): Kafka {
  return new Kafka({
    clientId: 'cdc-routing-stack',
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 10000,
    retry: { retries: 2, initialRetryTime: 200 },
  });
}

export async function describeBroker(
  bootstrap: string,
): Promise<{ brokers: number; controller: number | null; clusterId: string }> {
  const admin = stackKafka(bootstrap).admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    return { brokers: cluster.brokers.length, controller: cluster.controller, clusterId: cluster.clusterId };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Asks the SASL_SSL listener for the cluster as a user's client would: SCRAM-SHA-256 over TLS, trusting only the
 * stack's own CA. Proves the listener, its certificate and the SCRAM user, not just an open port.
 */
export async function describeSecuredBroker(security: KafkaSecurity): Promise<{ brokers: number }> {
  const kafka = new Kafka({
    clientId: 'cdc-routing-stack',
    brokers: [security.bootstrap],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { retries: 1, initialRetryTime: 200 },
    ssl: { ca: [fs.readFileSync(security.caFile, 'utf8')] },
    sasl: {
      mechanism: 'scram-sha-256',
      username: security.username,
      password: fs.readFileSync(security.passwordFile, 'utf8').trim(),
    },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return { brokers: (await admin.describeCluster()).brokers.length };
  } finally {
    await admin.disconnect();
  }
}

/** Creates the topics that do not exist yet (partitions as in the example's docker-compose create-topics service). */
export async function ensureTopics(bootstrap: string, topics: string[], numPartitions: number): Promise<void> {
  const admin = stackKafka(bootstrap).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })),
        waitForLeaders: true,
      });
    }
  } finally {
    await admin.disconnect();
  }
}
