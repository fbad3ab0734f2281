import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import filtersSchema from '../../../schemas/filters.schema.json';
import type { FiltersDocument } from '../model/filterTypes';
import { nodeSpan } from '../model/parseFilters';
import type { Span } from '../model/span';
import type { Problem } from './diagnostic';

let validate: ValidateFunction | undefined;

function validator(): ValidateFunction {
  // Compiled once per process: ajv compilation costs far more than a validation.
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(filtersSchema);
  return validate;
}

/**
 * Checks the file's shape against schemas/filters.schema.json (the same schema other YAML tools get)
 * and maps each error from its JSON pointer back to the YAML node it concerns.
 */
export function checkShape(doc: FiltersDocument): Problem[] {
  if (doc.yaml.contents === null) {
    return [{ span: { start: 0, end: 0 }, severity: 'error', message: 'The file is empty: expected "filters:" with a list of filters.', code: 'shape' }];
  }
  let value: unknown;
  try {
    value = doc.yaml.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // e.g. an alias to an anchor defined later, or an alias bomb: YAML itself cannot give the value.
    return [{ span: { start: 0, end: 0 }, severity: 'error', message: `The file has no value to check: ${(err as Error).message}`, code: 'yaml-syntax' }];
  }
  const check = validator();
  if (check(value)) return [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const error of check.errors ?? []) {
    // The binder reports unknown operators with a "did you mean"; the enum error would repeat it.
    if (error.keyword === 'enum' && error.instancePath.endsWith('/operator')) continue;
    const problem = toProblem(doc, error);
    const key = `${problem.span.start}:${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

function toProblem(doc: FiltersDocument, error: ErrorObject): Problem {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const { node, pair } = locate(doc.yaml.contents as Node, segments);
  const where = describePath(segments);
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      return { span: firstLine(node, doc.text), severity: 'error', message: `${where} is missing the required key "${missing}".`, code: 'missing-key' };
    }
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const keyNode = isMap(node) ? (node.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === extra)?.key : undefined;
      return {
        span: keyNode ? nodeSpan(keyNode as Node) : firstLine(node, doc.text),
        severity: 'error',
        message: `Unknown key "${extra}" in ${where}; allowed: ${allowedKeys(segments).join(', ')}.`,
        code: 'unknown-key',
      };
    }
    default: {
      const span = node ? nodeSpan(node) : pair ? nodeSpan(pair.key as Node) : { start: 0, end: 0 };
      return { span, severity: 'error', message: `${capitalize(where)} ${error.message ?? 'is invalid'}.`, code: 'shape' };
    }
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
