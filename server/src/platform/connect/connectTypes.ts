import type { ServiceHealth } from '../platformError';

export interface TaskStatus {
  id: number;
  state: string;
  workerId: string;
  trace?: string;
}

export interface ConnectorStatus {
  name: string;
  /** "source" | "sink" */
  type: string;
  /** RUNNING, PAUSED, FAILED, UNASSIGNED, RESTARTING, STOPPED */
  state: string;
  workerId: string;
  trace?: string;
  tasks: TaskStatus[];
  config: Record<string, string>;
}

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
