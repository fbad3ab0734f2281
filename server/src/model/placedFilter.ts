import type { FilterRule } from './filterTypes';
import type { Span } from './span';

/**
 * A filter chunk at its place in one document: the model object that the document's successive parses
 * share, and every span object in it, so that text inserted or removed before it moves it with one pass
 * over a flat list instead of a walk over its structure. Keeping the object keeps what is cached per filter
 * object downstream (its binding). Each span object belongs to exactly one place in one filter, and a
 * placed filter belongs to one document: it is never moved for another.
 */
export interface PlacedFilter {
  start: number;
  text: string;
  rule?: FilterRule;
  spans: Span[];
}

/** A copy of a filter parsed at offset 0 (its chunk's template), placed at `by` as the `index`-th filter. */
export function placeRule(template: FilterRule, by: number, index: number): { rule: FilterRule; spans: Span[] } {
  const spans: Span[] = [];
  const at = (span: Span): Span => {
    const s = { start: span.start + by, end: span.end + by };
    spans.push(s);
    return s;
  };
  const located = <T extends { span: Span } | undefined>(v: T): T => (v ? { ...v, span: at(v.span) } : v);
  const keys = (map: Map<string, Span>) => {
    const out = new Map<string, Span>();
    for (const [k, s] of map) out.set(k, at(s));
    return out;
  };
  const rule: FilterRule = {
    ...template,
    index,
    span: at(template.span),
    id: located(template.id),
    name: located(template.name),
    description: located(template.description),
    consumerId: located(template.consumerId),
    outputTopic: located(template.outputTopic),
    enabledNode: located(template.enabledNode),
    conditionsSpan: template.conditionsSpan && at(template.conditionsSpan),
    keys: keys(template.keys),
    conditions: template.conditions.map((c) => ({
      span: at(c.span),
      field: located(c.field),
      operator: located(c.operator),
      value: located(c.value),
      values: c.values && { span: at(c.values.span), items: c.values.items.map((i) => located(i)) },
      keys: keys(c.keys),
    })),
  };
  return { rule, spans };
}

/** Moves a placed filter by `by` characters and renumbers it. */
export function movePlaced(item: PlacedFilter, by: number, index: number): void {
  if (by !== 0) {
    item.start += by;
    const spans = item.spans;
    for (let i = 0; i < spans.length; i++) {
      spans[i].start += by;
      spans[i].end += by;
    }
  }
  if (item.rule) item.rule.index = index;
}
