import { NotificationType, RequestType } from 'vscode-jsonrpc';

/**
 * The topic tail (client: the message viewer, client/src/messageViewer/; server: server/src/lsp/tailFeature.ts).
 * The server reads the topic without a consumer group, batches what arrives into `messages` notifications (at
 * most ~10 a second, bounded in size) and, when the client falls behind, drops the oldest pending messages and
 * says how many in `dropped`.
 */

/** Where a tail starts reading, on every partition. */
export type TailStart =
  | { kind: 'latest' }
  | { kind: 'beginning' }
  | { kind: 'timestamp'; ms: number }
  /** The same offset on every partition (clamped to each partition's start..end). */
  | { kind: 'offset'; offset: number };

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

export type RoutedTailMessage = TailMessage & {
  /** Ids of the filters of `filtersUri` that would route this message (empty when none match or it is not JSON). */
  routedTo: string[];
};

export interface TailStartParams {
  topic: string;
  start: TailStart;
  /** Only these partitions (all when absent). */
  partitions?: number[];
  /** The open filters file whose filters make the routing column (none when absent). */
  filtersUri?: string;
  /** Most messages the server holds for this client between notifications (older ones are dropped). */
  bufferSize?: number;
}

export interface TailStartResult {
  tailId: string;
  /** The partitions being read. */
  partitions: number[];
}

export interface TailIdParams {
  tailId: string;
}

export interface TailSetPartitionsParams {
  tailId: string;
  /** The partitions to read from now on (each continues where it was). */
  partitions: number[];
}

/** Also sent with no messages once a tail works again after a `tail/error` (recovering: true). */
export interface TailMessagesParams {
  tailId: string;
  messages: RoutedTailMessage[];
  /** Messages the server dropped since the last notification to keep up (0 normally). */
  dropped: number;
}

export interface TailErrorParams {
  tailId: string;
  /** What failed, where and why (a PlatformError message: no stack trace, no secret). */
  message: string;
  /** True when the tail keeps retrying (broker down…); false when it has stopped. */
  recovering: boolean;
}

/** Starts a tail; a failure (no Kafka in the profile, unknown topic…) is an LSP error with the reason. */
export const TailStartRequest = new RequestType<TailStartParams, TailStartResult, void>('cdcRouting/tail/start');
export const TailPauseRequest = new RequestType<TailIdParams, null, void>('cdcRouting/tail/pause');
export const TailResumeRequest = new RequestType<TailIdParams, null, void>('cdcRouting/tail/resume');
export const TailStopRequest = new RequestType<TailIdParams, null, void>('cdcRouting/tail/stop');
export const TailSetPartitionsRequest = new RequestType<TailSetPartitionsParams, void, void>(
  'cdcRouting/tail/setPartitions',
);
export const TailMessagesNotification = new NotificationType<TailMessagesParams>('cdcRouting/tail/messages');
export const TailErrorNotification = new NotificationType<TailErrorParams>('cdcRouting/tail/error');
