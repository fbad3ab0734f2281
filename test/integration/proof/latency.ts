import type { ReadRecord } from './topicReader';

export interface LatencySummary {
  samples: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  minMs: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summarizeLatency(samples: number[]): LatencySummary {
  if (samples.length === 0) return { samples: 0, p50Ms: NaN, p95Ms: NaN, maxMs: NaN, minMs: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted[sorted.length - 1],
    minMs: sorted[0],
  };
}

export interface MeasuredLatency extends LatencySummary {
  from: string;
  to: string;
  /** Where the time goes: commit → raw-business-events → Flink's routedAt → the reader. */
  stages: Record<'debezium' | 'flinkRouting' | 'sinkToReader', LatencySummary>;
}

/** A routed record's value, with the fields the latency reads. */
interface RoutedValue {
  eventHeader?: { uuid?: string };
  filterMetadata?: { routedAt?: string };
}

function parse(value: string): RoutedValue | null | undefined {
  try {
    return JSON.parse(value) as RoutedValue | null;
  } catch {
    return undefined;
  }
}

/**
 * End-to-end latency of every routed copy whose source row's commit time is known (by Kafka key), and its stages.
 * All instants come from the one machine's clock: PostgreSQL's clock_timestamp() after COMMIT, the reader's
 * arrival times, and Flink's CURRENT_TIMESTAMP in filterMetadata.routedAt.
 */
export function measureLatency(o: {
  committedAt: Map<string, number>;
  rawRecords: ReadRecord[];
  routedRecords: ReadRecord[];
}): MeasuredLatency {
  const commitOfUuid = new Map<string, number>();
  const rawArrival = new Map<string, number>();
  const debezium: number[] = [];
  for (const r of o.rawRecords) {
    const uuid: string | undefined = parse(r.value)?.eventHeader?.uuid;
    const at = r.key === undefined ? undefined : o.committedAt.get(r.key);
    if (!uuid || at === undefined) continue;
    commitOfUuid.set(uuid, at);
    rawArrival.set(uuid, r.arrivedAt);
    debezium.push(r.arrivedAt - at);
  }
  const total: number[] = [];
  const routing: number[] = [];
  const delivery: number[] = [];
  for (const r of o.routedRecords) {
    const v = parse(r.value);
    const uuid: string | undefined = v?.eventHeader?.uuid;
    const at = uuid ? commitOfUuid.get(uuid) : undefined;
    if (!uuid || at === undefined) continue;
    total.push(r.arrivedAt - at);
    const routedAt = Date.parse(v?.filterMetadata?.routedAt as string);
    if (Number.isFinite(routedAt)) {
      routing.push(routedAt - rawArrival.get(uuid)!);
      delivery.push(r.arrivedAt - routedAt);
    }
  }
  return {
    ...summarizeLatency(total),
    from: 'COMMIT of the PostgreSQL transaction (server clock); events after the warm-up only',
    to: 'record received from the filtered topic (consumer, fetch wait ≤ 50 ms)',
    stages: {
      debezium: summarizeLatency(debezium),
      flinkRouting: summarizeLatency(routing),
      sinkToReader: summarizeLatency(delivery),
    },
  };
}
