import type { Condition, FilterRule, FiltersDocument } from '../model/filterTypes';
import { splitPath, type PathSegment } from '../avro/fieldPath';
import { spanContains, type Span } from '../model/span';

/** What of the typed model lies under an offset: hover and go-to-definition start from here. */
export type ModelHit =
  | { kind: 'field'; rule: FilterRule; condition: Condition; span: Span }
  | { kind: 'operator'; rule: FilterRule; condition: Condition; span: Span }
  | { kind: 'operand'; rule: FilterRule; condition: Condition; span: Span; value: unknown }
  | { kind: 'key'; level: 'filter' | 'condition' | 'source'; key: string; span: Span }
  | { kind: 'schema'; span: Span };

export function modelAt(doc: FiltersDocument, offset: number): ModelHit | undefined {
  if (doc.source?.schema && spanContains(doc.source.schema.span, offset))
    return { kind: 'schema', span: doc.source.schema.span };
  if (doc.source && spanContains(doc.source.span, offset)) {
    for (const [key, span] of doc.source.keys ?? [])
      if (spanContains(span, offset)) return { kind: 'key', level: 'source', key, span };
    // the value of an enum key (format, timestamps, headers) explains the key and its choices
    for (const key of ['format', 'timestamps', 'headers'] as const) {
      const value = doc.source[key];
      if (value && spanContains(value.span, offset)) return { kind: 'key', level: 'source', key, span: value.span };
    }
  }
  for (const rule of doc.filters) {
    if (!spanContains(rule.span, offset)) continue;
    for (const condition of rule.conditions) {
      if (!spanContains(condition.span, offset)) continue;
      if (condition.field && spanContains(condition.field.span, offset))
        return { kind: 'field', rule, condition, span: condition.field.span };
      if (condition.operator && spanContains(condition.operator.span, offset))
        return { kind: 'operator', rule, condition, span: condition.operator.span };
      const operands = [condition.value, ...(condition.values?.items ?? [])];
      for (const o of operands)
        if (o && spanContains(o.span, offset))
          return { kind: 'operand', rule, condition, span: o.span, value: o.value };
      for (const [key, span] of condition.keys)
        if (spanContains(span, offset)) return { kind: 'key', level: 'condition', key, span };
      return undefined;
    }
    for (const [key, span] of rule.keys)
      if (spanContains(span, offset)) return { kind: 'key', level: 'filter', key, span };
    return undefined;
  }
  return undefined;
}

/** The segment of a field path under the offset (the last one when the offset is past them), so hover and
 * go-to-definition work on each step of a long path. */
export function pathSegmentAt(doc: FiltersDocument, fieldSpan: Span, path: string, offset: number): PathSegment {
  const quoted = doc.text[fieldSpan.start] === '"' || doc.text[fieldSpan.start] === "'";
  const inner = offset - fieldSpan.start - (quoted ? 1 : 0);
  const segments = splitPath(path);
  return segments.find((s) => inner >= s.start && inner <= s.end) ?? segments[segments.length - 1];
}
