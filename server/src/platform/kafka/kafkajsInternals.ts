import type { KafkaConfig } from 'kafkajs';

/**
 * Typed handles on the layer under kafkajs's Consumer. The Consumer always joins a consumer group; the
 * tail must not, so it drives the library's Cluster/Broker directly (fetch by partition and offset), the same
 * objects the Consumer uses, and lets kafkajs decode the record batches. Only what the tail uses is typed.
 */

/* eslint-disable @typescript-eslint/no-require-imports */
const ClusterClass = require('kafkajs/src/cluster') as new (options: Record<string, unknown>) => KafkaCluster;
const BatchClass = require('kafkajs/src/consumer/batch') as new (
  topic: string,
  fetchedOffset: string,
  partitionData: unknown,
) => FetchedBatch;
const { createLogger, LEVELS } = require('kafkajs/src/loggers') as {
  createLogger: (o: { level: number; logCreator: unknown }) => unknown; // an arrow function of the module, no `this`
  LEVELS: { NOTHING: number };
};
const defaultSocketFactory = require('kafkajs/src/network/socketFactory') as () => unknown;
const InstrumentationEventEmitter = require('kafkajs/src/instrumentation/emitter') as new () => unknown;
/* eslint-enable @typescript-eslint/no-require-imports */

/** READ_COMMITTED, as a consumer reads by default: records of aborted transactions never show. */
const READ_COMMITTED = 1;

export interface PartitionMetadata {
  partitionId: number;
  leader: number;
  replicas: number[];
}

export interface RawRecord {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | Buffer[] | string | undefined>;
}

export interface FetchedBatch {
  partition: number;
  highWatermark: string;
  /** Records at or after the fetched offset, without control records and aborted transactions. */
  messages: RawRecord[];
  isEmptyIncludingFiltered(): boolean;
  /** The offset of the last record read (also of filtered ones), so the next fetch starts after it. */
  lastOffset(): string;
}

export interface FetchPartitionRequest {
  partition: number;
  fetchOffset: string;
  maxBytes: number;
}

export interface FetchResponse {
  responses: { topicName: string; partitions: unknown[] }[];
}

export interface KafkaBroker {
  fetch(request: {
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    isolationLevel: number;
    topics: { topic: string; partitions: FetchPartitionRequest[] }[];
  }): Promise<FetchResponse>;
}

export interface KafkaCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  isConnected(): boolean;
  refreshMetadata(): Promise<void>;
  addTargetTopic(topic: string): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  findTopicPartitionMetadata(topic: string): PartitionMetadata[];
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(query: { nodeId: string }): Promise<KafkaBroker>;
  fetchTopicsOffset(
    topics: { topic: string; partitions: { partition: number }[]; fromBeginning?: boolean; fromTimestamp?: number }[],
  ): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}

/** A Cluster with its own connections, from the same settings as the profile's kafkajs client. */
export function createCluster(config: KafkaConfig): KafkaCluster {
  return new ClusterClass({
    logger: createLogger({ level: LEVELS.NOTHING, logCreator: () => () => undefined }),
    socketFactory: defaultSocketFactory(),
    brokers: config.brokers,
    ssl: config.ssl,
    sasl: config.sasl,
    clientId: config.clientId,
    connectionTimeout: config.connectionTimeout,
    authenticationTimeout: config.authenticationTimeout,
    requestTimeout: config.requestTimeout,
    enforceRequestTimeout: true,
    metadataMaxAge: 300_000,
    retry: config.retry,
    allowAutoTopicCreation: false,
    maxInFlightRequests: null,
    isolationLevel: READ_COMMITTED,
    instrumentationEmitter: new InstrumentationEventEmitter(),
  });
}

/** The partition results of a fetch as kafkajs batches (filtered to the offsets asked for). */
export function batchesOf(response: FetchResponse, topic: string, requested: FetchPartitionRequest[]): FetchedBatch[] {
  const out: FetchedBatch[] = [];
  for (const r of response.responses) {
    if (r.topicName !== topic) continue;
    for (const p of r.partitions) {
      const partition = (p as { partition: number }).partition;
      const asked = requested.find((q) => q.partition === partition);
      if (asked) out.push(new BatchClass(topic, asked.fetchOffset, p));
    }
  }
  return out;
}

export const ISOLATION_READ_COMMITTED = READ_COMMITTED;
