import * as fs from 'fs';
import * as path from 'path';
import { loadAvroSchema } from '../../../server/src/avro/loadAvroSchema';
import type { AvroSchemaModel } from '../../../server/src/avro/avroTypes';
import { bindFilters } from '../../../server/src/binding/bindFilters';
import { parseFilters } from '../../../server/src/model/parseFilters';
import { generateSql, type GenerateSqlOptions, type GenerateSqlResult } from '../../../server/src/sql/generateSql';
import type { Problem } from '../../../server/src/model/problem';

export const ROOT = path.resolve(__dirname, '../../..');
export const EXAMPLE = path.join(ROOT, 'examples/cdc-streaming');
export const RAW_SCHEMA_FILE = path.join(EXAMPLE, 'schemas/raw-event.avsc');

let rawSchema: AvroSchemaModel | undefined;
export function exampleSchema(): AvroSchemaModel {
  return (rawSchema ??= loadAvroSchema(fs.readFileSync(RAW_SCHEMA_FILE, 'utf8'), RAW_SCHEMA_FILE));
}

export const FLINK: GenerateSqlOptions = { target: 'flink', bootstrapServers: 'localhost:9092', format: 'json' };
export const CONFLUENT: GenerateSqlOptions = { target: 'confluent-cloud', bootstrapServers: '', format: 'json' };

export interface Generated extends GenerateSqlResult {
  bindProblems: Problem[];
}

export function generate(
  yamlText: string,
  options: GenerateSqlOptions = FLINK,
  schema: AvroSchemaModel = exampleSchema(),
  filtersFile = 'filters.yaml',
): Generated {
  const doc = parseFilters(yamlText);
  const { bound, problems } = bindFilters(doc, schema);
  return {
    ...generateSql({ doc, bound, schema, filtersFile, options }),
    bindProblems: problems.filter((p) => p.severity === 'error'),
  };
}

/** A filters file with one filter holding the given conditions (YAML list items, already indented by 6). */
export function oneFilter(conditions: string, extra = ''): string {
  return [
    'filters:',
    '  - id: f1',
    '    name: "F1"',
    '    consumerId: c1',
    '    outputTopic: out-1',
    extra,
    '    conditions:',
    conditions,
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

export function cond(field: string, operator: string, operand = ''): string {
  return `      - field: ${field}\n        operator: ${operator}${operand ? `\n        ${operand}` : ''}`;
}

/** The predicate of the script's first filter (its CASE WHEN … THEN n END), its lines joined with single spaces. */
export function whereOf(sql: string): string {
  const lines = sql.split('\n');
  const start = lines.findIndex((l) => l.trimStart().startsWith('CASE WHEN '));
  if (start < 0) return '';
  const out: string[] = [];
  for (let i = start; i < lines.length; i++) {
    const t = lines[i].trim();
    const end = / THEN (?:'[^']*'|U&'[^']*') END,?$/.exec(t);
    out.push((end ? t.slice(0, end.index) : t).replace(/^CASE WHEN /, ''));
    if (end) break;
  }
  // Top-level columns are read through the source's alias; the predicate is compared without it.
  return out.join(' ').replace(/`s`\./g, '');
}
