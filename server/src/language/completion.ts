import { describeType, kindOf } from '../avro/avroTypes';
import type { AvroSchemaModel } from '../avro/avroTypes';
import { listPaths, resolvePath, type PathEntry } from '../avro/fieldPath';
import type { FiltersDocument } from '../model/filterTypes';
import { operandNeeds, OPERATORS, type OperatorSpec } from '../model/operators';
import type { Span } from '../model/span';
import { lineContext, type LineContext } from './lineContext';
import type { SampleIndex } from './sampleIndex';
import filtersSchema from '../../../schemas/filters.schema.json';

export type CompletionKind = 'key' | 'snippet' | 'field' | 'operator' | 'enum' | 'value' | 'reference';

/** A completion proposal in domain terms; the LSP layer maps it to a CompletionItem. */
export interface Proposal {
  label: string;
  kind: CompletionKind;
  /** Text replacing `replace`; a snippet (with $1 tab stops) when `snippet` is set. */
  insertText: string;
  snippet?: boolean;
  /** The snippet's later lines hold their full indentation (the editor must insert them as they are); otherwise
   * they are relative to the line's own indentation, which the editor adds. */
  absoluteIndent?: boolean;
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
    format:
      'Encoding of the source values: json (default); avro-confluent, debezium-json, debezium-avro-confluent not yet.',
    timestamps: 'JSON: timestamp-millis/-micros and date as iso-8601 text (default) or epoch-millis numbers.',
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
    case 'format':
    case 'timestamps':
    case 'headers':
      return ctx.level === 'source' ? completeSourceEnum(ctx.key, replace) : [];
    default:
      return [];
  }
}

/** The values of an enum key of `source:`, from the JSON Schema (the one list the shape check also reads). */
function completeSourceEnum(key: string, replace: Span): Proposal[] {
  const props = filtersSchema.properties.source.properties as Record<string, { enum?: string[]; default?: string }>;
  const spec = props[key];
  return (spec?.enum ?? []).map((v, i) => ({
    label: v,
    kind: 'enum' as const,
    insertText: v,
    replace,
    detail: v === spec.default ? 'default' : undefined,
    documentation: VALUE_DOCS[v],
    sortText: `0${i}`,
  }));
}

const VALUE_DOCS: Record<string, string> = {
  json: 'JSON values, Avro types as JSON (the default).',
  'avro-confluent': 'Avro with the Confluent wire format: not supported as a declared source format yet.',
  'debezium-json': "Debezium's change-event envelope in JSON: not supported yet.",
  'debezium-avro-confluent': "Debezium's change-event envelope in Avro: not supported yet.",
  'iso-8601': 'timestamp-millis as "2026-11-23T10:15:30.123Z", date as "2026-11-23" (the default).',
  'epoch-millis':
    'timestamp-millis as milliseconds since 1970-01-01 UTC, timestamp-micros as microseconds, date as days (JSON numbers).',
  pass: "Routed records keep the source record's Kafka headers (the default).",
  drop: 'Routed records carry no headers.',
};

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
    absoluteIndent: true,
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
    absoluteIndent: true,
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
  // With no operand yet, accepting an operator also writes its operand key on the next line (`in` → `values: []`),
  // when the operator ends its line (nothing but a comment-free end after the replaced word).
  const hasOperand = ctx.siblings.has('value') || ctx.siblings.has('values');
  const lineEnd = input.doc.text.indexOf('\n', replace.end);
  const rest = input.doc.text.slice(replace.end, lineEnd < 0 ? undefined : lineEnd);
  const withOperand = !hasOperand && rest.trim() === '';
  return OPERATORS.filter((op) => {
    if (!target) return true;
    if (target.viaMapKey && target.kind === 'string' && op.kinds.includes('number') && op.name !== 'withinLast')
      return true;
    return !!target.kind && op.kinds.includes(target.kind);
  }).map((op, i) => {
    const needs = operandNeeds(op);
    const snippet = withOperand ? operandSnippet(op, ctx.indent) : undefined;
    return {
      label: op.name,
      kind: 'operator' as const,
      insertText: snippet ?? op.name,
      snippet: snippet !== undefined,
      absoluteIndent: snippet !== undefined,
      // the values of the field come next (enum symbols, sample values)
      retrigger: snippet !== undefined && op.name !== 'between',
      replace,
      detail: needs.written ? `needs ${needs.what} (${needs.written})` : `needs ${needs.what}`,
      documentation:
        op.summary +
        (target?.viaMapKey && op.kinds.includes('number') && target.kind === 'string'
          ? ' Map text is cast to a number; text that is not a number does not match.'
          : ''),
      sortText: String(i).padStart(2, '0'),
    };
  });
}

/** The operator and, on the next line at the condition's indentation, its operand key with a tab stop. */
function operandSnippet(op: OperatorSpec, indent: number): string | undefined {
  const next = `\n${' '.repeat(indent)}`;
  if (op.operand === 'values') return `${op.name}${next}values: [$1]`;
  if (op.operand === 'range') return `${op.name}${next}values: [\${1:low}, \${2:high}]`;
  if (op.operand === 'value') return `${op.name}${next}value: ${op.name === 'withinLast' ? '${1:24h}' : '$1'}`;
  return undefined;
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
