import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadAvroSchema } from '../../../server/src/avro/loadAvroSchema';
import { deadLetterReasonOfText } from '../../../server/src/samples/deadLetterReason';
import { parseJsonLines } from '../../../server/src/samples/loadSamples';

/**
 * What the routing job's source format (DeadLetterJsonDeserializer over Flink 1.20's json converters) does with a
 * value, as the preview and `cdc-routing test` predict it. test/integration/deadLetters.test.ts holds the
 * prediction equal to the real job's header for every bad record it sends.
 */
describe('dead-letter reasons: which values the routing job cannot read', () => {
  const schema = loadAvroSchema(
    fs.readFileSync(path.resolve(__dirname, '../../../examples/cdc-streaming/schemas/raw-event.avsc'), 'utf8'),
  );
  const sample = fs
    .readFileSync(path.resolve(__dirname, '../../../examples/cdc-streaming/samples/raw-events.jsonl'), 'utf8')
    .split('\n')[0];
  const withChange = (change: (e: Record<string, Record<string, unknown>>) => void) => {
    const e = JSON.parse(sample) as Record<string, Record<string, unknown>>;
    change(e);
    return JSON.stringify(e);
  };
  const reason = (text: string) => deadLetterReasonOfText(text, schema);

  it('not JSON, empty, not an object', () => {
    assert.equal(reason(''), 'empty value');
    assert.equal(reason('not json {'), 'not JSON');
    assert.equal(reason('{"eventHeader": '), 'not JSON');
    assert.equal(reason('[1, 2]'), 'not a JSON object');
    assert.equal(reason('null'), 'not a JSON object');
    assert.equal(reason('"text"'), 'not a JSON object');
    assert.equal(reason(sample), undefined);
  });

  it('a value of the wrong type names the top-level field (the one Flink names)', () => {
    const cases: [string, (e: Record<string, Record<string, unknown>>) => void, string | undefined][] = [
      ['text for an int', (e) => (e.eventHeader.priority = 'high'), 'wrong type for field eventHeader'],
      ['numeric text for an int (Flink parses it)', (e) => (e.eventHeader.priority = ' 7 '), undefined],
      ['a fraction for an int (truncated)', (e) => (e.eventHeader.priority = 7.9), undefined],
      ['an int beyond INT', (e) => (e.eventHeader.priority = 2 ** 31), 'wrong type for field eventHeader'],
      ['a boolean for an int', (e) => (e.eventHeader.priority = true), 'wrong type for field eventHeader'],
      ['a number for a string (read as its text)', (e) => (e.eventHeader.eventName = 42), undefined],
      ['an object for a string (read as JSON text)', (e) => (e.eventHeader.eventName = { a: 1 }), undefined],
      [
        'epoch millis for an ISO timestamp',
        (e) => (e.eventHeader.createdDate = 1700000000001),
        'wrong type for field eventHeader',
      ],
      ['an ISO timestamp without seconds', (e) => (e.eventHeader.createdDate = '2026-11-23T10:15Z'), undefined],
      [
        'a timestamp with an offset',
        (e) => (e.eventHeader.createdDate = '2026-11-23T10:15:00+01:00'),
        'wrong type for field eventHeader',
      ],
      [
        'an object for an array',
        (e) => (e.eventBody.entities = { entityType: 'Loan' }),
        'wrong type for field eventBody',
      ],
      ['text for a decimal', (e) => (e.eventBody.totalAmount = 'lots'), 'wrong type for field eventBody'],
      ['numeric text for a decimal', (e) => (e.eventBody.totalAmount = '12.50'), undefined],
      ['a string for a record', (e) => (e.sourceMetadata = 'x' as never), 'wrong type for field sourceMetadata'],
      [
        'a number for a map value of strings',
        (e) => ((e.eventBody.entities as Record<string, unknown>[])[0].updatedAttributes = { a: 1 }),
        undefined,
      ],
      [
        'an array for a map',
        (e) => ((e.eventBody.entities as Record<string, unknown>[])[0].updatedAttributes = [1]),
        'wrong type for field eventBody',
      ],
      ['null anywhere', (e) => (e.eventHeader.priority = null), undefined],
      ['an unknown field of any type', (e) => (e.eventHeader.extra = { deep: [1] }), undefined],
    ];
    for (const [what, change, expected] of cases) assert.equal(reason(withChange(change)), expected, what);
  });

  it('a samples file: a line that is not an event would go to the dead-letter topic, with the reason', () => {
    const set = parseJsonLines(`${sample}\nnot json\n[1]\n`, 'samples.jsonl');
    assert.equal(set.events.length, 1);
    assert.deepEqual(
      set.problems.map((p) => [p.line, p.deadLetterReason, p.message.split(' (')[0]]),
      [
        [2, 'not JSON', 'would go to the dead-letter topic because not JSON'],
        [3, 'not a JSON object', 'would go to the dead-letter topic because not a JSON object'],
      ],
    );
  });
  it('source.timestamps: epoch-millis: numbers are read where ISO text would be a dead letter, and the reverse', () => {
    // every timestamp of the sample as epoch millis, as an epoch-millis topic writes them
    const asEpoch = (v: unknown): unknown =>
      typeof v === 'string' && /^\d{4}-\d\d-\d\dT.*Z$/.test(v)
        ? Date.parse(v)
        : Array.isArray(v)
          ? v.map(asEpoch)
          : v !== null && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asEpoch(x)]))
            : v;
    const epochEvent = JSON.stringify(asEpoch(JSON.parse(sample)));
    const oneIso = JSON.stringify({
      ...(JSON.parse(epochEvent) as Record<string, unknown>),
      sourceMetadata: { ...(JSON.parse(sample) as { sourceMetadata: object }).sourceMetadata },
    });
    assert.equal(reason(epochEvent), 'wrong type for field eventHeader');
    assert.equal(deadLetterReasonOfText(epochEvent, schema, 'epoch-millis'), undefined);
    assert.equal(deadLetterReasonOfText(oneIso, schema, 'epoch-millis'), 'wrong type for field sourceMetadata');
    assert.equal(reason(sample), undefined);
  });
});
