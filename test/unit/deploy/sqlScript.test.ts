import { strict as assert } from 'assert';
import { explainOf, scriptStatements, sqlFailure } from '../../../server/src/deploy/sqlScript';
import { PlatformError } from '../../../server/src/platform/platformError';

const SCRIPT = [
  '-- header',
  "SET 'pipeline.name' = 'cdc-routing t 0123456789abcdef';",
  '',
  'CREATE TABLE `t` (',
  '  `a` INT',
  ") WITH ('connector' = 'kafka');",
  '',
  'EXECUTE STATEMENT SET BEGIN',
  '',
  '-- f1',
  'INSERT INTO `o`',
  'SELECT `a` FROM `t`',
  'WHERE `b` > 1;',
  'END;',
  '',
].join('\n');

describe('deploy: the SQL script as the gateway runs it', () => {
  it('statements with the script line each starts on', () => {
    assert.deepEqual(
      scriptStatements(SCRIPT).map((s) => [s.startLine, s.text.split('\n')[0]]),
      [
        [2, "SET 'pipeline.name' = 'cdc-routing t 0123456789abcdef'"],
        [4, 'CREATE TABLE `t` ('],
        [8, 'EXECUTE STATEMENT SET BEGIN'],
      ],
    );
  });

  it('EXPLAIN of the statement set keeps every line and column in place', () => {
    const set = scriptStatements(SCRIPT)[2].text;
    const explain = explainOf(set)!;
    assert.ok(explain.startsWith('EXPLAIN STATEMENT SET BEGIN'));
    assert.equal(explain.length, set.length);
    assert.deepEqual(explain.split('\n').slice(1), set.split('\n').slice(1));
    assert.equal(explainOf('CREATE TABLE x'), undefined);
  });

  it("Flink's position (within the statement) becomes the line of the whole script", () => {
    const set = scriptStatements(SCRIPT)[2];
    const err = new PlatformError(
      'sqlGateway',
      'run a statement',
      'http://gw',
      "From line 6, column 7 to line 6, column 9: Column 'b' not found in any table",
    );
    assert.deepEqual(sqlFailure(err, set, SCRIPT), {
      message: "From line 6, column 7 to line 6, column 9: Column 'b' not found in any table",
      sqlLine: { line: 13, text: 'WHERE `b` > 1;', column: 7 },
    });
    const rejection = Object.assign(new Error('x'), {
      rejection: { statementIndex: 1, statement: '', message: 'Unknown option', line: 3 },
    });
    assert.deepEqual(sqlFailure(rejection, scriptStatements(SCRIPT)[1], SCRIPT).sqlLine, {
      line: 6,
      text: ") WITH ('connector' = 'kafka');",
    });
    assert.deepEqual(sqlFailure(new Error('no position here'), set, SCRIPT), { message: 'no position here' });
  });
});
