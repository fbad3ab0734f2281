import type { AvroSchemaModel } from '../avro/avroTypes';
import { resolvePath } from '../avro/fieldPath';
import type { FiltersDocument } from '../model/filterTypes';
import type { Span } from '../model/span';
import { modelAt, pathSegmentAt } from './modelAt';

/** The declaration in the .avsc of the field path segment under the offset (its `"name"` value). */
export function fieldDefinition(
  doc: FiltersDocument,
  offset: number,
  schema: AvroSchemaModel | undefined,
): { file: string; span: Span; text: string } | undefined {
  const hit = modelAt(doc, offset);
  if (!schema?.file) return undefined;
  if (hit?.kind === 'schema') return { file: schema.file, span: { start: 0, end: 0 }, text: schema.text };
  if (hit?.kind !== 'field') return undefined;
  const path = hit.condition.field!.value;
  const seg = pathSegmentAt(doc, hit.span, path, offset);
  const r = resolvePath(schema.root, path.slice(0, seg.end));
  if (!r.ok) return undefined;
  // A map key has no declaration of its own: go to the map field that holds it.
  const step = [...r.resolved.steps].reverse().find((s) => s.field);
  return step?.field ? { file: schema.file, span: step.field.nameSpan, text: schema.text } : undefined;
}
