import { strict as assert } from 'assert';
import type { ApplyResult, Plan } from '../../../server/src/deploy/planTypes';
import { renderApplyResult, renderPlan } from '../../../server/src/deploy/renderPlan';

const plan: Plan = {
  fingerprint: 'f',
  profile: 'local',
  workspaceFolder: '/ws',
  steps: [
    {
      index: 0,
      kind: 'topic',
      target: 'filtered-x',
      action: 'create',
      summary: '+ topic filtered-x (3 partitions, replication 1)',
    },
    {
      index: 1,
      kind: 'connector',
      target: 'pg',
      action: 'update',
      summary: '~ connector pg (2 keys)',
      details: '~ a: "1" → "2"\n+ b = "3"',
    },
    {
      index: 2,
      kind: 'flinkJob',
      target: 'flink-jobs/filters.yaml',
      action: 'unchanged',
      summary: '= flink job flink-jobs/filters.yaml unchanged',
      details: 'hidden',
    },
  ],
  errors: [],
  warnings: [{ kind: 'topic', target: 't', message: 'topic t has 1 partition' }],
  changes: 2,
  unreachable: false,
};

describe('deploy: rendering', () => {
  it('a diff-like summary: one line per step, the changed steps detailed, warnings, then a count', () => {
    assert.deepEqual(renderPlan(plan), [
      'Deploy plan for profile "local" (/ws):',
      '  + topic filtered-x (3 partitions, replication 1)',
      '  ~ connector pg (2 keys)',
      '      ~ a: "1" → "2"',
      '      + b = "3"',
      '  = flink job flink-jobs/filters.yaml unchanged',
      '  warning: topic t has 1 partition',
      '2 changes, 1 unchanged.',
    ]);
  });

  it('a plan with errors says it cannot be applied; a plan without changes says so', () => {
    const lines = renderPlan({ ...plan, errors: [{ service: 'kafka', message: 'Kafka: list topics failed' }] });
    assert.deepEqual(lines.slice(-2), ['  error: Kafka: list topics failed', '1 error: the plan cannot be applied.']);
    assert.equal(renderPlan({ ...plan, changes: 0 }).at(-1), 'Nothing to change (3 steps unchanged).');
  });

  it('apply results: each step, the failed SQL line, and where things stand', () => {
    const result: ApplyResult = {
      ok: false,
      profile: 'local',
      fingerprint: 'f',
      failedStep: 1,
      steps: [
        { index: 0, kind: 'topic', target: 'filtered-x', status: 'done', message: 'created' },
        {
          index: 1,
          kind: 'flinkJob',
          target: 'flink-jobs/filters.yaml',
          status: 'failed',
          message: 'Flink rejected it',
          sqlLine: { line: 42, column: 7, text: '  WHERE x > 1' },
        },
      ],
    };
    const lines = renderApplyResult(result);
    assert.equal(lines[0], '  ✓ topic filtered-x: created');
    assert.equal(lines[1], '  ✗ flinkJob flink-jobs/filters.yaml: Flink rejected it');
    assert.equal(lines[2], '      generated SQL line 42, column 7: WHERE x > 1');
    assert.match(
      lines[3],
      /^Deploy failed at step 2 \(flinkJob flink-jobs\/filters\.yaml\); the steps before it stay applied/,
    );
    assert.deepEqual(renderApplyResult({ ...result, refused: 'the world changed' }), [
      'Nothing applied: the world changed',
    ]);
  });
});
