import { Kafka, logLevel } from 'kafkajs';

/** A kafkajs client for the stack's own checks: quiet, and failing fast instead of retrying for minutes. */
export function stackKafka(bootstrap: string): Kafka {
  return new Kafka({
    clientId: 'cdc-routing-stack',
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 10000,
    retry: { retries: 2, initialRetryTime: 200 },
  });
}

export async function describeBroker(bootstrap: string): Promise<{ brokers: number; controller: number | null; clusterId: string }> {
  const admin = stackKafka(bootstrap).admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    return { brokers: cluster.brokers.length, controller: cluster.controller, clusterId: cluster.clusterId };
  } finally {
    await admin.disconnect();
  }
}

/** Creates the topics that do not exist yet (partitions as in the seed's create-topics script). */
export async function ensureTopics(bootstrap: string, topics: string[], numPartitions: number): Promise<void> {
  const admin = stackKafka(bootstrap).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })), waitForLeaders: true });
    }
  } finally {
    await admin.disconnect();
  }
}
