import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadAvroSchema } from '../../../server/src/avro/loadAvroSchema';
import type { AvroSchemaModel } from '../../../server/src/avro/avroTypes';
import { bindFilters } from '../../../server/src/binding/bindFilters';
import { parseFilters } from '../../../server/src/model/parseFilters';
import { compileRouting } from '../../../server/src/routing/compileFilters';
import { buildRoutePreview } from '../../../server/src/routing/routePreview';
import { loadSamples, samplePathsFor } from '../../../server/src/samples/loadSamples';
import { parse as parseYaml } from 'yaml';
import { checkEventEncoding } from '../../../server/src/samples/checkEventEncoding';
import { sampleEncodingProblem } from '../../../server/src/samples/sampleEncoding';
import { generateSql, type GenerateSqlOptions } from '../../../server/src/sql/generateSql';
import { validateFilters } from '../../../server/src/validation/validateFilters';
import { ROOT } from '../sql/sqlFixture';

const SCHEMA_FILE = path.join(ROOT, 'test/fixtures/payments-epoch/schemas/payment.avsc');
const schema: AvroSchemaModel = loadAvroSchema(fs.readFileSync(SCHEMA_FILE, 'utf8'), SCHEMA_FILE);
const FLINK: GenerateSqlOptions = { target: 'flink', bootstrapServers: 'localhost:9092', format: 'json' };
const NOW = Date.parse('2026-11-24T00:00:00.000Z');

function filters(source: string, conditions: string): string {
  return [
    'source:',
    '  topic: payments-settled',
    source,
    'filters:',
    '  - id: f1',
    '    name: "F1"',
    '    consumerId: c1',
    '    outputTopic: out-1',
    '    conditions:',
    conditions,
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}
const cond = (field: string, operator: string, operand: string) =>
  `      - field: ${field}\n        operator: ${operator}\n        ${operand}`;

function bind(text: string) {
  const doc = parseFilters(text);
  const { bound, problems } = bindFilters(doc, schema);
  assert.deepEqual(
    problems.filter((p) => p.severity === 'error').map((p) => p.message),
    [],
  );
  return { doc, bound };
}

/** Both evaluator paths (the generated predicate and the explaining one) on one event. */
function routes(text: string, event: Record<string, unknown>): boolean {
  const router = compileRouting(bind(text).bound, { now: () => NOW });
  const fast = router.filters[0].matches(event, NOW);
  const explained = router.filters[0].explainMiss(event, NOW) === undefined;
  assert.equal(fast, explained, 'the generated predicate and the explaining path agree');
  return fast;
}

function sql(text: string, options = FLINK) {
  const { doc, bound } = bind(text);
  return generateSql({ doc, bound, schema, filtersFile: 'filters.yaml', options });
}

const EPOCH = '  timestamps: epoch-millis';
const ISO = '';
const inNovember = cond('settledAt', 'between', 'values: ["2026-11-01T00:00:00.000Z", "2026-11-15T23:59:59.999Z"]');
const november = { start: Date.parse('2026-11-01T00:00:00.000Z'), end: Date.parse('2026-11-15T23:59:59.999Z') };

describe('source.timestamps: the evaluator on each encoding', () => {
  it('iso-8601 (the default) reads ISO text and gives NULL (no match) for epoch numbers', () => {
    assert.equal(routes(filters(ISO, inNovember), { settledAt: '2026-11-01T00:00:00.000Z' }), true);
    assert.equal(routes(filters(ISO, inNovember), { settledAt: november.start }), false);
  });

  it('epoch-millis reads timestamp-millis as epoch ms, exact to the millisecond at both ends', () => {
    const t = filters(EPOCH, inNovember);
    assert.equal(routes(t, { settledAt: november.start }), true);
    assert.equal(routes(t, { settledAt: november.start - 1 }), false);
    assert.equal(routes(t, { settledAt: november.end }), true);
    assert.equal(routes(t, { settledAt: november.end + 1 }), false);
    // ISO text in an epoch column: Flink's Long.parseLong fails on it; the preview reads NULL (the sample check says why)
    assert.equal(routes(t, { settledAt: '2026-11-05T00:00:00.000Z' }), false);
  });

  it('epoch-millis reads numbers as Flink reads a BIGINT: integer text parsed, a fraction truncated', () => {
    const t = filters(EPOCH, cond('settledAt', 'equals', 'value: "2026-11-05T10:00:00.000Z"'));
    const at = Date.parse('2026-11-05T10:00:00.000Z');
    assert.equal(routes(t, { settledAt: at }), true);
    assert.equal(routes(t, { settledAt: String(at) }), true);
    assert.equal(routes(t, { settledAt: ` ${at} ` }), true);
    assert.equal(routes(t, { settledAt: at + 0.9 }), true);
    assert.equal(routes(t, { settledAt: at + 1 }), false);
    assert.equal(routes(t, { settledAt: null }), false);
  });

  it('epoch-millis reads timestamp-micros in microseconds and date in days', () => {
    const micros = filters(EPOCH, cond('authorizedAt', 'lessThan', 'value: "2026-11-10T12:00:00.000Z"'));
    const noon = Date.parse('2026-11-10T12:00:00.000Z') * 1000;
    assert.equal(routes(micros, { authorizedAt: noon - 1 }), true);
    assert.equal(routes(micros, { authorizedAt: noon }), false);
    const days = filters(EPOCH, cond('valueDate', 'greaterThan', 'value: "2026-11-20"'));
    assert.equal(routes(days, { valueDate: 20778 }), true);
    assert.equal(routes(days, { valueDate: 20777 }), false);
    assert.equal(
      routes(filters(ISO, cond('valueDate', 'greaterThan', 'value: "2026-11-20"')), { valueDate: 20778 }),
      false,
    );
  });

  it('epoch-millis: withinLast compares epoch ms with the clock; array elements are read the same way', () => {
    const recent = filters(EPOCH, cond('settledAt', 'withinLast', 'value: 24h'));
    assert.equal(routes(recent, { settledAt: NOW - 3_600_000 }), true);
    assert.equal(routes(recent, { settledAt: NOW - 86_400_000 }), false);
    const posted = filters(
      EPOCH,
      cond('ledgerEntries[].postedAt', 'greaterThanOrEqual', 'value: "2026-11-16T00:00:00.000Z"'),
    );
    const at = Date.parse('2026-11-16T00:00:00.000Z');
    assert.equal(routes(posted, { ledgerEntries: [{ postedAt: at - 1 }, { postedAt: at }] }), true);
    assert.equal(routes(posted, { ledgerEntries: [{ postedAt: at - 1 }] }), false);
  });

  it('explains a miss with the number and the instant it stands for', () => {
    const router = compileRouting(bind(filters(EPOCH, inNovember)).bound, { now: () => NOW });
    const miss = router.filters[0].explainMiss({ settledAt: november.end + 1 }, NOW)!;
    assert.match(miss.reason, /1794787200000 \(2026-11-16T00:00:00\.000Z\) is not between/);
    const text = router.filters[0].explainMiss({ settledAt: 'yesterday' }, NOW)!;
    assert.match(text.reason, /"yesterday" is not an integer \(epoch millis, timestamps: epoch-millis\)/);
  });

  it('decimals may be JSON numbers or numeric strings, on either encoding', () => {
    for (const enc of [ISO, EPOCH]) {
      const t = filters(enc, cond('amount', 'greaterThanOrEqual', 'value: 10000'));
      assert.equal(routes(t, { amount: 10000 }), true);
      assert.equal(routes(t, { amount: '10000.00' }), true);
      assert.equal(routes(t, { amount: '9999.99' }), false);
    }
  });
});

describe('source.timestamps: the generated Flink SQL on each encoding', () => {
  it('iso-8601 declares TIMESTAMP_LTZ/DATE columns and compares with instant literals', () => {
    const g = sql(filters(ISO, inNovember));
    assert.deepEqual(g.problems, []);
    assert.match(g.sql, /`settledAt` TIMESTAMP_LTZ\(3\),/);
    assert.match(g.sql, /`authorizedAt` TIMESTAMP_LTZ\(6\),/);
    assert.match(g.sql, /`valueDate` DATE,/);
    assert.match(
      g.sql,
      /`settledAt` BETWEEN TO_TIMESTAMP_LTZ\(1793491200000, 3\) \/\* 2026-11-01T00:00:00\.000Z \*\/ AND/,
    );
  });

  it('epoch-millis declares BIGINT/INT columns (nested ones too) and compares the numbers in their unit', () => {
    const g = sql(filters(EPOCH, inNovember));
    assert.deepEqual(g.problems, []);
    assert.match(g.sql, /`settledAt` BIGINT,/);
    assert.match(g.sql, /`authorizedAt` BIGINT,/);
    assert.match(g.sql, /`valueDate` INT,/);
    assert.match(g.sql, /ARRAY<ROW<`account` STRING, `postedAt` BIGINT, `amount` DECIMAL\(12, 2\)>>/);
    assert.match(g.sql, /`s`\.`settledAt` BETWEEN 1793491200000 AND 1794787199999 THEN/);
    // the sink declares the source's event columns: the routed record carries the same numbers
    assert.match(g.sql, /CREATE TABLE `routed` \([^;]*`settledAt` BIGINT,[^;]*`valueDate` INT,[^;]*\) WITH/);
    const micros = sql(filters(EPOCH, cond('authorizedAt', 'lessThan', 'value: "2026-11-10T12:00:00.000Z"')));
    assert.match(micros.sql, /`s`\.`authorizedAt` < 1794312000000000 THEN/);
    const days = sql(filters(EPOCH, cond('valueDate', 'between', 'values: ["2026-11-20", "2026-11-21"]')));
    assert.match(days.sql, /`s`\.`valueDate` BETWEEN 20777 AND 20778 THEN/);
  });

  it('epoch-millis: withinLast reads the column through TO_TIMESTAMP_LTZ(col, 3); micros are refused there', () => {
    const g = sql(filters(EPOCH, cond('settledAt', 'withinLast', 'value: 24h')));
    assert.match(g.sql, /TO_TIMESTAMP_LTZ\(`s`\.`settledAt`, 3\) > CURRENT_TIMESTAMP - INTERVAL '24' HOUR/);
    const micros = sql(filters(EPOCH, cond('authorizedAt', 'withinLast', 'value: 24h')));
    assert.equal(micros.problems.length, 1);
    assert.equal(micros.problems[0].code, 'sql-refused');
    assert.match(micros.problems[0].message, /authorizedAt is epoch micros .* TO_TIMESTAMP_LTZ cannot read exactly/);
  });

  it('refuses epoch-millis with --format avro-confluent or Confluent Cloud, and a declared json with avro-confluent', () => {
    const avro: GenerateSqlOptions = { ...FLINK, format: 'avro-confluent', schemaRegistryUrl: 'http://r' };
    const text = filters(EPOCH, inNovember);
    const a = sql(text, avro).problems.find((p) => p.code === 'source-timestamps')!;
    assert.match(a.message, /describes JSON values, but the job is generated with format avro-confluent/);
    assert.equal(text.slice(a.span.start, a.span.end), 'epoch-millis');
    const cc = sql(text, { target: 'confluent-cloud', bootstrapServers: '', format: 'json' });
    assert.ok(cc.problems.some((p) => p.code === 'source-timestamps' && /Confluent Cloud/.test(p.message)));
    const declared = filters('  format: json', inNovember);
    const d = sql(declared, avro).problems.find((p) => p.code === 'source-format')!;
    assert.match(d.message, /says the topic is json, but the job is generated with format avro-confluent/);
    assert.equal(declared.slice(d.span.start, d.span.end), 'json');
    // without the key, --format avro-confluent works as before (the file declares nothing)
    assert.ok(
      !sql(filters(ISO, cond('currency', 'equals', 'value: EUR')), avro).problems.some((p) => /source/.test(p.code)),
    );
  });
});

describe('source.format: what is not supported yet is an error at the key', () => {
  for (const format of ['avro-confluent', 'debezium-json', 'debezium-avro-confluent']) {
    it(`${format}`, () => {
      const text = filters(`  format: ${format}`, inNovember);
      const doc = parseFilters(text);
      const { problems } = validateFilters(doc, { ok: true, schema });
      const p = problems.filter((x) => x.code === 'source-format');
      assert.equal(p.length, 1);
      assert.equal(p[0].severity, 'error');
      assert.equal(text.slice(p[0].span.start, p[0].span.end), format);
      assert.match(p[0].message, /is not supported yet/);
    });
  }
  it('timestamps with an Avro format is an error at timestamps', () => {
    const text = filters('  format: avro-confluent\n  timestamps: epoch-millis', inNovember);
    const { problems } = validateFilters(parseFilters(text), { ok: true, schema });
    const p = problems.find((x) => x.code === 'source-timestamps')!;
    assert.equal(text.slice(p.span.start, p.span.end), 'epoch-millis');
  });
});

describe('the sample checks on each encoding', () => {
  const event = (over: Record<string, unknown>) => ({
    paymentId: 'p',
    merchant: { merchantId: 'm', country: 'DE', category: 'TRAVEL' },
    amount: 10,
    currency: 'EUR',
    settledAt: november.start,
    valueDate: 20777,
    ledgerEntries: [],
    tags: {},
    captured: true,
    ...over,
  });

  it('checkEventEncoding: epoch numbers fit epoch-millis, ISO text fits the default, each is an error in the other', () => {
    assert.deepEqual(checkEventEncoding(event({}), schema, 'epoch-millis'), []);
    const iso = checkEventEncoding(event({}), schema);
    assert.ok(iso.some((i) => i.path === 'settledAt' && /ISO-8601/.test(i.message)));
    const wrong = checkEventEncoding(
      event({ settledAt: '2026-11-01T00:00:00.000Z', valueDate: '2026-11-20' }),
      schema,
      'epoch-millis',
    );
    assert.deepEqual(
      wrong.map((i) => i.path),
      ['settledAt', 'valueDate'],
    );
    assert.match(wrong[0].message, /expected epoch milliseconds \(a JSON integer/);
    assert.match(wrong[1].message, /expected epoch days/);
  });

  it('checkEventEncoding: decimals as numbers or numeric strings; other text and too many decimals are errors', () => {
    assert.deepEqual(checkEventEncoding(event({ amount: '10000.50', fee: '1.2' }), schema, 'epoch-millis'), []);
    const bad = checkEventEncoding(event({ amount: 'ten', fee: '1.234' }), schema, 'epoch-millis');
    assert.match(bad[0].message, /a JSON number or a numeric string/);
    assert.match(bad[1].message, /more than 2 decimals/);
  });

  const samples = (...events: Record<string, unknown>[]) =>
    events.map((e, i) => ({ file: 'samples/p.jsonl', line: i + 1, event: e }));

  it('sampleEncodingProblem: none when the samples agree with the declaration, one at source otherwise', () => {
    const epochDoc = parseFilters(filters(EPOCH, inNovember));
    const isoDoc = parseFilters(filters(ISO, inNovember));
    assert.equal(sampleEncodingProblem(epochDoc, schema, samples(event({}))), undefined);
    const p = sampleEncodingProblem(isoDoc, schema, samples({ paymentId: 'x' }, event({})))!;
    assert.equal(p.code, 'sample-encoding');
    assert.equal(p.span.start, isoDoc.source!.span.start);
    assert.match(p.message, /iso-8601 \(the default\).* first at samples\/p\.jsonl:2 \(settledAt = 1793491200000\)/);
    const q = sampleEncodingProblem(
      epochDoc,
      schema,
      samples(event({ valueDate: '2026-11-20', settledAt: undefined })),
    )!;
    assert.match(
      q.message,
      /source\.timestamps is epoch-millis, but the samples write timestamps as ISO-8601 text, first at samples\/p\.jsonl:1 \(valueDate/,
    );
    const text = filters(EPOCH, inNovember);
    assert.equal(text.slice(q.span.start, q.span.end), 'epoch-millis');
  });

  it('sampleEncodingProblem: samples in two encodings are reported with both first places, also inside arrays', () => {
    const doc = parseFilters(filters(EPOCH, inNovember));
    const p = sampleEncodingProblem(
      doc,
      schema,
      samples(event({}), event({ ledgerEntries: [{ account: 'a', postedAt: '2026-11-16T00:00:00.000Z', amount: 1 }] })),
    )!;
    assert.match(
      p.message,
      /ISO-8601 text first at samples\/p\.jsonl:2 \(ledgerEntries\[0\]\.postedAt = "2026-11-16T00:00:00\.000Z"\)/,
    );
    assert.match(p.message, /epoch numbers first at samples\/p\.jsonl:1 \(settledAt = 1793491200000\)/);
  });
});

describe('the routing preview of the epoch-millis workspace (test/fixtures/payments-epoch)', () => {
  it('routes each sample as its filters.test.yaml case says, and explains a miss with the epoch value', () => {
    const dir = path.join(ROOT, 'test/fixtures/payments-epoch');
    const file = path.join(dir, 'filters.yaml');
    const doc = parseFilters(fs.readFileSync(file, 'utf8'));
    const { bound } = bindFilters(doc, schema);
    const samples = loadSamples(samplePathsFor(file));
    const preview = buildRoutePreview(doc, bound, samples, NOW);
    assert.equal(preview.total, 28);
    const cases = (
      parseYaml(fs.readFileSync(path.join(dir, 'filters.test.yaml'), 'utf8')) as {
        tests: { sample?: number; with?: unknown; routedTo?: string[] }[];
      }
    ).tests.filter((c) => c.sample !== undefined && !c.with);
    // the preview also shows what a disabled filter would route; the job (and the cases) route through enabled ones
    const topicOf = new Map(bound.filters.filter((f) => f.enabled).map((f) => [f.id, f.outputTopic]));
    for (const c of cases) {
      const ev = preview.events.find((e) => e.line === c.sample)!;
      const topics = [...new Set(ev.matched.flatMap((id) => topicOf.get(id) ?? []))].sort();
      assert.deepEqual(topics, [...c.routedTo!].sort(), `sample ${c.sample}`);
    }
    const out = preview.events.find((e) => e.line === 10)!; // midnight of the 16th
    const miss = out.misses.find((m) => m.filterId === 'settled-first-half-november')!;
    assert.equal(miss.actual, 1794787200000);
    assert.match(miss.reason, /1794787200000 \(2026-11-16T00:00:00\.000Z\) is not between/);
  });
});
