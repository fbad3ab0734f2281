// The Deploy… command's words (client/src/deploy/: the plan document, the outcome, the profile choice).
import * as assert from 'assert';
import { describeApply, locateSqlLine } from '../../../../client/src/deploy/deployOutcome';
import { confirmation, planDocument } from '../../../../client/src/deploy/planDocument';
import { profileChoices } from '../../../../client/src/deploy/profileChoice';
import type { ApplyResult, Plan } from '../../../../server/src/protocol';

const plan: Plan = {
  fingerprint: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  profile: 'local',
  workspaceFolder: '/ws/cdc-streaming',
  steps: [
    {
      index: 0,
      kind: 'topic',
      target: 'filtered-loan-events',
      action: 'create',
      summary: '+ topic filtered-loan-events (3 partitions, replication 1)',
    },
    {
      index: 1,
      kind: 'topic',
      target: 'raw-business-events',
      action: 'unchanged',
      summary: '= topic raw-business-events exists',
    },
    {
      index: 2,
      kind: 'connector',
      target: 'postgres-source',
      action: 'update',
      summary: 'connector postgres-source: 2 keys differ',
      details: 'database.hostname: postgres → 127.0.0.1\ndatabase.password: ****** → ******',
    },
    {
      index: 3,
      kind: 'flinkJob',
      target: 'flink-jobs/filters.yaml',
      action: 'replace',
      summary: '! flink job routing (hash 1234 → 5678)',
      warnings: ['the running job has no checkpoint yet'],
    },
  ],
  errors: [],
  warnings: [{ message: 'schema registry not configured: schemas are not registered' }],
  changes: 3,
  unreachable: false,
};

describe('Deploy… command text', () => {
  it('renders the plan diff-like, one marked line per step with details indented', () => {
    const text = planDocument(plan);
    const lines = text.split('\n');
    assert.ok(lines.includes('+ topic filtered-loan-events (3 partitions, replication 1)'));
    assert.ok(lines.includes('= topic raw-business-events exists'));
    assert.ok(
      lines.includes('~ connector postgres-source: 2 keys differ'),
      "a summary without a mark gets the action's",
    );
    assert.ok(lines.includes('    database.hostname: postgres → 127.0.0.1'));
    assert.ok(lines.includes('    warning: the running job has no checkpoint yet'));
    assert.match(text, /3 change\(s\), 1 unchanged/);
    assert.match(text, /- warning: schema registry not configured/);
    assert.doesNotMatch(text, /problem\(s\)/);
  });

  it('lists blocking problems with their file and line', () => {
    const text = planDocument({
      ...plan,
      errors: [
        {
          kind: 'connector',
          message: 'Connect rejects the config',
          field: 'slot.name',
          file: 'connectors/postgres-source-connector.json',
          line: 7,
        },
      ],
    });
    assert.match(text, /# 1 problem\(s\) — nothing can be applied/);
    assert.match(
      text,
      /- error: Connect rejects the config \[slot.name\] \(connectors\/postgres-source-connector.json:7\)/,
    );
  });

  it('counts many new topics instead of listing them, and clips long lines', () => {
    const topics = Array.from({ length: 30 }, (_, i) => ({
      index: i,
      kind: 'topic' as const,
      target: `filtered-t${i}`,
      action: 'create' as const,
      summary: `+ topic filtered-t${i} (3 partitions, replication 1)`,
    }));
    const job = {
      index: 30,
      kind: 'flinkJob' as const,
      target: 'flink-jobs/filters.yaml',
      action: 'create' as const,
      summary: `+ flink job flink-jobs/filters.yaml (31 routes to ${topics.map((t) => t.target).join(', ')})`,
    };
    const ask = confirmation({ ...plan, steps: [...topics, job], changes: 31 });
    const lines = ask.detail.split('\n');
    assert.equal(ask.message, 'Deploy to "local": 31 change(s)?');
    assert.equal(lines[0], '+ 30 topics to create (filtered-t0, filtered-t1, … — all in the plan)');
    assert.match(lines[1], /^\+ flink job flink-jobs\/filters\.yaml \(31 routes to .*…$/);
    assert.equal(lines[1].length, 160);
    assert.equal(lines.length, 2);
  });

  it('asks for confirmation naming the profile and only the changing steps', () => {
    const ask = confirmation(plan);
    assert.equal(ask.message, 'Deploy to "local": 3 change(s)?');
    assert.deepEqual(ask.detail.split('\n'), [
      '+ topic filtered-loan-events (3 partitions, replication 1)',
      'connector postgres-source: 2 keys differ',
      '! flink job routing (hash 1234 → 5678)',
      '(1 unchanged, left alone)',
    ]);
  });

  describe('after apply', () => {
    const base: ApplyResult = { ok: true, profile: 'local', fingerprint: plan.fingerprint, steps: [] };

    it('a success sums up what was applied', () => {
      const outcome = describeApply({
        ...base,
        steps: [
          { index: 0, kind: 'topic', target: 'filtered-loan-events', status: 'done', message: 'created' },
          { index: 1, kind: 'topic', target: 'raw-business-events', status: 'unchanged', message: 'exists' },
          {
            index: 2,
            kind: 'flinkJob',
            target: 'flink-jobs/filters.yaml',
            status: 'done',
            message: 'job 12ab submitted',
          },
        ],
      });
      assert.equal(outcome.severity, 'info');
      assert.equal(
        outcome.message,
        'Deployed to "local": 2 step(s) applied (topic filtered-loan-events, Flink job flink-jobs/filters.yaml), 1 unchanged.',
      );
    });

    it('many applied steps are counted by kind', () => {
      const topics = Array.from({ length: 30 }, (_, i) => ({
        index: i,
        kind: 'topic' as const,
        target: `t${i}`,
        status: 'done' as const,
        message: 'created',
      }));
      const outcome = describeApply({
        ...base,
        steps: [
          ...topics,
          { index: 30, kind: 'schema', target: 'raw-business-events-value', status: 'done', message: 'registered' },
          { index: 31, kind: 'flinkJob', target: 'flink-jobs/filters.yaml', status: 'done', message: 'submitted' },
          {
            index: 32,
            kind: 'flinkJob',
            target: 'flink-jobs/filters-examples.yaml',
            status: 'done',
            message: 'submitted',
          },
          { index: 33, kind: 'connector', target: 'postgres-source', status: 'unchanged', message: 'same' },
        ],
      });
      assert.equal(
        outcome.message,
        'Deployed to "local": 33 step(s) applied (30 topics, schema raw-business-events-value, 2 Flink jobs), 1 unchanged.',
      );
    });

    it("a failure names the step, Flink's message and the SQL line, and what stays applied", () => {
      const outcome = describeApply({
        ...base,
        ok: false,
        failedStep: 2,
        steps: [
          { index: 0, kind: 'topic', target: 'filtered-loan-events', status: 'done', message: 'created' },
          { index: 1, kind: 'connector', target: 'postgres-source', status: 'unchanged', message: 'same config' },
          {
            index: 2,
            kind: 'flinkJob',
            target: 'flink-jobs/filters.yaml',
            status: 'failed',
            message: "SQL validation failed. Column 'amount' not found in any table",
            sqlLine: { line: 42, column: 9, text: '  WHERE amount > 100 ' },
          },
        ],
      });
      assert.equal(outcome.severity, 'error');
      assert.equal(
        outcome.message,
        'Deploy to "local" failed at step 3 of 3 (Flink job flink-jobs/filters.yaml): SQL validation failed. Column \'amount\' not found in any table — at SQL line 42, column 9: WHERE amount > 100. 1 earlier step(s) were applied and stay in place; deploying again continues from here.',
      );
      assert.equal(outcome.sqlLine?.line, 42);
      assert.equal(outcome.failed?.kind, 'flinkJob');
    });

    it('a refusal says nothing was deployed and why', () => {
      const outcome = describeApply({
        ...base,
        ok: false,
        refused: 'the platform changed since the plan was made; plan again',
      });
      assert.equal(outcome.severity, 'warning');
      assert.equal(
        outcome.message,
        'Nothing was deployed to "local": the platform changed since the plan was made; plan again',
      );
    });
  });

  it("finds Flink's offending line in the SQL document even when the preamble differs", () => {
    const doc = [
      '-- header',
      '',
      'CREATE TABLE a (x INT);',
      'INSERT INTO b',
      'SELECT *',
      '  WHERE amount > 100',
      'INSERT INTO c',
      '  WHERE amount > 100',
    ].join('\n');
    assert.equal(locateSqlLine(doc, { line: 8, text: 'WHERE amount > 100' }), 7, 'the nearest of two equal lines');
    assert.equal(locateSqlLine(doc, { line: 5, text: '  WHERE amount > 100' }), 5);
    assert.equal(locateSqlLine(doc, { line: 3, text: 'not in the document' }), 2, 'else the line number itself');
    assert.equal(locateSqlLine(doc, { line: 99, text: '' }), 7, 'clamped to the document');
  });

  it('offers local and the configured profiles, the active one first', () => {
    assert.deepEqual(profileChoices(undefined, undefined), [{ name: 'local', active: true }]);
    assert.deepEqual(
      profileChoices([{ name: 'staging' }, { name: 'prod' }, { bad: 1 }, { name: 'local' }], 'prod').map(
        (c) => `${c.name}${c.active ? '*' : ''}`,
      ),
      ['prod*', 'local', 'staging'],
    );
    assert.deepEqual(
      profileChoices([], 'elsewhere').map((c) => c.name),
      ['elsewhere', 'local'],
      'an active profile the settings lack is still offered',
    );
  });
});
