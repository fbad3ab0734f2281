import { describeType, kindOf } from '../avro/avroTypes';
import type { AvroSchemaModel } from '../avro/avroTypes';
import { listPaths, resolvePath, type PathEntry } from '../avro/fieldPath';
import type { FiltersDocument } from '../model/filterTypes';
import { OPERATORS } from '../model/operators';
import type { Span } from '../model/span';
import { lineContext, type LineContext } from './lineContext';
import type { SampleIndex } from './sampleIndex';

export type CompletionKind = 'key' | 'snippet' | 'field' | 'operator' | 'enum' | 'value' | 'reference';

/** A completion proposal in domain terms; the LSP layer maps it to a CompletionItem. */
export interface Proposal {
  label: string;
  kind: CompletionKind;
  /** Text replacing `replace`; a snippet (with $1 tab stops) when `snippet` is set. */
  insertText: string;
  snippet?: boolean;
  replace: Span;
  detail?: string;
  documentation?: string;
  sortText?: string;
  /** Re-open completion after accepting (a field path's operator comes next). */
  retrigger?: boolean;
}

export interface CompletionInput {
  doc: FiltersDocument;
  offset: number;
  schema?: AvroSchemaModel;
  samples?: SampleIndex;
}

const KEY_DOCS: Record<string, Record<string, string>> = {
  top: {
    source: 'What the rules read: the source topic and the Avro schema of its events.',
    filters: 'The routes: each sends the events satisfying all its conditions to its output topic.',
  },
  source: {
    topic: 'Topic of the raw events (default raw-business-events).',
    schema: 'Path of the Avro schema (.avsc), relative to this file.',
    headers: "pass (default): routed records keep the source record's Kafka headers; drop: they carry none.",
    deadLetterTopic:
      'Where the routing job writes the records it cannot read, with their bytes and the reason (default <topic>.dlq).',
  },
  filter: {
    id: 'Unique id; recorded in filterMetadata.filterId.',
    name: 'Human name of the filter.',
    description: 'What the filter is for.',
    consumerId: 'The consumer the output topic serves.',
    outputTopic: 'Kafka topic the matching events go to.',
    enabled: 'false keeps the filter out of deployments.',
    conditions: 'All must hold (AND).',
  },
  condition: {
    field: 'Dotted path into the event; [] steps into an array.',
    operator: 'How the field is compared.',
    value: 'The operand.',
    values: 'The operands of in / notIn / between.',
  },
};

/** Schema paths are listed once per schema and sample set: completion must stay well under 5 ms. */
const pathCache = new WeakMap<AvroSchemaModel, WeakMap<object, PathEntry[]>>();
const noSamples = {};

function schemaPaths(schema: AvroSchemaModel, samples: SampleIndex | undefined): PathEntry[] {
  let bySamples = pathCache.get(schema);
  if (!bySamples) pathCache.set(schema, (bySamples = new WeakMap()));
  const key = samples ?? noSamples;
  let paths = bySamples.get(key);
  if (!paths) {
    paths = listPaths(schema.root, (mapPath) => samples?.keysAt(mapPath) ?? []);
    bySamples.set(key, paths);
  }
  return paths;
}

export function complete(input: CompletionInput): Proposal[] {
  const ctx = lineContext(input.doc.text, input.offset);
  const replace = { start: ctx.partialStart, end: input.offset + trailingWord(input.doc.text, input.offset) };
  if (ctx.kind === 'key') return completeKeys(ctx, replace);
  switch (ctx.key) {
    case 'field':
      return ctx.level === 'condition' ? completeFields(input, replace) : [];
    case 'operator':
      return completeOperators(input, ctx, replace);
    case 'value':
    case 'values':
      return completeValues(input, ctx, replace);
    case 'consumerId':
    case 'outputTopic':
      return completeUsed(input.doc, ctx.key, replace);
    case 'enabled':
      return ['true', 'false'].map((v) => ({ label: v, kind: 'value' as const, insertText: v, replace }));
    default:
      return [];
  }
}

function trailingWord(text: string, offset: number): number {
  const m = /^[^\s,\]"':#]*/.exec(text.slice(offset, offset + 200));
  return m ? m[0].length : 0;
}

function completeKeys(ctx: LineContext, replace: Span): Proposal[] {
  const level = ctx.level === 'unknown' ? undefined : ctx.level;
  if (!level) return [];
  const docs = KEY_DOCS[level];
  const out: Proposal[] = Object.keys(docs)
    .filter((k) => !ctx.siblings.has(k))
    .map((k, i) => ({
      label: k,
      kind: 'key' as const,
      insertText: keyInsert(level, k),
      snippet: true,
      replace,
      documentation: docs[k],
      sortText: `1${i}`,
    }));
  const blankItem = ctx.listItem && ctx.siblings.size === 0;
  if (level === 'filter' && blankItem) out.unshift(filterSnippet(replace, ctx.indent));
  if (level === 'condition' && blankItem) out.unshift(conditionSnippet(replace, ctx.indent));
  return out;
}

function keyInsert(level: string, key: string): string {
  if (level === 'top' && key === 'filters') return 'filters:\n  - ';
  if (level === 'top' && key === 'source')
    return 'source:\n  topic: ${1:raw-business-events}\n  schema: ${2:../schemas/raw-event.avsc}';
  if (key === 'conditions') return 'conditions:\n  - field: $0';
  if (key === 'enabled') return 'enabled: ${1|true,false|}';
  if (key === 'values') return 'values: [$1]';
  return `${key}: $0`;
}

function filterSnippet(replace: Span, indent: number): Proposal {
  const pad = ' '.repeat(indent);
  const body = [
    'id: ${1:new-filter}',
    'name: "${2:New Filter}"',
    'consumerId: ${3:new-consumer}',
    'outputTopic: ${4:filtered-new-events}',
    'conditions:',
    '  - field: ${5}',
    '    operator: ${6}',
    '    value: ${7}',
    'enabled: true',
  ].join(`\n${pad}`);
  return {
    label: 'New filter',
    kind: 'snippet',
    insertText: body,
    snippet: true,
    replace,
    detail: 'A whole filter',
    sortText: '0',
    retrigger: false,
  };
}

function conditionSnippet(replace: Span, indent: number): Proposal {
  const pad = ' '.repeat(indent);
  return {
    label: 'New condition',
    kind: 'snippet',
    insertText: ['field: ${1}', 'operator: ${2}', 'value: ${3}'].join(`\n${pad}`),
    snippet: true,
    replace,
    detail: 'field, operator and value',
    sortText: '0',
  };
}

function completeFields(input: CompletionInput, replace: Span): Proposal[] {
  if (!input.schema) return [];
  return schemaPaths(input.schema, input.samples).map((e, i) => ({
    label: e.path,
    kind: 'field' as const,
    insertText: e.path,
    replace,
    detail: `${describeType(e.type)}${e.nullable ? ' · nullable' : ''}`,
    documentation: e.field?.doc,
    // Leaves first: a condition compares a scalar; containers are for stepping further.
    sortText: `${e.leaf ? 0 : 1}${String(i).padStart(5, '0')}`,
    retrigger: !e.leaf,
  }));
}

function completeOperators(input: CompletionInput, ctx: LineContext, replace: Span): Proposal[] {
  const fieldPath = ctx.siblings.get('field');
  const resolved = fieldPath && input.schema ? resolvePath(input.schema.root, fieldPath) : undefined;
  const target = resolved?.ok ? resolved.resolved : undefined;
  return OPERATORS.filter((op) => {
    if (!target) return true;
    if (target.viaMapKey && target.kind === 'string' && op.kinds.includes('number') && op.name !== 'withinLast')
      return true;
    return !!target.kind && op.kinds.includes(target.kind);
  }).map((op, i) => ({
    label: op.name,
    kind: 'operator' as const,
    insertText: op.name,
    replace,
    detail:
      op.operand === 'none'
        ? 'no value'
        : op.operand === 'value'
          ? 'takes value:'
          : op.operand === 'range'
            ? 'takes values: [low, high]'
            : 'takes values: [...]',
    documentation:
      op.summary +
      (target?.viaMapKey && op.kinds.includes('number') && target.kind === 'string'
        ? ' Map text is cast to a number; text that is not a number does not match.'
        : ''),
    sortText: String(i).padStart(2, '0'),
  }));
}

function completeValues(input: CompletionInput, ctx: LineContext, replace: Span): Proposal[] {
  const fieldPath = ctx.siblings.get('field');
  const operator = ctx.siblings.get('operator');
  if (!fieldPath || !input.schema) return [];
  const resolved = resolvePath(input.schema.root, fieldPath);
  if (!resolved.ok) return [];
  const type = resolved.resolved.type;
  const out: Proposal[] = [];
  if (operator === 'withinLast') {
    for (const d of ['15m', '1h', '24h', '7d'])
      out.push({ label: d, kind: 'value', insertText: d, replace, detail: 'duration' });
    return out;
  }
  if (type.kind === 'enum') {
    type.symbols.forEach((s, i) =>
      out.push({
        label: s,
        kind: 'enum',
        insertText: s,
        replace,
        detail: `enum ${type.name.split('.').pop()}`,
        sortText: `0${String(i).padStart(3, '0')}`,
      }),
    );
    return out;
  }
  if (kindOf(type) === 'boolean')
    return ['true', 'false'].map((v) => ({ label: v, kind: 'value' as const, insertText: v, replace }));
  const numeric =
    resolved.resolved.viaMapKey &&
    operator !== undefined &&
    ['greaterThan', 'lessThan', 'greaterThanOrEqual', 'lessThanOrEqual', 'between'].includes(operator);
  for (const { value, count } of input.samples?.valuesAt(fieldPath) ?? []) {
    let text = String(value);
    if (numeric && !Number.isFinite(Number(text.trim()))) continue;
    if (!numeric && typeof value === 'string' && needsQuotes(text)) text = JSON.stringify(text);
    out.push({ label: String(value), kind: 'value', insertText: text, replace, detail: `seen ${count}× in samples` });
  }
  return out;
}

function needsQuotes(text: string): boolean {
  return (
    text === '' ||
    /^[\s\-?:,[\]{}#&*!|>'"%@`]|[:#]\s|\s$|^(true|false|null|~|yes|no|on|off)$/i.test(text) ||
    Number.isFinite(Number(text))
  );
}

function completeUsed(doc: FiltersDocument, key: 'consumerId' | 'outputTopic', replace: Span): Proposal[] {
  const used = new Set<string>();
  for (const f of doc.filters) {
    const v = f[key]?.value;
    if (v) used.add(v);
  }
  return [...used]
    .sort()
    .map((v) => ({ label: v, kind: 'reference' as const, insertText: v, replace, detail: `used in this file` }));
}
