import type { ConnectorStatus } from './connectTypes';

/** GET /connectors/{name}/status as Kafka Connect answers it. */
export interface ConnectStatusBody {
  name?: string;
  type?: string;
  connector?: { state?: string; worker_id?: string; trace?: string };
  tasks?: { id: number; state: string; worker_id: string; trace?: string }[];
}

/** One connector as the sidebar shows it, from Connect's status body and config. */
export function connectorStatusFrom(
  name: string,
  status: ConnectStatusBody | undefined,
  config: Record<string, string>,
  type?: string,
): ConnectorStatus {
  return {
    name,
    type: status?.type ?? type ?? 'unknown',
    // a connector just created has no status yet
    state: status?.connector?.state ?? 'UNASSIGNED',
    workerId: status?.connector?.worker_id ?? '',
    trace: status?.connector?.trace,
    tasks: (status?.tasks ?? [])
      .map((t) => ({ id: t.id, state: t.state, workerId: t.worker_id, trace: t.trace }))
      .sort((a, b) => a.id - b.id),
    config,
  };
}
