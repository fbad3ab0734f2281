import type { TailStart } from './kafkaTypes';
import type { KafkaCluster } from './kafkajsInternals';

/** The first and next-to-write offsets of a partition. */
export interface PartitionBounds {
  low: string;
  high: string;
}

/** `offset` within low..high (a tail can only start where records are or will be). */
export function clampOffset(offset: bigint | number | string, bounds: PartitionBounds): string {
  const o = BigInt(offset);
  const low = BigInt(bounds.low);
  const high = BigInt(bounds.high);
  return (o < low ? low : o > high ? high : o).toString();
}

/**
 * Where to start on each partition. A timestamp after the newest record starts at the end (ListOffsets
 * answers -1 there), so the tail shows what arrives from then on.
 */
export function startPositions(
  start: TailStart,
  bounds: Map<number, PartitionBounds>,
  byTimestamp?: Map<number, string>,
): Map<number, string> {
  const out = new Map<number, string>();
  for (const [partition, b] of bounds) {
    switch (start.kind) {
      case 'latest':
        out.set(partition, b.high);
        break;
      case 'beginning':
        out.set(partition, b.low);
        break;
      case 'offset':
        out.set(partition, clampOffset(Math.max(0, Math.trunc(start.offset)), b));
        break;
      case 'timestamp': {
        const found = byTimestamp?.get(partition);
        out.set(partition, found === undefined || BigInt(found) < 0n ? b.high : clampOffset(found, b));
        break;
      }
    }
  }
  return out;
}

/** Low and high offsets of the given partitions (ListOffsets, two requests per leader). */
export async function partitionBounds(
  cluster: KafkaCluster,
  topic: string,
  partitions: number[],
): Promise<Map<number, PartitionBounds>> {
  const asked = partitions.map((partition) => ({ partition }));
  const [low, high] = await Promise.all([
    cluster.fetchTopicsOffset([{ topic, partitions: asked, fromBeginning: true }]),
    cluster.fetchTopicsOffset([{ topic, partitions: asked, fromBeginning: false }]),
  ]);
  const out = new Map<number, PartitionBounds>();
  const highOf = new Map(high.flatMap((t) => t.partitions).map((p) => [p.partition, p.offset]));
  for (const p of low.flatMap((t) => t.partitions))
    out.set(p.partition, { low: p.offset, high: highOf.get(p.partition) ?? p.offset });
  return out;
}

/** The first offset at or after `ms` on each partition (-1 where there is none). */
export async function offsetsAtTime(
  cluster: KafkaCluster,
  topic: string,
  partitions: number[],
  ms: number,
): Promise<Map<number, string>> {
  const result = await cluster.fetchTopicsOffset([
    { topic, partitions: partitions.map((partition) => ({ partition })), fromTimestamp: ms },
  ]);
  return new Map(result.flatMap((t) => t.partitions).map((p) => [p.partition, p.offset]));
}
