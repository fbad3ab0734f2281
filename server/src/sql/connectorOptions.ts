import type { SqlFormat, SqlTarget, StartupMode } from '../protocol/sqlPreview';
import { stringLiteral } from './sqlLiterals';

// The target, format and startup mode are what the editor's SQL preview asks for: the wire's types.
export type { SqlFormat, SqlTarget, StartupMode };

export interface GenerateSqlOptions {
  target: SqlTarget;
  /** Kafka bootstrap servers (flink target). */
  bootstrapServers: string;
  format: SqlFormat;
  /** Schema Registry URL, required by `avro-confluent`. */
  schemaRegistryUrl?: string;
  /** Where the source starts reading when the consumer group has no committed offset yet; default group-offsets
   * (resume where the previous job stopped, from the earliest offset the first time). */
  startupMode?: StartupMode;
  /** Consumer group of the source; default `cdc-routing-<source topic>`. */
  groupId?: string;
}

export const STARTUP_MODES: readonly StartupMode[] = ['group-offsets', 'earliest-offset', 'latest-offset'];

/** The value format's options (prefixed `value.`: the key has its own format). JSON: timestamps as ISO-8601 UTC
 * strings ("2026-11-23T10:15:30.123Z"), read and written as TIMESTAMP_LTZ; decimals written as plain numbers
 * (not 1.5E+5). A missing field reads as NULL, like an explicit null. */
function valueFormatOptions(o: GenerateSqlOptions, sink: boolean): [string, string][] {
  if (o.format === 'avro-confluent') {
    return [
      ['value.format', 'avro-confluent'],
      ['value.avro-confluent.url', o.schemaRegistryUrl ?? ''],
    ];
  }
  const opts: [string, string][] = [
    ['value.format', 'json'],
    ['value.json.timestamp-format.standard', 'ISO-8601'],
  ];
  if (sink) opts.push(['value.json.encode.decimal-as-plain-number', 'true']);
  else opts.push(['value.json.fail-on-missing-field', 'false'], ['value.json.ignore-parse-errors', 'false']);
  return opts;
}

/** The record key as raw bytes in the column `keyColumn`, kept out of the value: the source's key is written
 * unchanged on every routed record, so Kafka's default partitioner sends an entity's events to one partition. */
function keyOptions(keyColumn: string): [string, string][] {
  return [
    ['key.format', 'raw'],
    ['key.fields', keyColumn],
    ['value.fields-include', 'EXCEPT_KEY'],
  ];
}

export function sourceOptions(topic: string, keyColumn: string, o: GenerateSqlOptions): [string, string][] {
  const mode = o.startupMode ?? 'group-offsets';
  const opts: [string, string][] = [
    ['connector', 'kafka'],
    ['topic', topic],
    ['properties.bootstrap.servers', o.bootstrapServers],
    ['properties.group.id', o.groupId ?? `cdc-routing-${topic}`],
    ['scan.startup.mode', mode],
  ];
  if (mode === 'group-offsets') opts.push(['properties.auto.offset.reset', 'earliest']);
  return [...opts, ...keyOptions(keyColumn), ...valueFormatOptions(o, false)];
}

/**
 * The one sink of every route. With several output topics `topic` is their list (the allow-list of the writable
 * `topic` metadata column, flink-connector-kafka 3.3+); with one, it is that topic. `sink.partitioner` default:
 * Kafka's own partitioner, which hashes the key.
 */
export function sinkOptions(topics: string[], keyColumn: string, o: GenerateSqlOptions): [string, string][] {
  return [
    ['connector', 'kafka'],
    ['topic', topics.join(';')],
    ['properties.bootstrap.servers', o.bootstrapServers],
    ['sink.partitioner', 'default'],
    ...keyOptions(keyColumn),
    ...valueFormatOptions(o, true),
  ];
}

/** The `) WITH ( … )` lines closing a CREATE TABLE; `tail` goes after the closing parenthesis (e.g. a LIKE clause). */
export function withClause(options: [string, string][], tail = ''): string[] {
  return [
    ') WITH (',
    ...options.map(([k, v], i) => `  ${stringLiteral(k)} = ${stringLiteral(v)}${i < options.length - 1 ? ',' : ''}`),
    `)${tail};`,
  ];
}
