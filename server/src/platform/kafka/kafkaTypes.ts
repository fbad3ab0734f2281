import type { ServiceHealth } from '../platformError';

export interface TopicInfo {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Sum over partitions of end offset minus start offset. */
  messageCount: number;
  /** Timestamp (ms) of the newest record over all partitions; absent for an empty topic. */
  lastMessageTime?: number;
  internal: boolean;
}

export interface TopicSpec {
  name: string;
  partitions: number;
  replicationFactor: number;
}

export interface ProducedMessage {
  key?: string | null;
  value: string | Buffer | null;
  headers?: Record<string, string>;
  partition?: number;
}

/** Where a tail starts reading, on every partition. */
export type TailStart =
  | { kind: 'latest' }
  | { kind: 'beginning' }
  | { kind: 'timestamp'; ms: number }
  /** The same offset on every partition (clamped to each partition's start..end). */
  | { kind: 'offset'; offset: number };

export interface TailOptions {
  topic: string;
  start: TailStart;
  /** Only these partitions (all when absent). */
  partitions?: number[];
}

/** One record as the viewer shows it. Offsets are strings: Kafka offsets are 64-bit. */
export interface TailMessage {
  partition: number;
  offset: string;
  timestamp: number;
  key: string | null;
  /** The value as text: UTF-8 text, pretty-printable JSON, Avro decoded to JSON through the registry, or hex for binary. */
  value: string | null;
  encoding: 'json' | 'text' | 'avro' | 'binary' | 'null';
  /** Avro schema id (Confluent wire format), when decoded. */
  schemaId?: number;
  headers: Record<string, string>;
  /** Bytes of key + value as read. */
  size: number;
}

export interface TailStats {
  received: number;
  /** Per partition: next offset to read. */
  positions: Record<number, string>;
  paused: boolean;
}

/**
 * A running tail. It reads partitions directly (fetch requests by partition and offset): it never joins
 * a consumer group and never commits offsets, so it cannot disturb the routing job or any consumer.
 */
export interface TopicTail {
  onMessages(listener: (batch: TailMessage[]) => void): void;
  /** Errors while tailing (broker down…): the tail keeps retrying with backoff until stopped. */
  onError(listener: (error: Error) => void): void;
  /** Called once when fetching works again after an error was reported (the viewer clears its banner). */
  onRecovered?(listener: () => void): void;
  pause(): void;
  resume(): void;
  setPartitions(partitions: number[] | undefined): void;
  stats(): TailStats;
  stop(): Promise<void>;
}

export interface KafkaPlatform {
  health(): Promise<ServiceHealth>;
  listTopics(): Promise<TopicInfo[]>;
  /** Creates the missing ones; returns the names created. Never deletes or alters existing topics. */
  createTopics(specs: TopicSpec[]): Promise<string[]>;
  produce(topic: string, messages: ProducedMessage[]): Promise<void>;
  tail(options: TailOptions): Promise<TopicTail>;
  close(): Promise<void>;
}
