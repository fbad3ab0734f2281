import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadAvroSchema } from '../../../server/src/avro/loadAvroSchema';
import { bindFilters } from '../../../server/src/binding/bindFilters';
import { parseFilters } from '../../../server/src/model/parseFilters';
import { compileRouting } from '../../../server/src/routing/compileFilters';

/**
 * Values of the wrong JSON type. Such events do not fit the schema (the sample and test checks report
 * them), so the preview follows Flink's json format where it is lenient (numbers and booleans read as
 * text in STRING columns, numeric text in numeric columns) and reads anything else as NULL.
 */
describe('values of the wrong JSON type', () => {
  const schema = loadAvroSchema(
    fs.readFileSync(path.resolve(__dirname, '../../../examples/cdc-streaming/schemas/raw-event.avsc'), 'utf8'),
  );
  const filter = (conditions: string) => {
    const { bound, problems } = bindFilters(
      parseFilters(`filters:\n  - { id: f, name: f, consumerId: c, outputTopic: t, conditions: [${conditions}] }\n`),
      schema,
    );
    assert.deepStrictEqual(
      problems.filter((p) => p.severity === 'error').map((p) => p.message),
      [],
    );
    const router = compileRouting(bound, { now: () => Date.parse('2026-11-24T00:00:00Z') });
    return (event: unknown) => {
      const f = router.filters[0];
      const fast = f.matches(event, Date.parse('2026-11-24T00:00:00Z'));
      const miss = f.explainMiss(event, Date.parse('2026-11-24T00:00:00Z'));
      assert.strictEqual(fast, miss === undefined, `fast and explaining paths disagree: ${miss?.reason}`);
      return { fast, reason: miss?.reason };
    };
  };

  it('a number or boolean in a STRING column is read as its text', () => {
    const f = filter('{ field: eventBody.currency, operator: in, values: ["5", "true"] }');
    assert.strictEqual(f({ eventBody: { currency: 5 } }).fast, true);
    assert.strictEqual(f({ eventBody: { currency: true } }).fast, true);
    assert.strictEqual(f({ eventBody: { currency: 6 } }).fast, false);
  });

  it('numeric text in a numeric column is a number; other text is NULL, notEquals included', () => {
    const gt = filter('{ field: eventHeader.priority, operator: greaterThan, value: 5 }');
    assert.strictEqual(gt({ eventHeader: { priority: '6' } }).fast, true);
    assert.strictEqual(gt({ eventHeader: { priority: ' 7 ' } }).fast, true);
    const r = gt({ eventHeader: { priority: 'high' } });
    assert.strictEqual(r.fast, false);
    assert.match(r.reason!, /"high" is not a number/);
    const ne = filter('{ field: eventHeader.priority, operator: notEquals, value: 5 }');
    assert.strictEqual(ne({ eventHeader: { priority: 'high' } }).fast, false);
    assert.strictEqual(ne({ eventHeader: { priority: true } }).fast, false);
    assert.strictEqual(ne({ eventHeader: { priority: { n: 1 } } }).fast, false);
  });

  it('a decimal column too large for DECIMAL(14, 2) is NULL', () => {
    const f = filter('{ field: eventBody.totalAmount, operator: greaterThan, value: 0 }');
    assert.strictEqual(f({ eventBody: { totalAmount: 999999999999.99 } }).fast, true);
    assert.strictEqual(f({ eventBody: { totalAmount: 1e12 } }).fast, false);
  });

  it('a timestamp that is not ISO-8601 UTC text is NULL', () => {
    const f = filter('{ field: eventHeader.createdDate, operator: lessThan, value: "2030-01-01T00:00:00Z" }');
    assert.strictEqual(f({ eventHeader: { createdDate: '2026-11-23T10:15:30.123Z' } }).fast, true);
    assert.strictEqual(f({ eventHeader: { createdDate: '2026-11-23T10:15:30Z' } }).fast, true);
    for (const bad of [
      1763893530123,
      '2026-11-23',
      '2026-11-23T10:15:30+01:00',
      '2026-11-23 10:15:30Z',
      'yesterday',
      '2026-13-01T00:00:00Z',
    ]) {
      const r = f({ eventHeader: { createdDate: bad } });
      assert.strictEqual(r.fast, false, String(bad));
      assert.match(r.reason!, /not an ISO-8601 UTC timestamp/);
    }
  });

  it('a map value that is a JSON number is cast from its text; an array that is not an array matches nothing', () => {
    const f = filter(
      '{ field: "eventBody.entities[].updatedAttributes.loanAmount", operator: greaterThan, value: 100000 }',
    );
    assert.strictEqual(f({ eventBody: { entities: [{ updatedAttributes: { loanAmount: 200000 } }] } }).fast, true);
    assert.strictEqual(f({ eventBody: { entities: { updatedAttributes: { loanAmount: '200000' } } } }).fast, false);
    assert.match(f({ eventBody: { entities: 'x' } }).reason!, /is not an array/);
    assert.strictEqual(f({ eventBody: { entities: [null, 5, 'x', { updatedAttributes: null }] } }).fast, false);
  });

  it('map keys named like Object.prototype members are just keys', () => {
    const f = filter('{ field: "eventBody.entities[].updatedAttributes.constructor", operator: exists }');
    assert.strictEqual(f({ eventBody: { entities: [{ updatedAttributes: {} }] } }).fast, false);
    assert.strictEqual(f({ eventBody: { entities: [{ updatedAttributes: { constructor: 'x' } }] } }).fast, true);
  });

  it('a whole event that is not an object matches nothing', () => {
    const f = filter('{ field: eventHeader.eventName, operator: notEquals, value: X }');
    for (const e of [null, 5, 'x', [], {}]) assert.strictEqual(f(e).fast, false);
  });
});
