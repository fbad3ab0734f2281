import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applySteps } from '../../../server/src/deploy/applyPlan';
import type { DesiredState } from '../../../server/src/deploy/desiredState';
import { diffPlan } from '../../../server/src/deploy/diffPlan';
import { flinkJobName } from '../../../server/src/deploy/jobIdentity';
import { awaitHealthyJob } from '../../../server/src/deploy/targets/healthGate';
import type { ConnectionProfile } from '../../../server/src/platform/connectionProfile';
import type { FlinkJob, FlinkRestClient, SqlGatewayClient } from '../../../server/src/platform/flink/flinkTypes';
import { PlatformError } from '../../../server/src/platform/platformError';

// A failed job step names its true cause: the gateway not reached is not "Flink rejected the SQL", and a job that
// does not start says what Flink's exceptions say (memory, authentication, topic, slots), never a guess.

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
  kafka: { bootstrapServers: ['k:9092'] },
  flink: { restUrl: 'http://flink:8081', sqlGatewayUrl: 'http://flink:8083', startSettleSeconds: 0 },
  topicDefaults: { partitions: 1, replicationFactor: 1 },
};
const RUNNING: FlinkJob = {
  id: 'job-1',
  name: flinkJobName('raw', 'filters.yaml', 'a'.repeat(64)),
  state: 'RUNNING',
  startTime: 1,
  durationMs: 5,
};
const REFUSED = new PlatformError(
  'sqlGateway',
  'run the SQL statement "EXECUTE STATEMENT SET BEGIN"',
  'http://flink:8083',
  'connection refused',
  "is the service running? check the profile's URL",
  undefined,
  true,
);

function desired(): DesiredState {
  const job = { file: FILE, sourceTopic: 'raw', sql: SQL, hash: 'b'.repeat(64), outputTopics: ['out'], routes: 1 };
  return {
    folder: fs.mkdtempSync(path.join(os.tmpdir(), 'job-start-failure-')),
    target: 'flink',
    jobs: [{ ...job, name: flinkJobName('raw', 'filters.yaml', job.hash) }],
    topics: [],
    schemas: [],
    connectors: [],
    problems: [],
    leftOut: [],
  };
}

const GATE = {
  jobId: 'job-new',
  jobName: 'n',
  sourceTopic: 'raw',
  expectedPartitions: 1,
  awaitCheckpoint: false,
  progress: () => undefined,
};

function recorded(name: string): { time: number; text: string }[] {
  const file = path.join(__dirname, '..', 'platform', 'flinkExceptions', `${name}.json`);
  const body = JSON.parse(fs.readFileSync(file, 'utf8')) as { exceptionHistory: { entries: { stacktrace: string }[] } };
  return body.exceptionHistory.entries.map((e) => ({ time: 1, text: e.stacktrace }));
}

/** Flink whose new job answers `states` in turn (the last one repeats) with these exceptions. */
function flinkWith(states: Partial<FlinkJob>[], exceptions: { time: number; text: string }[] = []): FlinkRestClient {
  let polls = 0;
  const client: Partial<FlinkRestClient> = {
    job: (id) => {
      const s = states[Math.min(polls++, states.length - 1)];
      return Promise.resolve({ ...RUNNING, id, state: 'CREATED', ...s });
    },
    exceptions: () => Promise.resolve(exceptions),
    health: () =>
      Promise.resolve({
        service: 'flink',
        where: 'http://flink:8081',
        ok: true,
        detail: '1 job running, 8 task slots (7 free)',
      }),
    stopWithSavepoint: (id) => Promise.resolve(`file:/sp/savepoint-of-${id}`),
    cancel: () => Promise.resolve(),
    checkpointing: () => Promise.resolve({ deletedOnCancel: false, completed: 0 }),
    assignedPartitions: () => Promise.resolve(new Map([['raw', new Set([0])]])),
    webUiUrl: (jobId) => `http://flink:8081/#/job/running/${jobId}/overview`,
  };
  return client as FlinkRestClient;
}

function gateway(failSubmit?: Error): SqlGatewayClient {
  const execute = (statement: string) => {
    if (!/^EXECUTE/.test(statement)) return Promise.resolve({ rows: [] });
    return failSubmit ? Promise.reject(failSubmit) : Promise.resolve({ jobId: 'job-new', rows: [] });
  };
  const client: Partial<SqlGatewayClient> = {
    openSession: () => Promise.resolve({ execute, close: () => Promise.resolve() }),
  };
  return client as SqlGatewayClient;
}

async function apply(flink: FlinkRestClient, sqlGateway: SqlGatewayClient, jobs: FlinkJob[] = [], secret?: string) {
  const d = desired();
  const planned = diffPlan(d, { problems: [], jobs, stoppedJobs: [] }, 'sm');
  const result = await applySteps(
    { profile: PROFILE, flink, sqlGateway, close: () => Promise.resolve() },
    d,
    planned,
    secret ? { 'kafka.password': secret } : {},
  );
  return result.steps[0];
}

describe('a failed job step names its true cause', () => {
  it('the gateway refusing the connection at submit is "could not be reached", not "Flink rejected the SQL"', async () => {
    const step = await apply(flinkWith([{ state: 'RUNNING' }]), gateway(REFUSED), [RUNNING]);
    assert.equal(step.status, 'failed');
    assert.doesNotMatch(step.message, /rejected/);
    assert.equal(
      step.message,
      'the Flink SQL Gateway at http://flink:8083 could not be reached while running "EXECUTE STATEMENT SET BEGIN" for flink-jobs/filters.yaml: connection refused (the job may have been submitted anyway: check Flink\'s job list before deploying again; the old job job-1 stopped with savepoint file:/sp/savepoint-of-job-1) — is the service running? check the profile\'s URL',
    );
  });

  it("the gateway's own error is still Flink rejecting the SQL", async () => {
    const rejected = new PlatformError(
      'sqlGateway',
      'run',
      'http://flink:8083',
      "Object 'nope' not found",
      undefined,
      500,
    );
    const step = await apply(flinkWith([{ state: 'RUNNING' }]), gateway(rejected));
    assert.equal(step.message, "Flink rejected the SQL of flink-jobs/filters.yaml: Object 'nope' not found");
  });

  it('the gateway answering that it could not reach the JobManager is not rejected SQL either', async () => {
    const noJobManager = new PlatformError(
      'sqlGateway',
      'run',
      'http://flink:8083',
      'Connection refused',
      undefined,
      500,
    );
    const step = await apply(flinkWith([{ state: 'RUNNING' }]), gateway(noJobManager));
    assert.doesNotMatch(step.message, /rejected/);
    assert.equal(
      step.message,
      'the Flink SQL Gateway could not reach Flink\'s JobManager while running "EXECUTE STATEMENT SET BEGIN" for flink-jobs/filters.yaml: Connection refused (the job may have been submitted anyway: check Flink\'s job list before deploying again)',
    );
  });

  it('a job that restarts because Kafka refused its login says so, quoting Flink, with the secret masked', async () => {
    const secret = 'S3cret-Kafka-Pw';
    const traces = recorded('kafka-auth').map((t) => ({
      ...t,
      text: `${t.text}\nCaused by: x.Y: password="${secret}"`,
    }));
    const step = await apply(
      flinkWith([{ state: 'CREATED' }, { state: 'RESTARTING', restarts: 1 }], traces),
      gateway(),
      [],
      secret,
    );
    assert.match(
      step.message,
      /^job job-new \("cdc-routing raw filters b{16}"\) went RESTARTING right after submission: Kafka authentication failed\. Flink: org\.apache\.kafka\.common\.errors\.SaslAuthenticationException: Authentication failed/,
    );
    assert.ok(!step.message.includes(secret), step.message);
  });

  for (const [name, words] of [
    ['out-of-memory', 'out of memory. Flink: java.lang.OutOfMemoryError: Java heap space'],
    ['missing-topic', 'a Kafka topic the job reads or writes does not exist. Flink: '],
    ['no-task-slots', 'no free task slots. Flink: '],
  ] as const) {
    it(`a job that fails with ${name}: says so and quotes Flink's line`, async () => {
      const step = await apply(flinkWith([{ state: 'FAILED' }], recorded(name)), gateway());
      assert.ok(step.message.includes(`went FAILED right after submission: ${words}`), step.message);
    });
  }

  it('a job that never runs and has no exception: the facts Flink gives, no guess about slots', async () => {
    const flink = flinkWith([{ state: 'CREATED' }]);
    await assert.rejects(awaitHealthyJob({ ...GATE, flink, timeoutMs: 300, settleMs: 0 }), (err: Error) => {
      assert.equal(
        err.message,
        'job job-new ("n") was still CREATED after 0.3 s and Flink recorded no exception (cluster: 1 job running, 8 task slots (7 free)); see it in the Flink Web UI (http://flink:8081/#/job/running/job-new/overview)',
      );
      return true;
    });
  });

  it('a job must stay RUNNING through the settle window: a restart inside it fails the step', async () => {
    const flink = flinkWith([{ state: 'RUNNING' }, { state: 'RUNNING', restarts: 1 }], recorded('missing-topic'));
    await assert.rejects(
      awaitHealthyJob({ ...GATE, flink, timeoutMs: 5000, settleMs: 2000 }),
      /restarted right after submission: a Kafka topic the job reads or writes does not exist/,
    );
    const steady = flinkWith([{ state: 'RUNNING' }]);
    await awaitHealthyJob({ ...GATE, flink: steady, timeoutMs: 5000, settleMs: 300 });
  });
});
