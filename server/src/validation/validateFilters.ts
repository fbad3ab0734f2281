import { bindFilters } from '../binding/bindFilters';
import type { BoundDocument } from '../binding/boundTypes';
import type { AvroSchemaModel } from '../avro/avroTypes';
import type { SchemaLoad } from '../avro/schemaLocator';
import type { FiltersDocument } from '../model/filterTypes';
import type { Problem } from '../model/problem';
import { shapeProblems } from './shapeProblems';
import { topicProblems } from './topicProblems';

/**
 * All problems of a filters file: YAML syntax, shape (JSON Schema), then meaning against the Avro
 * schema. Each stage still runs when an earlier one found problems, on whatever parsed.
 */
export function validateFilters(
  doc: FiltersDocument,
  schemaLoad: SchemaLoad,
): { problems: Problem[]; bound: BoundDocument; schema?: AvroSchemaModel } {
  const problems: Problem[] = doc.syntaxProblems.map((p) => ({ ...p, code: 'yaml-syntax' }));
  problems.push(...shapeProblems(doc));
  problems.push(...topicProblems(doc));
  const schema = schemaLoad.ok ? schemaLoad.schema : undefined;
  if (!schemaLoad.ok) {
    problems.push({
      span: schemaLoad.declared ?? { start: 0, end: 0 },
      severity: 'error',
      message: schemaLoad.message,
      code: 'schema-missing',
    });
  }
  const { bound, problems: meaning } = bindFilters(doc, schema);
  problems.push(...meaning);
  problems.sort((a, b) => a.span.start - b.span.start);
  return { problems, bound, schema };
}
