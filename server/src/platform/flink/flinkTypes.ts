import type { FlinkJob } from '../../protocol/platform';
import type { ServiceHealth } from '../platformError';

// A job's state is what the Flink Jobs view shows: the wire's type.
export type { FlinkJob };

export interface FlinkRestClient {
  health(): Promise<ServiceHealth>;
  listJobs(): Promise<FlinkJob[]>;
  /** Full details of one job (restarts, last exception, last checkpoint). */
  job(id: string): Promise<FlinkJob>;
  /** The root exception and recent ones, as text. */
  exceptions(id: string): Promise<{ time: number; text: string }[]>;
  /** Stops the job taking a savepoint; resolves with the savepoint's path once Flink has written it. */
  stopWithSavepoint(id: string, targetDirectory?: string): Promise<string>;
  cancel(id: string): Promise<void>;
  /** How the job checkpoints (interval, whether a cancel keeps its checkpoints) and how many completed. */
  checkpointing(id: string): Promise<JobCheckpointing>;
  /**
   * The Kafka partitions the job's source readers hold, by topic: each split a KafkaSourceReader is given registers
   * its `KafkaSourceReader.topic.<topic>.partition.<n>.currentOffset` metric (flink-connector-kafka), listed per
   * subtask under `/jobs/<id>/vertices/<vertex>/metrics`.
   */
  assignedPartitions(id: string): Promise<Map<string, Set<number>>>;
  /** The Flink Web UI page of a job (running and ended jobs live under different routes), or the overview. */
  webUiUrl(jobId?: string, state?: string): string;
}

export interface JobCheckpointing {
  /** The checkpoint interval; undefined when checkpointing is off for the job. */
  intervalMs?: number;
  /** Whether cancelling the job deletes its checkpoints (Flink's default, unless retention is RETAIN_ON_CANCELLATION). */
  deletedOnCancel: boolean;
  completed: number;
  /** The newest completed checkpoint's path, when there is one. */
  latestCompletedPath?: string;
}

/** A statement the SQL Gateway rejected: Flink's own message and, when it names one, the offending line. */
export interface SqlRejection {
  /** Index of the statement in the submitted script (0-based). */
  statementIndex: number;
  statement: string;
  message: string;
  /** 1-based line/column within the statement, when Flink's message gives one. */
  line?: number;
  column?: number;
}

export interface SqlGatewaySession {
  /** Runs one statement to completion (DDL, SET) or until the job is submitted (INSERT, EXECUTE STATEMENT SET). */
  execute(statement: string): Promise<{ jobId?: string; rows: unknown[][] }>;
  close(): Promise<void>;
}

export interface SqlGatewayClient {
  health(): Promise<ServiceHealth>;
  openSession(properties?: Record<string, string>): Promise<SqlGatewaySession>;
}
