import { PlatformError } from '../platformError';
import { AvroTypeCache } from './avroTypeCache';
import type { KafkaClientSettings } from './kafkaClientConfig';
import { kafkaFailure } from './kafkaFailure';
import type { TailMessage, TailOptions, TailStats, TopicTail } from './kafkaTypes';
import {
  batchesOf,
  createCluster,
  ISOLATION_READ_COMMITTED,
  type FetchPartitionRequest,
  type KafkaCluster,
} from './kafkajsInternals';
import { decodeRecord, schemaIdsOf } from './recordDecoding';
import { offsetsAtTime, partitionBounds, startPositions } from './startOffsets';

/** How long the broker may hold a fetch open when nothing is new (bounds how fast pause/stop free the socket). */
const MAX_WAIT_MS = 250;
/** Per partition and fetch: enough for a full producer batch, small enough that one fetch is a short burst. */
const PARTITION_MAX_BYTES = 512 * 1024;
const FETCH_MAX_BYTES = 8 * 1024 * 1024;
const BACKOFF_START_MS = 250;
const BACKOFF_MAX_MS = 5000;
/** A failure that goes on is reported again after this long, so the user knows it is still retrying. */
const REPEAT_ERROR_AFTER_MS = 30_000;

export interface TailDeps {
  settings: KafkaClientSettings;
  avro: AvroTypeCache;
  secrets: string[];
}

/**
 * Starts a tail: resolves the start offsets, then fetches the chosen partitions from their leaders in a loop.
 * No consumer group is joined and nothing is committed; positions live only in this object.
 */
export async function startTopicTail(options: TailOptions, deps: TailDeps): Promise<TopicTail> {
  const cluster = createCluster(deps.settings.config);
  const what = `tail topic ${options.topic}`;
  try {
    await cluster.connect();
    await cluster.addTargetTopic(options.topic);
    const all = cluster
      .findTopicPartitionMetadata(options.topic)
      .map((p) => p.partitionId)
      .sort((a, b) => a - b);
    if (all.length === 0) {
      throw new PlatformError(
        'kafka',
        what,
        deps.settings.where,
        `topic "${options.topic}" does not exist`,
        'check the topic name (the Topics view lists them)',
      );
    }
    const unknown = (options.partitions ?? []).filter((p) => !all.includes(p));
    if (unknown.length) {
      throw new PlatformError(
        'kafka',
        what,
        deps.settings.where,
        `topic "${options.topic}" has no partition ${unknown.join(', ')} (it has ${all.length})`,
      );
    }
    const bounds = await partitionBounds(cluster, options.topic, all);
    const byTime =
      options.start.kind === 'timestamp'
        ? await offsetsAtTime(cluster, options.topic, all, options.start.ms)
        : undefined;
    const tail = new GrouplessTail(cluster, options, all, startPositions(options.start, bounds, byTime), deps);
    tail.run();
    return tail;
  } catch (err) {
    await cluster.disconnect().catch(() => undefined);
    if ((err as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION') {
      throw new PlatformError(
        'kafka',
        what,
        deps.settings.where,
        `topic "${options.topic}" does not exist`,
        'check the topic name (the Topics view lists them)',
      );
    }
    throw kafkaFailure(err, what, deps.settings.where, deps.secrets);
  }
}

class GrouplessTail implements TopicTail {
  private readonly messageListeners: ((batch: TailMessage[]) => void)[] = [];
  private readonly errorListeners: ((error: Error) => void)[] = [];
  private readonly recoveredListeners: (() => void)[] = [];
  private active: Set<number>;
  private paused = false;
  private stopped = false;
  private received = 0;
  private wake: (() => void) | undefined;
  private lastReported: { message: string; at: number } | undefined;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly cluster: KafkaCluster,
    private readonly options: TailOptions,
    readonly partitions: number[],
    private readonly positions: Map<number, string>,
    private readonly deps: TailDeps,
  ) {
    this.active = new Set(options.partitions ?? partitions);
  }

  onMessages(listener: (batch: TailMessage[]) => void): void {
    this.messageListeners.push(listener);
  }

  onError(listener: (error: Error) => void): void {
    this.errorListeners.push(listener);
  }

  onRecovered(listener: () => void): void {
    this.recoveredListeners.push(listener);
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wakeUp();
  }

  setPartitions(partitions: number[] | undefined): void {
    this.active = new Set((partitions ?? this.partitions).filter((p) => this.positions.has(p)));
    this.wakeUp();
  }

  stats(): TailStats {
    return { received: this.received, positions: Object.fromEntries(this.positions), paused: this.paused };
  }

  async stop(): Promise<void> {
    if (this.stopped) return this.loop;
    this.stopped = true;
    this.wakeUp();
    await this.cluster.disconnect().catch(() => undefined);
    await this.loop;
  }

  run(): void {
    this.loop = this.fetchLoop();
  }

  private async fetchLoop(): Promise<void> {
    let backoff = BACKOFF_START_MS;
    while (!this.stopped) {
      if (this.paused || this.active.size === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      try {
        const byLeader = this.cluster.findLeaderForPartitions(this.options.topic, [...this.active]);
        await Promise.all(Object.entries(byLeader).map(([nodeId, partitions]) => this.fetchFrom(nodeId, partitions)));
        backoff = BACKOFF_START_MS;
        if (this.lastReported) {
          this.lastReported = undefined;
          for (const listener of this.recoveredListeners) listener();
        }
      } catch (err) {
        if (this.stopped) break;
        if (await this.recoverOffsetOutOfRange(err)) continue;
        this.report(err);
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
        await this.reconnect();
      }
    }
  }

  private async fetchFrom(nodeId: string, partitions: number[]): Promise<void> {
    const broker = await this.cluster.findBroker({ nodeId });
    const requests: FetchPartitionRequest[] = partitions.map((partition) => ({
      partition,
      fetchOffset: this.positions.get(partition)!,
      maxBytes: PARTITION_MAX_BYTES,
    }));
    const response = await broker.fetch({
      maxWaitTime: MAX_WAIT_MS,
      minBytes: 1,
      maxBytes: FETCH_MAX_BYTES,
      isolationLevel: ISOLATION_READ_COMMITTED,
      topics: [{ topic: this.options.topic, partitions: requests }],
    });
    const batches = batchesOf(response, this.options.topic, requests);
    await this.deps.avro.load(batches.flatMap((b) => schemaIdsOf(b.messages)));
    const out: TailMessage[] = [];
    for (const batch of batches) {
      // What arrives for a paused tail or a partition switched off is not shown and not consumed: the
      // position stays, so resume / switching it back on reads it then.
      if (this.stopped || this.paused || !this.active.has(batch.partition)) continue;
      if (batch.isEmptyIncludingFiltered()) continue;
      const typeOf = (id: number) => this.deps.avro.typeOf(id);
      for (const record of batch.messages) out.push(decodeRecord(record, batch.partition, typeOf));
      this.positions.set(batch.partition, (BigInt(batch.lastOffset()) + 1n).toString());
    }
    if (out.length === 0) return;
    this.received += out.length;
    for (const listener of this.messageListeners) listener(out);
  }

  /** A position that fell off the log (retention, or a recreated topic) moves to the nearest end. */
  private async recoverOffsetOutOfRange(err: unknown): Promise<boolean> {
    const e = err as { name?: string; partition?: number };
    if (e.name !== 'KafkaJSOffsetOutOfRange' || e.partition === undefined) return false;
    try {
      const b = (await partitionBounds(this.cluster, this.options.topic, [e.partition])).get(e.partition);
      if (!b) return false;
      const current = BigInt(this.positions.get(e.partition) ?? b.high);
      this.positions.set(e.partition, current < BigInt(b.low) ? b.low : b.high);
      return true;
    } catch {
      return false;
    }
  }

  /** After a failure: drop dead connections and learn the (maybe new) leaders; failures here are retried by the loop. */
  private async reconnect(): Promise<void> {
    if (this.stopped) return;
    try {
      if (!this.cluster.isConnected()) await this.cluster.connect();
      await this.cluster.refreshMetadata();
    } catch {
      // still down: the next fetch fails again and backs off further
    }
  }

  private report(err: unknown): void {
    const error = kafkaFailure(err, `tail topic ${this.options.topic}`, this.deps.settings.where, this.deps.secrets);
    const now = Date.now();
    if (
      this.lastReported &&
      this.lastReported.message === error.message &&
      now - this.lastReported.at < REPEAT_ERROR_AFTER_MS
    )
      return;
    this.lastReported = { message: error.message, at: now };
    for (const listener of this.errorListeners) listener(error);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
