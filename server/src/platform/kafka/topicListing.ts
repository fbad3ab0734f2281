import type { Admin } from 'kafkajs';
import type { TopicInfo } from './kafkaTypes';
import { batchesOf, ISOLATION_READ_COMMITTED, type KafkaCluster } from './kafkajsInternals';

/** How many topics' offsets are asked for at once, so a cluster with thousands of topics is not flooded. */
const TOPIC_CONCURRENCY = 8;
/** Partitions per "newest record" fetch request. */
const PARTITIONS_PER_FETCH = 16;

/** Every topic with partitions, replication, message count and the newest record's time. */
export async function listTopicInfos(admin: Admin, cluster: KafkaCluster): Promise<TopicInfo[]> {
  const { topics } = await admin.fetchTopicMetadata();
  const listed = await mapBounded(
    topics,
    TOPIC_CONCURRENCY,
    async (t): Promise<(TopicInfo & { ends: { partition: number; high: string; low: string }[] }) | undefined> => {
      const offsets = await topicOffsets(admin, t.name);
      if (!offsets) return undefined;
      const ends = offsets.map((o) => ({ partition: o.partition, high: o.high, low: o.low }));
      return {
        name: t.name,
        partitions: t.partitions.length,
        replicationFactor: t.partitions[0]?.replicas.length ?? 0,
        messageCount: ends.reduce((n, e) => n + Number(BigInt(e.high) - BigInt(e.low)), 0),
        internal: t.name.startsWith('_'),
        ends,
      };
    },
  );
  const infos = listed.filter((i) => i !== undefined);
  const newest = await newestTimestamps(
    cluster,
    infos.map((i) => ({ topic: i.name, partitions: i.ends.filter((e) => BigInt(e.high) > BigInt(e.low)) })),
  );
  return infos
    .map(({ ends: _ends, ...info }) =>
      newest.has(info.name) ? { ...info, lastMessageTime: newest.get(info.name) } : info,
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Retriable answers of a partition's leader that a moment later are gone (kafkajs's admin gives up on them at once). */
const TRANSIENT = new Set(['NOT_LEADER_FOR_PARTITION', 'LEADER_NOT_AVAILABLE', 'NOT_LEADER_OR_FOLLOWER']);
const OFFSET_TRIES = 5;

/**
 * A topic's offsets, or undefined when it was deleted after the metadata listed it. Another client creating or
 * deleting topics, or a broker still loading a new topic's partitions, makes the leader answer NOT_LEADER for a
 * moment: one such topic must not fail the whole listing, so it is asked again with a short backoff.
 */
async function topicOffsets(
  admin: Admin,
  topic: string,
): Promise<{ partition: number; high: string; low: string }[] | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (err) {
      // kafkajs wraps the broker's error once it has retried it itself
      const e = err as { type?: string; originalError?: { type?: string } };
      const type = e.type ?? e.originalError?.type ?? '';
      if (type === 'UNKNOWN_TOPIC_OR_PARTITION') return undefined;
      if (!TRANSIENT.has(type) || attempt >= OFFSET_TRIES) throw err;
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    }
  }
}

/**
 * The newest record's timestamp per topic: the record at high − 1 of each non-empty partition, fetched in
 * one request per leader and group of partitions. A partition whose last record is a transaction marker
 * gives nothing (then the others decide).
 */
async function newestTimestamps(
  cluster: KafkaCluster,
  topics: { topic: string; partitions: { partition: number; high: string }[] }[],
): Promise<Map<string, number>> {
  const wanted = topics.filter((t) => t.partitions.length > 0);
  if (wanted.length === 0) return new Map();
  await cluster.addMultipleTargetTopics(wanted.map((t) => t.topic));
  const jobs: {
    topic: string;
    nodeId: string;
    partitions: { partition: number; fetchOffset: string; maxBytes: number }[];
  }[] = [];
  for (const t of wanted) {
    const leaders = cluster.findLeaderForPartitions(
      t.topic,
      t.partitions.map((p) => p.partition),
    );
    for (const [nodeId, ids] of Object.entries(leaders)) {
      const asked = t.partitions
        .filter((p) => ids.includes(p.partition))
        .map((p) => ({ partition: p.partition, fetchOffset: (BigInt(p.high) - 1n).toString(), maxBytes: 1024 * 1024 }));
      for (let i = 0; i < asked.length; i += PARTITIONS_PER_FETCH)
        jobs.push({ topic: t.topic, nodeId, partitions: asked.slice(i, i + PARTITIONS_PER_FETCH) });
    }
  }
  const newest = new Map<string, number>();
  // One fetch at a time per broker: kafkajs opens a broker's fetch connection lazily, and concurrent first
  // requests would each open a socket of which only one is ever closed.
  const byNode = new Map<string, typeof jobs>();
  for (const job of jobs) byNode.set(job.nodeId, [...(byNode.get(job.nodeId) ?? []), job]);
  await Promise.all(
    [...byNode.values()].map((nodeJobs) =>
      mapBounded(nodeJobs, 1, async (job) => {
        try {
          const broker = await cluster.findBroker({ nodeId: job.nodeId });
          const response = await broker.fetch({
            maxWaitTime: 0,
            minBytes: 0,
            maxBytes: 16 * 1024 * 1024,
            isolationLevel: ISOLATION_READ_COMMITTED,
            topics: [{ topic: job.topic, partitions: job.partitions }],
          });
          for (const batch of batchesOf(response, job.topic, job.partitions)) {
            for (const m of batch.messages)
              newest.set(job.topic, Math.max(newest.get(job.topic) ?? 0, Number(m.timestamp)));
          }
        } catch {
          // the time is a nicety: counts are still right without it
        }
      }),
    ),
  );
  return newest;
}

async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
