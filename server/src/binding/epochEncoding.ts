import type { AvroType } from '../avro/avroTypes';
import type { SourceEncoding } from '../model/filterTypes';

/**
 * How a value of a `timestamps: epoch-millis` source is written, by Avro logical type — the one table the evaluator,
 * the generator and the sample checks read:
 * - `timestamp-millis`: a JSON integer, milliseconds since 1970-01-01 UTC (a Flink BIGINT column);
 * - `timestamp-micros`: a JSON integer, microseconds (BIGINT);
 * - `date`: a JSON integer, days since 1970-01-01 (INT).
 * Other types (local-timestamp-*, time-millis, decimals, …) are written as with the default encoding.
 */
export type EpochReading =
  { unit: 'millis'; perMilli: 1 } | { unit: 'micros'; perMilli: 1000 } | { unit: 'days'; perMilli: undefined };

export function epochReading(encoding: SourceEncoding, type: AvroType): EpochReading | undefined {
  if (encoding.timestamps !== 'epoch-millis') return undefined;
  return epochReadingOf(type);
}

/** The reading of a type in the epoch encoding, whatever the document declares (for checks that compare both). */
export function epochReadingOf(type: AvroType): EpochReading | undefined {
  const t = nonNull(type);
  if (t.kind !== 'primitive') return undefined;
  if (t.logicalType === 'timestamp-millis' && t.type === 'long') return { unit: 'millis', perMilli: 1 };
  if (t.logicalType === 'timestamp-micros' && t.type === 'long') return { unit: 'micros', perMilli: 1000 };
  if (t.logicalType === 'date' && t.type === 'int') return { unit: 'days', perMilli: undefined };
  return undefined;
}

/** T of a ["null", T] union; the type itself otherwise. */
function nonNull(type: AvroType): AvroType {
  if (type.kind !== 'union') return type;
  const rest = type.branches.filter((b) => !(b.kind === 'primitive' && b.type === 'null'));
  return rest.length === 1 ? rest[0] : type;
}
