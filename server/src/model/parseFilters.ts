import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Condition, FilterRule, FiltersDocument, Operand, SourceBlock, YamlProblem } from './filterTypes';
import type { Located, Span } from './span';

/**
 * Parses filters.yaml into the typed model. Tolerant by design: whatever has the wrong shape is left out
 * of the model (the JSON Schema check reports it at its span), so a half-typed file still gets every
 * feature that does not depend on the broken part.
 */
export function parseFilters(text: string): FiltersDocument {
  const lineCounter = new LineCounter();
  // logLevel 'error': yaml's warnings go to process.emitWarning (stderr of the server); they are reported as problems instead.
  const yaml = parseDocument(text, { lineCounter, keepSourceTokens: false, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const syntaxProblems: YamlProblem[] = [
    ...yaml.errors.map((e) => ({ message: e.message.split('\n')[0], span: errorSpan(e.pos, text), severity: 'error' as const })),
    ...yaml.warnings.map((e) => ({ message: e.message.split('\n')[0], span: errorSpan(e.pos, text), severity: 'warning' as const })),
  ];
  const doc: FiltersDocument = { text, yaml, lineCounter, filters: [], syntaxProblems };
  const root = yaml.contents;
  if (!isMap(root)) return doc;

  const sourceNode = root.get('source', true);
  if (isMap(sourceNode)) doc.source = readSource(sourceNode);

  const filtersNode = root.get('filters', true);
  if (isSeq(filtersNode)) {
    doc.filtersSpan = nodeSpan(filtersNode);
    filtersNode.items.forEach((item, index) => {
      if (isMap(item)) doc.filters.push(readFilter(item as YAMLMap, index));
    });
  }
  return doc;
}

function errorSpan(pos: [number, number], text: string): Span {
  const start = Math.min(pos[0], text.length);
  return { start, end: Math.max(start, Math.min(pos[1], text.length)) };
}

export function nodeSpan(node: Node | null | undefined): Span {
  const range = node?.range;
  if (!range) return { start: 0, end: 0 };
  return { start: range[0], end: range[1] };
}

function keySpans(map: YAMLMap): Map<string, Span> {
  const keys = new Map<string, Span>();
  for (const pair of map.items as Pair[]) {
    if (isScalar(pair.key)) keys.set(String(pair.key.value), nodeSpan(pair.key));
  }
  return keys;
}

function scalarOf(map: YAMLMap, key: string): Scalar | undefined {
  const node = map.get(key, true);
  return isScalar(node) ? node : undefined;
}

function stringOf(map: YAMLMap, key: string): Located<string> | undefined {
  const node = scalarOf(map, key);
  if (!node || node.value === null || typeof node.value === 'object') return undefined;
  return { value: String(node.value), span: nodeSpan(node) };
}

function operandOf(node: Scalar): Operand {
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return { value: node.value, span: nodeSpan(node), quoted };
}

function readSource(map: YAMLMap): SourceBlock {
  return { span: nodeSpan(map), topic: stringOf(map, 'topic'), schema: stringOf(map, 'schema') };
}

function readFilter(map: YAMLMap, index: number): FilterRule {
  const enabledScalar = scalarOf(map, 'enabled');
  const enabledNode =
    enabledScalar && typeof enabledScalar.value === 'boolean' ? { value: enabledScalar.value, span: nodeSpan(enabledScalar) } : undefined;
  const rule: FilterRule = {
    index,
    span: nodeSpan(map),
    id: stringOf(map, 'id'),
    name: stringOf(map, 'name'),
    description: stringOf(map, 'description'),
    consumerId: stringOf(map, 'consumerId'),
    outputTopic: stringOf(map, 'outputTopic'),
    enabled: enabledNode ? enabledNode.value : true,
    enabledNode,
    conditions: [],
    keys: keySpans(map),
  };
  const conditions = map.get('conditions', true);
  if (isSeq(conditions)) {
    rule.conditionsSpan = nodeSpan(conditions);
    for (const item of conditions.items) {
      if (isMap(item)) rule.conditions.push(readCondition(item as YAMLMap));
    }
  }
  return rule;
}

function readCondition(map: YAMLMap): Condition {
  const condition: Condition = {
    span: nodeSpan(map),
    field: stringOf(map, 'field'),
    operator: stringOf(map, 'operator'),
    keys: keySpans(map),
  };
  const value = scalarOf(map, 'value');
  if (value) condition.value = operandOf(value);
  const values = map.get('values', true);
  if (isSeq(values)) {
    condition.values = { span: nodeSpan(values), items: values.items.filter(isScalar).map((n) => operandOf(n as Scalar)) };
  }
  return condition;
}
