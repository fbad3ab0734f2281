import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadAvroSchema } from '../../../server/src/avro/loadAvroSchema';
import { bindFilters } from '../../../server/src/binding/bindFilters';
import { parseFilters } from '../../../server/src/model/parseFilters';
import { buildRoutePreview, routingLensTitles } from '../../../server/src/routing/routePreview';
import { loadSamples, samplePathsFor } from '../../../server/src/samples/loadSamples';

const example = path.resolve(__dirname, '../../../examples/cdc-streaming');

describe('routing preview', () => {
  const file = path.join(example, 'flink-jobs/filters.yaml');
  const doc = parseFilters(fs.readFileSync(file, 'utf8'));
  const { bound } = bindFilters(
    doc,
    loadAvroSchema(fs.readFileSync(path.join(example, 'schemas/raw-event.avsc'), 'utf8')),
  );
  const samples = loadSamples(samplePathsFor(file));
  const now = Date.parse('2026-11-24T00:00:00Z');

  it('finds the samples folder beside the workspace and counts per filter', () => {
    const preview = buildRoutePreview(doc, bound, samples, now);
    assert.strictEqual(preview.total, samples.events.length);
    const hv = preview.filters.find((f) => f.id === 'high-value-loan-filter')!;
    assert.ok(hv.count > 0 && hv.count < preview.total);
    assert.strictEqual(hv.events.length, hv.count);
    assert.strictEqual(doc.text.split('\n')[hv.line].includes('high-value-loan-filter'), true);
    for (const i of hv.events) assert.ok(preview.events[i].matched.includes('high-value-loan-filter'));
  });

  it('a sample the routing job could not read is listed as going to the dead-letter topic, not routed', () => {
    const schema = loadAvroSchema(fs.readFileSync(path.join(example, 'schemas/raw-event.avsc'), 'utf8'));
    const good = samples.events[0];
    const bad = { ...good, line: 9001, event: { ...good.event, eventHeader: { createdDate: 1700000000001 } } };
    const mixed = { ...samples, events: [good, bad], problems: [] };
    const preview = buildRoutePreview(doc, bound, mixed, now, schema);
    assert.strictEqual(preview.total, 1);
    assert.strictEqual(preview.deadLetterTopic, 'raw-business-events.dlq');
    assert.deepStrictEqual(
      preview.sampleProblems.map((p) => [p.line, p.deadLetterReason, p.message]),
      [
        [
          9001,
          'wrong type for field eventHeader',
          'would go to the dead-letter topic because wrong type for field eventHeader',
        ],
      ],
    );
  });

  it('explains each miss with the failing condition, its line and the value read', () => {
    const preview = buildRoutePreview(doc, bound, samples, now);
    const first = preview.events[0];
    const miss = first.misses.find((m) => m.filterId === 'high-value-loan-filter')!;
    assert.strictEqual(miss.field, 'eventBody.entities[].updatedAttributes.loanAmount');
    assert.strictEqual(miss.actual, '66974.16');
    assert.match(doc.text.split('\n')[miss.line], /loanAmount/);
  });

  it('says the clock matters only when a filter uses withinLast', () => {
    assert.strictEqual(buildRoutePreview(doc, bound, samples, now).usesClock, false);
    const timed = parseFilters(
      `${doc.text.trimEnd()}\n  - id: recent\n    name: Recent\n    consumerId: c\n    outputTopic: t\n    conditions:\n      - field: eventHeader.createdDate\n        operator: withinLast\n        value: 1h\n`,
    );
    const timedBound = bindFilters(
      timed,
      loadAvroSchema(fs.readFileSync(path.join(example, 'schemas/raw-event.avsc'), 'utf8')),
    ).bound;
    assert.ok(
      timedBound.filters.some((f) => f.id === 'recent'),
      'the withinLast filter binds',
    );
    assert.strictEqual(buildRoutePreview(timed, timedBound, samples, now).usesClock, true);
  });

  it('lists unrouted events and gives CodeLens titles', () => {
    const extra = {
      ...samples,
      events: [...samples.events, { file: 'x.jsonl', line: 1, event: { eventHeader: { eventName: 'Nothing' } } }],
    };
    const preview = buildRoutePreview(doc, bound, extra, now);
    assert.deepStrictEqual(preview.unrouted, [extra.events.length - 1]);
    const lenses = routingLensTitles(doc, bound, extra, now);
    assert.strictEqual(lenses.length, 4);
    assert.match(lenses[0].title, /^matches \d+ of \d+ samples \(\d+(\.\d)?%\)$/);
    assert.strictEqual(doc.text.slice(lenses[0].span.start, lenses[0].span.end), 'loan-events-filter');
  });
});
