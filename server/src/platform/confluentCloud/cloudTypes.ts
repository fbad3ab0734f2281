import type { ServiceHealth } from '../platformError';

/** A Confluent Cloud Flink statement (Flink SQL statements API, sql/v1). */
export interface CloudStatement {
  name: string;
  statement: string;
  /** PENDING, RUNNING, COMPLETED, DELETING, FAILING, FAILED, STOPPED */
  phase: string;
  detail?: string;
  properties: Record<string, string>;
  computePoolId: string;
}

export interface ConfluentCloudFlinkClient {
  /** Reaches the statements API with the key (one small list call), for the Pipeline view. */
  health(): Promise<ServiceHealth>;
  listStatements(): Promise<CloudStatement[]>;
  getStatement(name: string): Promise<CloudStatement | undefined>;
  createStatement(name: string, statement: string, properties?: Record<string, string>): Promise<CloudStatement>;
  /** Stops a running statement (spec.stopped = true, through the GA update call PUT). */
  stopStatement(name: string): Promise<void>;
  deleteStatement(name: string): Promise<void>;
}
