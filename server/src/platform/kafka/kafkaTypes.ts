import type { TopicInfo } from '../../protocol/platform';
import type { TailMessage, TailStart } from '../../protocol/tail';
import type { ServiceHealth } from '../platformError';

// A topic's facts and a tail's start and records are what the Topics view and the message viewer show: the wire's types.
export type { TailMessage, TailStart, TopicInfo };

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

export interface TailOptions {
  topic: string;
  start: TailStart;
  /** Only these partitions (all when absent). */
  partitions?: number[];
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
