import type { FiltersDocument } from '../model/filterTypes';
import type { Span } from '../model/span';

export interface OutlineItem {
  name: string;
  detail?: string;
  kind: 'filter' | 'condition' | 'source';
  span: Span;
  selection: Span;
  children: OutlineItem[];
}

/** The outline: the source block, then each filter by id (name as detail) with its conditions. */
export function outline(doc: FiltersDocument): OutlineItem[] {
  const items: OutlineItem[] = [];
  if (doc.source)
    items.push({
      name: 'source',
      detail: doc.source.topic?.value,
      kind: 'source',
      span: doc.source.span,
      selection: doc.source.span,
      children: [],
    });
  for (const rule of doc.filters) {
    const name = rule.id?.value ?? `filter #${rule.index + 1}`;
    items.push({
      name,
      detail: [rule.name?.value, rule.enabled ? undefined : '(disabled)'].filter(Boolean).join(' '),
      kind: 'filter',
      span: rule.span,
      selection: rule.id?.span ?? rule.span,
      children: rule.conditions.map((c) => ({
        name: [c.field?.value ?? '?', c.operator?.value ?? '?'].join(' '),
        detail: c.value
          ? String(c.value.value)
          : c.values
            ? `[${c.values.items.map((i) => String(i.value)).join(', ')}]`
            : undefined,
        kind: 'condition' as const,
        span: c.span,
        selection: c.field?.span ?? c.span,
        children: [],
      })),
    });
  }
  return items;
}
