import * as assert from 'assert';
import { cond, generate, oneFilter } from './sqlFixture';

/** The predicate lines of the one filter's CASE, in the order the script writes them. */
function predicateLines(sql: string): string[] {
  const from = sql.indexOf('  CASE WHEN ');
  const lines = sql.slice(from).split('\n');
  const end = lines.findIndex((l) => / THEN '/.test(l));
  return lines.slice(0, end + 1).map((l) => l.replace(/^\s*(CASE WHEN|AND)\s+/, '').replace(/ THEN '.*$/, ''));
}

describe('SQL generation: a filter’s conditions are written cheapest first', () => {
  it('a regex and a map cast come after a plain comparison, whatever the file order', () => {
    const g = generate(
      oneFilter(
        [
          cond('eventHeader.eventName', 'matches', 'value: "^Loan"'),
          cond('eventBody.entities[].updatedAttributes.loanAmount', 'greaterThan', 'value: 5'),
          cond('eventBody.entities[].entityType', 'equals', 'value: Loan'),
          cond('eventHeader.priority', 'greaterThanOrEqual', 'value: 3'),
        ].join('\n'),
      ),
    );
    assert.deepStrictEqual(g.bindProblems, []);
    assert.deepStrictEqual(
      predicateLines(g.sql),
      [
        '`s`.`eventHeader`.`priority` >= 3',
        "REGEXP(`s`.`eventHeader`.`eventName`, '^Loan')",
        "`e1`.`entityType` = 'Loan'",
        "TRY_CAST(`e1`.`updatedAttributes`['loanAmount'] AS DECIMAL(38, 10)) > 5",
      ],
      // conditions outside the array come first (they are evaluated per element row too, and decide cheaply)
    );
  });

  it('conditions of the same cost keep their file order', () => {
    const g = generate(
      oneFilter(
        [
          cond('eventHeader.channel', 'equals', 'value: WEB'),
          cond('eventHeader.eventName', 'equals', 'value: LoanCreated'),
        ].join('\n'),
      ),
    );
    assert.deepStrictEqual(predicateLines(g.sql), [
      "`s`.`eventHeader`.`channel` = 'WEB'",
      "`s`.`eventHeader`.`eventName` = 'LoanCreated'",
    ]);
  });
});
