import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import filtersSchema from '../../../schemas/filters.schema.json';
import { nodeSpan } from '../model/parseFilters';
import type { FiltersDocument } from '../model/filterTypes';
import type { Span } from '../model/span';
import type { Problem } from './diagnostic';

/** A JSON Schema error located in the text; its message is made later, when the filter's index is known. */
export interface ShapeError {
  keyword: string;
  params: Record<string, unknown>;
  message: string;
  /** JSON pointer segments from the document root (or from the filter, for a filter chunk). */
  segments: string[];
  span: Span;
  /** The whole offending mapping is meant (required / unknown key): shown on its first line. */
  wholeMapping?: boolean;
}

let validators: { document: ValidateFunction; filter: ValidateFunction } | undefined;

function validator(target: 'document' | 'filter'): ValidateFunction {
  // Compiled once per process: ajv compilation costs far more than a validation.
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addSchema(filtersSchema, 'filters');
    validators = { document: ajv.getSchema('filters')!, filter: ajv.compile({ $ref: 'filters#/definitions/filter' }) };
  }
  return validators[target];
}

/**
 * Checks a parsed YAML document against schemas/filters.schema.json (the schema other YAML tools get too):
 * the whole document, or one filter chunk (a sequence holding one filter). Errors are mapped from their
 * JSON pointer back to the YAML node they concern.
 */
export function checkShape(yaml: Document.Parsed, text: string, target: 'document' | 'filter'): ShapeError[] {
  let root = yaml.contents as Node | null;
  if (root === null) {
    if (target === 'filter') return [];
    return [{ keyword: 'empty', params: {}, message: 'is empty', segments: [], span: { start: 0, end: 0 } }];
  }
  let value: unknown;
  try {
    value = yaml.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // e.g. an alias to an anchor defined later, or an alias bomb: YAML itself cannot give the value.
    return [
      { keyword: 'unreadable', params: {}, message: (err as Error).message, segments: [], span: { start: 0, end: 0 } },
    ];
  }
  if (target === 'filter') {
    if (!isSeq(root)) return [];
    root = root.items[0] as Node;
    value = (value as unknown[])[0];
  }
  const check = validator(target);
  if (check(value)) return [];
  const out: ShapeError[] = [];
  for (const error of check.errors ?? []) {
    // The binder reports unknown operators with a "did you mean"; the enum error would repeat it.
    if (error.keyword === 'enum' && error.instancePath.endsWith('/operator')) continue;
    out.push(locateError(root, error, text));
  }
  return out;
}

function locateError(root: Node, error: ErrorObject, text: string): ShapeError {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const { node, pair } = locate(root, segments);
  const base = {
    keyword: error.keyword,
    params: error.params as Record<string, unknown>,
    message: error.message ?? 'is invalid',
    segments,
  };
  if (error.keyword === 'required') return { ...base, span: firstLine(node, text), wholeMapping: true };
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    const keyNode = isMap(node)
      ? (node.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === extra)?.key
      : undefined;
    return { ...base, span: keyNode ? nodeSpan(keyNode as Node) : firstLine(node, text) };
  }
  return { ...base, span: node ? nodeSpan(node) : pair ? nodeSpan(pair.key as Node) : { start: 0, end: 0 } };
}

/** The problems of a parsed document's shape errors, with messages that name the filter and condition. */
export function shapeProblems(doc: FiltersDocument): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const e of doc.shapeErrors) {
    const problem = toProblem(e);
    const key = `${problem.span.start}:${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function toProblem(e: ShapeError): Problem {
  const where = describePath(e.segments);
  switch (e.keyword) {
    case 'empty':
      return {
        span: e.span,
        severity: 'error',
        message: 'The file is empty: expected "filters:" with a list of filters.',
        code: 'shape',
      };
    case 'unreadable':
      return {
        span: e.span,
        severity: 'error',
        message: `The file has no value to check: ${e.message}`,
        code: 'yaml-syntax',
      };
    case 'required':
      return {
        span: e.span,
        severity: 'error',
        message: `${capitalize(where)} is missing the required key "${e.params.missingProperty}".`,
        code: 'missing-key',
      };
    case 'additionalProperties':
      return {
        span: e.span,
        severity: 'error',
        message: `Unknown key "${e.params.additionalProperty}" in ${where}; allowed: ${allowedKeys(e.segments).join(', ')}.`,
        code: 'unknown-key',
      };
    default:
      return { span: e.span, severity: 'error', message: `${capitalize(where)} ${e.message}.`, code: 'shape' };
  }
}

function allowedKeys(segments: string[]): string[] {
  const depth = segments.length;
  if (depth === 0) return ['source', 'filters'];
  if (segments[0] === 'source') return ['topic', 'schema'];
  if (depth === 2) return ['id', 'name', 'description', 'consumerId', 'outputTopic', 'enabled', 'conditions'];
  return ['field', 'operator', 'value', 'values'];
}

function locate(root: Node | null, segments: string[]): { node: Node | null; pair?: Pair } {
  let node: Node | null = root;
  let pair: Pair | undefined;
  for (const seg of segments) {
    if (isMap(node)) {
      pair = (node as YAMLMap).items.find((p) => isScalar(p.key) && String(p.key.value) === seg) as Pair | undefined;
      node = (pair?.value as Node | null) ?? null;
    } else if (isSeq(node)) {
      node = (node.items[Number(seg)] as Node | undefined) ?? null;
      pair = undefined;
    } else return { node, pair };
  }
  return { node, pair };
}

/** Errors about a whole mapping are shown on its first line only, not across the whole block. */
function firstLine(node: Node | null, text: string): Span {
  const span = nodeSpan(node);
  const newline = text.indexOf('\n', span.start);
  return { start: span.start, end: newline < 0 || newline > span.end ? span.end : newline };
}

function describePath(segments: string[]): string {
  if (segments.length === 0) return 'the file';
  if (segments[0] === 'filters' && segments.length >= 2) {
    const filter = `filter #${Number(segments[1]) + 1}`;
    if (segments.length >= 4 && segments[2] === 'conditions') {
      const cond = `condition #${Number(segments[3]) + 1} of ${filter}`;
      return segments.length > 4 ? `"${segments.slice(4).join('.')}" of ${cond}` : cond;
    }
    return segments.length > 2 ? `"${segments.slice(2).join('.')}" of ${filter}` : filter;
  }
  return `"${segments.join('.')}"`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
