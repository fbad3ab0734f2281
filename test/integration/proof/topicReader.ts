import { Kafka, logLevel, type Admin, type Consumer } from 'kafkajs';

export interface ReadRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | undefined;
  value: string;
  /** Local clock when the record reached this process (the arrival time of the latency figures). */
  arrivedAt: number;
}

export type PartitionOffsets = { topic: string; partition: number; offset: number }[];

export function proofKafka(bootstrap: string): Kafka {
  return new Kafka({
    clientId: 'cdc-routing-proof',
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    retry: { retries: 8, initialRetryTime: 200 },
  });
}

/** End offsets (high watermarks) of topics: "everything written so far". */
export async function endOffsets(admin: Admin, topics: string[]): Promise<PartitionOffsets> {
  const out: PartitionOffsets = [];
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic))
      out.push({ topic, partition: p.partition, offset: Number(p.high) });
  }
  return out;
}

/**
 * Reads topics from the beginning with a throwaway consumer group that never commits, keeping every record
 * with its arrival time. Short fetch waits so arrival times are not inflated by the consumer itself.
 */
export class TopicReader {
  readonly records: ReadRecord[] = [];
  private readonly position = new Map<string, number>();

  private constructor(private readonly consumer: Consumer) {}

  static async start(kafka: Kafka, topics: string[], groupId: string): Promise<TopicReader> {
    const consumer = kafka.consumer({
      groupId,
      maxWaitTimeInMs: 50,
      minBytes: 1,
      sessionTimeout: 30_000,
      heartbeatInterval: 3000,
    });
    const reader = new TopicReader(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      autoCommit: false,
      eachMessage: ({ topic, partition, message }) => {
        reader.records.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString(),
          value: message.value?.toString() ?? '',
          arrivedAt: Date.now(),
        });
        reader.position.set(`${topic}:${partition}`, Number(message.offset) + 1);
        return Promise.resolve();
      },
    });
    await joined;
    return reader;
  }

  /** Has every partition been read up to the given offsets (exclusive)? */
  consumedTo(offsets: PartitionOffsets): boolean {
    return offsets.every((o) => o.offset === 0 || (this.position.get(`${o.topic}:${o.partition}`) ?? 0) >= o.offset);
  }

  /** Resolves when `done()` holds (checked every 500 ms: it may ask Kafka), rejects at the deadline. */
  async until(what: string, deadline: number, done: () => boolean | Promise<boolean>): Promise<void> {
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
  }
}
