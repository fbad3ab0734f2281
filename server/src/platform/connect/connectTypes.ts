import type { ConnectorStatus, TaskStatus } from '../../protocol/platform';
import type { ServiceHealth } from '../platformError';

// A connector's status is what the Connectors view shows: the wire's type.
export type { ConnectorStatus, TaskStatus };

export interface ConfigValidation {
  errorCount: number;
  /** Only the fields with errors, with Connect's own messages. */
  errors: { field: string; messages: string[] }[];
}

export interface ConnectClient {
  health(): Promise<ServiceHealth>;
  list(): Promise<ConnectorStatus[]>;
  /** undefined when no connector of that name exists. */
  get(name: string): Promise<ConnectorStatus | undefined>;
  /** Restarts the connector and its failed tasks. */
  restart(name: string): Promise<void>;
  pause(name: string): Promise<void>;
  resume(name: string): Promise<void>;
  /** Kafka Connect's own config validation (PUT /connector-plugins/{class}/config/validate). */
  validate(config: Record<string, string>): Promise<ConfigValidation>;
  /** Creates or updates (PUT /connectors/{name}/config); true when created. */
  upsert(name: string, config: Record<string, string>): Promise<{ created: boolean }>;
}
