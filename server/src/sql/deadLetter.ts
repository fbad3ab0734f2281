// The dead-letter path of the self-managed routing job. A record the job cannot read (not JSON, not a JSON object,
// a value of the wrong type, an empty value) must never fail the job: Flink would restart it forever and one bad
// record would stop routing for every consumer. The source's value format is then `cdc-routing-json`
// (server/flink/…/DeadLetterJsonFormatFactory.java): Flink's json format, except that an unreadable value becomes a
// row with NULL event columns, the reason and the original bytes. The routing INSERT takes the rows without a
// reason; one more INSERT of the same statement set writes the others, key and value bytes unchanged, to the
// dead-letter topic. The source is still scanned once, and there is one extra sink whatever the number of filters.
import type { Located, Span } from '../model/span';
import type { Problem } from '../model/problem';
import { quoteIdentifier as q, stringLiteral } from './sqlLiterals';

/** The format identifier of DeadLetterJsonFormatFactory. */
export const DEAD_LETTER_FORMAT = 'cdc-routing-json';

/** The Kafka headers of a dead letter (their values are UTF-8 text). */
export const DEAD_LETTER_HEADERS = {
  reason: 'cdc-routing.dlq.reason',
  topic: 'cdc-routing.dlq.topic',
  partition: 'cdc-routing.dlq.partition',
  offset: 'cdc-routing.dlq.offset',
  /** The source record's timestamp, epoch milliseconds. */
  timestamp: 'cdc-routing.dlq.timestamp',
} as const;

/** The source table's extra columns (names made unique against the event's fields by the generator). */
export interface DeadLetterColumns {
  error: string;
  raw: string;
  partition: string;
  offset: string;
  timestamp: string;
}

export interface DeadLetterPlan {
  topic: string;
  columns: DeadLetterColumns;
  /** Whether the source already declares the partition and offset metadata columns (the array rule uses them). */
  hasPartitionOffset: boolean;
}

/** The source's physical `error` and `raw` columns and the metadata the dead letters carry. */
export function deadLetterSourceColumns(plan: DeadLetterPlan): string[] {
  const c = plan.columns;
  return [
    `${q(c.error)} STRING`,
    `${q(c.raw)} BYTES`,
    ...(plan.hasPartitionOffset
      ? []
      : [
          `${q(c.partition)} INT METADATA FROM 'partition' VIRTUAL`,
          `${q(c.offset)} BIGINT METADATA FROM 'offset' VIRTUAL`,
        ]),
    `${q(c.timestamp)} TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL`,
  ];
}

/**
 * The source's options with the json value format swapped for `cdc-routing-json`: the same json options under the
 * new prefix (so timestamp and missing-field handling stay Flink's json format's), and the two columns it fills.
 */
export function withDeadLetterFormat(options: [string, string][], columns: DeadLetterColumns): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of options) {
    if (k === 'value.format' && v === 'json') {
      out.push(
        [k, DEAD_LETTER_FORMAT],
        [`value.${DEAD_LETTER_FORMAT}.error-column`, columns.error],
        [`value.${DEAD_LETTER_FORMAT}.raw-column`, columns.raw],
      );
    } else if (k.startsWith('value.json.'))
      out.push([`value.${DEAD_LETTER_FORMAT}.${k.slice('value.json.'.length)}`, v]);
    else out.push([k, v]);
  }
  return out;
}

/** The routing INSERT's extra condition: only rows that were read. */
export function readRowsOnly(alias: string, plan: DeadLetterPlan): string {
  return ` AND ${q(alias)}.${q(plan.columns.error)} IS NULL`;
}

/** The DLQ sink: the key and the value as raw bytes, the headers saying why and where from. */
export function deadLetterSinkLines(
  table: string,
  keyColumn: string,
  headersColumn: string,
  plan: DeadLetterPlan,
  bootstrapServers: string,
  withClause: (options: [string, string][]) => string[],
): string[] {
  return [
    `-- Dead letters: the records the job cannot read, key and value bytes unchanged, the reason in headers.`,
    `CREATE TABLE ${q(table)} (`,
    `  ${q(keyColumn)} BYTES,`,
    `  ${q(plan.columns.raw)} BYTES,`,
    `  ${q(headersColumn)} MAP<STRING, BYTES> METADATA FROM 'headers'`,
    ...withClause([
      ['connector', 'kafka'],
      ['topic', plan.topic],
      ['properties.bootstrap.servers', bootstrapServers],
      ['sink.partitioner', 'default'],
      ['key.format', 'raw'],
      ['key.fields', keyColumn],
      ['value.fields-include', 'EXCEPT_KEY'],
      ['value.format', 'raw'],
    ]),
  ];
}

/** The INSERT writing every row the format could not read to the DLQ sink. */
export function deadLetterInsertLines(
  table: string,
  sourceTable: string,
  sourceTopic: string,
  alias: string,
  keyColumn: string,
  headersColumn: string,
  plan: DeadLetterPlan,
): string[] {
  const s = q(alias);
  const c = plan.columns;
  const utf8 = (expr: string) => `ENCODE(${expr}, 'UTF-8')`;
  const header = (name: string, expr: string) => `${stringLiteral(name)}, ${utf8(expr)}`;
  // Epoch milliseconds of a TIMESTAMP_LTZ(3), independent of the session time zone: whole seconds since the epoch
  // (TIMESTAMPDIFF counts instants) times 1000, plus the milliseconds of the second.
  const millis = `CAST(CAST(TIMESTAMPDIFF(SECOND, TO_TIMESTAMP_LTZ(0, 3), ${s}.${q(c.timestamp)}) AS BIGINT) * 1000 + EXTRACT(MILLISECOND FROM ${s}.${q(c.timestamp)}) AS STRING)`;
  return [
    `-- The records the source format could not read (their reason is set), to the dead-letter topic.`,
    `INSERT INTO ${q(table)} (${q(keyColumn)}, ${q(c.raw)}, ${q(headersColumn)})`,
    `SELECT ${s}.${q(keyColumn)}, ${s}.${q(c.raw)}, MAP[`,
    `  ${header(DEAD_LETTER_HEADERS.reason, `${s}.${q(c.error)}`)},`,
    // A constant as a binary literal: ENCODE of a string literal came out as its first byte only in Flink 1.20.
    `  ${stringLiteral(DEAD_LETTER_HEADERS.topic)}, CAST(X'${Buffer.from(sourceTopic, 'utf8').toString('hex')}' AS BYTES),`,
    `  ${header(DEAD_LETTER_HEADERS.partition, `CAST(${s}.${q(c.partition)} AS STRING)`)},`,
    `  ${header(DEAD_LETTER_HEADERS.offset, `CAST(${s}.${q(c.offset)} AS STRING)`)},`,
    `  ${header(DEAD_LETTER_HEADERS.timestamp, millis)}]`,
    `FROM ${q(sourceTable)} AS ${s}`,
    `WHERE ${s}.${q(c.error)} IS NOT NULL;`,
  ];
}

/** A dead-letter topic that is the source or an output topic would feed bad records back or mix them with routed
 * ones: refused, at `source.deadLetterTopic` when the file names it. */
export function deadLetterTopicProblem(
  topic: string,
  sourceTopic: string,
  outputTopics: string[],
  node: Located<string> | undefined,
  anchor: Span,
): Problem | undefined {
  const clash = topic === sourceTopic ? 'the source topic' : outputTopics.includes(topic) ? 'an output topic' : '';
  if (!clash) return undefined;
  return {
    span: node?.span ?? anchor,
    severity: 'error',
    code: 'sql-options',
    message: `The dead-letter topic ${topic} is ${clash}: name another one in source.deadLetterTopic.`,
  };
}
