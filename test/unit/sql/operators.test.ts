import { strict as assert } from 'assert';
import { loadAvroSchema } from '../../../server/src/avro/loadAvroSchema';
import { cond, generate, oneFilter, whereOf } from './sqlFixture';

/** The predicate each operator and field kind generates: the exact WHERE text. */
function where(conditions: string, schema?: ReturnType<typeof loadAvroSchema>): string {
  const g = generate(oneFilter(conditions), undefined, schema);
  assert.deepEqual(
    g.bindProblems.map((p) => p.message),
    [],
  );
  assert.deepEqual(
    g.problems.map((p) => p.message),
    [],
  );
  return whereOf(g.sql);
}

const KINDS = loadAvroSchema(
  JSON.stringify({
    type: 'record',
    name: 'Kinds',
    fields: [
      { name: 'flag', type: 'boolean' },
      { name: 'day', type: { type: 'int', logicalType: 'date' } },
      { name: 'ratio', type: ['null', 'double'], default: null },
      { name: 'wall', type: { type: 'long', logicalType: 'local-timestamp-millis' } },
      { name: 'micros', type: { type: 'long', logicalType: 'timestamp-micros' } },
      { name: 'value', type: 'string' },
      { name: 'tags', type: { type: 'array', items: 'string' } },
      {
        name: 'deep',
        type: {
          type: 'record',
          name: 'Deep',
          fields: [
            { name: 'inner', type: { type: 'record', name: 'Inner', fields: [{ name: 'timestamp', type: 'long' }] } },
          ],
        },
      },
    ],
  }),
  'kinds.avsc',
);

describe('SQL generation: one predicate per operator and field kind', () => {
  it('equals on a string', () =>
    assert.equal(
      where(cond('eventHeader.eventName', 'equals', 'value: LoanCreated')),
      "`eventHeader`.`eventName` = 'LoanCreated'",
    ));
  it('notEquals on a nullable enum (NULL matches nothing, no extra clause needed)', () =>
    assert.equal(
      where(cond('eventHeader.channel', 'notEquals', 'value: BATCH')),
      "`eventHeader`.`channel` <> 'BATCH'",
    ));
  it('in on a string', () =>
    assert.equal(
      where(cond('eventHeader.eventName', 'in', 'values: [A, "B"]')),
      "`eventHeader`.`eventName` IN ('A', 'B')",
    ));
  it('notIn on a nullable string', () =>
    assert.equal(
      where(cond('eventBody.currency', 'notIn', 'values: [USD, EUR]')),
      "`eventBody`.`currency` NOT IN ('USD', 'EUR')",
    ));
  it('greaterThan on an int', () =>
    assert.equal(where(cond('eventHeader.priority', 'greaterThan', 'value: 7')), '`eventHeader`.`priority` > 7'));
  it('lessThan on a nullable long', () =>
    assert.equal(
      where(cond('sourceMetadata.lsn', 'lessThan', 'value: 12345678901234')),
      '`sourceMetadata`.`lsn` < 12345678901234',
    ));
  it('greaterThanOrEqual on a decimal keeps the literal exact (no exponent, no float)', () =>
    assert.equal(
      where(cond('eventBody.totalAmount', 'greaterThanOrEqual', 'value: 2.5e5')),
      '`eventBody`.`totalAmount` >= 250000',
    ));
  it('lessThanOrEqual on a decimal with a fraction', () =>
    assert.equal(
      where(cond('eventBody.totalAmount', 'lessThanOrEqual', 'value: 0.10')),
      '`eventBody`.`totalAmount` <= 0.1',
    ));
  it('between on a decimal, inclusive', () =>
    assert.equal(
      where(cond('eventBody.totalAmount', 'between', 'values: [100.00, 2500.50]')),
      '`eventBody`.`totalAmount` BETWEEN 100 AND 2500.5',
    ));
  it('between on a timestamp: instants as epoch milliseconds, independent of the session time zone', () =>
    assert.equal(
      where(
        cond('eventHeader.createdDate', 'between', 'values: ["2026-11-01T00:00:00Z", "2026-11-01T01:00:00+01:00"]'),
      ),
      '`eventHeader`.`createdDate` BETWEEN TO_TIMESTAMP_LTZ(1793491200000, 3) /* 2026-11-01T00:00:00.000Z */ AND TO_TIMESTAMP_LTZ(1793491200000, 3) /* 2026-11-01T00:00:00.000Z */',
    ));
  it('matches is REGEXP with the pattern verbatim (backslashes are not escapes in Flink literals)', () =>
    assert.equal(
      where(cond('eventBody.entities[].entityId', 'matches', "value: '^loan-\\d+$'")),
      "REGEXP(`e1`.`entityId`, '^loan-\\d+$')",
    ));
  it('exists is IS NOT NULL', () =>
    assert.equal(where(cond('eventHeader.eventType', 'exists')), '`eventHeader`.`eventType` IS NOT NULL'));
  it('withinLast: strictly after now minus the duration', () =>
    assert.equal(
      where(cond('eventHeader.createdDate', 'withinLast', 'value: "24h"')),
      "`eventHeader`.`createdDate` > CURRENT_TIMESTAMP - INTERVAL '24' HOUR",
    ));
  it('withinLast with each unit, and amounts beyond the 2-digit default precision', () => {
    const w = (d: string) =>
      where(cond('eventHeader.savedDate', 'withinLast', `value: "${d}"`)).replace(
        '`eventHeader`.`savedDate` > CURRENT_TIMESTAMP - ',
        '',
      );
    assert.equal(w('30m'), "INTERVAL '30' MINUTE");
    assert.equal(w('7d'), "INTERVAL '7' DAY");
    assert.equal(w('90s'), "INTERVAL '90' SECOND");
    assert.equal(w('500ms'), "INTERVAL '0.500' SECOND");
    assert.equal(w('120h'), "INTERVAL '120' HOUR(3)");
    assert.equal(w('1500m'), "INTERVAL '1 01:00:00.000' DAY TO SECOND(3)");
    assert.equal(
      w('2000d'),
      "INTERVAL '999' DAY(3) TO SECOND(3) - INTERVAL '999' DAY(3) TO SECOND(3) - INTERVAL '2 00:00:00.000' DAY TO SECOND(3)".replace(
        /INTERVAL '999' DAY\(3\) TO SECOND\(3\)/g,
        "INTERVAL '999 00:00:00.000' DAY(3) TO SECOND(3)",
      ),
    );
  });
  it('a field named with a reserved word is back-quoted (sourceMetadata.table)', () =>
    assert.equal(
      where(cond('sourceMetadata.table', 'equals', 'value: loan_entities')),
      "`sourceMetadata`.`table` = 'loan_entities'",
    ));
  it('a map value compared as a number is cast with TRY_CAST to DECIMAL(38, 10)', () =>
    assert.match(
      where(cond('eventBody.entities[].updatedAttributes.loanAmount', 'greaterThan', 'value: 100000')),
      /^TRY_CAST\(`e1`\.`updatedAttributes`\['loanAmount'\] AS DECIMAL\(38, 10\)\) > 100000$/,
    ));
  it('a map value compared as text is not cast', () =>
    assert.equal(
      where(cond('eventBody.entities[].updatedAttributes.status', 'equals', 'value: active')),
      "`e1`.`updatedAttributes`['status'] = 'active'",
    ));
  it('boolean, date and double fields', () => {
    assert.equal(where(cond('flag', 'equals', 'value: true'), KINDS), '`flag` = TRUE');
    assert.equal(where(cond('day', 'greaterThan', 'value: "2026-11-20"'), KINDS), "`day` > DATE '2026-11-20'");
    assert.equal(where(cond('ratio', 'lessThan', 'value: 0.75'), KINDS), '`ratio` < 0.75');
  });
  it('a local timestamp is compared with a TIMESTAMP literal in UTC wall-clock time', () =>
    assert.equal(
      where(cond('wall', 'greaterThan', 'value: "2026-11-20T08:00:00Z"'), KINDS),
      "`wall` > TIMESTAMP '2026-11-20 08:00:00.000'",
    ));
  it('a timestamp-micros field is compared with a millisecond instant', () =>
    assert.equal(
      where(cond('micros', 'greaterThan', 'value: "2026-11-20T08:00:00.123Z"'), KINDS),
      '`micros` > TO_TIMESTAMP_LTZ(1795161600123, 3) /* 2026-11-20T08:00:00.123Z */',
    ));
  it('reserved words at every depth are quoted', () =>
    assert.equal(where(cond('deep.inner.timestamp', 'equals', 'value: 5'), KINDS), '`deep`.`inner`.`timestamp` = 5'));
  it('an array of scalars unnests into one column', () => {
    const g = generate(oneFilter(cond('tags[]', 'equals', 'value: red')), undefined, KINDS);
    assert.deepEqual(g.problems, []);
    assert.match(g.sql, /\nLEFT JOIN UNNEST\(`s`\.`tags`\) AS `e1`\(`item`\) ON TRUE\n/);
    assert.equal(whereOf(g.sql), "`e1`.`item` = 'red'");
  });
  it('conditions through one array hold on the same element (one UNNEST, de-duplicated per Kafka record)', () => {
    const g = generate(
      oneFilter(
        [
          cond('eventHeader.eventName', 'equals', 'value: LoanCreated'),
          cond('eventBody.entities[].entityType', 'equals', 'value: Loan'),
          cond('eventBody.entities[].updatedAttributes.loanAmount', 'greaterThan', 'value: 100000'),
        ].join('\n'),
      ),
    );
    assert.deepEqual(g.problems, []);
    assert.equal((g.sql.match(/JOIN UNNEST\(`s`/g) ?? []).length, 1, 'one join with the elements');
    assert.match(
      g.sql,
      /\nLEFT JOIN UNNEST\(`s`\.`eventBody`\.`entities`\) AS `e1`\(`entityType`, `entityId`, `version`, `updatedAttributes`\) ON TRUE\n/,
    );
    assert.equal(
      whereOf(g.sql),
      "`eventHeader`.`eventName` = 'LoanCreated' AND `e1`.`entityType` = 'Loan' AND TRY_CAST(`e1`.`updatedAttributes`['loanAmount'] AS DECIMAL(38, 10)) > 100000",
    );
    // Each route is kept once per Kafka record, however many elements satisfy the filter.
    assert.match(
      g.sql,
      /\nWHERE `r`\.`route` IS NOT NULL AND `cdc_routing_first_route`\(`s`\.`_routing_partition`, `s`\.`_routing_offset`, `r`\.`route`\) AND `s`\.`_routing_error` IS NULL;\n/,
    );
    assert.match(
      g.sql,
      /\nCREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS `cdc_routing_first_route` AS 'dev\.cdcrouting\.flink\.FirstRouteOfRecord' LANGUAGE JAVA;\n/,
    );
  });
  it('all conditions of a filter are ANDed, in file order', () =>
    assert.equal(
      where(
        [
          cond('eventHeader.eventName', 'equals', 'value: A'),
          cond('eventHeader.priority', 'greaterThanOrEqual', 'value: 5'),
        ].join('\n'),
      ),
      "`eventHeader`.`eventName` = 'A' AND `eventHeader`.`priority` >= 5",
    ));
});
