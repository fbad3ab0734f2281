import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseStringPromise } from 'xml2js';
import type { CliIo } from '../../../server/src/cli/cliCommand';
import { testCommand } from '../../../server/src/cli/commands/test';
import { scratch } from '../filterTests/scratchWorkspace';

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), cwd, env: {} };
  let code: number;
  try {
    code = await testCommand.run(args, io);
  } catch (e) {
    code = 2;
    err.push((e as Error).message);
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const example = path.resolve(__dirname, '../../../examples/cdc-streaming');

describe('cdc-routing test', () => {
  it('passes the example workspace with the default file (exit 0)', async () => {
    const r = await run([], example);
    assert.strictEqual(r.code, 0, r.out + r.err);
    assert.match(r.out, /18 passed, 0 failing/);
  });

  it('exits 1 on a failing case, shows expected and actual, and writes JUnit XML of the right shape', async () => {
    const dir = scratch(`tests:
  - name: passes
    sample: 1
    routedTo: [filtered-loan-events]
  - name: "fails <&> \\u0001"
    sample: 1
    routedTo: [filtered-car-events]
  - name: cannot run
    sample: 99999
    routedTo: []
`);
    const r = await run(['--junit', 'reports/junit.xml'], dir);
    assert.strictEqual(r.code, 1);
    assert.match(r.out, /✗ fails <&> .*flink-jobs\/filters\.test\.yaml:5/);
    assert.match(r.out, /expected: routedTo \[filtered-car-events\]/);
    assert.match(r.out, /actual: +routed to \[filtered-loan-events\]/);
    // the report as xml2js reads it: attributes under $, text under _, every child element a list
    type Attributes = { $: Record<string, string> };
    type Problem = Attributes & { _: string };
    type TestCase = Attributes & { failure?: Problem[]; error?: Problem[] };
    const xml = (await parseStringPromise(fs.readFileSync(path.join(dir, 'reports/junit.xml'), 'utf8'))) as {
      testsuites: Attributes & { testsuite: (Attributes & { testcase: TestCase[] })[] };
    };
    const suites = xml.testsuites;
    assert.deepStrictEqual([suites.$.tests, suites.$.failures, suites.$.errors], ['3', '1', '1']);
    const suite = suites.testsuite[0];
    assert.strictEqual(suite.$.name, 'flink-jobs/filters.test.yaml');
    const cases = suite.testcase;
    assert.deepStrictEqual(
      cases.map((c) => [c.$.name, c.$.line]),
      [
        ['passes', '2'],
        ['fails <&> \uFFFD', '5'],
        ['cannot run', '8'],
      ],
    );
    assert.strictEqual(cases[0].failure, undefined);
    assert.match(cases[1].failure![0].$.message, /expected routing to filtered-car-events/);
    assert.match(cases[1].failure![0]._, /actual: routed to \[filtered-loan-events\]/);
    assert.match(cases[2].error![0].$.message, /no event on line 99999/);
  });

  it('exits 2 when the test file or the filters file is missing, or the arguments are wrong', async () => {
    const dir = scratch('tests: []\n');
    assert.strictEqual((await run(['nope.yaml'], dir)).code, 2);
    fs.rmSync(path.join(dir, 'flink-jobs/filters.yaml'));
    const r = await run([], dir);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /filters\.yaml cannot be read/);
    assert.strictEqual((await run(['--now', 'yesterday'], dir)).code, 2);
    assert.strictEqual((await run(['--bogus'], dir)).code, 2);
  });

  it('exits 1 when an expectation names a topic no filter writes to', async () => {
    const dir = scratch(`tests:
  - name: typo
    sample: 1
    notRoutedTo: [filtered-laon-events]
`);
    const r = await run([], dir);
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /filters\.test\.yaml:4:\d+ error No filter of filters\.yaml writes to "filtered-laon-events"/);
  });
});
