import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applySteps } from '../../../server/src/deploy/applyPlan';
import { diffPlan } from '../../../server/src/deploy/diffPlan';
import type { DesiredState } from '../../../server/src/deploy/desiredTypes';
import { flinkJobName } from '../../../server/src/deploy/jobIdentity';
import type { ConnectionProfile } from '../../../server/src/platform/connectionProfile';
import type {
  FlinkJob,
  FlinkRestClient,
  JobCheckpointing,
  SqlGatewayClient,
} from '../../../server/src/platform/flink/flinkTypes';

// `deploy --force` on a job that cannot take a savepoint: it is cancelled, and the new job starts from its last
// completed checkpoint only when Flink keeps that checkpoint after a cancel (the stack-side test covers the job
// without any checkpoint: test/integration/deployRollback.test.ts).

const SQL = [
  "SET 'pipeline.name' = 'x';",
  "CREATE TABLE `raw` (`x` INT) WITH ('connector' = 'kafka');",
  'EXECUTE STATEMENT SET BEGIN',
  'INSERT INTO `out` SELECT * FROM `raw` WHERE `x` > 1;',
  'END;',
  '',
].join('\n');
const FILE = 'flink-jobs/filters.yaml';
const PROFILE: ConnectionProfile = {
  name: 'sm',
  flink: { restUrl: 'http://flink:8081', sqlGatewayUrl: 'http://flink:8083', startSettleSeconds: 0 },
  topicDefaults: { partitions: 1, replicationFactor: 1 },
};
const STUCK: FlinkJob = {
  id: 'job-1',
  name: flinkJobName('raw', 'filters.yaml', 'a'.repeat(64)),
  state: 'RESTARTING',
  startTime: 1,
  durationMs: 5,
  restarts: 9,
  lastCheckpoint: { id: 4, time: 2, status: 'COMPLETED', externalPath: 'file:/cp/job-1/chk-4' },
};

function desired(): DesiredState {
  const hash = 'b'.repeat(64);
  return {
    folder: fs.mkdtempSync(path.join(os.tmpdir(), 'forced-replace-')),
    target: 'flink',
    jobs: [
      {
        file: FILE,
        sourceTopic: 'raw',
        sql: SQL,
        hash,
        name: flinkJobName('raw', 'filters.yaml', hash),
        outputTopics: ['out'],
        routes: 1,
      },
    ],
    topics: [],
    schemas: [],
    connectors: [],
    problems: [],
    leftOut: [],
    force: true,
  };
}

async function forcedDeploy(stuckCheckpoints: JobCheckpointing) {
  const calls: string[] = [];
  const flink: Partial<FlinkRestClient> = {
    job: (id) => Promise.resolve({ ...STUCK, id, state: 'RUNNING', restarts: 0, lastCheckpoint: undefined }),
    exceptions: () => Promise.resolve([]),
    cancel: (id) => {
      calls.push(`cancel ${id}`);
      return Promise.resolve();
    },
    checkpointing: (id) =>
      Promise.resolve(id === 'job-1' ? stuckCheckpoints : { intervalMs: 1000, deletedOnCancel: false, completed: 1 }),
    assignedPartitions: () => Promise.resolve(new Map([['raw', new Set([0])]])),
    stopWithSavepoint: () => Promise.reject(new Error('a forced replace takes no savepoint')),
    webUiUrl: (id) => `http://flink:8081/#/job/running/${id}/overview`,
  };
  const sqlGateway: Partial<SqlGatewayClient> = {
    openSession: () =>
      Promise.resolve({
        execute: (statement: string) => {
          calls.push(statement.split('\n')[0]);
          return Promise.resolve(/^EXECUTE/.test(statement) ? { jobId: 'job-new', rows: [] } : { rows: [] });
        },
        close: () => Promise.resolve(),
      }),
  };
  const d = desired();
  const planned = diffPlan(d, { problems: [], jobs: [STUCK], stoppedJobs: [] }, 'sm');
  assert.deepEqual(planned.plan.errors, []);
  const result = await applySteps(
    {
      profile: PROFILE,
      flink: flink as FlinkRestClient,
      sqlGateway: sqlGateway as SqlGatewayClient,
      close: () => Promise.resolve(),
    },
    d,
    planned,
    {},
  );
  return { step: result.steps[0], calls };
}

describe('deploy --force: a stuck job is cancelled, its retained checkpoint is where the new job starts', () => {
  it('a retained checkpoint: cancelled, the new job restores it', async () => {
    const { step, calls } = await forcedDeploy({
      intervalMs: 1000,
      deletedOnCancel: false,
      completed: 4,
      latestCompletedPath: 'file:/cp/job-1/chk-4',
    });
    assert.equal(step.status, 'done', step.message);
    assert.ok(calls.indexOf('cancel job-1') < calls.indexOf('EXECUTE STATEMENT SET BEGIN'), calls.join('\n'));
    assert.ok(calls.includes("SET 'execution.state-recovery.path' = 'file:/cp/job-1/chk-4'"), calls.join('\n'));
    assert.match(step.message, /^replaced job-1 \(.*cancelled, checkpoint file:\/cp\/job-1\/chk-4\) with job-new/);
    assert.match(step.message, /started from job-1's last completed checkpoint file:\/cp\/job-1\/chk-4/);
  });

  it('a checkpoint Flink deletes on cancel: the new job starts without state, and says why', async () => {
    const { step, calls } = await forcedDeploy({
      intervalMs: 1000,
      deletedOnCancel: true,
      completed: 4,
      latestCompletedPath: 'file:/cp/job-1/chk-4',
    });
    assert.equal(step.status, 'done', step.message);
    assert.ok(!calls.some((c) => c.includes('state-recovery.path')), calls.join('\n'));
    assert.match(
      step.message,
      /started without state: its checkpoint file:\/cp\/job-1\/chk-4 was deleted on cancel \(the job did not retain checkpoints\)/,
    );
  });
});
