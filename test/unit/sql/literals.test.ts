import { strict as assert } from 'assert';
import fc from 'fast-check';
import { Parser } from 'node-sql-parser';
import { numberLiteral, quoteIdentifier, stringLiteral } from '../../../server/src/sql/sqlLiterals';
import { readCalciteLiteral } from './calciteLiteral';
import { cond, generate, oneFilter, whereOf } from './sqlFixture';

const parser = new Parser();

/** The value node-sql-parser (flinksql) reads for the right side of `x = <literal>`, with Calcite's `''` rule applied. */
function nspValue(literal: string): string {
  const ast = parser.astify(`SELECT * FROM t WHERE x = ${literal}`, { database: 'flinksql' });
  const right = (Array.isArray(ast) ? ast[0] : ast) as unknown as { where: { right: { type: string; value: string } } };
  assert.equal(right.where.right.type, 'single_quote_string');
  // node-sql-parser keeps the literal's text raw; the only escape Flink knows is the doubled quote.
  return right.where.right.value.replace(/''/g, "'");
}

/** Strings that stress escaping: quotes, backslashes, line breaks, controls, non-ASCII, surrogate pairs. */
const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      "'",
      "''",
      '\\',
      "\\'",
      '\n',
      '\r',
      '\t',
      '\u0000',
      '\u2028',
      '`',
      ';',
      '--',
      '/*',
      '*/',
      'é',
      '😀',
      '\uD83D\uDE00',
      'U&',
      '${',
    ),
    fc.string({ unit: 'grapheme', maxLength: 3 }),
  ),
  maxLength: 40,
});

describe('SQL generation: literals and identifiers', () => {
  it('every string survives generate → parse: the literal reads back as the original value', () => {
    fc.assert(
      fc.property(nasty, (value) => {
        const literal = stringLiteral(value);
        assert.equal(readCalciteLiteral(literal), value);
        if (!literal.startsWith('U&') && !literal.includes('\\')) assert.equal(nspValue(literal), value);
        assert.ok(!literal.includes('\n') && !literal.includes('\r'), 'a literal never spans lines');
      }),
      { numRuns: 2000 },
    );
  });

  it('plain literals (no controls, no backslash) are read by node-sql-parser as the same value', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: 'grapheme', maxLength: 30 })
          // eslint-disable-next-line no-control-regex -- the control characters are what this filter removes
          .filter((s) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/.test(s)),
        (value) => {
          assert.equal(nspValue(stringLiteral(value)), value);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a value from filters.yaml reaches the WHERE clause exactly, whatever it holds', () => {
    fc.assert(
      fc.property(
        nasty.filter((s) => s.length > 0),
        (value) => {
          const g = generate(oneFilter(cond('eventHeader.eventName', 'equals', `value: ${JSON.stringify(value)}`)));
          assert.deepEqual(g.problems, []);
          const where = whereOf(g.sql);
          const prefix = '`eventHeader`.`eventName` = ';
          assert.ok(where.startsWith(prefix), where);
          assert.equal(readCalciteLiteral(where.slice(prefix.length)), value);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("writes control characters in the U&'' form and doubles quotes and backslashes there", () => {
    assert.equal(stringLiteral("it's"), "'it''s'");
    assert.equal(stringLiteral('a\\b'), "'a\\b'");
    assert.equal(stringLiteral('line\nbreak\\'), "U&'line\\000Abreak\\\\'");
    assert.equal(stringLiteral('😀'), "'😀'");
  });

  it('quotes every identifier, doubling a back quote', () => {
    assert.equal(quoteIdentifier('table'), '`table`');
    assert.equal(quoteIdentifier('a`b'), '`a``b`');
  });

  it('writes numbers as exact decimals, never with an exponent', () => {
    const cases: [string, string | undefined][] = [
      ['100000', '100000'],
      ['1e5', '100000'],
      ['2.5E-3', '0.0025'],
      ['-0.000', '0'],
      ['+7', '7'],
      ['250000.00', '250000'],
      ['.5', '0.5'],
      ['00012.3400', '12.34'],
      ['1' + '0'.repeat(37), '1' + '0'.repeat(37)],
      ['1' + '0'.repeat(38), undefined],
      ['0.' + '0'.repeat(36) + '1', '0.' + '0'.repeat(36) + '1'],
      ['0.' + '0'.repeat(37) + '1', undefined],
    ];
    for (const [text, expected] of cases) assert.equal(numberLiteral(text), expected, text);
  });

  it('number literals read back as the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const text = numberLiteral(String(n));
        if (text === undefined) return;
        assert.ok(Number(text) === n, `${text} != ${n}`);
        assert.ok(/^-?\d+(\.\d+)?$/.test(text), text);
      }),
      { numRuns: 2000 },
    );
  });
});
