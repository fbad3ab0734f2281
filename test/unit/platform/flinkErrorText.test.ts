import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { flinkErrorMessage, flinkRootCause } from '../../../server/src/platform/flink/flinkErrorText';
import { sqlRejection } from '../../../server/src/platform/flink/sqlGatewayClient';
import { PlatformError } from '../../../server/src/platform/platformError';

// error bodies as Flink 1.20's SQL Gateway and REST API answered them on the local stack
const body = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(__dirname, 'flinkErrors', `${name}.json`), 'utf8')) as unknown;

describe("Flink's error bodies reduced to the root cause", () => {
  it('an unknown column keeps the position Calcite gives', () => {
    assert.strictEqual(
      flinkErrorMessage(body('unknown-column')),
      "At line 1, column 8: Column 'x' not found in any table",
    );
  });

  it('a parse error keeps its position and a short list of what was expected', () => {
    const why = flinkErrorMessage(body('parse-error'))!;
    assert.match(why, /^Incorrect syntax near the keyword 'FROM' at line 3, column 8\.\nWas expecting one of:\n/);
    assert.ok(why.split('\n').length <= 13, `too long:\n${why}`);
    assert.ok(!/\tat |Caused by/.test(why));
  });

  it('an unknown connector keeps the list of the available ones', () => {
    const why = flinkErrorMessage(body('unknown-connector'))!;
    assert.match(why, /^Could not find any factory for identifier 'nope'/);
    assert.match(why, /kafka/);
  });

  it('a REST error (job not found) gives the innermost cause', () => {
    assert.strictEqual(
      flinkErrorMessage(body('job-not-found')),
      'Could not find Flink job (00000000000000000000000000000000)',
    );
  });

  it('text that is not a trace comes back as it is; non-Flink bodies are not claimed', () => {
    assert.strictEqual(flinkRootCause('Job could not be found.'), 'Job could not be found.');
    assert.strictEqual(flinkErrorMessage({ message: 'x' }), undefined);
    assert.strictEqual(flinkErrorMessage({ errors: ['Not found: /jobs/x/nope'] }), 'Not found: /jobs/x/nope');
  });
});

describe('sqlRejection', () => {
  const statement = 'INSERT INTO sink\nSELECT a\nFROM src WHERE  FROM';

  it('takes the line and column Flink names ("at line 3, column 15")', () => {
    const error = new PlatformError(
      'sqlGateway',
      'run the SQL statement',
      'http://h:8083',
      "Incorrect syntax near the keyword 'FROM' at line 3, column 15.",
    );
    assert.deepStrictEqual(sqlRejection(error, 2, statement), {
      statementIndex: 2,
      statement,
      message: "Incorrect syntax near the keyword 'FROM' at line 3, column 15.",
      line: 3,
      column: 15,
    });
  });

  it('"From line 1, column 8 to line 1, column 10" gives the start', () => {
    const r = sqlRejection(new Error('From line 1, column 8 to line 1, column 10: Column x not found'), 0, 'SELECT x');
    assert.strictEqual(r.line, 1);
    assert.strictEqual(r.column, 8);
  });

  it('a message without a position has none', () => {
    const r = sqlRejection(
      new Error("Could not find any factory for identifier 'nope'"),
      1,
      'INSERT INTO bad VALUES (1)',
    );
    assert.strictEqual(r.line, undefined);
    assert.strictEqual(r.column, undefined);
    assert.strictEqual(r.message, "Could not find any factory for identifier 'nope'");
  });
});
