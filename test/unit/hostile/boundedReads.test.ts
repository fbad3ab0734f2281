import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO, runCli } from '../cli/runCli';

/** Files that are not regular files, or too large, reach the CLI as a located refusal, at once. */
describe('cdc-routing refuses files that cannot be read whole', () => {
  let ws: string;
  let filters: string;
  const setSchema = (value: string) =>
    fs.writeFileSync(
      filters,
      fs.readFileSync(filters, 'utf8').replace('schema: ../schemas/raw-event.avsc', `schema: ${value}`),
    );
  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-hostile-read-'));
    fs.cpSync(path.join(REPO, 'examples/cdc-streaming'), ws, { recursive: true });
    filters = path.join(ws, 'flink-jobs/filters.yaml');
  });
  afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('source.schema: /dev/zero is an error at source.schema in validate, and generate stops', () => {
    setSchema('/dev/zero');
    const line =
      fs
        .readFileSync(filters, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('schema: /dev/zero')) + 1;
    const r = runCli(['validate', 'flink-jobs/filters.yaml'], ws);
    assert.strictEqual(r.code, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      new RegExp(`filters\\.yaml:${line}:\\d+ error Avro schema /dev/zero is a character device, not a regular file`),
    );
    const g = runCli(['generate', 'flink-jobs/filters.yaml'], ws);
    assert.strictEqual(g.code, 2, g.stdout + g.stderr);
    assert.match(g.stderr, /\/dev\/zero is a character device/);
  });

  it('a schema that is a FIFO, a folder or a symlink loop is named as such', () => {
    const fifo = path.join(ws, 'schemas/pipe.avsc');
    assert.strictEqual(spawnSync('mkfifo', [fifo]).status, 0);
    fs.symlinkSync(path.join(ws, 'schemas/b.avsc'), path.join(ws, 'schemas/a.avsc'));
    fs.symlinkSync(path.join(ws, 'schemas/a.avsc'), path.join(ws, 'schemas/b.avsc'));
    for (const [value, said] of [
      ['../schemas/pipe.avsc', /is a FIFO \(named pipe\), not a regular file/],
      ['../schemas', /is a directory/],
      ['../schemas/a.avsc', /is a symlink loop/],
    ] as const) {
      setSchema(value);
      const r = runCli(['validate', 'flink-jobs/filters.yaml'], ws);
      assert.strictEqual(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, said);
      fs.cpSync(path.join(REPO, 'examples/cdc-streaming/flink-jobs/filters.yaml'), filters);
    }
  });

  it('validate /dev/zero and a filters file over CDC_ROUTING_MAX_FILE_BYTES exit 2 saying why', () => {
    const dev = runCli(['validate', '/dev/zero'], ws);
    assert.strictEqual(dev.code, 2);
    assert.match(dev.stderr, /\/dev\/zero is a character device, not a regular file/);
    const big = runCli(['validate', 'flink-jobs/filters.yaml'], ws, {
      ...process.env,
      CDC_ROUTING_MAX_FILE_BYTES: '100',
    });
    assert.strictEqual(big.code, 2);
    assert.match(big.stderr, /filters\.yaml is [\d,]+ bytes, over the limit of 100 bytes \(raise it with/);
  });

  it('test: a test file whose filters: is a folder gets the reason at its filters: line', () => {
    const testFile = path.join(ws, 'flink-jobs/filters.test.yaml');
    const text = fs.readFileSync(testFile, 'utf8');
    const fixed = /^filters: .*$/m.test(text)
      ? text.replace(/^filters: .*$/m, 'filters: ../schemas')
      : `filters: ../schemas\n${text}`;
    fs.writeFileSync(testFile, fixed);
    const line = fixed.split('\n').findIndex((l) => l.startsWith('filters: ../schemas')) + 1;
    const r = runCli(['test', 'flink-jobs/filters.test.yaml'], ws);
    assert.strictEqual(r.code, 2, r.stdout + r.stderr);
    assert.match(
      r.stderr,
      new RegExp(`filters\\.test\\.yaml:${line}:\\d+ error .*cannot be read: .*schemas is a directory`),
    );
    const dev = runCli(['test', '/dev/zero'], ws);
    assert.strictEqual(dev.code, 2);
    assert.match(dev.stderr, /character device/);
  });
});
