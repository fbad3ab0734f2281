import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import type { Located, Span } from '../model/span';
import type { FilterTestCase, FilterTestDocument, FilterTestProblem, TopicList } from './filterTestTypes';

const TOP_KEYS = new Set(['filters', 'samples', 'now', 'tests']);
const CASE_KEYS = new Set(['name', 'event', 'sample', 'with', 'routedTo', 'notRoutedTo', 'now', 'description']);

function span(node: unknown): Span {
  const range = (node as Node | undefined)?.range;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

/**
 * Parses a filters.test.yaml keeping spans, so every failure and diagnostic points at its case. Tolerant:
 * a case with a shape problem is reported and kept as far as it can be read.
 */
export function parseFilterTests(text: string): FilterTestDocument {
  const lineCounter = new LineCounter();
  const yaml = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: FilterTestProblem[] = yaml.errors.map((e) => ({
    span: { start: e.pos[0], end: Math.max(e.pos[0], e.pos[1]) },
    message: e.message.split('\n')[0],
    severity: 'error',
    code: 'yaml-syntax',
  }));
  const doc: FilterTestDocument = { text, yaml, lineCounter, cases: [], problems };
  const root = yaml.contents;
  if (!isMap(root)) {
    if (yaml.errors.length === 0)
      problems.push({
        span: span(root),
        message: 'A filters test file is a mapping with a "tests:" list.',
        severity: 'error',
        code: 'test-shape',
      });
    return doc;
  }
  checkKeys(root, TOP_KEYS, problems);
  doc.filters = stringAt(root, 'filters', problems);
  doc.samples = stringAt(root, 'samples', problems);
  doc.now = instantAt(root, 'now', problems);
  const tests = root.get('tests', true);
  if (!isSeq(tests)) {
    problems.push({
      span: tests ? span(tests) : span(root),
      message: 'Missing "tests:": a list of cases, each with a name, an event or sample, and routedTo / notRoutedTo.',
      severity: 'error',
      code: 'test-shape',
    });
    return doc;
  }
  for (const item of tests.items) {
    if (!isMap(item)) {
      problems.push({
        span: span(item),
        message: 'A test case is a mapping (name, event or sample, routedTo / notRoutedTo).',
        severity: 'error',
        code: 'test-shape',
      });
      continue;
    }
    const c = readCase(item, problems);
    if (c) doc.cases.push(c);
  }
  return doc;
}

function checkKeys(map: YAMLMap, allowed: Set<string>, problems: FilterTestProblem[]): void {
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key !== undefined && !allowed.has(key)) {
      problems.push({
        span: span(pair.key),
        message: `Unknown key "${key}"; expected one of ${[...allowed].join(', ')}.`,
        severity: 'error',
        code: 'test-shape',
      });
    }
  }
}

function stringAt(map: YAMLMap, key: string, problems: FilterTestProblem[]): Located<string> | undefined {
  const node = map.get(key, true);
  if (node === undefined) return undefined;
  if (isScalar(node) && typeof node.value === 'string' && node.value !== '')
    return { value: node.value, span: span(node) };
  problems.push({ span: span(node), message: `"${key}" must be text.`, severity: 'error', code: 'test-shape' });
  return undefined;
}

function instantAt(map: YAMLMap, key: string, problems: FilterTestProblem[]): Located<number> | undefined {
  const node = map.get(key, true);
  if (node === undefined) return undefined;
  const v = isScalar(node) ? node.value : undefined;
  const millis =
    typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v)
      ? Date.parse(v)
      : NaN;
  if (Number.isFinite(millis)) return { value: millis, span: span(node) };
  problems.push({
    span: span(node),
    message: `"${key}" must be an ISO-8601 instant with a zone, e.g. "2026-11-24T00:00:00Z".`,
    severity: 'error',
    code: 'test-shape',
  });
  return undefined;
}

function topicList(map: YAMLMap, key: string, problems: FilterTestProblem[]): TopicList | undefined {
  const node = map.get(key, true);
  if (node === undefined) return undefined;
  const items = isSeq(node) ? node.items : isScalar(node) ? [node] : undefined;
  if (!items) {
    problems.push({
      span: span(node),
      message: `"${key}" is a list of topics, e.g. [filtered-loan-events] (or [] for none).`,
      severity: 'error',
      code: 'test-shape',
    });
    return undefined;
  }
  const topics: Located<string>[] = [];
  for (const item of items) {
    if (isScalar(item) && typeof item.value === 'string') topics.push({ value: item.value, span: span(item) });
    else problems.push({ span: span(item), message: 'A topic name is text.', severity: 'error', code: 'test-shape' });
  }
  return { span: span(node), topics };
}

function readCase(map: YAMLMap, problems: FilterTestProblem[]): FilterTestCase | undefined {
  checkKeys(map, CASE_KEYS, problems);
  const nameNode = map.get('name', true);
  const caseSpan = span(map);
  const name: Located<string> =
    isScalar(nameNode) && nameNode.value !== null && nameNode.value !== ''
      ? { value: `${nameNode.value as string | number | boolean}`, span: span(nameNode) }
      : { value: `(unnamed case at offset ${caseSpan.start})`, span: { start: caseSpan.start, end: caseSpan.start } };
  if (!isScalar(nameNode))
    problems.push({
      span: caseSpan.start === caseSpan.end ? caseSpan : { start: caseSpan.start, end: caseSpan.start + 1 },
      message: 'A test case needs a "name:".',
      severity: 'error',
      code: 'test-shape',
    });
  const c: FilterTestCase = { span: caseSpan, name };
  const eventNode = map.get('event', true);
  if (eventNode !== undefined) {
    if (isMap(eventNode)) c.event = { value: (eventNode as Node).toJSON(), span: span(eventNode), node: eventNode };
    else
      problems.push({
        span: span(eventNode),
        message: '"event" is the event as a mapping (the JSON encoding written as YAML).',
        severity: 'error',
        code: 'test-shape',
      });
  }
  const sampleNode = map.get('sample', true);
  if (sampleNode !== undefined) {
    if (isScalar(sampleNode) && Number.isInteger(sampleNode.value) && (sampleNode.value as number) > 0) {
      c.sample = { span: span(sampleNode), line: { value: sampleNode.value as number, span: span(sampleNode) } };
    } else if (isMap(sampleNode)) {
      const file = stringAt(sampleNode, 'file', problems);
      const lineNode = (sampleNode as YAMLMap).get('line', true);
      if (isScalar(lineNode) && Number.isInteger(lineNode.value) && (lineNode.value as number) > 0) {
        c.sample = { span: span(sampleNode), file, line: { value: lineNode.value as number, span: span(lineNode) } };
      } else
        problems.push({
          span: span(lineNode ?? sampleNode),
          message: '"sample" needs "line:", a line number from 1.',
          severity: 'error',
          code: 'test-shape',
        });
    } else {
      problems.push({
        span: span(sampleNode),
        message: '"sample" is a line number of the samples file, or { file: ..., line: ... }.',
        severity: 'error',
        code: 'test-shape',
      });
    }
  }
  if (c.event && c.sample)
    problems.push({
      span: c.sample.span,
      message: 'Give either "event" or "sample", not both (use "with" to change a sample).',
      severity: 'error',
      code: 'test-shape',
    });
  if (!c.event && !c.sample && !problems.some((p) => p.span.start >= caseSpan.start && p.span.end <= caseSpan.end)) {
    problems.push({
      span: name.span,
      message: 'A test case needs an "event:" (inline) or a "sample:" (a line of a samples file).',
      severity: 'error',
      code: 'test-shape',
    });
  }
  const withNode = map.get('with', true);
  if (withNode !== undefined) {
    if (isMap(withNode)) c.with = { value: (withNode as Node).toJSON(), span: span(withNode) };
    else
      problems.push({
        span: span(withNode),
        message: '"with" is a mapping merged into the event.',
        severity: 'error',
        code: 'test-shape',
      });
  }
  c.routedTo = topicList(map, 'routedTo', problems);
  c.notRoutedTo = topicList(map, 'notRoutedTo', problems);
  if (!c.routedTo && !c.notRoutedTo) {
    problems.push({
      span: name.span,
      message:
        'A test case needs an expectation: "routedTo: [topics]" (exactly these; [] for none) and/or "notRoutedTo: [topics]".',
      severity: 'error',
      code: 'test-shape',
    });
  }
  c.now = instantAt(map, 'now', problems);
  return c;
}
