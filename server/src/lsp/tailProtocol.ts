import type { TailMessage, TailStart } from '../platform/kafka/kafkaTypes';

export type { TailMessage, TailStart } from '../platform/kafka/kafkaTypes';

/**
 * LSP methods of the topic tail (client: the message viewer). The server reads the topic without a consumer
 * group, batches what arrives into `messages` notifications (at most ~10 a second, bounded in size) and, when
 * the client falls behind, drops the oldest pending messages and says how many in `dropped`.
 */
export const TAIL_START_REQUEST = 'cdcRouting/tail/start';
export const TAIL_PAUSE_REQUEST = 'cdcRouting/tail/pause';
export const TAIL_RESUME_REQUEST = 'cdcRouting/tail/resume';
export const TAIL_STOP_REQUEST = 'cdcRouting/tail/stop';
export const TAIL_SET_PARTITIONS_REQUEST = 'cdcRouting/tail/setPartitions';
export const TAIL_MESSAGES_NOTIFICATION = 'cdcRouting/tail/messages';
export const TAIL_ERROR_NOTIFICATION = 'cdcRouting/tail/error';

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

export type RoutedTailMessage = TailMessage & {
  /** Ids of the filters of `filtersUri` that would route this message (empty when none match or it is not JSON). */
  routedTo: string[];
};

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
