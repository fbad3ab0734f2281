// Invariant: only bound filters reach the SQL generator and the evaluator. This is the one place a condition gets
// its meaning (field, operator, typed operands), so the Flink job and the preview and filter tests cannot disagree
// on what a condition says.

import { dateProblem, timeProblem } from './calendarCheck';
import { nonFiniteProblem } from './nonFinite';
import type { AvroSchemaModel } from '../avro/avroTypes';
import { describeType } from '../avro/avroTypes';
import { closest, listPaths, resolvePath, spanInScalar, type ResolvedPath } from '../avro/fieldPath';
import {
  sourceEncoding,
  sourceTopic,
  type Condition,
  type FilterRule,
  type FiltersDocument,
  type Operand,
} from '../model/filterTypes';
import {
  OPERATORS,
  durationProblem,
  operatorSpec,
  parseDuration,
  type FieldKind,
  type OperatorSpec,
} from '../model/operators';
import type { Located, Span } from '../model/span';
import { checkPattern } from '../regex/checkPattern';
import type { Problem } from '../model/problem';
import type { ArrayGroup, BoundCondition, BoundDocument, BoundFilter, Literal } from './boundTypes';

const ORDERED = new Set(['greaterThan', 'lessThan', 'greaterThanOrEqual', 'lessThanOrEqual', 'between']);

/**
 * Checks every filter against the Avro schema and turns the good ones into bound filters: the one
 * place where field paths, operators and operands get their meaning, so the SQL generator and the
 * evaluator cannot disagree about it.
 */
export function bindFilters(
  doc: FiltersDocument,
  schema: AvroSchemaModel | undefined,
): { bound: BoundDocument; problems: Problem[] } {
  const problems: Problem[] = [];
  const topic = sourceTopic(doc);
  const bound: BoundDocument = { sourceTopic: topic, encoding: sourceEncoding(doc), filters: [], rejected: [] };
  const seenIds = new Map<string, Span>();
  const bySchema = schema && bindingsFor(schema);
  // This loop runs for every filter on every edit: what does not depend on the rest of the file is cached.
  for (const rule of doc.filters) {
    const before = problems.length;
    let errors = checkRuleKeys(rule, doc, topic, seenIds, problems);
    const binding = bySchema && bindRule(rule, schema, bySchema, doc.text);
    if (binding) {
      errors += binding.errors;
      const at = rule.span.start;
      for (const p of binding.problems)
        problems.push({ ...p, span: absolute(p.span, at), fix: p.fix && { ...p.fix, span: absolute(p.fix.span, at) } });
    }
    if (!rule.enabled) {
      problems.push({
        span: rule.id?.span ?? rule.span,
        severity: 'hint',
        message: `Filter ${rule.id?.value ?? `#${rule.index + 1}`} is disabled (enabled: false): it is checked but not deployed.`,
        code: 'disabled',
        unnecessary: true,
      });
    }
    if (errors > 0 || !binding?.filter) {
      const firstError = problems.slice(before).find((p) => p.severity === 'error');
      bound.rejected.push({ rule, reason: firstError?.message ?? (!schema ? 'no schema' : 'incomplete filter') });
      continue;
    }
    bound.filters.push(binding.filter);
  }
  return { bound, problems };
}

/**
 * A filter's binding against one schema: what depends on the filter alone. The parser hands back the same
 * object for a filter whose text did not change (moving its spans in place when text before it changed), so
 * it is not bound again. Problems are kept relative to the filter's start, since they may hold span objects
 * of their own; the bound filter refers to the filter's objects and so moves with them.
 */
interface RuleBinding {
  problems: Problem[];
  /** How many of the problems are errors. */
  errors: number;
  /** Set when the filter is complete and every condition bound. */
  filter?: BoundFilter;
}

const bindings = new WeakMap<AvroSchemaModel, WeakMap<FilterRule, RuleBinding>>();

function bindingsFor(schema: AvroSchemaModel): WeakMap<FilterRule, RuleBinding> {
  let bySchema = bindings.get(schema);
  if (!bySchema) bindings.set(schema, (bySchema = new WeakMap()));
  return bySchema;
}

function bindRule(
  rule: FilterRule,
  schema: AvroSchemaModel,
  bySchema: WeakMap<FilterRule, RuleBinding>,
  text: string,
): RuleBinding {
  const hit = bySchema.get(rule);
  if (hit) return hit;
  const problems: Problem[] = [];
  const conditions: BoundCondition[] = [];
  for (const condition of rule.conditions) {
    const b = bindCondition(condition, schema, text, problems);
    if (b) conditions.push(b);
  }
  const base = rule.span.start;
  const relative = (s: Span): Span => ({ start: s.start - base, end: s.end - base });
  const errors = problems.filter((p) => p.severity === 'error').length;
  const complete =
    rule.id &&
    rule.name &&
    rule.consumerId &&
    rule.outputTopic &&
    rule.conditionsSpan &&
    conditions.length === rule.conditions.length;
  const binding: RuleBinding = {
    problems: problems.map((p) => ({
      ...p,
      span: relative(p.span),
      fix: p.fix && { ...p.fix, span: relative(p.fix.span) },
    })),
    errors,
    filter: complete && errors === 0 ? groupFilter(rule, conditions) : undefined,
  };
  bySchema.set(rule, binding);
  return binding;
}

function absolute(s: Span, at: number): Span {
  return { start: s.start + at, end: s.end + at };
}

function groupFilter(rule: FilterRule, all: BoundCondition[]): BoundFilter {
  const conditions: BoundCondition[] = [];
  const groups: ArrayGroup[] = [];
  for (const c of all) {
    if (!c.path.arrayPath) {
      conditions.push(c);
      continue;
    }
    let group = groups.find((g) => g.arrayPath === c.path.arrayPath);
    if (!group) groups.push((group = { arrayPath: c.path.arrayPath, conditions: [] }));
    group.conditions.push(c);
  }
  return {
    rule,
    id: rule.id!.value,
    name: rule.name!.value,
    consumerId: rule.consumerId!.value,
    outputTopic: rule.outputTopic!.value,
    enabled: rule.enabled,
    conditions,
    arrayGroups: groups,
  };
}

/** Checks that depend on the other filters and the header; returns how many errors it reported. */
function checkRuleKeys(
  rule: FilterRule,
  doc: FiltersDocument,
  topic: string,
  seenIds: Map<string, Span>,
  problems: Problem[],
): number {
  let errors = 0;
  if (rule.id) {
    const first = seenIds.get(rule.id.value);
    if (first) {
      const line = doc.lineCounter.linePos(first.start).line;
      problems.push({
        span: rule.id.span,
        severity: 'error',
        message: `Duplicate filter id "${rule.id.value}" (first used on line ${line}).`,
        code: 'duplicate-id',
      });
      errors++;
    } else seenIds.set(rule.id.value, rule.id.span);
  }
  if (rule.outputTopic && rule.outputTopic.value === topic) {
    problems.push({
      span: rule.outputTopic.span,
      severity: 'error',
      message: `outputTopic is the source topic "${topic}": routed events would be read again and loop.`,
      code: 'output-is-source',
    });
    errors++;
  }
  return errors;
}

function isQuoted(text: string, span: Span): boolean {
  const c = text[span.start];
  return c === '"' || c === "'";
}

function bindCondition(
  condition: Condition,
  schema: AvroSchemaModel,
  text: string,
  problems: Problem[],
): BoundCondition | undefined {
  const field = condition.field;
  const path = field ? bindPath(field, schema, text, problems) : undefined;
  const operator = condition.operator ? bindOperator(condition.operator, problems) : undefined;
  // A pattern is checked even when the field is unknown: both mistakes show at once.
  if (!path && operator?.name === 'matches' && condition.value && typeof condition.value.value === 'string')
    checkRegexOperand(condition.value, text, problems);
  if (!path || !operator || !condition.operator) return undefined;

  const castToNumber = path.viaMapKey && path.kind === 'string' && ORDERED.has(operator.name);
  const kind: FieldKind | undefined = castToNumber ? 'number' : path.kind;
  if (!kind || !operator.kinds.includes(kind)) {
    const fits = OPERATORS.filter((o) => kind && o.kinds.includes(kind)).map((o) => o.name);
    problems.push({
      span: condition.operator.span,
      severity: 'error',
      message: `"${operator.name}" does not apply to ${path.path}, ${article(describeType(path.type))}${fits.length ? `; use ${fits.join(', ')}` : ''}.`,
      code: 'operator-type',
    });
    return undefined;
  }
  const operands = bindOperands(condition, operator, kind, path, text, problems);
  if (!operands) return undefined;
  const bound: BoundCondition = { source: condition, path, operator, operands, castToNumber };
  if (operator.name === 'withinLast') {
    const text = (operands[0] as { value: string }).value;
    bound.durationMillis = parseDuration(text)!.millis;
    bound.operands = [];
  }
  return bound;
}

/** Resolutions by schema and path: a large file repeats the same few hundred paths thousands of times. */
const resolutions = new WeakMap<AvroSchemaModel, Map<string, ReturnType<typeof resolvePath>>>();

function resolveCached(schema: AvroSchemaModel, path: string): ReturnType<typeof resolvePath> {
  let bySchema = resolutions.get(schema);
  if (!bySchema) resolutions.set(schema, (bySchema = new Map<string, ReturnType<typeof resolvePath>>()));
  let result = bySchema.get(path);
  if (!result) bySchema.set(path, (result = resolvePath(schema.root, path)));
  return result;
}

function bindPath(
  field: Located<string>,
  schema: AvroSchemaModel,
  text: string,
  problems: Problem[],
): ResolvedPath | undefined {
  const result = resolveCached(schema, field.value);
  if (result.ok) return result.resolved;
  const { error } = result;
  const quoted = isQuoted(text, field.span);
  const span = error.end > error.start ? spanInScalar(field.span, quoted, error.start, error.end) : field.span;
  // An empty segment ("eventHeader.") is unfinished: no guess, the message and completion list what may follow.
  const suggestion =
    error.end > error.start ? suggestPath(field.value, error.start, error.end, error.candidates, schema) : undefined;
  problems.push({
    span,
    severity: 'error',
    message: suggestion
      ? `${capitalize(error.message)}. Did you mean "${suggestion}"?`
      : `${capitalize(error.message)}.`,
    code: 'unknown-field',
    fix: suggestion ? { title: `Change to "${suggestion}"`, span: field.span, newText: suggestion } : undefined,
  });
  return undefined;
}

function suggestPath(
  path: string,
  start: number,
  end: number,
  candidates: string[],
  schema: AvroSchemaModel,
): string | undefined {
  const segment = path.slice(start, end).replace(/\[\]$/, '');
  const near = closest(segment, candidates);
  if (near) {
    const repaired = path.slice(0, start) + near + path.slice(end).replace(/^\[\]/, '');
    const fixedArray = path.slice(start, end).endsWith('[]')
      ? path.slice(0, start) + near + '[]' + path.slice(end)
      : repaired;
    for (const candidate of [fixedArray, repaired]) if (resolvePath(schema.root, candidate).ok) return candidate;
  }
  return closest(
    path,
    listPaths(schema.root).map((e) => e.path),
  );
}

function article(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function bindOperator(op: Located<string>, problems: Problem[]): OperatorSpec | undefined {
  const spec = operatorSpec(op.value);
  if (spec) return spec;
  const near = closest(
    op.value,
    OPERATORS.map((o) => o.name),
  );
  problems.push({
    span: op.span,
    severity: 'error',
    message: `Unknown operator "${op.value}"${near ? `. Did you mean "${near}"?` : `; one of ${OPERATORS.map((o) => o.name).join(', ')}.`}`,
    code: 'unknown-operator',
    fix: near ? { title: `Change to "${near}"`, span: op.span, newText: near } : undefined,
  });
  return undefined;
}

function bindOperands(
  condition: Condition,
  operator: OperatorSpec,
  kind: FieldKind,
  path: ResolvedPath,
  text: string,
  problems: Problem[],
): Literal[] | undefined {
  const opSpan = condition.operator!.span;
  const arity = (message: string, span: Span = opSpan) => {
    problems.push({ span, severity: 'error', message, code: 'arity' });
    return undefined;
  };
  let items: Operand[];
  switch (operator.operand) {
    case 'none':
      if (condition.value || condition.values) {
        return arity(
          `"${operator.name}" takes no value; remove ${condition.value ? 'value' : 'values'}.`,
          (condition.value ?? condition.values)!.span,
        );
      }
      return [];
    case 'value':
      if (!condition.value) {
        return arity(
          condition.values
            ? `"${operator.name}" takes a single "value:", not "values:".`
            : `"${operator.name}" needs a "value:".`,
          condition.values?.span ?? opSpan,
        );
      }
      items = [condition.value];
      break;
    case 'values':
      if (!condition.values)
        return arity(
          condition.value
            ? `"${operator.name}" takes a list "values:", not "value:".`
            : `"${operator.name}" needs "values:" (a list).`,
          condition.value?.span ?? opSpan,
        );
      if (condition.values.items.length === 0)
        return arity(`"${operator.name}" needs at least one value.`, condition.values.span);
      items = condition.values.items;
      break;
    case 'range':
      if (!condition.values || condition.values.items.length !== 2) {
        return arity(
          `"between" needs "values: [low, high]" (two values, both inclusive).`,
          condition.values?.span ?? condition.value?.span ?? opSpan,
        );
      }
      items = condition.values.items;
      break;
  }
  const literals: Literal[] = [];
  for (const item of items) {
    const lit = bindLiteral(item, operator, kind, path, text, problems);
    if (!lit) return undefined;
    literals.push(lit);
  }
  if (operator.operand === 'range' && compareLiterals(literals[0], literals[1]) > 0) {
    problems.push({
      span: condition.values!.span,
      severity: 'error',
      message: `"between" low ${literalText(literals[0])} is greater than high ${literalText(literals[1])}: nothing can match.`,
      code: 'between-order',
    });
    return undefined;
  }
  return literals;
}

function literalText(l: Literal): string {
  return l.type === 'number' ? l.text : l.type === 'timestamp' || l.type === 'date' ? l.text : String(l.value);
}

function compareLiterals(a: Literal, b: Literal): number {
  if (a.type === 'number' && b.type === 'number') return a.value - b.value;
  if (a.type === 'timestamp' && b.type === 'timestamp') return a.millis - b.millis;
  if (a.type === 'date' && b.type === 'date') return a.days - b.days;
  return 0;
}

const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Reports the problems of a `matches` pattern at their place in the file; false when it cannot be used. */
function checkRegexOperand(item: Operand, text: string, problems: Problem[]): boolean {
  const pattern = item.value as string;
  const raw = text.slice(item.span.start, item.span.end);
  // Offsets inside the pattern map onto the file only when the scalar holds it verbatim (no escapes).
  const verbatim = (item.quoted ? raw.slice(1, -1) : raw) === pattern;
  let usable = true;
  for (const issue of checkPattern(pattern)) {
    const span = verbatim ? spanInScalar(item.span, item.quoted, issue.start, issue.end) : item.span;
    problems.push({
      span,
      severity: issue.severity,
      message: issue.message,
      code: issue.severity === 'error' ? 'bad-regex' : 'regex-dialect',
    });
    if (issue.severity === 'error') usable = false;
  }
  return usable;
}

/** An operand as text: operands are YAML scalars (text, numbers, booleans), never mappings or lists. */
function scalarText(v: unknown): string {
  return `${v as string | number | boolean}`;
}

function bindLiteral(
  item: Operand,
  operator: OperatorSpec,
  kind: FieldKind,
  path: ResolvedPath,
  text: string,
  problems: Problem[],
): Literal | undefined {
  const wrong = (message: string, code = 'value-type') => {
    problems.push({ span: item.span, severity: 'error', message, code });
    return undefined;
  };
  const v = item.value;
  if (v === null || v === undefined)
    return wrong(`A value is missing here; NULL never matches in SQL (use "exists" to test for presence).`);
  if (operator.name === 'withinLast') {
    const why = durationProblem(v);
    if (why !== undefined) return wrong(why);
    return { type: 'string', value: v as string };
  }
  if (operator.name === 'matches') {
    if (typeof v !== 'string') return wrong(`"matches" takes a regular expression as text, not ${JSON.stringify(v)}.`);
    if (!checkRegexOperand(item, text, problems)) return undefined;
    return { type: 'string', value: v };
  }
  switch (kind) {
    case 'string':
      if (typeof v !== 'string')
        return wrong(
          `${path.path} is text${path.viaMapKey ? ' (a map value)' : ''}: quote the value ("${scalarText(v)}").`,
        );
      return { type: 'string', value: v };
    case 'enum': {
      const symbols = path.type.kind === 'enum' ? path.type.symbols : [];
      if (typeof v !== 'string' || !symbols.includes(v)) {
        const near = closest(scalarText(v), symbols);
        problems.push({
          span: item.span,
          severity: 'error',
          message: `${JSON.stringify(v)} is not a symbol of enum ${path.type.kind === 'enum' ? path.type.name.split('.').pop() : ''} (${symbols.join(', ')})${near ? `. Did you mean "${near}"?` : '.'}`,
          code: 'enum-symbol',
          fix: near ? { title: `Change to "${near}"`, span: item.span, newText: near } : undefined,
        });
        return undefined;
      }
      return { type: 'string', value: v };
    }
    case 'number': {
      if (typeof v === 'number' && !Number.isFinite(v))
        return wrong(nonFiniteProblem(v, text.slice(item.span.start, item.span.end)));
      if (typeof v !== 'number') {
        const looksNumeric = typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v));
        return wrong(
          `${path.path} is ${path.viaMapKey ? 'compared as a number' : article(describeType(path.type))}: the value must be a number${looksNumeric ? ` (remove the quotes: ${v})` : `, not ${JSON.stringify(v)}`}.`,
        );
      }
      const raw = text.slice(item.span.start, item.span.end);
      return {
        type: 'number',
        value: v,
        text: /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw) ? raw.replace(/^\+/, '') : String(v),
      };
    }
    case 'boolean':
      if (typeof v !== 'boolean')
        return wrong(`${path.path} is a boolean: the value must be true or false, not ${JSON.stringify(v)}.`);
      return { type: 'boolean', value: v };
    case 'timestamp': {
      const m = typeof v === 'string' ? ISO_TIMESTAMP.exec(v) : null;
      const notReal = m ? (dateProblem(m[1], m[2], m[3]) ?? timeProblem(m[4], m[5], m[6], m[8])) : undefined;
      if (notReal) return wrong(`${JSON.stringify(v)} is not a real instant: ${notReal}.`);
      const millis = m ? Date.parse(v as string) : NaN;
      if (!m || !Number.isFinite(millis)) {
        return wrong(
          `${path.path} is a timestamp: the value must be ISO-8601 with a zone, e.g. "2026-11-20T08:00:00Z", not ${JSON.stringify(v)}.`,
        );
      }
      // Events carry milliseconds (TIMESTAMP_LTZ(3)); a finer operand would compare differently in Flink and here.
      if (m[7] && /[1-9]/.test(m[7].slice(3))) {
        return wrong(
          `${path.path} is compared to the millisecond: drop the digits below it (${m[7].slice(0, 3).padEnd(3, '0')}).`,
        );
      }
      return { type: 'timestamp', millis, text: v as string };
    }
    case 'date': {
      const m = typeof v === 'string' ? ISO_DATE.exec(v) : null;
      const notReal = m ? dateProblem(m[1], m[2], m[3]) : undefined;
      if (notReal) return wrong(`${JSON.stringify(v)} is not a real date: ${notReal}.`);
      const millis = m ? Date.parse(`${v as string}T00:00:00Z`) : NaN;
      if (!m || !Number.isFinite(millis))
        return wrong(`${path.path} is a date: the value must look like "2026-11-20", not ${JSON.stringify(v)}.`);
      return { type: 'date', days: millis / 86_400_000, text: v as string };
    }
    default:
      return wrong(`${path.path} (${describeType(path.type)}) cannot be compared with a value.`);
  }
}
