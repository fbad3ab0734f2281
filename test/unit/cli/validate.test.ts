import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO, runCli } from './runCli';

describe('cdc-routing validate', () => {
  let ws: string;
  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-validate-'));
    fs.cpSync(path.join(REPO, 'examples/cdc-streaming'), ws, { recursive: true });
  });
  afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('exits 0 on the example workspace, finding its filters files itself', () => {
    const r = runCli(['validate'], ws);
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stderr, /2 file\(s\) checked, no problems/);
  });

  it('runs the same when its bundle is started directly (node dist/cli.js), not only through bin/', () => {
    const r = spawnSync(process.execPath, [path.join(REPO, 'dist/cli.js'), 'validate'], {
      cwd: ws,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stderr, /2 file\(s\) checked, no problems/);
  });

  it('exits 1 and prints file:line:col severity message for each problem', () => {
    const file = path.join(ws, 'flink-jobs/filters.yaml');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace('eventHeader.eventName', 'eventHeader.eventNme')
        .replace('value: Loan', 'value: Lone'),
    );
    const r = runCli(['validate', 'flink-jobs/filters.yaml'], ws);
    assert.strictEqual(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.strictEqual(lines.length, 2, r.stdout);
    assert.match(
      lines[0],
      /^flink-jobs\/filters\.yaml:\d+:28 error Unknown field "eventNme" in record EventHeader \(eventHeader\)\. Did you mean "eventHeader\.eventName"\?$/,
    );
    assert.match(lines[1], /^flink-jobs\/filters\.yaml:\d+:16 error "Lone" is not a symbol of enum EntityType/);
  });

  it('checks the samples against source.timestamps: exit 1 with the first offending sample file:line', () => {
    const pe = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-validate-epoch-'));
    try {
      fs.cpSync(path.join(REPO, 'test/fixtures/payments-epoch'), pe, { recursive: true });
      assert.strictEqual(
        runCli(['validate', 'filters.yaml'], pe).code,
        0,
        'the declared epoch-millis fits its samples',
      );
      const file = path.join(pe, 'filters.yaml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('  timestamps: epoch-millis\n', ''));
      const r = runCli(['validate', 'filters.yaml'], pe);
      assert.strictEqual(r.code, 1, r.stdout + r.stderr);
      assert.match(
        r.stdout,
        /^filters\.yaml:4:3 error source\.timestamps is iso-8601 \(the default\), but the samples write timestamps as epoch numbers, first at samples\/payments\.jsonl:1 \(settledAt = 1793000000000\)/m,
      );
      assert.strictEqual(r.stdout.trim().split('\n').length, 1, 'one problem, not one per sample');
    } finally {
      fs.rmSync(pe, { recursive: true, force: true });
    }
  });

  it('prints JSON with --format json', () => {
    const file = path.join(ws, 'flink-jobs/filters.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('id: car-events-filter', 'id: loan-events-filter'));
    const r = runCli(['validate', file, '--format', 'json'], ws);
    assert.strictEqual(r.code, 1);
    const report = JSON.parse(r.stdout) as { problems: { code: string; line: unknown }[] };
    assert.strictEqual(report.problems.length, 1);
    assert.strictEqual(report.problems[0].code, 'duplicate-id');
    assert.strictEqual(typeof report.problems[0].line, 'number');
  });

  it("checks against --schema instead of the file's own schema", () => {
    const other = path.join(REPO, 'test/fixtures/other-domain/schemas/telemetry.avsc');
    const r = runCli(['validate', 'flink-jobs/filters.yaml', '--schema', other], ws);
    assert.strictEqual(r.code, 1, 'the CDC field paths do not exist in the telemetry schema');
    assert.match(r.stdout, /Unknown field "eventHeader"/);
  });

  it('exits 2 on a missing file, a bad option or an unknown command, saying what is wrong', () => {
    const missing = runCli(['validate', 'nope.yaml'], ws);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /nope\.yaml not found/);
    const badFormat = runCli(['validate', '--format', 'xml'], ws);
    assert.strictEqual(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format must be text or json/);
    const unknownOption = runCli(['validate', '--colour'], ws);
    assert.strictEqual(unknownOption.code, 2);
    assert.match(unknownOption.stderr, /usage: cdc-routing validate/);
    const unknown = runCli(['frobnicate'], ws);
    assert.strictEqual(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
  });

  it('reports malformed YAML with its location and exit 1, and an unreadable schema at source.schema', () => {
    const file = path.join(ws, 'flink-jobs/filters.yaml');
    fs.writeFileSync(file, 'source:\n  schema: ../schemas/missing.avsc\nfilters:\n  - id: x\n    name: [unclosed\n');
    const r = runCli(['validate', file], ws);
    assert.strictEqual(r.code, 1);
    assert.match(r.stdout, /filters\.yaml:5:\d+ error /);
    assert.match(r.stdout, /filters\.yaml:2:11 error Avro schema not found/);
  });
});
