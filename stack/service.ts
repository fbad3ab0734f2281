import type { StackConfig } from './config';
import type { StackLayout } from './layout';

export type HealthState = 'up' | 'down' | 'dead' | 'unhealthy';

/** One line of `stack:status`. */
export interface ServiceHealth {
  service: string;
  state: HealthState;
  pid?: number;
  /** Where it listens, e.g. 127.0.0.1:9092. */
  address?: string;
  /** Why it is not up, or what it reports when it is (versions, counts). */
  detail: string;
}

export interface ServiceContext {
  config: StackConfig;
  layout: StackLayout;
}

/** A process of the local stack: what it binds, how it starts (and waits until ready), how its health is read. */
export interface StackService {
  name: string;
  ports(ctx: ServiceContext): number[];
  /** Spawns the process and resolves once it serves; rejects with the reason and the log to read otherwise. */
  start(ctx: ServiceContext): Promise<void>;
  /** Health read from the process itself (REST, protocol handshake), not from the pid alone. */
  probe(ctx: ServiceContext): Promise<{ ok: boolean; detail: string }>;
  /** The signal that shuts it down cleanly (PostgreSQL: SIGINT, fast shutdown). */
  stopSignal: NodeJS.Signals;
}
