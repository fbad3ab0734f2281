// BENCH-ONLY REFERENCE — the connector options of the generator before issue 12 (git 7e45e33,
// server/src/sql/connectorOptions.ts), used by ./legacyGenerateSql.ts only: no key, no headers, one topic per sink.
import { stringLiteral } from '../../server/src/sql/sqlLiterals';

export type SqlTarget = 'flink' | 'confluent-cloud';
export type SqlFormat = 'json' | 'avro-confluent';
export type StartupMode = 'group-offsets' | 'earliest-offset' | 'latest-offset';

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

/** The value format's options. JSON: timestamps as ISO-8601 UTC strings ("2026-11-23T10:15:30.123Z"),
 * read and written as TIMESTAMP_LTZ; decimals written as plain numbers (not 1.5E+5). A missing field reads
 * as NULL, like an explicit null. */
function formatOptions(o: GenerateSqlOptions, sink: boolean): [string, string][] {
  if (o.format === 'avro-confluent') {
    return [
      ['format', 'avro-confluent'],
      ['avro-confluent.url', o.schemaRegistryUrl ?? ''],
    ];
  }
  const opts: [string, string][] = [
    ['format', 'json'],
    ['json.timestamp-format.standard', 'ISO-8601'],
  ];
  if (sink) opts.push(['json.encode.decimal-as-plain-number', 'true']);
  else opts.push(['json.fail-on-missing-field', 'false'], ['json.ignore-parse-errors', 'false']);
  return opts;
}

export function sourceOptions(topic: string, o: GenerateSqlOptions): [string, string][] {
  const mode = o.startupMode ?? 'group-offsets';
  const opts: [string, string][] = [
    ['connector', 'kafka'],
    ['topic', topic],
    ['properties.bootstrap.servers', o.bootstrapServers],
    ['properties.group.id', o.groupId ?? `cdc-routing-${topic}`],
    ['scan.startup.mode', mode],
  ];
  if (mode === 'group-offsets') opts.push(['properties.auto.offset.reset', 'earliest']);
  return [...opts, ...formatOptions(o, false)];
}

export function sinkOptions(topic: string, o: GenerateSqlOptions): [string, string][] {
  return [
    ['connector', 'kafka'],
    ['topic', topic],
    ['properties.bootstrap.servers', o.bootstrapServers],
    ...formatOptions(o, true),
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
