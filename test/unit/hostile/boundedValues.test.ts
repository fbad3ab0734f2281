import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { filtersYaml, lineOf, makeWorkspace, runGuarded } from './guardedCli';

/** Values beyond what Flink can hold, impossible dates and non-finite numbers: a located error, at once, in validate and generate. */
describe('cdc-routing checks values strictly', () => {
  let ws: string;
  beforeEach(() => (ws = makeWorkspace()));
  afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

  const cases: { field: string; operator: string; value: string; said: RegExp }[] = [
    {
      field: 'ts',
      operator: 'withinLast',
      value: '"99999999999999999999d"',
      said: /longer than Flink's INTERVAL can hold: "withinLast" takes at most 999999d/,
    },
    { field: 'ts', operator: 'withinLast', value: '"1000000d"', said: /longer than Flink's INTERVAL can hold/ },
    { field: 'ts', operator: 'withinLast', value: '"86400000000001ms"', said: /longer than Flink's INTERVAL/ },
    {
      field: 'ts',
      operator: 'greaterThan',
      value: '"2026-02-30T00:00:00Z"',
      said: /"2026-02-30T00:00:00Z" is not a real instant: 2026-02 has no day 30 \(it has 28 days\)/,
    },
    { field: 'ts', operator: 'greaterThan', value: '"2026-01-01T24:00:00Z"', said: /hour 24 does not exist/ },
    { field: 'ts', operator: 'greaterThan', value: '"2026-01-01T10:00:60Z"', said: /second 60 does not exist/ },
    { field: 'ts', operator: 'greaterThan', value: '"2026-01-01T10:00:00+25:00"', said: /zone offset \+25:00/ },
    { field: 'day', operator: 'equals', value: '"2025-02-29"', said: /2025-02 has no day 29/ },
    { field: 'day', operator: 'equals', value: '"2026-13-01"', said: /month 13 does not exist/ },
    { field: 'amount', operator: 'greaterThan', value: '1e400', said: /1e400 is a number out of range/ },
    { field: 'amount', operator: 'lessThan', value: '-.inf', said: /-\.inf is a number out of range/ },
    { field: 'amount', operator: 'lessThan', value: '.nan', said: /\.nan is not a number \(NaN\)/ },
    { field: 'count', operator: 'in', value: '[1, .inf]', said: /\.inf is a number out of range/ },
  ];

  for (const c of cases) {
    it(`${c.field} ${c.operator} ${c.value}`, () => {
      const text = filtersYaml({
        conditions: [
          `- field: ${c.field}`,
          `  operator: ${c.operator}`,
          `  ${c.operator === 'in' ? 'values' : 'value'}: ${c.value}`,
        ],
      });
      fs.writeFileSync(path.join(ws, 'filters.yaml'), text);
      const at = new RegExp(`^filters\\.yaml:${lineOf(text, c.value)}:\\d+ error .*${c.said.source}`, 'm');
      const v = runGuarded(['validate', 'filters.yaml'], ws);
      assert.strictEqual(v.code, 1, v.stdout + v.stderr);
      assert.match(v.stdout, at);
      const g = runGuarded(['generate', 'filters.yaml'], ws);
      assert.strictEqual(g.code, 1, g.stdout + g.stderr);
      assert.match(g.stdout + g.stderr, at);
      assert.ok(!fs.existsSync(path.join(ws, 'routing-generated.sql')));
    });
  }

  it('the longest duration Flink holds, 999999d, still generates (a bounded chain of intervals)', () => {
    fs.writeFileSync(
      path.join(ws, 'filters.yaml'),
      filtersYaml({ conditions: ['- field: ts', '  operator: withinLast', '  value: "999999d"'] }),
    );
    const g = runGuarded(['generate', 'filters.yaml'], ws);
    assert.strictEqual(g.code, 0, g.stdout + g.stderr);
    const sql = fs.readFileSync(path.join(ws, 'routing-generated.sql'), 'utf8');
    assert.ok(sql.length < 200_000, `${sql.length} characters of SQL`);
    assert.match(sql, /CURRENT_TIMESTAMP - INTERVAL '999 00:00:00\.000' DAY\(3\) TO SECOND\(3\)/);
  });
});
