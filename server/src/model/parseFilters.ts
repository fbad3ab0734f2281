// Invariant: bad input never throws out of parseFilters (nor out of validation/validateFilters.ts). A file being
// edited is half-typed most of the time, and a throw would take every feature of the document down with it: what
// is wrong becomes a problem at its span instead, an internal failure becomes one diagnostic
// (lsp/workspaceState.ts), and the server keeps serving (test/lsp/randomEdits.test.ts).

import { isMap, isScalar, isSeq, parseDocument, type Document, type Scalar, type YAMLMap } from 'yaml';
import { chunkFilters, rechunkFilters, type ChunkEdit, type Chunks } from './chunkFilters';
import type { Condition, FilterRule, FiltersDocument, Operand, SourceBlock, YamlProblem } from './filterTypes';
import { LineIndex } from './lineIndex';
import { nodeSpan } from './nodeSpan';
import { movePlaced, placeRule, type PlacedFilter } from './placedFilter';
import { checkShape, type ShapeError } from './shapeCheck';
import type { Located, Span } from './span';

/**
 * Parses filters.yaml into the typed model (`owner`: the document it is, e.g. its URI, when parsed again and
 * again as it is edited), with the YAML syntax problems and the JSON Schema shape
 * errors. Tolerant by design: whatever has the wrong shape is left out of the model (the shape check
 * reports it at its span), so a half-typed file still gets every feature that does not depend on the
 * broken part. Files in the usual block layout are parsed filter by filter, each chunk cached by its
 * text; an owner's next parse starts from its previous one, so an edit costs the parse of the filters it
 * touched and a move of those after it (diagnostics of a 2,000-filter file stay interactive).
 */
export function parseFilters(text: string, owner?: string): FiltersDocument {
  const memory = owner === undefined ? undefined : memories.get(owner);
  // Forgotten until this parse completes: a parse that failed halfway must not leave half-moved filters behind.
  if (owner !== undefined) memories.delete(owner);
  const edit = memory && rechunkFilters(memory, text);
  const chunks = edit ? undefined : chunkFilters(text);
  if (!edit && !chunks) {
    // Nothing was moved: the last split of the document stays the start of its next parse, so a layout broken
    // for a few keystrokes (a key typed at column 0) does not cost a fresh parse of every filter once repaired.
    if (memory) memories.set(owner!, memory);
    return parseFiltersWhole(text);
  }
  const headerText = edit ? memory.chunks.header : chunks!.header;
  const header = memory && memory.header.text === headerText ? memory.header : readHeader(headerText);
  const items = edit ? applyEdit(memory.chunks.items, edit) : placeAll(chunks!.items, memory?.chunks.items);

  const doc: FiltersDocument = {
    text,
    lineCounter: new LineIndex(text),
    filters: [],
    syntaxProblems: [...header.syntax],
    shapeErrors: [...header.shape],
    source: header.source,
  };
  for (let index = 0; index < items.length; index++) {
    const { parsed, start, rule } = items[index];
    // Most filters have neither: no arrays are made for them (this loop runs for every filter on every edit).
    for (const p of parsed.syntax) doc.syntaxProblems.push({ ...p, span: shift(p.span, start) });
    for (const e of parsed.shape)
      doc.shapeErrors.push({ ...e, segments: ['filters', String(index), ...e.segments], span: shift(e.span, start) });
    if (rule) doc.filters.push(rule);
  }
  const first = items[0];
  const last = items[items.length - 1];
  doc.filtersSpan = { start: first.start + first.parsed.seqSpan.start, end: last.start + last.parsed.seqSpan.end };
  if (owner !== undefined) {
    if (memories.size >= MEMORY_LIMIT) memories.delete(memories.keys().next().value as string);
    memories.set(owner, {
      text,
      chunks: { header: headerText, items, indent: (edit?.chunks ?? chunks!).indent },
      header,
    });
  }
  return doc;
}

/** Forgets what parses of `owner` kept for its next parse (the document was closed). */
export function forgetParses(owner: string): void {
  memories.delete(owner);
}

interface ParsedChunk {
  yaml: Document.Parsed;
  syntax: YamlProblem[];
  shape: ShapeError[];
}

function parseChunk(text: string, target: 'document' | 'filter'): ParsedChunk {
  // logLevel 'error': yaml would print its warnings on stderr; they are reported as problems instead.
  const yaml = parseDocument(text, {
    keepSourceTokens: false,
    prettyErrors: false,
    uniqueKeys: true,
    logLevel: 'error',
  });
  const syntax: YamlProblem[] = [
    ...yaml.errors.map((e) => ({
      message: e.message.split('\n')[0],
      span: errorSpan(e.pos, text),
      severity: 'error' as const,
    })),
    ...yaml.warnings.map((e) => ({
      message: e.message.split('\n')[0],
      span: errorSpan(e.pos, text),
      severity: 'warning' as const,
    })),
  ];
  return { yaml, syntax, shape: checkShape(yaml, text, target) };
}

/** A filter chunk parsed at offset 0: its problems, its filter (the template placed copies are made of). */
interface ParsedItem {
  syntax: YamlProblem[];
  shape: ShapeError[];
  rule?: FilterRule;
  seqSpan: Span;
}

/** A chunk of one document: where it is, its parse, its placed filter. */
type DocumentItem = PlacedFilter & { parsed: ParsedItem };

interface ParsedHeader {
  text: string;
  syntax: YamlProblem[];
  shape: ShapeError[];
  source?: SourceBlock;
}

/** What an owner's last parse leaves for its next one. */
interface ParseMemory {
  text: string;
  chunks: Chunks & { items: DocumentItem[] };
  header: ParsedHeader;
}

/** Parsed filters by chunk text; bounded so a long session of edits does not grow it without end. */
const itemCache = new Map<string, ParsedItem>();
// Twice a 2,000-filter file: the previous parse of a document is reused through its memory, not through this cache.
const ITEM_CACHE_LIMIT = 5_000;
const memories = new Map<string, ParseMemory>();
const MEMORY_LIMIT = 64;

function cachedItem(text: string): ParsedItem {
  const hit = itemCache.get(text);
  if (hit) return hit;
  // The YAML document is not kept: thousands of them would weigh on every garbage collection.
  const { yaml, syntax, shape } = parseChunk(text, 'filter');
  const seq = yaml.contents;
  const first = isSeq(seq) ? seq.items[0] : undefined;
  const entry: ParsedItem = {
    syntax,
    shape,
    rule: isMap(first) ? readFilter(first, 0) : undefined,
    seqSpan: nodeSpan(seq),
  };
  if (itemCache.size >= ITEM_CACHE_LIMIT) itemCache.delete(itemCache.keys().next().value as string);
  itemCache.set(text, entry);
  return entry;
}

function newItem(start: number, text: string, index: number): DocumentItem {
  const parsed = cachedItem(text);
  if (!parsed.rule) return { start, text, parsed, spans: [] };
  return { start, text, parsed, ...placeRule(parsed.rule, start, index) };
}

/** The items after an edit: the chunks that kept their text are the previous items (moved), the others new. */
function applyEdit(previous: DocumentItem[], edit: ChunkEdit): DocumentItem[] {
  const chunks = edit.chunks.items;
  const items: DocumentItem[] = new Array<DocumentItem>(chunks.length);
  for (let i = 0; i < chunks.length; i++) {
    const was = edit.previous[i];
    if (was < 0) {
      items[i] = newItem(chunks[i].start, chunks[i].text, i);
      continue;
    }
    const item = previous[was];
    movePlaced(item, chunks[i].start - item.start, i);
    items[i] = item;
  }
  return items;
}

/**
 * Every chunk placed anew, taking the placed filter of the same text from the previous parse where there is one
 * (an edit the incremental split could not follow, e.g. in the header, keeps the filters' objects).
 */
function placeAll(chunks: { start: number; text: string }[], previous: DocumentItem[] | undefined): DocumentItem[] {
  const available = byText(previous ?? []);
  return chunks.map((chunk, index) => reuseOrNew(chunk, index, available));
}

/** Previous items by their text, in order (a file may hold the same filter text twice). */
function byText(items: DocumentItem[]): Map<string, DocumentItem[]> {
  const map = new Map<string, DocumentItem[]>();
  for (const item of items) {
    const same = map.get(item.text);
    if (same) same.push(item);
    else map.set(item.text, [item]);
  }
  return map;
}

/** The chunk as a previous item of the same text, moved to its place (taken from `available`), or a new item. */
function reuseOrNew(
  { start, text }: { start: number; text: string },
  index: number,
  available: Map<string, DocumentItem[]>,
): DocumentItem {
  const reused = available.get(text)?.shift();
  if (!reused) return newItem(start, text, index);
  movePlaced(reused, start - reused.start, index);
  return reused;
}

/** The whole file in one YAML parse: any layout, no cache. Also the reference the chunked parse is tested against. */
export function parseFiltersWhole(text: string): FiltersDocument {
  const doc: FiltersDocument = {
    text,
    lineCounter: new LineIndex(text),
    filters: [],
    syntaxProblems: [],
    shapeErrors: [],
  };
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
      if (isMap(item)) doc.filters.push(readFilter(item, index));
    });
  }
  return doc;
}

/** The text before the first filter; chunking guarantees filters follow, which are checked chunk by chunk. */
function readHeader(text: string): ParsedHeader {
  const parsed = parseChunk(text, 'document');
  // The header's `filters:` is empty on its own.
  const header: ParsedHeader = {
    text,
    syntax: parsed.syntax,
    shape: parsed.shape.filter((e) => !(e.segments[0] === 'filters' && e.segments.length === 1)),
  };
  const root = parsed.yaml.contents;
  if (isMap(root)) {
    const sourceNode = root.get('source', true);
    if (isMap(sourceNode)) header.source = readSource(sourceNode);
  }
  return header;
}

function shift(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

function errorSpan(pos: [number, number], text: string): Span {
  const start = Math.min(pos[0], text.length);
  return { start, end: Math.max(start, Math.min(pos[1], text.length)) };
}

function keySpans(map: YAMLMap): Map<string, Span> {
  const keys = new Map<string, Span>();
  for (const pair of map.items) {
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
  return { value: `${node.value as string | number | boolean}`, span: nodeSpan(node) };
}

function operandOf(node: Scalar): Operand {
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return { value: node.value, span: nodeSpan(node), quoted };
}

function readSource(map: YAMLMap): SourceBlock {
  return {
    span: nodeSpan(map),
    topic: stringOf(map, 'topic'),
    schema: stringOf(map, 'schema'),
    headers: stringOf(map, 'headers'),
    deadLetterTopic: stringOf(map, 'deadLetterTopic'),
    format: stringOf(map, 'format'),
    timestamps: stringOf(map, 'timestamps'),
    keys: keySpans(map),
  };
}

function readFilter(map: YAMLMap, index: number): FilterRule {
  const enabledScalar = scalarOf(map, 'enabled');
  const enabledNode =
    enabledScalar && typeof enabledScalar.value === 'boolean'
      ? { value: enabledScalar.value, span: nodeSpan(enabledScalar) }
      : undefined;
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
      if (isMap(item)) rule.conditions.push(readCondition(item));
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
    condition.values = {
      span: nodeSpan(values),
      items: values.items.filter(isScalar).map((n) => operandOf(n)),
    };
  }
  return condition;
}
