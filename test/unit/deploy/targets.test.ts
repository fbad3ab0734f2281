import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applySteps } from '../../../server/src/deploy/applyPlan';
import type { DesiredJob, DesiredState } from '../../../server/src/deploy/desiredState';
import { diffPlan } from '../../../server/src/deploy/diffPlan';
import { flinkJobName } from '../../../server/src/deploy/jobIdentity';
import { observeState, type ObservedState } from '../../../server/src/deploy/observedState';
import type { PlanProblem } from '../../../server/src/deploy/planTypes';
import { cloudStatementName, confluentCloudTarget } from '../../../server/src/deploy/targets/confluentCloudTarget';
import { targetById, targetFor } from '../../../server/src/deploy/targets/registry';
import { sqlGatewayTarget } from '../../../server/src/deploy/targets/sqlGatewayTarget';
import { localProfile } from '../../../server/src/platform/localProfile';
import type { CloudStatement, ConfluentCloudFlinkClient } from '../../../server/src/platform/confluentCloud/cloudTypes';
import type { ConnectionProfile } from '../../../server/src/platform/connectionProfile';
import type { FlinkJob, FlinkRestClient, SqlGatewayClient } from '../../../server/src/platform/flink/flinkTypes';
import type { Platform } from '../../../server/src/platform/platform';

// What each deploy target observes, plans and calls, pinned on hand-made states and scripted clients: the
// target modules must keep doing exactly this (plan text, fingerprints and the order of the service calls).

// deploy remembers savepoints and SQL under the workspace (.cdc-routing/deploy-state.json): a scratch folder
const WORKSPACE = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-targets-'));
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const SQL = [
  '-- header',
  "SET 'pipeline.name' = 'x';",
  '',
  "CREATE TABLE `raw` (`x` INT) WITH ('connector' = 'kafka');",
  '',
  'EXECUTE STATEMENT SET BEGIN',
  'INSERT INTO `out` SELECT * FROM `raw` WHERE `x` > 1;',
  'END;',
  '',
].join('\n');

const SELF_MANAGED: ConnectionProfile = {
  name: 'sm',
  kafka: { bootstrapServers: ['k:9092'] },
  // no settle window: the scripted job is RUNNING from its first answer
  flink: {
    restUrl: 'http://flink:8081',
    sqlGatewayUrl: 'http://flink:8083',
    savepointDir: 'file:/sp',
    startSettleSeconds: 0,
  },
  topicDefaults: { partitions: 1, replicationFactor: 1 },
};
const CLOUD: ConnectionProfile = {
  name: 'cc',
  confluentCloud: {
    organizationId: 'org',
    environmentId: 'env-1',
    computePoolId: 'lfcp-1',
    region: 'us-east-1',
    provider: 'aws',
    kafkaClusterId: 'lkc-1',
  },
  topicDefaults: { partitions: 1, replicationFactor: 1 },
};

function flinkJob(file: string, hash: string, topic = 'raw'): DesiredJob {
  return {
    file,
    sourceTopic: topic,
    sql: SQL,
    hash,
    name: flinkJobName(topic, file, hash),
    outputTopics: ['out'],
    routes: 1,
  };
}

function cloudJob(file: string, hash: string, topic = 'raw'): DesiredJob {
  return { ...flinkJob(file, hash, topic), name: cloudStatementName(topic, file, hash) };
}

function desired(target: DesiredState['target'], jobs: DesiredJob[]): DesiredState {
  return { folder: '/ws', target, jobs, topics: [], schemas: [], connectors: [], problems: [], leftOut: [] };
}

function job(id: string, name: string, state: string, startTime: number, savepoint?: string): FlinkJob {
  return {
    id,
    name,
    state,
    startTime,
    durationMs: 10,
    ...(savepoint ? { lastSavepoint: { id: 1, time: startTime + 10, externalPath: savepoint } } : {}),
  };
}

/** Flink REST and SQL Gateway clients that answer from a script and log every call. */
function scriptedFlink(jobs: FlinkJob[], calls: string[], gatewayOk = true) {
  const flink: Partial<FlinkRestClient> = {
    async listJobs() {
      calls.push('flink listJobs');
      return jobs.map(({ lastSavepoint: _, ...j }) => j);
    },
    async job(id) {
      calls.push(`flink job ${id}`);
      return jobs.find((j) => j.id === id) ?? { ...job(id, 'new', 'RUNNING', 100) };
    },
    async exceptions(id) {
      calls.push(`flink exceptions ${id}`);
      return [];
    },
    async stopWithSavepoint(id, dir) {
      calls.push(`flink stopWithSavepoint ${id} ${dir}`);
      return `${dir}/savepoint-of-${id}`;
    },
    async checkpointing(id) {
      calls.push(`flink checkpointing ${id}`);
      return { intervalMs: 1000, deletedOnCancel: false, completed: 1 };
    },
    async assignedPartitions(id) {
      calls.push(`flink assignedPartitions ${id}`);
      return new Map([['raw', new Set([0])]]);
    },
  };
  const sqlGateway: Partial<SqlGatewayClient> = {
    async health() {
      calls.push('sqlGateway health');
      return gatewayOk
        ? { service: 'sqlGateway', where: 'http://flink:8083', ok: true }
        : {
            service: 'sqlGateway',
            where: 'http://flink:8083',
            ok: false,
            error: { what: 'check the SQL Gateway', where: 'http://flink:8083', why: 'connection refused' },
          };
    },
    async openSession() {
      calls.push('sqlGateway openSession');
      return {
        async execute(statement: string) {
          calls.push(`execute ${statement.split('\n')[0]}`);
          return /^EXECUTE/.test(statement) ? { jobId: 'job-new', rows: [] } : { rows: [] };
        },
        async close() {
          calls.push('sqlGateway closeSession');
        },
      };
    },
  };
  return { flink: flink as FlinkRestClient, sqlGateway: sqlGateway as SqlGatewayClient };
}

function scriptedCloud(statements: CloudStatement[], calls: string[]): ConfluentCloudFlinkClient {
  return {
    async health() {
      return { service: 'confluentCloud', where: 'Confluent Cloud aws/us-east-1', ok: true };
    },
    async listStatements() {
      calls.push('cloud listStatements');
      return statements;
    },
    async getStatement(name) {
      calls.push(`cloud getStatement ${name}`);
      return statements.find((s) => s.name === name);
    },
    async createStatement(name, statement, properties = {}) {
      calls.push(`cloud createStatement ${name} ${JSON.stringify(properties)} ${statement.split('\n')[0]}`);
      return { name, statement, phase: 'RUNNING', properties, computePoolId: 'lfcp-1' };
    },
    async stopStatement(name) {
      calls.push(`cloud stopStatement ${name}`);
    },
    async deleteStatement(name) {
      calls.push(`cloud deleteStatement ${name}`);
    },
  };
}

function platform(profile: ConnectionProfile, clients: Partial<Platform>): Platform {
  return { profile, ...clients, close: async () => undefined };
}

function statement(name: string, phase = 'RUNNING'): CloudStatement {
  return { name, statement: '', phase, properties: {}, computePoolId: 'lfcp-1' };
}

describe('deploy targets: what each one observes, plans and calls', () => {
  it('the profile picks the target: a confluentCloud block is Confluent Cloud, anything else the SQL Gateway', () => {
    assert.equal(targetFor(localProfile({})), sqlGatewayTarget);
    assert.equal(targetFor(SELF_MANAGED), sqlGatewayTarget);
    assert.equal(targetFor({ name: 'bare', topicDefaults: { partitions: 1, replicationFactor: 1 } }), sqlGatewayTarget);
    assert.equal(targetFor(CLOUD), confluentCloudTarget);
    assert.equal(targetFor({ ...SELF_MANAGED, confluentCloud: CLOUD.confluentCloud }), confluentCloudTarget);
    assert.equal(targetById('flink'), sqlGatewayTarget);
    assert.equal(targetById('confluent-cloud'), confluentCloudTarget);
    assert.throws(() => targetById('nope'), /no deploy target "nope" \(known: confluent-cloud, flink\)/);
  });

  it("each target's dialect and job names: the generator's target option and the names the plan matches", () => {
    const common = { bootstrapServers: 'k:9092', format: 'json' as const };
    assert.deepEqual(sqlGatewayTarget.sqlOptions(common), { ...common, target: 'flink' });
    assert.deepEqual(confluentCloudTarget.sqlOptions(common), { ...common, target: 'confluent-cloud' });
    assert.equal(sqlGatewayTarget.jobName('raw', 'filters.yaml', HASH_A), `cdc-routing raw filters ${'a'.repeat(16)}`);
    assert.equal(
      confluentCloudTarget.jobName('Raw', 'filters.yaml', HASH_A),
      `cdc-routing-raw--filters-${'a'.repeat(16)}`,
    );
  });

  describe('self-managed Flink through the SQL Gateway', () => {
    const running = job('job-1', flinkJobName('raw', 'filters.yaml', HASH_A), 'RUNNING', 5);
    const stoppedOld = job('job-0', flinkJobName('raw', 'filters.yaml', 'c'.repeat(64)), 'FINISHED', 1, 'file:/sp/0');
    const stoppedNewest = job('job-9', flinkJobName('other', 'filters.yaml', HASH_A), 'FINISHED', 9, 'file:/sp/9');
    const foreign = job('job-x', 'my own job', 'RUNNING', 2);

    it('observes the active routing jobs by start time and the savepoint of each topic newest stopped job, then asks the gateway', async () => {
      const calls: string[] = [];
      const observed = await observeState(
        platform(SELF_MANAGED, scriptedFlink([stoppedNewest, running, foreign, stoppedOld], calls)),
        desired('flink', [flinkJob('flink-jobs/filters.yaml', HASH_B)]),
      );
      assert.deepEqual(observed, {
        problems: [],
        jobs: [{ id: 'job-1', name: running.name, state: 'RUNNING', startTime: 5, durationMs: 10 }],
        stoppedJobs: [{ id: 'job-9', name: stoppedNewest.name, savepoint: 'file:/sp/9', endTime: 19 }],
        // nothing remembered in the workspace's .cdc-routing/deploy-state.json
        remembered: { 'flink-jobs/filters.yaml': [] },
        rememberedJobs: {},
      });
      assert.deepEqual(calls, ['flink listJobs', 'flink job job-9', 'sqlGateway health']);
    });

    it('an unhealthy gateway and a profile without one are plan problems', async () => {
      const down = await observeState(
        platform(SELF_MANAGED, scriptedFlink([], [], false)),
        desired('flink', [flinkJob('flink-jobs/filters.yaml', HASH_B)]),
      );
      assert.deepEqual(down.problems, [
        {
          service: 'sqlGateway',
          message: 'Flink SQL Gateway: check the SQL Gateway failed at http://flink:8083: connection refused',
        },
      ]);
      const { sqlGateway: _, ...noGateway } = scriptedFlink([], []);
      const missing = await observeState(
        platform(SELF_MANAGED, noGateway),
        desired('flink', [flinkJob('flink-jobs/filters.yaml', HASH_B)]),
      );
      assert.deepEqual(missing.problems, [
        {
          service: 'sqlGateway',
          message:
            'The profile "sm" has no Flink SQL Gateway connection, needed to submit the routing jobs: add it to cdcRouting.profiles.',
        },
      ]);
      const none = await observeState(platform(SELF_MANAGED, {}), desired('flink', [flinkJob('f.yaml', HASH_B)]));
      assert.match(none.problems[0].message, /no Flink connection, needed to find the running routing jobs/);
    });

    it('plans replace, create (resuming a savepoint) and unchanged as before, with the same fingerprint', () => {
      const observed: ObservedState = {
        problems: [],
        jobs: [running],
        stoppedJobs: [{ id: 'job-9', name: stoppedNewest.name, savepoint: 'file:/sp/9', endTime: 19 }],
      };
      const { plan, jobFacts } = diffPlan(
        desired('flink', [
          flinkJob('flink-jobs/filters.yaml', HASH_B),
          flinkJob('flink-jobs/filters.yaml', HASH_A, 'other'),
          flinkJob('flink-jobs/filters-examples.yaml', HASH_A, 'third'),
        ]),
        observed,
        'sm',
      );
      assert.deepEqual(
        plan.steps.map((s) => [s.summary, s.details]),
        [
          [
            `± flink job flink-jobs/filters.yaml: "${running.name}" → "${flinkJobName('raw', 'filters.yaml', HASH_B)}" (1 route to out)`,
            `stop job-1 ("${running.name}") with a savepoint, then start "${flinkJobName('raw', 'filters.yaml', HASH_B)}" from it`,
          ],
          [
            `+ flink job flink-jobs/filters.yaml "${flinkJobName('other', 'filters.yaml', HASH_A)}" (1 route to out), resuming from the savepoint of the stopped job`,
            'start from savepoint file:/sp/9',
          ],
          [
            `+ flink job flink-jobs/filters-examples.yaml "${flinkJobName('third', 'filters-examples.yaml', HASH_A)}" (1 route to out)`,
            undefined,
          ],
        ],
      );
      assert.deepEqual(jobFacts, {
        0: { file: 'flink-jobs/filters.yaml', replaces: { id: 'job-1', name: running.name }, resumeFrom: undefined },
        1: { file: 'flink-jobs/filters.yaml', replaces: undefined, resumeFrom: 'file:/sp/9' },
        2: { file: 'flink-jobs/filters-examples.yaml', replaces: undefined, resumeFrom: undefined },
      });
      assert.equal(plan.fingerprint, '8863004778f5a27c19569449119d23db');
      const direct = sqlGatewayTarget.planJobs(
        desired('flink', [flinkJob('flink-jobs/filters.yaml', HASH_B)]),
        observed,
        [],
      );
      assert.deepEqual(
        direct.map((j) => [j.action, j.what, j.replaces?.id]),
        [['replace', plan.steps[0].summary.slice(2), 'job-1']],
      );
      const same = diffPlan(
        desired('flink', [flinkJob('flink-jobs/filters.yaml', HASH_A)]),
        { problems: [], jobs: [running], stoppedJobs: [] },
        'sm',
      ).plan;
      assert.deepEqual(
        same.steps.map((s) => s.summary),
        [`= flink job flink-jobs/filters.yaml unchanged ("${running.name}", running, id job-1)`],
      );
      assert.equal(same.fingerprint, '8c051834be818d876768fec33cebd6df');
    });

    it('applies a replace: tables, EXPLAIN, stop with a savepoint, start from it, wait for RUNNING', async () => {
      const calls: string[] = [];
      const d = { ...desired('flink', [flinkJob('flink-jobs/filters.yaml', HASH_B)]), folder: WORKSPACE };
      const planned = diffPlan(d, { problems: [], jobs: [running], stoppedJobs: [] }, 'sm');
      const progress: string[] = [];
      const result = await applySteps(platform(SELF_MANAGED, scriptedFlink([running], calls)), d, planned, {}, (p) =>
        progress.push(p.message),
      );
      assert.deepEqual(result.steps, [
        {
          index: 0,
          kind: 'flinkJob',
          target: 'flink-jobs/filters.yaml',
          status: 'done',
          message: `replaced job-1 ("${running.name}", savepoint file:/sp/savepoint-of-job-1) with job-new ("${d.jobs[0].name}"), healthy`,
        },
      ]);
      assert.deepEqual(calls, [
        'sqlGateway openSession',
        "execute SET 'pipeline.name' = 'x'",
        "execute CREATE TABLE `raw` (`x` INT) WITH ('connector' = 'kafka')",
        'execute EXPLAIN STATEMENT SET BEGIN',
        'flink stopWithSavepoint job-1 file:/sp',
        "execute SET 'execution.state-recovery.path' = 'file:/sp/savepoint-of-job-1'",
        "execute SET 'execution.state-recovery.ignore-unclaimed-state' = 'true'",
        "execute SET 'execution.savepoint.path' = 'file:/sp/savepoint-of-job-1'",
        "execute SET 'execution.savepoint.ignore-unclaimed-state' = 'true'",
        "execute SET 'execution.checkpointing.externalized-checkpoint-retention' = 'RETAIN_ON_CANCELLATION'",
        'execute EXECUTE STATEMENT SET BEGIN',
        // the health gate: RUNNING, its checkpointing, every source partition assigned, a completed checkpoint
        'flink job job-new',
        'flink checkpointing job-new',
        'flink assignedPartitions job-new',
        'flink checkpointing job-new',
        'sqlGateway closeSession',
      ]);
      assert.deepEqual(progress, [
        'Flink job flink-jobs/filters.yaml: replacing',
        'Flink job flink-jobs/filters.yaml: opening a SQL Gateway session for flink-jobs/filters.yaml',
        'Flink job flink-jobs/filters.yaml: declaring the tables of flink-jobs/filters.yaml',
        'Flink job flink-jobs/filters.yaml: validating the routing job of flink-jobs/filters.yaml (EXPLAIN)',
        `Flink job flink-jobs/filters.yaml: stopping "${running.name}" with a savepoint`,
        `Flink job flink-jobs/filters.yaml: submitting "${d.jobs[0].name}"`,
        'Flink job flink-jobs/filters.yaml: starting: job job-new submitted',
      ]);
    });

    it('a profile without the SQL Gateway fails the job step, saying so', async () => {
      const d = { ...desired('flink', [flinkJob('flink-jobs/filters.yaml', HASH_B)]), folder: WORKSPACE };
      const planned = diffPlan(d, { problems: [], jobs: [], stoppedJobs: [] }, 'sm');
      const { flink } = scriptedFlink([], []);
      const result = await applySteps(platform(SELF_MANAGED, { flink }), d, planned, {});
      assert.equal(result.steps[0].message, 'the profile has no Flink SQL Gateway connection');
    });
  });

  describe('Confluent Cloud statements', () => {
    const mine = cloudStatementName('raw', 'filters.yaml', HASH_A);

    it("observes this tool's statements only", async () => {
      const calls: string[] = [];
      const observed = await observeState(
        platform(CLOUD, { confluentCloud: scriptedCloud([statement(mine), statement('someone-else')], calls) }),
        desired('confluent-cloud', [cloudJob('flink-jobs/filters.yaml', HASH_B)]),
      );
      assert.deepEqual(observed, { problems: [], statements: [statement(mine)] });
      assert.deepEqual(calls, ['cloud listStatements']);
      const missing = await observeState(
        platform(CLOUD, {}),
        desired('confluent-cloud', [cloudJob('flink-jobs/filters.yaml', HASH_B)]),
      );
      assert.deepEqual(missing.problems, [
        {
          service: 'confluentCloud',
          message:
            'The profile "cc" has no Confluent Cloud connection, needed to run the routing statements: add it to cdcRouting.profiles.',
        },
      ]);
    });

    it('plans statements as before, with the same fingerprint', () => {
      const { plan, jobFacts } = diffPlan(
        desired('confluent-cloud', [
          cloudJob('flink-jobs/filters.yaml', HASH_B),
          cloudJob('flink-jobs/filters.yaml', HASH_A, 'Other.Topic'),
        ]),
        { problems: [], statements: [statement(mine), statement(cloudStatementName('gone', 'x.yaml', HASH_A))] },
        'cc',
      );
      assert.deepEqual(
        plan.steps.map((s) => [s.summary, s.details]),
        [
          [
            `± statement flink-jobs/filters.yaml: "${mine}" → "${cloudStatementName('raw', 'filters.yaml', HASH_B)}" (1 route to out)`,
            `stop ${mine} ("${mine}") with a savepoint, then start "${cloudStatementName('raw', 'filters.yaml', HASH_B)}" from it`,
          ],
          [
            `+ statement flink-jobs/filters.yaml "${cloudStatementName('Other.Topic', 'filters.yaml', HASH_A)}" (1 route to out)`,
            undefined,
          ],
        ],
      );
      assert.equal(plan.steps[1].target, 'flink-jobs/filters.yaml');
      assert.deepEqual(
        plan.warnings.map((w) => w.message),
        [
          `statement "${cloudStatementName('gone', 'x.yaml', HASH_A)}" (${cloudStatementName('gone', 'x.yaml', HASH_A)}) runs a routing of gone that no filters file generates now; deploy never stops it (stop or cancel it from the Flink Jobs view if it is obsolete).`,
        ],
      );
      assert.deepEqual(jobFacts[0], {
        file: 'flink-jobs/filters.yaml',
        replaces: { id: mine, name: mine },
        resumeFrom: undefined,
      });
      assert.equal(plan.fingerprint, 'fec249f2f558c21fea3543da656248e5');
      const warnings: PlanProblem[] = [];
      const direct = confluentCloudTarget.planJobs(
        desired('confluent-cloud', [cloudJob('flink-jobs/filters.yaml', HASH_A, 'Other.Topic')]),
        { statements: [statement(mine)] },
        warnings,
      );
      assert.deepEqual(
        direct.map((j) => [j.action, j.what, j.job.sourceTopic]),
        [['create', plan.steps[1].summary.slice(2), 'Other.Topic']],
        'the step keeps the real source topic, not its statement-name spelling',
      );
      assert.equal(warnings.length, 1, 'the statement of raw that nothing generates now');
    });

    it('applies a replace: the new statement in the profile environment, then the old one stopped', async () => {
      const calls: string[] = [];
      const d = desired('confluent-cloud', [cloudJob('flink-jobs/filters.yaml', HASH_B)]);
      const planned = diffPlan(d, { problems: [], statements: [statement(mine)] }, 'cc');
      const result = await applySteps(
        platform(CLOUD, { confluentCloud: scriptedCloud([statement(mine)], calls) }),
        d,
        planned,
        {},
      );
      assert.equal(result.steps[0].message, `started ${d.jobs[0].name}, stopped ${mine}`);
      assert.deepEqual(calls, [
        `cloud createStatement ${d.jobs[0].name} {"sql.current-catalog":"env-1","sql.current-database":"lkc-1"} EXECUTE STATEMENT SET BEGIN`,
        `cloud stopStatement ${mine}`,
      ]);
      const none = await applySteps(platform(CLOUD, {}), d, planned, {});
      assert.equal(none.steps[0].message, 'the profile has no Confluent Cloud connection');
    });
  });
});
