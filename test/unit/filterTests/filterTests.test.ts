import Ajv from 'ajv';
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { checkFilterTests } from '../../../server/src/filterTests/checkFilterTests';
import { openFilterTests } from '../../../server/src/filterTests/openFilterTests';
import { runFilterTests } from '../../../server/src/filterTests/runFilterTests';
import { loadSamples, parseJsonFile, parseJsonLines } from '../../../server/src/samples/loadSamples';
import { scratch } from './scratchWorkspace';

const root = path.resolve(__dirname, '../../..');
const example = path.join(root, 'examples/cdc-streaming');
const exampleTests = path.join(example, 'flink-jobs/filters.test.yaml');

describe('filters.test.yaml', () => {
  it('the JSON Schema accepts the example and rejects a case without event or expectation', () => {
    const validate = new Ajv({ allErrors: true }).compile(
      JSON.parse(fs.readFileSync(path.join(root, 'schemas/filters.test.schema.json'), 'utf8')),
    );
    assert.ok(validate(parse(fs.readFileSync(exampleTests, 'utf8'))), JSON.stringify(validate.errors));
    assert.strictEqual(validate({ tests: [{ name: 'x', sample: 1 }] }), false);
    assert.strictEqual(validate({ tests: [{ name: 'x', routedTo: [] }] }), false);
    assert.strictEqual(validate({ tests: [{ name: 'x', sample: 1, routedTo: [], extra: 1 }] }), false);
  });

  it('the example covers every filter of filters.yaml and passes', () => {
    const ctx = openFilterTests(exampleTests);
    assert.strictEqual(ctx.fatal, undefined);
    assert.deepStrictEqual(
      checkFilterTests(ctx).filter((p) => p.severity === 'error'),
      [],
    );
    const results = runFilterTests(ctx);
    assert.deepStrictEqual(
      results.filter((r) => r.status !== 'passed').map((r) => `${r.name}: ${r.messages.join('; ')}`),
      [],
    );
    const topicsCovered = new Set(
      results.flatMap((r) => [...(r.expected.routedTo ?? []), ...(r.expected.notRoutedTo ?? [])]),
    );
    for (const f of ctx.bound!.filters) assert.ok(topicsCovered.has(f.outputTopic), `no case for ${f.id}`);
  });

  it('reports a failing case at its line with expected and actual topics and why', () => {
    const dir = scratch(`filters: ./filters.yaml
now: "2026-11-24T00:00:00Z"
tests:
  - name: passes
    sample: 1
    routedTo: [filtered-loan-events]

  - name: wrongly expects high value
    sample: 1
    routedTo: [filtered-loan-events, filtered-high-value-loans]
  - name: wrongly expects no loan routing
    sample: 1
    notRoutedTo: [filtered-loan-events]
`);
    const results = runFilterTests(openFilterTests(path.join(dir, 'flink-jobs/filters.test.yaml')));
    assert.deepStrictEqual(
      results.map((r) => [r.status, r.line]),
      [
        ['passed', 4],
        ['failed', 8],
        ['failed', 11],
      ],
    );
    assert.deepStrictEqual(results[1].actual, ['filtered-loan-events']);
    assert.match(
      results[1].messages[0],
      /expected routing to filtered-high-value-loans.*high-value-loan-filter: eventBody\.entities\[\]\.updatedAttributes\.loanAmount greaterThan: .*"66974\.16" \(as a number\) is not greater than 100000/,
    );
    assert.match(
      results[2].messages[0],
      /expected no routing to filtered-loan-events, but loan-events-filter routed it there/,
    );
  });

  it('diagnoses unknown topics, unresolved samples and events that do not fit the schema, at their spans', () => {
    const text = `tests:
  - name: unknown topic
    sample: 1
    routedTo: [filtered-loan-event]
  - name: no such line
    sample: 9999
    routedTo: []
  - name: bad event
    event:
      eventHeader: { uuid: u, eventName: X, createdDate: "yesterday", priority: 0 }
      eventBody: { entities: [{ entityType: Truck, entityId: t, updatedAttributes: {} }] }
      sourceMetadata: { table: t, operation: c, capturedAt: "2026-11-23T00:00:00.000Z" }
    routedTo: []
  - name: missing expectation
    sample: 1
`;
    const dir = scratch(text);
    const ctx = openFilterTests(path.join(dir, 'flink-jobs/filters.test.yaml'));
    const problems = checkFilterTests(ctx);
    const at = (code: string) =>
      problems.filter((p) => p.code === code).map((p) => text.slice(p.span.start, p.span.end));
    assert.deepStrictEqual(at('test-unknown-topic'), ['filtered-loan-event']);
    assert.deepStrictEqual(at('test-sample'), ['9999']);
    // Flink cannot read "yesterday" as a timestamp: the job would dead-letter the event (a warning at the value).
    assert.deepStrictEqual(at('test-dead-letter'), ['"yesterday"']);
    assert.match(
      problems.find((p) => p.code === 'test-dead-letter')!.message,
      /^This event would go to the dead-letter topic raw-business-events\.dlq because wrong type for field eventHeader \(eventHeader\.createdDate: expected an ISO-8601/,
    );
    assert.ok(problems.some((p) => p.code === 'test-shape' && /needs an expectation/.test(p.message)));
    const results = runFilterTests(ctx);
    assert.deepStrictEqual(
      results.map((r) => r.status),
      ['failed', 'error', 'failed', 'error'],
    );
    assert.deepStrictEqual(results[2].messages, [
      'expected no routing, but the event would go to the dead-letter topic raw-business-events.dlq because wrong type for field eventHeader',
    ]);
  });

  it('a poison message: a case may expect the dead-letter topic, for an event or a sample line that is not JSON', () => {
    const text = `tests:
  - name: wrong type
    event:
      eventHeader: { uuid: u, eventName: X, createdDate: 1700000000001, priority: 0 }
      eventBody: { entities: [] }
    routedTo: [raw-business-events.dlq]
  - name: not JSON
    sample: { file: ../bad.jsonl, line: 2 }
    routedTo: [raw-business-events.dlq]
  - name: not JSON, expected elsewhere
    sample: { file: ../bad.jsonl, line: 2 }
    routedTo: [filtered-loan-events]
`;
    const dir = scratch(text);
    fs.writeFileSync(path.join(dir, 'bad.jsonl'), '{"eventHeader": {"eventName": "LoanCreated"}}\nnot json {\n');
    const ctx = openFilterTests(path.join(dir, 'flink-jobs/filters.test.yaml'));
    const problems = checkFilterTests(ctx).filter((p) => p.severity === 'error' || p.code === 'test-dead-letter');
    assert.deepStrictEqual(
      problems.map((p) => [p.code, text.slice(p.span.start, p.span.end).split('\n')[0]]),
      [['test-dead-letter', '{ file: ../bad.jsonl, line: 2 }']],
    );
    const results = runFilterTests(ctx);
    assert.deepStrictEqual(
      results.map((r) => [r.status, r.actual, r.messages]),
      [
        ['passed', ['raw-business-events.dlq'], []],
        ['passed', ['raw-business-events.dlq'], []],
        [
          'failed',
          ['raw-business-events.dlq'],
          [
            'expected routing to filtered-loan-events, but the event would go to the dead-letter topic raw-business-events.dlq because not JSON',
          ],
        ],
      ],
    );
  });

  it('reports the enum value that does not fit after the timestamp is fixed', () => {
    const text = `tests:
  - name: bad enum
    event:
      eventHeader: { uuid: u, eventName: X, createdDate: "2026-11-23T00:00:00.000Z", priority: 0 }
      eventBody: { entities: [{ entityType: Truck, entityId: t, updatedAttributes: {} }] }
      sourceMetadata: { table: t, operation: c, capturedAt: "2026-11-23T00:00:00.000Z", extra: 1 }
    routedTo: []
`;
    const ctx = openFilterTests(path.join(scratch(text), 'flink-jobs/filters.test.yaml'));
    const problems = checkFilterTests(ctx).filter((p) => p.code === 'test-event-schema');
    assert.deepStrictEqual(
      problems.map((p) => [p.severity, text.slice(p.span.start, p.span.end)]),
      [
        ['warning', 'extra'],
        ['error', 'Truck'],
      ],
    );
  });

  it('uses the clock of the case, then of the file', () => {
    const dir = scratch(`now: "2026-11-01T02:00:00Z"
tests:
  - name: file clock
    sample: 1
    routedTo: [filtered-loan-events]
`);
    fs.writeFileSync(
      path.join(dir, 'flink-jobs/filters.yaml'),
      `source: { schema: ../schemas/raw-event.avsc }
filters:
  - id: recent
    name: Recent
    consumerId: c
    outputTopic: recent-events
    conditions:
      - { field: eventHeader.createdDate, operator: withinLast, value: 1h }
`,
    );
    fs.writeFileSync(
      path.join(dir, 'flink-jobs/filters.test.yaml'),
      `now: "2026-11-01T02:00:00Z"
tests:
  - { name: within the hour of the file clock, sample: 1, routedTo: [recent-events] }
  - { name: a day later, sample: 1, now: "2026-11-02T02:00:00Z", routedTo: [] }
`,
    );
    const results = runFilterTests(openFilterTests(path.join(dir, 'flink-jobs/filters.test.yaml')));
    assert.deepStrictEqual(
      results.map((r) => `${r.status} ${r.messages.join(';')}`),
      ['passed ', 'passed '],
    );
  });
});

describe('sample loading', () => {
  it('reports bad JSON Lines with file and line and keeps the good ones', () => {
    const set = parseJsonLines('{"a":1}\n\nnot json\n[1]\n{"b":2}\r\n', 'x.jsonl');
    assert.deepStrictEqual(
      set.events.map((e) => e.line),
      [1, 5],
    );
    assert.deepStrictEqual(
      set.problems.map((p) => [p.file, p.line]),
      [
        ['x.jsonl', 3],
        ['x.jsonl', 4],
      ],
    );
  });

  it('reads a JSON array with the line of each event', () => {
    const set = parseJsonFile('[\n  {"a": 1},\n  2,\n  {"b": 2}\n]\n', 'x.json');
    assert.deepStrictEqual(
      set.events.map((e) => e.line),
      [2, 4],
    );
    assert.deepStrictEqual(
      set.problems.map((p) => p.line),
      [3],
    );
  });

  it('reads the example samples folder without problems and reports a missing folder', () => {
    const set = loadSamples([path.join(example, 'samples')]);
    assert.ok(set.events.length >= 240);
    assert.deepStrictEqual(set.problems, []);
    assert.strictEqual(loadSamples([path.join(example, 'nope')]).problems.length, 1);
  });
});
