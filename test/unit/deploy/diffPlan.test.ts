import { strict as assert } from 'assert';
import type { DesiredJob, DesiredState } from '../../../server/src/deploy/desiredState';
import { diffPlan } from '../../../server/src/deploy/diffPlan';
import { flinkJobName } from '../../../server/src/deploy/jobIdentity';
import { cloudStatementName } from '../../../server/src/deploy/targets/confluentCloudTarget';
import type { ObservedState } from '../../../server/src/deploy/observedState';
import type { FlinkJob } from '../../../server/src/platform/flink/flinkTypes';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const SCHEMA = '{"type":"record","name":"E","fields":[{"name":"id","type":"string"}]}';

function job(file: string, hash: string, topic = 'raw'): DesiredJob {
  return {
    file,
    sourceTopic: topic,
    sql: '',
    hash,
    name: flinkJobName(topic, file, hash),
    outputTopics: ['out-1', 'out-2'],
    routes: 2,
  };
}

function desired(over: Partial<DesiredState> = {}): DesiredState {
  return {
    folder: '/ws',
    target: 'flink',
    jobs: [job('flink-jobs/filters.yaml', HASH_A)],
    topics: [
      { name: 'out-1', partitions: 3, replicationFactor: 1, writtenBy: ['flink-jobs/filters.yaml'] },
      { name: 'out-2', partitions: 3, replicationFactor: 1, writtenBy: ['flink-jobs/filters.yaml'] },
    ],
    schemas: [{ subject: 'raw-value', schema: SCHEMA, file: 'schemas/raw.avsc' }],
    connectors: [
      {
        name: 'pg',
        file: 'connectors/pg.json',
        config: { 'connector.class': 'X', 'database.hostname': 'db', 'database.password': 'hunter22' },
        secretKeys: ['database.password'],
      },
    ],
    problems: [],
    leftOut: [],
    ...over,
  };
}

function running(name: string, id: string, startTime = 1): FlinkJob {
  return { id, name, state: 'RUNNING', startTime, durationMs: 10 };
}

/** A target where everything the default desired state wants already exists. */
function upToDate(over: Partial<ObservedState> = {}): ObservedState {
  return {
    topics: {
      raw: { partitions: 1, replicationFactor: 1 },
      'out-1': { partitions: 3, replicationFactor: 1 },
      'out-2': { partitions: 3, replicationFactor: 1 },
      other: { partitions: 1, replicationFactor: 1 },
    },
    schemas: {
      'raw-value': {
        latest: ' { "fields": [ {"type":"string","name":"id"} ], "name":"E", "type":"record" } ',
        compatible: true,
        messages: [],
      },
    },
    connectors: {
      pg: {
        current: { name: 'pg', 'connector.class': 'X', 'database.hostname': 'db', 'database.password': 'hunter22' },
        state: 'RUNNING',
        validation: { errorCount: 0, errors: [] },
      },
    },
    jobs: [running(flinkJobName('raw', 'filters.yaml', HASH_A), 'job-1')],
    stoppedJobs: [],
    problems: [],
    ...over,
  };
}

/** The up-to-date target's topics without this one. */
function withoutTopic(name: string): ObservedState['topics'] {
  return Object.fromEntries(Object.entries(upToDate().topics!).filter(([t]) => t !== name));
}

describe('deploy: the plan', () => {
  it('everything in place: every step unchanged, no change (a second deploy is a no-op)', () => {
    const { plan } = diffPlan(desired(), upToDate(), 'local');
    assert.deepEqual(
      plan.steps.map((s) => `${s.kind}:${s.action}`),
      ['topic:unchanged', 'topic:unchanged', 'schema:unchanged', 'connector:unchanged', 'flinkJob:unchanged'],
    );
    assert.equal(plan.changes, 0);
    assert.deepEqual(plan.errors, []);
    assert.match(plan.steps[4].summary, /^= flink job flink-jobs\/filters\.yaml unchanged .*job-1/);
  });

  it("creates a job's missing dead-letter topic and checks an existing one, saying whose dead letters it holds", () => {
    const dlq = {
      name: 'raw.dlq',
      partitions: 3,
      replicationFactor: 1,
      writtenBy: ['flink-jobs/filters.yaml'],
      deadLettersOf: ['flink-jobs/filters.yaml'],
    };
    const want = desired({ topics: [...desired().topics, dlq] });
    const missing = diffPlan(want, upToDate(), 'local').plan.steps.find((s) => s.target === 'raw.dlq');
    assert.deepEqual(
      [missing?.action, missing?.summary, missing?.details],
      [
        'create',
        '+ topic raw.dlq (3 partitions, replication 1)',
        'dead letters (records the job cannot read) of flink-jobs/filters.yaml',
      ],
    );
    const present = diffPlan(
      want,
      upToDate({ topics: { ...upToDate().topics, 'raw.dlq': { partitions: 3, replicationFactor: 1 } } }),
      'local',
    ).plan.steps.find((s) => s.target === 'raw.dlq');
    assert.deepEqual([present?.action, present?.summary], ['unchanged', '= topic raw.dlq (3 partitions) exists']);
  });

  it('an empty target: create topics, schema, connector and submit the job, in that order', () => {
    const { plan, jobFacts } = diffPlan(
      desired(),
      {
        topics: { raw: { partitions: 1, replicationFactor: 1 } },
        schemas: { 'raw-value': { compatible: true, messages: [] } },
        connectors: { pg: { validation: { errorCount: 0, errors: [] } } },
        jobs: [],
        stoppedJobs: [],
        problems: [],
      },
      'local',
    );
    assert.deepEqual(
      plan.steps.map((s) => s.summary),
      [
        '+ topic out-1 (3 partitions, replication 1)',
        '+ topic out-2 (3 partitions, replication 1)',
        '+ schema raw-value (schemas/raw.avsc)',
        '+ connector pg (3 keys from connectors/pg.json)',
        `+ flink job flink-jobs/filters.yaml "${flinkJobName('raw', 'filters.yaml', HASH_A)}" (2 routes to out-1, out-2)`,
      ],
    );
    assert.equal(plan.changes, 5);
    assert.deepEqual(jobFacts[4], { file: 'flink-jobs/filters.yaml', replaces: undefined, resumeFrom: undefined });
  });

  it('a topic with fewer partitions than the profile says is a warning, never an action', () => {
    const { plan } = diffPlan(
      desired(),
      upToDate({
        topics: { 'out-1': { partitions: 1, replicationFactor: 1 }, 'out-2': { partitions: 3, replicationFactor: 1 } },
      }),
      'p',
    );
    assert.equal(plan.steps[0].action, 'unchanged');
    assert.match(plan.steps[0].warnings![0], /out-1 has 1 partition, fewer than the profile's 3/);
    assert.equal(plan.warnings.length, 1);
    assert.equal(plan.changes, 0);
  });

  it('a changed connector config is an update with a key-by-key diff, secrets masked', () => {
    const current = {
      name: 'pg',
      'connector.class': 'X',
      'database.hostname': 'old-db',
      'database.password': 'old-pw',
      'slot.name': 'gone',
    };
    const { plan } = diffPlan(
      desired(),
      upToDate({ connectors: { pg: { current, state: 'RUNNING', validation: { errorCount: 0, errors: [] } } } }),
      'p',
    );
    const step = plan.steps.find((s) => s.kind === 'connector')!;
    assert.equal(step.action, 'update');
    assert.equal(step.summary, '~ connector pg (3 keys)');
    assert.equal(
      step.details,
      ['~ database.hostname: "old-db" → "db"', '~ database.password: ******** → ********', '- slot.name = "gone"'].join(
        '\n',
      ),
    );
    assert.ok(
      !JSON.stringify(plan).includes('hunter22') && !JSON.stringify(plan).includes('old-pw'),
      'no secret in the plan',
    );
  });

  it("Connect's validation errors are plan errors naming the field", () => {
    const { plan } = diffPlan(
      desired(),
      upToDate({
        connectors: {
          pg: {
            validation: {
              errorCount: 1,
              errors: [{ field: 'database.hostname', messages: ['Unable to connect: timeout'] }],
            },
          },
        },
      }),
      'p',
    );
    assert.equal(plan.errors.length, 1);
    assert.equal(plan.errors[0].field, 'database.hostname');
    assert.match(
      plan.errors[0].message,
      /Connector pg \(connectors\/pg\.json\): Kafka Connect rejects database\.hostname: Unable to connect: timeout/,
    );
  });

  it('schema: a compatible change is a new version, an incompatible one is a plan error', () => {
    const other = '{"type":"record","name":"E","fields":[]}';
    const ok = diffPlan(
      desired(),
      upToDate({ schemas: { 'raw-value': { latest: other, compatible: true, messages: [] } } }),
      'p',
    ).plan;
    assert.equal(ok.steps.find((s) => s.kind === 'schema')!.action, 'update');
    assert.deepEqual(ok.errors, []);
    const bad = diffPlan(
      desired(),
      upToDate({
        schemas: { 'raw-value': { latest: other, compatible: false, messages: ['field id has no default'] } },
      }),
      'p',
    ).plan;
    assert.equal(bad.errors.length, 1);
    assert.match(bad.errors[0].message, /not compatible with the latest version of raw-value: field id has no default/);
  });

  it('a changed filters file replaces the running job of its topic (by savepoint)', () => {
    const { plan, jobFacts } = diffPlan(desired({ jobs: [job('flink-jobs/filters.yaml', HASH_B)] }), upToDate(), 'p');
    const step = plan.steps[4];
    assert.equal(step.action, 'replace');
    assert.equal(
      step.summary,
      `± flink job flink-jobs/filters.yaml: "${flinkJobName('raw', 'filters.yaml', HASH_A)}" → "${flinkJobName('raw', 'filters.yaml', HASH_B)}" (2 routes to out-1, out-2)`,
    );
    assert.deepEqual(jobFacts[4].replaces, { id: 'job-1', name: flinkJobName('raw', 'filters.yaml', HASH_A) });
  });

  it('two files on one topic: the unchanged one keeps its job, the changed one replaces its own', () => {
    const jobs = [job('flink-jobs/a.yaml', HASH_A), job('flink-jobs/b.yaml', HASH_B)];
    const old = 'c'.repeat(64);
    const { plan, jobFacts } = diffPlan(
      desired({ jobs }),
      upToDate({
        jobs: [
          running(flinkJobName('raw', 'b.yaml', old), 'job-old', 1),
          running(flinkJobName('raw', 'a.yaml', HASH_A), 'job-a', 2),
        ],
      }),
      'p',
    );
    const jobSteps = plan.steps.filter((s) => s.kind === 'flinkJob');
    assert.deepEqual(
      jobSteps.map((s) => [s.target, s.action]),
      [
        ['flink-jobs/a.yaml', 'unchanged'],
        ['flink-jobs/b.yaml', 'replace'],
      ],
    );
    assert.equal(jobFacts[jobSteps[1].index].replaces!.id, 'job-old');
    assert.deepEqual(plan.warnings, []);
  });

  it('two files on one topic changed at once: each replaces the job of its own file, whatever their start order', () => {
    const jobs = [job('flink-jobs/a.yaml', HASH_A), job('flink-jobs/b.yaml', HASH_B)];
    const [oldA, oldB] = ['c'.repeat(64), 'd'.repeat(64)];
    // b's job started first: pairing by start order would give it to a
    const observed = upToDate({
      jobs: [
        running(flinkJobName('raw', 'b.yaml', oldB), 'job-b', 1),
        running(flinkJobName('raw', 'a.yaml', oldA), 'job-a', 2),
      ],
    });
    const { plan, jobFacts } = diffPlan(desired({ jobs }), observed, 'p');
    const jobSteps = plan.steps.filter((s) => s.kind === 'flinkJob');
    assert.deepEqual(
      jobSteps.map((s) => [s.target, s.action, jobFacts[s.index].replaces?.id]),
      [
        ['flink-jobs/a.yaml', 'replace', 'job-a'],
        ['flink-jobs/b.yaml', 'replace', 'job-b'],
      ],
    );
    assert.deepEqual(plan.warnings, []);
  });

  it('a job named before names carried the file is replaced by a changed file of its topic; a guess between two files is warned', () => {
    const legacy = running(`cdc-routing raw ${'c'.repeat(16)}`, 'job-legacy');
    const one = diffPlan(
      desired({ jobs: [job('flink-jobs/filters.yaml', HASH_B)] }),
      upToDate({ jobs: [legacy] }),
      'p',
    );
    assert.equal(one.plan.steps[4].action, 'replace');
    assert.equal(one.jobFacts[4].replaces!.id, 'job-legacy');
    assert.deepEqual(one.plan.warnings, []);
    const two = diffPlan(
      desired({ jobs: [job('flink-jobs/a.yaml', HASH_A), job('flink-jobs/b.yaml', HASH_B)] }),
      upToDate({ jobs: [legacy] }),
      'p',
    );
    const jobSteps = two.plan.steps.filter((s) => s.kind === 'flinkJob');
    assert.deepEqual(
      jobSteps.map((s) => s.action),
      ['replace', 'create'],
    );
    assert.equal(two.plan.warnings.length, 1);
    assert.match(
      two.plan.warnings[0].message,
      /flink-jobs\/a\.yaml replaces "cdc-routing raw c{16}" by start order: that job was deployed before job names carried their filters file/,
    );
  });

  it("a routing job nothing generates any more is left running, with a warning; someone else's job is ignored", () => {
    const stray = running(flinkJobName('other-topic', 'filters.yaml', HASH_B), 'job-stray');
    const foreign = running('my own job', 'job-x');
    const { plan } = diffPlan(
      desired(),
      upToDate({
        jobs: [running(flinkJobName('raw', 'filters.yaml', HASH_A), 'job-1'), stray, foreign].filter((j) =>
          j.name.startsWith('cdc-routing'),
        ),
      }),
      'p',
    );
    assert.equal(plan.changes, 0);
    assert.equal(plan.warnings.length, 1);
    assert.match(plan.warnings[0].message, /job-stray.*no filters file generates now; deploy never stops it/);
  });

  it('a deploy of chosen files: the jobs of the files it leaves out are neither replaced nor warned about', () => {
    const other = running(flinkJobName('raw', 'filters-examples.yaml', 'c'.repeat(64)), 'job-examples', 1);
    const scoped = desired({
      jobs: [job('flink-jobs/filters.yaml', HASH_B)],
      leftOut: ['flink-jobs/filters-examples.yaml'],
    });
    const { plan, jobFacts } = diffPlan(
      scoped,
      upToDate({ jobs: [other, running(flinkJobName('raw', 'filters.yaml', HASH_A), 'job-1', 2)] }),
      'p',
    );
    assert.equal(plan.steps[4].action, 'replace');
    assert.equal(jobFacts[4].replaces!.id, 'job-1');
    assert.deepEqual(plan.warnings, []);
    assert.deepEqual(plan.leftOut, ['flink-jobs/filters-examples.yaml']);
    // the same state planned for the whole workspace would warn that nothing generates job-examples
    const whole = diffPlan(
      desired({ jobs: [job('flink-jobs/filters.yaml', HASH_B)] }),
      upToDate({ jobs: [other, running(flinkJobName('raw', 'filters.yaml', HASH_A), 'job-1', 2)] }),
      'p',
    );
    assert.match(whole.plan.warnings[0]?.message ?? '', /job-examples.*no filters file generates now/);
    assert.equal(whole.plan.leftOut, undefined);
  });

  it('after a replace that stopped the old job but failed to start the new one, the submit resumes from its savepoint', () => {
    const { plan, jobFacts } = diffPlan(
      desired({ jobs: [job('flink-jobs/filters.yaml', HASH_B)] }),
      upToDate({
        jobs: [],
        stoppedJobs: [
          {
            id: 'job-0',
            name: flinkJobName('raw', 'other.yaml', HASH_A),
            savepoint: 'file:/sp/savepoint-of-another-file',
            endTime: 6,
          },
          {
            id: 'job-1',
            name: flinkJobName('raw', 'filters.yaml', HASH_A),
            savepoint: 'file:/sp/savepoint-1',
            endTime: 5,
          },
        ],
      }),
      'p',
    );
    assert.equal(plan.steps[4].action, 'create');
    assert.match(plan.steps[4].summary, /resuming from the savepoint of the stopped job/);
    assert.equal(jobFacts[4].resumeFrom, 'file:/sp/savepoint-1');
  });

  it('an unreachable service: its problem is a plan error, its steps are absent, the plan says unreachable', () => {
    const observed: ObservedState = {
      ...upToDate(),
      topics: undefined,
      problems: [{ service: 'kafka', message: 'Kafka: list topics failed at 127.0.0.1:1: connection refused' }],
    };
    const { plan } = diffPlan(desired(), observed, 'p');
    assert.ok(plan.unreachable);
    assert.equal(plan.errors.length, 1);
    assert.ok(!plan.steps.some((s) => s.kind === 'topic'));
  });

  it('the fingerprint changes with what the plan would do, and only then', () => {
    const a = diffPlan(desired(), upToDate(), 'p').plan.fingerprint;
    assert.equal(diffPlan(desired(), upToDate(), 'p').plan.fingerprint, a);
    assert.notEqual(
      diffPlan(desired(), upToDate({ jobs: [running(flinkJobName('raw', 'filters.yaml', HASH_A), 'job-2')] }), 'p').plan
        .fingerprint,
      a,
      'the running job changed',
    );
    assert.notEqual(
      diffPlan(desired({ jobs: [job('flink-jobs/filters.yaml', HASH_B)] }), upToDate(), 'p').plan.fingerprint,
      a,
      'the filters changed',
    );
  });

  it('Confluent Cloud: the running statement of the same name is unchanged, another of the topic and file is replaced', () => {
    const cloudJob = {
      ...job('flink-jobs/filters.yaml', HASH_B),
      name: cloudStatementName('raw', 'filters.yaml', HASH_B),
    };
    assert.equal(cloudJob.name, `cdc-routing-raw--filters-${HASH_B.slice(0, 16)}`);
    const statement = (name: string, phase = 'RUNNING') => ({
      name,
      statement: '',
      phase,
      properties: {},
      computePoolId: 'lfcp-1',
    });
    const d = desired({ target: 'confluent-cloud', jobs: [cloudJob] });
    const same = diffPlan(d, upToDate({ jobs: undefined, statements: [statement(cloudJob.name)] }), 'cc').plan;
    assert.equal(same.steps[4].action, 'unchanged');
    const other = cloudStatementName('raw', 'filters-examples.yaml', HASH_A);
    const mine = cloudStatementName('raw', 'filters.yaml', HASH_A);
    const { plan, jobFacts } = diffPlan(
      d,
      upToDate({
        jobs: undefined,
        statements: [
          statement(other),
          statement(mine),
          statement(`cdc-routing-raw--filters-${'c'.repeat(16)}`, 'STOPPED'),
        ],
      }),
      'cc',
    );
    assert.equal(plan.steps[4].action, 'replace');
    assert.equal(jobFacts[4].replaces!.name, mine, "the statement of filters.yaml, not filters-examples.yaml's");
    // a statement named before names carried the file is still recognised and replaced
    const legacy = diffPlan(
      d,
      upToDate({ jobs: undefined, statements: [statement(`cdc-routing-raw-${HASH_A.slice(0, 16)}`)] }),
      'cc',
    );
    assert.equal(legacy.jobFacts[4].replaces!.name, `cdc-routing-raw-${HASH_A.slice(0, 16)}`);
  });

  it("a job's source topic that does not exist is a plan error naming it and the command that creates it", () => {
    const withoutSource = withoutTopic('raw');
    const newTopic = { bootstrapServers: 'k1:9092,k2:9092', secured: false, partitions: 3, replicationFactor: 2 };
    const { plan } = diffPlan(desired({ newTopic }), upToDate({ topics: withoutSource }), 'p');
    assert.deepEqual(plan.errors, [
      {
        kind: 'flinkJob',
        target: 'flink-jobs/filters.yaml',
        file: 'flink-jobs/filters.yaml',
        message:
          'Source topic raw of flink-jobs/filters.yaml does not exist: its job would fail and restart in a loop. Create it (kafka-topics.sh --bootstrap-server k1:9092,k2:9092 --create --topic raw --partitions 3 --replication-factor 2), or start the connector that writes it, then plan again.',
      },
    ]);
    // a secured cluster needs the client settings too; the command says where they go, not what they are
    const secured = diffPlan(
      desired({ newTopic: { ...newTopic, secured: true } }),
      upToDate({ topics: withoutSource }),
      'p',
    );
    assert.match(
      secured.plan.errors[0].message,
      /kafka-topics\.sh --bootstrap-server k1:9092,k2:9092 --command-config <client\.properties with the profile's SASL\/TLS settings> --create --topic raw /,
    );
  });

  it('no source-topic error when the topics are unknown (Kafka unreachable: its own error) or the plan creates it', () => {
    assert.deepEqual(diffPlan(desired(), upToDate({ topics: undefined }), 'p').plan.errors, []);
    const d = desired();
    d.topics.push({ name: 'raw', partitions: 3, replicationFactor: 1, writtenBy: ['flink-jobs/other.yaml'] });
    const withoutSource = withoutTopic('raw');
    assert.deepEqual(diffPlan(d, upToDate({ topics: withoutSource }), 'p').plan.errors, []);
  });
});
