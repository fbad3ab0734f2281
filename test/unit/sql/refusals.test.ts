import { strict as assert } from 'assert';
import { loadAvroSchema } from '../../../server/src/avro/loadAvroSchema';
import { bindFilters } from '../../../server/src/binding/bindFilters';
import { parseFilters } from '../../../server/src/model/parseFilters';
import { generateSql, MAX_FILTERS_PER_JOB } from '../../../server/src/sql/generateSql';
import { CONFLUENT, cond, exampleSchema, FLINK, generate, oneFilter } from './sqlFixture';

/** What Flink SQL cannot say exactly is refused with a problem at the condition, never approximated. */
describe('SQL generation: refusals', () => {
  function refused(yaml: string, pattern: RegExp, options = undefined as Parameters<typeof generate>[1]) {
    const g = generate(yaml, options);
    assert.deepEqual(
      g.bindProblems.map((p) => p.message),
      [],
      'binds cleanly',
    );
    assert.equal(g.problems.length, 1, JSON.stringify(g.problems.map((p) => p.message)));
    const p = g.problems[0];
    assert.equal(p.severity, 'error');
    assert.equal(p.code, 'sql-refused');
    assert.match(p.message, pattern);
    // Located at the offending condition.
    assert.ok(yaml.slice(p.span.start, p.span.end).startsWith('field:'), yaml.slice(p.span.start, p.span.end));
    assert.ok(!g.sql.includes('INSERT INTO'), 'no INSERT for a refused filter');
    assert.match(g.sql, /-- f1: not generated, Flink SQL cannot express it exactly/);
    assert.deepEqual(g.filterLocations, []);
    return g;
  }

  it('an empty pattern (Flink REGEXP returns FALSE, a Java find of "" matches), should one get past the binder', () => {
    const doc = parseFilters(oneFilter(cond('eventHeader.eventName', 'matches', 'value: "x"')));
    const { bound } = bindFilters(doc, exampleSchema());
    bound.filters[0].conditions[0].operands = [{ type: 'string', value: '' }];
    const g = generateSql({ doc, bound, schema: exampleSchema(), filtersFile: 'filters.yaml', options: FLINK });
    assert.equal(g.problems.length, 1);
    assert.match(g.problems[0].message, /empty pattern/);
    assert.ok(!g.sql.includes('INSERT INTO'));
  });
  it('a number beyond DECIMAL(38)', () =>
    refused(
      oneFilter(cond('eventBody.totalAmount', 'greaterThan', `value: 1${'0'.repeat(40)}`)),
      /more than 38 digits/,
    ));
  it('a timestamp with digits below the millisecond is rejected before generation, for every face alike', () => {
    const g = generate(oneFilter(cond('eventHeader.createdDate', 'greaterThan', 'value: "2026-11-20T08:00:00.0005Z"')));
    assert.match(
      g.bindProblems.map((p) => p.message).join('\n'),
      /compared to the millisecond: drop the digits below it/,
    );
    assert.ok(!g.sql.includes('INSERT INTO'));
  });
  it('a string holding an unpaired surrogate (cannot be written in UTF-8)', () =>
    refused(oneFilter(cond('eventHeader.eventName', 'equals', 'value: "a\\ud800b"')), /unpaired/));
  it('withinLast on a local timestamp (would depend on the session time zone)', () => {
    const schema = loadAvroSchema(
      JSON.stringify({
        type: 'record',
        name: 'L',
        fields: [{ name: 'wall', type: { type: 'long', logicalType: 'local-timestamp-millis' } }],
      }),
      'l.avsc',
    );
    const yaml = oneFilter(cond('wall', 'withinLast', 'value: "1h"'));
    const g = generate(yaml, undefined, schema);
    assert.equal(g.problems.length, 1);
    assert.match(g.problems[0].message, /local timestamp/);
  });
  it('the array rule on Confluent Cloud (no processing time to de-duplicate with)', () =>
    refused(oneFilter(cond('eventBody.entities[].entityType', 'equals', 'value: Loan')), /Confluent Cloud/, CONFLUENT));
  it('a refused filter does not stop the others', () => {
    const yaml = [
      oneFilter(cond('eventBody.totalAmount', 'greaterThan', `value: 1${'0'.repeat(40)}`)),
      '  - id: f2',
      '    name: "F2"',
      '    consumerId: c2',
      '    outputTopic: out-2',
      '    conditions:',
      cond('eventHeader.eventName', 'equals', 'value: A'),
    ].join('\n');
    const g = generate(yaml);
    assert.equal(g.problems.length, 1);
    assert.deepEqual(
      g.filterLocations.map((l) => l.filterId),
      ['f2'],
    );
    assert.ok(!g.sql.includes('`out_1`'), 'no sink table for a refused filter');
  });
  it('a schema construct with no Flink type refuses the whole script (the source table cannot be declared)', () => {
    const schema = loadAvroSchema(
      JSON.stringify({
        type: 'record',
        name: 'U',
        fields: [
          { name: 'id', type: 'string' },
          { name: 'either', type: ['int', 'string'] },
        ],
      }),
      'u.avsc',
    );
    const g = generate(oneFilter(cond('id', 'equals', 'value: x')), undefined, schema);
    assert.equal(g.problems.length, 1);
    assert.equal(g.problems[0].code, 'sql-type');
    assert.match(g.problems[0].message, /either is a union of 2 non-null types/);
    assert.ok(!g.sql.includes('CREATE TABLE'));
    // Confluent Cloud declares no tables: the same schema is fine there.
    assert.deepEqual(generate(oneFilter(cond('id', 'equals', 'value: x')), CONFLUENT, schema).problems, []);
  });
  it('format avro-confluent with a schema Flink 1.20 cannot read through it (timestamps as TIMESTAMP_LTZ, enums as STRING)', () => {
    const g = generate(oneFilter(cond('eventHeader.eventName', 'equals', 'value: A')), {
      ...FLINK,
      format: 'avro-confluent',
      schemaRegistryUrl: 'http://r:8081',
    });
    assert.equal(g.problems.length, 1);
    assert.equal(g.problems[0].code, 'sql-format');
    assert.match(
      g.problems[0].message,
      /eventHeader\.createdDate \(timestamp-millis\), eventHeader\.savedDate \(timestamp-millis\), eventHeader\.channel \(enum\)/,
    );
    const plain = loadAvroSchema(
      JSON.stringify({
        type: 'record',
        name: 'P',
        fields: [
          { name: 'id', type: 'string' },
          { name: 'n', type: ['null', 'long'], default: null },
        ],
      }),
      'p.avsc',
    );
    const ok = generate(
      oneFilter(cond('id', 'equals', 'value: x')),
      { ...FLINK, format: 'avro-confluent', schemaRegistryUrl: 'http://r:8081' },
      plain,
    );
    assert.deepEqual(ok.problems, []);
    assert.match(ok.sql, /'value.format' = 'avro-confluent',\n {2}'value.avro-confluent\.url' = 'http:\/\/r:8081'/);
  });
  it('a recursive record is reported', () => {
    const schema = loadAvroSchema(
      JSON.stringify({
        type: 'record',
        name: 'Node',
        fields: [
          { name: 'id', type: 'string' },
          { name: 'next', type: ['null', 'Node'], default: null },
        ],
      }),
      'n.avsc',
    );
    const g = generate(oneFilter(cond('id', 'equals', 'value: x')), undefined, schema);
    assert.match(g.problems.map((p) => p.message).join('\n'), /recursive/);
  });
  it('disabled and invalid filters are left out with a comment, not a problem of the generator', () => {
    const yaml = [
      oneFilter(cond('eventHeader.eventName', 'equals', 'value: A'), '    enabled: false'),
      '  - id: f2',
      '    name: "F2"',
      '    consumerId: c2',
      '    outputTopic: out-2',
      '    conditions:',
      cond('eventHeader.nope', 'equals', 'value: A'),
    ].join('\n');
    const g = generate(yaml);
    assert.deepEqual(g.problems, []);
    assert.match(g.sql, /-- f1: disabled \(enabled: false\), not deployed\./);
    assert.match(g.sql, /-- f2: not generated, the filter has errors/);
    assert.match(g.sql, /-- No enabled filter to route: nothing to run\./);
    assert.ok(!g.sql.includes('EXECUTE STATEMENT SET'));
  });
});

describe('SQL generation: the size of one job', () => {
  const filters = (n: number) =>
    'filters:\n' +
    Array.from(
      { length: n },
      (_, i) =>
        `  - id: f${i}\n    name: F${i}\n    consumerId: c\n    outputTopic: out-${i % 7}\n    conditions:\n      - field: eventHeader.eventName\n        operator: equals\n        value: E${i}`,
    ).join('\n') +
    '\n';
  it(`refuses more than ${MAX_FILTERS_PER_JOB} enabled filters at generate, naming the limit and the count`, () => {
    const over = generate(filters(MAX_FILTERS_PER_JOB + 1));
    assert.deepEqual(
      over.problems.map((p) => p.code),
      ['sql-limit'],
    );
    assert.match(over.problems[0].message, /^3,001 enabled filters: one routing job holds at most 3,000 /);
    assert.doesNotMatch(over.sql, /INSERT INTO/);
    const at = generate(filters(MAX_FILTERS_PER_JOB));
    assert.deepEqual(at.problems, []);
    assert.equal(at.filterLocations.length, MAX_FILTERS_PER_JOB);
  });
});
