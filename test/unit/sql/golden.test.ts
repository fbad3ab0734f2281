import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CONFLUENT, EXAMPLE, FLINK, generate, ROOT } from './sqlFixture';

/**
 * The generated scripts for the example workspace, both targets, pinned byte for byte.
 * `UPDATE_GOLDEN=1 npx mocha test/unit/sql/golden.test.ts` rewrites them after an intended change;
 * review the diff before committing.
 */
const GOLDEN = path.join(ROOT, 'test/golden/sql');
const update = process.env.UPDATE_GOLDEN === '1';

const cases = [
  { file: 'filters.yaml', target: FLINK, golden: 'filters.flink.sql', refused: [] as string[] },
  {
    file: 'filters.yaml',
    target: CONFLUENT,
    golden: 'filters.confluent-cloud.sql',
    refused: ['high-value-loan-filter'],
  },
  { file: 'filters-examples.yaml', target: FLINK, golden: 'filters-examples.flink.sql', refused: [] },
  {
    file: 'filters-examples.yaml',
    target: CONFLUENT,
    golden: 'filters-examples.confluent-cloud.sql',
    refused: [
      'high-value-loans',
      'small-loans',
      'large-payments',
      'nearly-paid-loans',
      'mid-size-loans',
      'active-loans',
      'active-loans-any-case',
      'ended-loans',
      'open-service-records',
      'often-updated-entities',
      'suspicious-vins',
      'well-formed-loan-ids',
      'mobile-approved-large-loans',
      'high-mileage-old-cars',
      'recent-expensive-services',
    ],
  },
];

describe('SQL generation: golden scripts of the example workspace', () => {
  for (const c of cases) {
    it(`${c.file} → ${c.target.target} matches test/golden/sql/${c.golden}`, () => {
      const text = fs.readFileSync(path.join(EXAMPLE, 'flink-jobs', c.file), 'utf8');
      const g = generate(text, c.target, undefined, c.file);
      assert.deepEqual(g.bindProblems, []);
      assert.deepEqual(
        g.problems.map((p) => /^Filter (\S+) /.exec(p.message)?.[1]),
        c.refused,
        'refused filters',
      );
      const file = path.join(GOLDEN, c.golden);
      if (update || !fs.existsSync(file)) {
        fs.mkdirSync(GOLDEN, { recursive: true });
        fs.writeFileSync(file, g.sql);
      }
      assert.equal(
        g.sql,
        fs.readFileSync(file, 'utf8'),
        `differs from ${c.golden}; if intended, rerun with UPDATE_GOLDEN=1`,
      );
    });
  }

  it('the committed examples/cdc-streaming/flink-jobs/routing-generated.sql is up to date', () => {
    const text = fs.readFileSync(path.join(EXAMPLE, 'flink-jobs/filters.yaml'), 'utf8');
    const committed = fs.readFileSync(path.join(EXAMPLE, 'flink-jobs/routing-generated.sql'), 'utf8');
    assert.equal(
      generate(text, FLINK, undefined, 'filters.yaml').sql,
      committed,
      'run `cdc-routing generate` in examples/cdc-streaming',
    );
  });
});
