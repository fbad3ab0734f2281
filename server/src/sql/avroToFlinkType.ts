import type { AvroType } from '../avro/avroTypes';
import { epochReadingOf } from '../binding/epochEncoding';
import { quoteIdentifier } from './sqlLiterals';

/** An Avro construct with no Flink SQL column type, with the path where it was found. */
export interface UnmappableType {
  path: string;
  reason: string;
}

/**
 * The Flink SQL type of an Avro type, as the Kafka `json` and `avro-confluent` formats read it:
 * record → ROW, array → ARRAY, map → MAP<STRING, …>, enum → STRING, ["null", T] → T,
 * timestamp-millis/-micros → TIMESTAMP_LTZ(3)/(6) (instants), local-timestamp-millis/-micros →
 * TIMESTAMP(3)/(6), date → DATE, time-millis → TIME(3), decimal → DECIMAL(p, s), bytes/fixed → BYTES,
 * uuid → STRING. General unions, recursive records, time-micros and decimals beyond DECIMAL(38) have no
 * Flink type: they are reported (the column cannot be declared, so no script is produced).
 */
/**
 * Every type is declared nullable, Avro's required fields included, on purpose: the JSON format reads a
 * missing field as NULL whatever the declared type, a missing map key reads as NULL, and Flink's optimizer
 * folds `x IS NOT NULL` to TRUE when x's type is NOT NULL. Verified in Flink 1.20: with
 * `MAP<STRING, STRING NOT NULL>`, `m['absent'] IS NOT NULL` routed events that have no such key. Nullable
 * types keep `exists` and every comparison exact on whatever arrives, as the preview evaluates it.
 * (`nullable` is kept for the union rule and for callers that want Avro's view.)
 */
/**
 * `epoch` (a `timestamps: epoch-millis` source, binding/epochEncoding.ts): timestamp-millis/-micros are declared
 * BIGINT and date INT, so Flink reads the JSON numbers as they are and the sink writes the same numbers back; the
 * predicates compare them in their own unit (conditionSql.ts).
 */
export function flinkType(
  type: AvroType,
  nullable: boolean,
  path: string,
  problems: UnmappableType[],
  seen: Set<AvroType> = new Set(),
  epoch = false,
): string {
  // ["null", T] outside a record field (array items, map values): the field loader only unwraps fields.
  if (type.kind === 'union') {
    const nonNull = type.branches.filter((b) => !(b.kind === 'primitive' && b.type === 'null'));
    if (nonNull.length === 1 && nonNull.length < type.branches.length)
      return flinkType(nonNull[0], true, path, problems, seen, epoch);
  }
  void nullable;
  if (epoch) {
    const reading = epochReadingOf(type);
    if (reading) return reading.unit === 'days' ? 'INT' : 'BIGINT';
  }
  return baseType(type, path, problems, seen, epoch);
}

function baseType(
  type: AvroType,
  path: string,
  problems: UnmappableType[],
  seen: Set<AvroType>,
  epoch: boolean,
): string {
  switch (type.kind) {
    case 'record': {
      if (seen.has(type)) {
        problems.push({
          path,
          reason: `record ${type.name} contains itself (a recursive type); Flink SQL types cannot be recursive`,
        });
        return 'STRING';
      }
      const inner = new Set(seen).add(type);
      const fields = type.fields.map(
        (f) =>
          `${quoteIdentifier(f.name)} ${flinkType(f.type, f.nullable, `${path}.${f.name}`, problems, inner, epoch)}`,
      );
      return `ROW<${fields.join(', ')}>`;
    }
    case 'enum':
      return 'STRING';
    case 'array':
      return `ARRAY<${flinkType(type.items, false, `${path}[]`, problems, seen, epoch)}>`;
    case 'map':
      return `MAP<STRING, ${flinkType(type.values, false, `${path}.<key>`, problems, seen, epoch)}>`;
    case 'fixed':
      return type.logicalType === 'decimal' ? decimal(type.precision, type.scale, path, problems) : 'BYTES';
    case 'union':
      problems.push({
        path,
        reason: `a union of ${type.branches.length} non-null types has no Flink SQL type (only ["null", T] maps, to a nullable T)`,
      });
      return 'STRING';
    case 'primitive':
      switch (type.logicalType) {
        case 'timestamp-millis':
          return 'TIMESTAMP_LTZ(3)';
        case 'timestamp-micros':
          return 'TIMESTAMP_LTZ(6)';
        case 'local-timestamp-millis':
          return 'TIMESTAMP(3)';
        case 'local-timestamp-micros':
          return 'TIMESTAMP(6)';
        case 'date':
          if (type.type === 'int') return 'DATE';
          break;
        case 'time-millis':
          if (type.type === 'int') return 'TIME(3)';
          break;
        case 'time-micros':
          problems.push({
            path,
            reason: 'time-micros has no Flink SQL type that the Kafka formats read (TIME is limited to milliseconds)',
          });
          return 'STRING';
        case 'decimal':
          if (type.type === 'bytes') return decimal(type.precision, type.scale, path, problems);
          break;
      }
      switch (type.type) {
        case 'null':
          problems.push({ path, reason: 'a field of type "null" has no Flink SQL type' });
          return 'STRING';
        case 'boolean':
          return 'BOOLEAN';
        case 'int':
          return 'INT';
        case 'long':
          return 'BIGINT';
        case 'float':
          return 'FLOAT';
        case 'double':
          return 'DOUBLE';
        case 'bytes':
          return 'BYTES';
        case 'string':
          return 'STRING';
      }
  }
}

function decimal(
  precision: number | undefined,
  scale: number | undefined,
  path: string,
  problems: UnmappableType[],
): string {
  const p = precision ?? 0;
  const s = scale ?? 0;
  if (p < 1 || p > 38 || s < 0 || s > p) {
    problems.push({
      path,
      reason: `decimal(${precision}, ${scale ?? 0}) is outside Flink's DECIMAL (precision 1 to 38, 0 <= scale <= precision)`,
    });
    return 'STRING';
  }
  return `DECIMAL(${p}, ${s})`;
}

/**
 * Avro constructs Flink 1.20's `avro-confluent` format cannot read into the columns above, found by running
 * it: a TIMESTAMP_LTZ column fails at planning ("Unsupported to derive Schema for type: TIMESTAMP_LTZ(3)",
 * and the format has no timestamp-mapping option), and an enum read as STRING gets a derived reader schema
 * of "string", which Avro's schema resolution does not accept for an enum writer (an explicit
 * 'avro-confluent.schema' is rejected as not matching the table). Returns the paths, for a problem.
 */
export function avroConfluentBlockers(type: AvroType, path = '', seen: Set<AvroType> = new Set()): string[] {
  switch (type.kind) {
    case 'record': {
      if (seen.has(type)) return [];
      const inner = new Set(seen).add(type);
      return type.fields.flatMap((f) => avroConfluentBlockers(f.type, path ? `${path}.${f.name}` : f.name, inner));
    }
    case 'array':
      return avroConfluentBlockers(type.items, `${path}[]`, seen);
    case 'map':
      return avroConfluentBlockers(type.values, `${path}.<key>`, seen);
    case 'union':
      return type.branches.flatMap((b) => avroConfluentBlockers(b, path, seen));
    case 'enum':
      return [`${path} (enum)`];
    case 'primitive':
      return type.logicalType === 'timestamp-millis' || type.logicalType === 'timestamp-micros'
        ? [`${path} (${type.logicalType})`]
        : [];
    default:
      return [];
  }
}
