import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  DEFAULT_MAX_FILE_BYTES,
  FileReadError,
  readBoundedText,
  setMaxFileBytes,
} from '../../../server/src/files/boundedRead';

function refusal(file: string): FileReadError {
  try {
    readBoundedText(file);
  } catch (err) {
    if (err instanceof FileReadError) return err;
    throw err;
  }
  assert.fail(`${file} was read`);
}

describe('bounded reads of user files', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-bounded-'))));
  afterEach(() => {
    setMaxFileBytes(undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a regular file', () => {
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'filters: []\n');
    assert.strictEqual(readBoundedText(path.join(dir, 'a.yaml')), 'filters: []\n');
  });

  it('refuses /dev/zero at once, saying it is a device', () => {
    const err = refusal('/dev/zero');
    assert.strictEqual(err.reason, 'not-regular');
    assert.match(err.message, /^\/dev\/zero is a character device, not a regular file$/);
  });

  it('refuses a FIFO without waiting for a writer', () => {
    const fifo = path.join(dir, 'pipe.avsc');
    assert.strictEqual(spawnSync('mkfifo', [fifo]).status, 0);
    assert.match(refusal(fifo).message, /is a FIFO \(named pipe\), not a regular file/);
  });

  it('refuses a directory', () => {
    assert.match(refusal(dir).message, /is a directory/);
  });

  it('names a symlink loop as such', () => {
    fs.symlinkSync(path.join(dir, 'b.avsc'), path.join(dir, 'a.avsc'));
    fs.symlinkSync(path.join(dir, 'a.avsc'), path.join(dir, 'b.avsc'));
    const err = refusal(path.join(dir, 'a.avsc'));
    assert.strictEqual(err.reason, 'symlink-loop');
    assert.match(err.message, /is a symlink loop/);
  });

  it('refuses a file over the limit, saying its size, the limit and where to raise it', () => {
    const file = path.join(dir, 'big.yaml');
    fs.writeFileSync(file, 'x'.repeat(2000));
    setMaxFileBytes('1000');
    assert.match(
      refusal(file).message,
      /big\.yaml is 2,000 bytes, over the limit of 1,000 bytes \(raise it with the setting cdcRouting\.maxFileBytes, or CDC_ROUTING_MAX_FILE_BYTES for the CLI\)/,
    );
    setMaxFileBytes('not a number');
    assert.strictEqual(readBoundedText(file).length, 2000, `an invalid limit keeps ${DEFAULT_MAX_FILE_BYTES}`);
  });

  it('reports the first byte that is not UTF-8 with its line, and keeps a real U+FFFD', () => {
    const file = path.join(dir, 'latin1.yaml');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('a: \uFFFD\nb: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const err = refusal(file);
    assert.strictEqual(err.reason, 'not-utf8');
    assert.match(err.message, /is not UTF-8: byte 0xe9 at line 2 \(byte offset 13\)/);
    fs.writeFileSync(file, 'a: \uFFFD\n');
    assert.strictEqual(readBoundedText(file), 'a: \uFFFD\n');
  });
});
