import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import filtersSchema from '../../../schemas/filters.schema.json';
import { nodeSpan } from './nodeSpan';
import type { Span } from './span';

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
    const keyNode = isMap(node) ? node.items.find((p) => isScalar(p.key) && p.key.value === extra)?.key : undefined;
    return { ...base, span: keyNode ? nodeSpan(keyNode as Node) : firstLine(node, text) };
  }
  return { ...base, span: node ? nodeSpan(node) : pair ? nodeSpan(pair.key as Node) : { start: 0, end: 0 } };
}

function locate(root: Node | null, segments: string[]): { node: Node | null; pair?: Pair } {
  let node: Node | null = root;
  let pair: Pair | undefined;
  for (const seg of segments) {
    if (isMap(node)) {
      pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
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
