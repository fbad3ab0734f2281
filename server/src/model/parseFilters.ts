import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { checkShape, type ShapeError } from '../validation/shapeCheck';
import { chunkFilters } from './chunkFilters';
import type { Condition, FilterRule, FiltersDocument, Operand, SourceBlock, YamlProblem } from './filterTypes';
import { LineIndex } from './lineIndex';
import type { Located, Span } from './span';

/**
 * Parses filters.yaml into the typed model (`owner`: the document it is, e.g. its URI, when parsed again and
 * again as it is edited), with the YAML syntax problems and the JSON Schema shape
 * errors. Tolerant by design: whatever has the wrong shape is left out of the model (the shape check
 * reports it at its span), so a half-typed file still gets every feature that does not depend on the
 * broken part. Files in the usual block layout are parsed filter by filter, each chunk cached by its
 * text, so an edit costs the parse of one filter (diagnostics of a 2,000-filter file stay interactive).
 */
export function parseFilters(text: string, owner?: string): FiltersDocument {
  const chunks = chunkFilters(text);
  const doc: FiltersDocument = { text, lineCounter: new LineIndex(text), filters: [], syntaxProblems: [], shapeErrors: [] };
  if (!chunks) return parseFiltersWhole(text);
  const generation = ++parseGeneration;
  const header = parseChunk(chunks.header, 'document');
  readHeader(doc, header, chunks.items.length > 0);
  chunks.items.forEach((item, index) => {
    const parsed = cachedItem(item.text);
    // Most filters have neither: no arrays are made for them (this loop runs for every filter on every edit).
    for (const p of parsed.syntax) doc.syntaxProblems.push({ ...p, span: shift(p.span, item.start) });
    for (const e of parsed.shape) doc.shapeErrors.push({ ...e, segments: ['filters', String(index), ...e.segments], span: shift(e.span, item.start) });
    if (parsed.rule) doc.filters.push(placedRule(parsed, item.start, index, generation, owner));
  });
  const first = chunks.items[0];
  const last = chunks.items[chunks.items.length - 1];
  doc.filtersSpan = { start: first.start + cachedItem(first.text).seqSpan.start, end: last.start + cachedItem(last.text).seqSpan.end };
  return doc;
}

interface ParsedChunk {
  yaml: Document.Parsed;
  syntax: YamlProblem[];
  shape: ShapeError[];
}

function parseChunk(text: string, target: 'document' | 'filter'): ParsedChunk {
  // logLevel 'error': yaml would print its warnings on stderr; they are reported as problems instead.
  const yaml = parseDocument(text, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const syntax: YamlProblem[] = [
    ...yaml.errors.map((e) => ({ message: e.message.split('\n')[0], span: errorSpan(e.pos, text), severity: 'error' as const })),
    ...yaml.warnings.map((e) => ({ message: e.message.split('\n')[0], span: errorSpan(e.pos, text), severity: 'warning' as const })),
  ];
  return { yaml, syntax, shape: checkShape(yaml, text, target) };
}

/** Parsed filters by chunk text; bounded so a long session of edits does not grow it without end. */
type ParsedItem = ParsedChunk & { rule?: FilterRule; seqSpan: Span; placed?: FilterRule; placedIn?: number; placedFor?: string };
let parseGeneration = 0;
const itemCache = new Map<string, ParsedItem>();
const ITEM_CACHE_LIMIT = 20_000;

function cachedItem(text: string): ParsedItem {
  const hit = itemCache.get(text);
  if (hit) return hit;
  const parsed = parseChunk(text, 'filter');
  const seq = parsed.yaml.contents;
  const first = isSeq(seq) ? seq.items[0] : undefined;
  const entry = { ...parsed, rule: isMap(first) ? readFilter(first as YAMLMap, 0) : undefined, seqSpan: nodeSpan(seq as Node) };
  if (itemCache.size >= ITEM_CACHE_LIMIT) itemCache.delete(itemCache.keys().next().value as string);
  itemCache.set(text, entry);
  return entry;
}

/** The whole file in one YAML parse: any layout, no cache. Also the reference the chunked parse is tested against. */
export function parseFiltersWhole(text: string): FiltersDocument {
  const doc: FiltersDocument = { text, lineCounter: new LineIndex(text), filters: [], syntaxProblems: [], shapeErrors: [] };
  const parsed = parseChunk(doc.text, 'document');
  doc.syntaxProblems.push(...parsed.syntax);
  doc.shapeErrors.push(...parsed.shape);
  const root = parsed.yaml.contents;
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

function readHeader(doc: FiltersDocument, header: ParsedChunk, hasItems: boolean): void {
  doc.syntaxProblems.push(...header.syntax);
  // The header's `filters:` is empty on its own; the items are checked chunk by chunk.
  doc.shapeErrors.push(...header.shape.filter((e) => !(hasItems && e.segments[0] === 'filters' && e.segments.length === 1)));
  const root = header.yaml.contents;
  if (isMap(root)) {
    const sourceNode = root.get('source', true);
    if (isMap(sourceNode)) doc.source = readSource(sourceNode);
  }
}

/**
 * The filter at its place in the file, as the same object as in the previous parse: moved in place when
 * text before it grew or shrank. Keeping its identity keeps what is cached per filter object downstream
 * (its binding) and allocates nothing per keystroke for the filters the edit did not touch. The rare
 * second copy of an identical filter text in one file gets an object of its own, and so does a filter
 * whose text is also in another document (`owner`): an object is only ever moved within its document.
 */
function placedRule(parsed: ParsedItem, start: number, index: number, generation: number, owner: string | undefined): FilterRule {
  const absoluteStart = parsed.rule!.span.start + start;
  if (parsed.placedIn === generation) return shiftRule(parsed.rule!, start, index);
  parsed.placedIn = generation;
  const placed = parsed.placed;
  if (!placed || parsed.placedFor !== owner) {
    parsed.placedFor = owner;
    return (parsed.placed = shiftRule(parsed.rule!, start, index));
  }
  if (placed.span.start !== absoluteStart) moveRule(placed, absoluteStart - placed.span.start);
  placed.index = index;
  return placed;
}

/** Adds `by` to every span of a placed filter; each span object belongs to exactly one place in it. */
function moveRule(rule: FilterRule, by: number): void {
  const move = (span: Span | undefined) => {
    if (span) {
      span.start += by;
      span.end += by;
    }
  };
  move(rule.span);
  for (const located of [rule.id, rule.name, rule.description, rule.consumerId, rule.outputTopic, rule.enabledNode]) move(located?.span);
  move(rule.conditionsSpan);
  for (const span of rule.keys.values()) move(span);
  for (const c of rule.conditions) {
    move(c.span);
    for (const located of [c.field, c.operator, c.value]) move(located?.span);
    if (c.values) {
      move(c.values.span);
      for (const item of c.values.items) move(item.span);
    }
    for (const span of c.keys.values()) move(span);
  }
}

function shift(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

function shiftLocated<T extends { span: Span } | undefined>(v: T, by: number): T {
  return (v ? { ...v, span: shift(v.span, by) } : v) as T;
}

function shiftKeys(keys: Map<string, Span>, by: number): Map<string, Span> {
  const out = new Map<string, Span>();
  for (const [k, s] of keys) out.set(k, shift(s, by));
  return out;
}

function shiftRule(rule: FilterRule, by: number, index: number): FilterRule {
  return {
    ...rule,
    index,
    span: shift(rule.span, by),
    id: shiftLocated(rule.id, by),
    name: shiftLocated(rule.name, by),
    description: shiftLocated(rule.description, by),
    consumerId: shiftLocated(rule.consumerId, by),
    outputTopic: shiftLocated(rule.outputTopic, by),
    enabledNode: shiftLocated(rule.enabledNode, by),
    conditionsSpan: rule.conditionsSpan && shift(rule.conditionsSpan, by),
    keys: shiftKeys(rule.keys, by),
    conditions: rule.conditions.map((c) => ({
      span: shift(c.span, by),
      field: shiftLocated(c.field, by),
      operator: shiftLocated(c.operator, by),
      value: shiftLocated(c.value, by),
      values: c.values && { span: shift(c.values.span, by), items: c.values.items.map((i) => shiftLocated(i, by)) },
      keys: shiftKeys(c.keys, by),
    })),
  };
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
