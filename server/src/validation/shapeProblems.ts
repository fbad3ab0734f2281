import type { FiltersDocument } from '../model/filterTypes';
import type { Problem } from '../model/problem';
import type { ShapeError } from '../model/shapeCheck';

/** The problems of a parsed document's shape errors, with messages that name the filter and condition. */
export function shapeProblems(doc: FiltersDocument): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const e of doc.shapeErrors) {
    // Topic names are worded by topicProblems.ts (Kafka's rule, with what is wrong in the name).
    if (
      (e.keyword === 'pattern' || e.keyword === 'minLength') &&
      /topic$/i.test(e.segments[e.segments.length - 1] ?? '')
    )
      continue;
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
        message: `${capitalize(where)} is missing the required key "${e.params.missingProperty as string}".`,
        code: 'missing-key',
      };
    case 'additionalProperties':
      return {
        span: e.span,
        severity: 'error',
        message: `Unknown key "${e.params.additionalProperty as string}" in ${where}; allowed: ${allowedKeys(e.segments).join(', ')}.`,
        code: 'unknown-key',
      };
    case 'enum':
      return {
        span: e.span,
        severity: 'error',
        message: `${capitalize(where)} must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}.`,
        code: 'shape',
      };
    default:
      return { span: e.span, severity: 'error', message: `${capitalize(where)} ${e.message}.`, code: 'shape' };
  }
}

function allowedKeys(segments: string[]): string[] {
  const depth = segments.length;
  if (depth === 0) return ['source', 'filters'];
  if (segments[0] === 'source') return ['topic', 'schema', 'headers', 'format', 'timestamps', 'deadLetterTopic'];
  if (depth === 2) return ['id', 'name', 'description', 'consumerId', 'outputTopic', 'enabled', 'conditions'];
  return ['field', 'operator', 'value', 'values'];
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
