import { describeType } from '../avro/avroTypes';
import type { AvroSchemaModel } from '../avro/avroTypes';
import { resolvePath } from '../avro/fieldPath';
import type { FiltersDocument } from '../model/filterTypes';
import { operandNeeds, operatorSpec } from '../model/operators';
import type { Span } from '../model/span';
import { modelAt, pathSegmentAt } from './modelAt';
import type { SampleIndex } from './sampleIndex';
import filtersSchema from '../../../schemas/filters.schema.json';

export interface HoverInfo {
  markdown: string;
  span: Span;
}

/** Hover text for the field path segment, operator, operand or key under the offset. */
export function hover(
  doc: FiltersDocument,
  offset: number,
  schema: AvroSchemaModel | undefined,
  samples: SampleIndex | undefined,
): HoverInfo | undefined {
  const hit = modelAt(doc, offset);
  if (!hit) return undefined;
  switch (hit.kind) {
    case 'field': {
      if (!schema) return undefined;
      const path = hit.condition.field!.value;
      const seg = pathSegmentAt(doc, hit.span, path, offset);
      const prefix = path.slice(0, seg.end);
      const r = resolvePath(schema.root, prefix);
      // The diagnostic on this segment already says what is wrong (its hover shows it): offer what fits instead.
      if (!r.ok) {
        const fits = r.error.candidates.slice(0, 12).map((c) => `\`${c}\``);
        return fits.length
          ? {
              markdown: `Fields here: ${fits.join(', ')}${r.error.candidates.length > 12 ? ', …' : ''}`,
              span: hit.span,
            }
          : undefined;
      }
      const last = r.resolved.steps[r.resolved.steps.length - 1];
      const lines = [`**${prefix}** — \`${describeType(r.resolved.type)}\`${r.resolved.nullable ? ' · nullable' : ''}`];
      if (last.field?.doc) lines.push('', last.field.doc);
      if (last.mapKey !== undefined)
        lines.push('', `Value of map key \`${last.mapKey}\`; NULL when the key is absent.`);
      if (r.resolved.arrayPath)
        lines.push(
          '',
          `Inside array \`${r.resolved.arrayPath}\`: the condition holds when at least one element satisfies it (together with the filter's other conditions on that array).`,
        );
      const seen = samples?.valuesAt(prefix, 8) ?? [];
      if (seen.length)
        lines.push('', `Sample values: ${seen.map((s) => `\`${String(s.value)}\` (${s.count})`).join(', ')}`);
      return { markdown: lines.join('\n'), span: hit.span };
    }
    case 'operator': {
      const spec = operatorSpec(hit.condition.operator!.value);
      if (!spec) return undefined;
      const needs = operandNeeds(spec);
      const operand = needs.written ? `${needs.what}, written \`${needs.written}\`` : needs.what;
      return {
        markdown: `**${spec.name}** — ${spec.summary}\n\nNeeds ${operand}. Applies to: ${spec.kinds.join(', ')}. A NULL or missing field never matches.`,
        span: hit.span,
      };
    }
    case 'key': {
      const description = keyDescription(hit.level, hit.key);
      return description ? { markdown: `**${hit.key}** — ${description}`, span: hit.span } : undefined;
    }
    default:
      return undefined;
  }
}

function keyDescription(level: 'filter' | 'condition' | 'source', key: string): string | undefined {
  const defs = filtersSchema.definitions as Record<string, { properties: Record<string, { description?: string }> }>;
  const props =
    level === 'source'
      ? (filtersSchema.properties.source.properties as Record<string, { description?: string }>)
      : defs[level].properties;
  return props[key]?.description;
}
