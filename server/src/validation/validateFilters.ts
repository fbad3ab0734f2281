import { bindFilters } from '../binding/bindFilters';
import type { BoundDocument } from '../binding/boundTypes';
import type { AvroSchemaModel } from '../avro/avroTypes';
import type { SchemaLoad } from '../avro/schemaLocator';
import type { FiltersDocument } from '../model/filterTypes';
import type { Problem } from '../model/problem';
import { encodingProblems } from './encodingProblems';
import { controlCharacterProblems, plainWording, tabIndentProblems } from './plainSyntax';
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
  problems.push(...encodingProblems(doc));
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
  // A tab in the indentation breaks the structure, so every other problem is its consequence: only the tabs are said.
  // (Only when the parser stumbled on a tab: a tab inside a block scalar's text is fine.)
  const tabs = doc.syntaxProblems.some((p) => /\btabs?\b/i.test(p.message)) ? tabIndentProblems(doc.text) : [];
  if (tabs.length > 0) return { problems: tabs, bound, schema };
  const controls = controlCharacterProblems(doc.text);
  if (controls.length > 0) return { problems: controls, bound, schema };
  problems.sort((a, b) => a.span.start - b.span.start);
  return { problems: problems.map(plainWording), bound, schema };
}
