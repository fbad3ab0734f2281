import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { diffPlan } from '../../../server/src/deploy/diffPlan';
import type { DesiredState } from '../../../server/src/deploy/desiredTypes';
import {
  DEPLOY_STATE_FILE,
  rememberedState,
  rememberRunning,
  rememberSavepoint,
} from '../../../server/src/deploy/deployState';
import { flinkJobName } from '../../../server/src/deploy/jobIdentity';
import { observeState } from '../../../server/src/deploy/observedState';
import type { ConnectionProfile } from '../../../server/src/platform/connectionProfile';
import type { FlinkJob, FlinkRestClient, SqlGatewayClient } from '../../../server/src/platform/flink/flinkTypes';

// Deploy remembers its savepoints and the SQL of the job it started outside Flink (.cdc-routing/deploy-state.json):
// a JobManager restart, which forgets finished jobs and their savepoints, does not make the next deploy start
// without state. A job stuck RESTARTING is a plan error naming --force; with --force its replacement cancels it.

const FILE = 'flink-jobs/filters.yaml';
const PROFILE: ConnectionProfile = {
  name: 'sm',
  flink: { restUrl: 'http://flink:8081', sqlGatewayUrl: 'http://flink:8083' },
  topicDefaults: { partitions: 1, replicationFactor: 1 },
};

function workspace(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-state-'));
}

function desired(folder: string, hash = 'b'.repeat(64)): DesiredState {
  return {
    folder,
    target: 'flink',
    jobs: [
      {
        file: FILE,
        sourceTopic: 'raw',
        sql: 'SELECT 1',
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
  };
}

/** Flink that lists these jobs (a restarted JobManager without HA lists none). */
function flinkListing(jobs: FlinkJob[]) {
  const flink: Partial<FlinkRestClient> = { listJobs: () => Promise.resolve(jobs) };
  const sqlGateway: Partial<SqlGatewayClient> = {
    health: () => Promise.resolve({ service: 'sqlGateway', where: 'http://flink:8083', ok: true }),
  };
  return {
    profile: PROFILE,
    flink: flink as FlinkRestClient,
    sqlGateway: sqlGateway as SqlGatewayClient,
    close: () => Promise.resolve(),
  };
}

describe('deploy state outside Flink (.cdc-routing/deploy-state.json)', () => {
  it('remembers savepoints newest first (a few) and the running job per profile and file', () => {
    const ws = workspace();
    assert.deepEqual(rememberedState(ws, 'sm', FILE), { savepoints: [] });
    for (let i = 0; i < 7; i++)
      rememberSavepoint(ws, 'sm', FILE, {
        path: `file:/sp/${i}`,
        jobId: `j${i}`,
        jobName: 'n',
        takenAt: i,
        kind: 'savepoint',
      });
    rememberRunning(ws, 'sm', FILE, { jobId: 'j9', name: 'n9', sql: 'SELECT 9', startedAt: 9 });
    const state = rememberedState(ws, 'sm', FILE);
    assert.deepEqual(
      state.savepoints.map((s) => s.path),
      ['file:/sp/6', 'file:/sp/5', 'file:/sp/4', 'file:/sp/3', 'file:/sp/2'],
    );
    assert.equal(state.running?.jobId, 'j9');
    assert.deepEqual(rememberedState(ws, 'other', FILE), { savepoints: [] });
    assert.ok(fs.existsSync(path.join(ws, DEPLOY_STATE_FILE)));
  });

  it('an unreadable state file is nothing remembered, and rewritten by the next record', () => {
    const ws = workspace();
    fs.mkdirSync(path.join(ws, '.cdc-routing'));
    fs.writeFileSync(path.join(ws, DEPLOY_STATE_FILE), '{ broken');
    assert.deepEqual(rememberedState(ws, 'sm', FILE), { savepoints: [] });
    rememberRunning(ws, 'sm', FILE, { jobId: 'j1', name: 'n', sql: 'x', startedAt: 1 });
    assert.equal(rememberedState(ws, 'sm', FILE).running?.jobId, 'j1');
  });

  it('after a JobManager restart (Flink lists no job), the next deploy starts the job from the remembered savepoint', async () => {
    const ws = workspace();
    rememberSavepoint(ws, 'sm', FILE, {
      path: 'file:/sp/before-restart',
      jobId: 'j1',
      jobName: 'old',
      takenAt: 1,
      kind: 'savepoint',
    });
    const d = desired(ws);
    const observed = await observeState(flinkListing([]), d);
    const { plan, jobFacts } = diffPlan(d, observed, 'sm');
    assert.deepEqual(plan.errors, []);
    assert.match(plan.steps[0].summary, /^\+ flink job flink-jobs\/filters\.yaml .*resuming from the savepoint/);
    assert.equal(plan.steps[0].details, 'start from savepoint file:/sp/before-restart');
    assert.equal(jobFacts[0].resumeFrom, 'file:/sp/before-restart');
  });

  it('a replace whose running job deploy did not start from this workspace warns that it cannot be rolled back', async () => {
    const ws = workspace();
    const running: FlinkJob = {
      id: 'job-1',
      name: flinkJobName('raw', 'filters.yaml', 'a'.repeat(64)),
      state: 'RUNNING',
      startTime: 1,
      durationMs: 5,
    };
    const unknown = diffPlan(desired(ws), await observeState(flinkListing([running]), desired(ws)), 'sm').plan;
    assert.equal(unknown.steps[0].action, 'replace');
    assert.deepEqual(unknown.steps[0].warnings, [
      `${FILE}: no rollback if the new job does not get healthy: the SQL of the running job "${running.name}" is not in this workspace's .cdc-routing/deploy-state.json (it was deployed before deploy kept it, or from another workspace); its savepoint would be named, for deploying its filters again.`,
    ]);
    rememberRunning(ws, 'sm', FILE, { jobId: 'job-1', name: running.name, sql: 'SELECT 1', startedAt: 1 });
    const known = diffPlan(desired(ws), await observeState(flinkListing([running]), desired(ws)), 'sm').plan;
    assert.equal(known.steps[0].warnings, undefined);
    assert.deepEqual(known.warnings, []);
  });

  it('a job stuck RESTARTING is a plan error naming --force; with --force the step cancels it and starts from its checkpoint', async () => {
    const ws = workspace();
    const stuck: FlinkJob = {
      id: 'job-1',
      name: flinkJobName('raw', 'filters.yaml', 'a'.repeat(64)),
      state: 'RESTARTING',
      startTime: 1,
      durationMs: 5,
      restarts: 12,
      lastCheckpoint: { id: 3, time: 2, status: 'COMPLETED', externalPath: 'file:/cp/job-1/chk-3' },
    };
    const observed = await observeState(flinkListing([stuck]), desired(ws));
    const refused = diffPlan(desired(ws), observed, 'sm').plan;
    assert.equal(refused.errors.length, 1);
    assert.equal(refused.errors[0].needsForce, true);
    assert.equal(
      refused.errors[0].message,
      `flink job "${stuck.name}" (job-1) is RESTARTING: Flink cannot take its savepoint, so deploy cannot replace it. Run cdc-routing deploy --force to cancel it and start the new job from its last completed checkpoint file:/cp/job-1/chk-3, or cancel it in the Flink Jobs view.`,
    );
    const forced = diffPlan({ ...desired(ws), force: true }, observed, 'sm');
    assert.deepEqual(forced.plan.errors, []);
    assert.match(
      forced.plan.steps[0].details ?? '',
      /^cancel job-1 \(.*RESTARTING: no savepoint can be taken; --force\)/,
    );
    assert.deepEqual(forced.jobFacts[0].forceCancel, { state: 'RESTARTING', checkpoint: 'file:/cp/job-1/chk-3' });
  });
});
