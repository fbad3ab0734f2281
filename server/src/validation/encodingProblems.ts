import { sourceEncoding, type FiltersDocument } from '../model/filterTypes';
import type { Problem } from '../model/problem';

/** What the declared formats still lack, said at the key rather than reading the topic as something it is not. */
const NOT_YET: Record<string, string> = {
  'avro-confluent':
    'source.format avro-confluent is not supported yet: a job reading Avro (Confluent wire format) is generated with --format avro-confluent (cdcRouting.sql.format) and a Schema Registry URL, for the source and the sinks; remove the key or use json',
  'debezium-json':
    "source.format debezium-json (Debezium's change-event envelope in JSON) is not supported yet: the job would read the envelope as the event; route the outbox topic in json, or remove the key",
  'debezium-avro-confluent':
    "source.format debezium-avro-confluent (Debezium's change-event envelope in Avro) is not supported yet; route the outbox topic in json, or remove the key",
};

/**
 * The declared source encoding checked on its own: a format not supported yet is an error at `source.format`
 * (never quietly read as json), and `timestamps` is a JSON setting. How it fits the generator's options and the
 * sample events is checked where those are known (sql/generateSql.ts, samples/sampleEncoding.ts).
 */
export function encodingProblems(doc: FiltersDocument): Problem[] {
  const problems: Problem[] = [];
  const format = doc.source?.format;
  const encoding = sourceEncoding(doc);
  if (format && NOT_YET[format.value]) {
    problems.push({
      span: format.span,
      severity: 'error',
      code: 'source-format',
      message: `${NOT_YET[format.value]}.`,
    });
  }
  const timestamps = doc.source?.timestamps;
  if (timestamps && format && encoding.format.includes('avro')) {
    problems.push({
      span: timestamps.span,
      severity: 'error',
      code: 'source-timestamps',
      message: `source.timestamps applies to the JSON formats only; Avro (${encoding.format}) carries timestamps as its own logical types. Remove the key.`,
    });
  }
  return problems;
}
