import type { SourceEncoding, FiltersDocument } from '../model/filterTypes';
import type { Problem } from '../model/problem';
import type { GenerateSqlOptions } from './connectorOptions';

/**
 * The declared source encoding against the generator's options (--format / cdcRouting.sql.format, --target). The
 * option still chooses avro-confluent for the source and the sinks, as before `source.format` existed; a file that
 * declares something else is refused at its key, never read as what it is not.
 */
export function encodingOptionProblems(
  doc: FiltersDocument,
  encoding: SourceEncoding,
  options: GenerateSqlOptions,
): Problem[] {
  const problems: Problem[] = [];
  const cc = options.target === 'confluent-cloud';
  const format = doc.source?.format;
  if (!cc && format && encoding.format === 'json' && options.format === 'avro-confluent') {
    problems.push({
      span: format.span,
      severity: 'error',
      code: 'source-format',
      message:
        'source.format says the topic is json, but the job is generated with format avro-confluent (--format or cdcRouting.sql.format): it would fail on every record. Make them agree.',
    });
  }
  const timestamps = doc.source?.timestamps;
  if (timestamps && encoding.timestamps === 'epoch-millis') {
    if (cc) {
      problems.push({
        span: timestamps.span,
        severity: 'error',
        code: 'source-timestamps',
        message:
          'timestamps: epoch-millis is not supported for Confluent Cloud yet (its tables take their column types from the Schema Registry); use the flink target.',
      });
    } else if (options.format === 'avro-confluent') {
      problems.push({
        span: timestamps.span,
        severity: 'error',
        code: 'source-timestamps',
        message:
          'timestamps: epoch-millis describes JSON values, but the job is generated with format avro-confluent (--format or cdcRouting.sql.format). Remove the key or generate json.',
      });
    }
  }
  return problems;
}
