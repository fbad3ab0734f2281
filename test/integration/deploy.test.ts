// Deploy against the real local stack: the CLI (the bundle users run) plans, deploys, is a no-op the second
// time, replaces a changed job through a savepoint, stops at the Flink step when Flink rejects the SQL, and
// says once per service when nothing can be reached; the language server plans and refuses a stale plan.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ApplyResult, Plan } from '../../server/src/deploy/planTypes';
import { createPlatform } from '../../server/src/platform/createPlatform';
import type { FlinkJob } from '../../server/src/platform/flink/flinkTypes';
import { localProfile } from '../../server/src/platform/localProfile';
import type { Platform } from '../../server/src/platform/platform';
import {
  DeployApplyRequest,
  DeployPlanRequest,
  type DeployApplyResponse,
  type DeployPlanResult,
} from '../../server/src/protocol';
import { fileUri, LspSession, REPO } from '../lsp/lspSession';
import { cli } from './cliRun';
import { useStack } from './sharedStack';

const EXAMPLE = path.join(REPO, 'examples/cdc-streaming');
const FILTERS = 'flink-jobs/filters.yaml';
/** A threshold the generator accepts (19 digits fit DECIMAL(38)) but Flink's parser does not: integer literals stop at BIGINT. */
const OUT_OF_BIGINT = '-9223372036854775809';

describe('deploy: plan, deploy, no-op, replace, rejected SQL (local stack, real CLI)', function () {
  const run = `h3d${Date.now().toString(36)}`;
  const sourceTopic = `${run}-raw`;
  const outputs = ['loan-events', 'service-events', 'car-events', 'high-value-loans'].map((t) => `${run}-${t}`);
  const extraTopic = `${run}-extra`;
  /** The job's dead-letter topic (source.deadLetterTopic's default), created by deploy like an output topic. */
  const deadLetters = `${sourceTopic}.dlq`;
  let ws: string;
  let platform: Platform;
  let firstJob: FlinkJob;
  let secondJob: FlinkJob;

  const filtersPath = () => path.join(ws, FILTERS);
  const editFilters = (from: string | RegExp, to: string) => {
    const text = fs.readFileSync(filtersPath(), 'utf8');
    const next = text.replace(from, to);
    assert.notEqual(next, text, `the edit ${from} → ${to} changed nothing`);
    fs.writeFileSync(filtersPath(), next);
  };
  const ourJobs = async () =>
    (await platform.flink!.listJobs()).filter((j) => j.name.startsWith(`cdc-routing ${sourceTopic} `));
  const runningJobs = async () => (await ourJobs()).filter((j) => j.state === 'RUNNING');

  before(async function () {
    this.timeout(600_000);
    await useStack();
    // The example workspace, but reading its own source topic and writing NEW topics, so nothing the stack
    // pre-created (or an earlier run left) hides what deploy creates, and no other routing job is touched.
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-deploy-it-'));
    for (const sub of ['schemas', 'connectors'])
      fs.cpSync(path.join(EXAMPLE, sub), path.join(ws, sub), { recursive: true });
    fs.mkdirSync(path.join(ws, 'flink-jobs'));
    const text = fs
      .readFileSync(path.join(EXAMPLE, FILTERS), 'utf8')
      .replace(/topic: raw-business-events/, `topic: ${sourceTopic}`)
      .replace(/outputTopic: filtered-/g, `outputTopic: ${run}-`);
    fs.writeFileSync(filtersPath(), text);
    platform = createPlatform(localProfile(), {});
    // Flink's Kafka source fails on a topic that does not exist; Debezium would create it in a real pipeline.
    await platform.kafka!.createTopics([{ name: sourceTopic, partitions: 1, replicationFactor: 1 }]);
  });

  after(async function () {
    this.timeout(120_000);
    if (!platform) return;
    // Free the task slots for the other test files; topics stay (deploy never deletes, neither does its test).
    for (const j of await runningJobs().catch(() => [])) await platform.flink!.cancel(j.id).catch(() => undefined);
    await platform.close();
    if (ws) fs.rmSync(ws, { recursive: true, force: true });
  });

  it('plan: output topics to create, the schema to register, the connector, the job to submit; nothing changes', async function () {
    this.timeout(120_000);
    const text = await cli(['plan', ws], ws);
    assert.equal(text.code, 0, text.stdout + text.stderr);
    for (const t of [...outputs, deadLetters])
      assert.ok(text.stdout.includes(`  + topic ${t} (3 partitions, replication 1)`), `topic ${t} in\n${text.stdout}`);
    assert.ok(text.stdout.includes(`  + schema ${sourceTopic}-value (schemas/raw-event.avsc)`), text.stdout);
    assert.match(text.stdout, /^ {2}[=~] connector postgres-source-connector/m);
    assert.match(
      text.stdout,
      new RegExp(`^  \\+ flink job ${FILTERS} "cdc-routing ${sourceTopic} filters [0-9a-f]{16}" \\(4 routes to `, 'm'),
    );

    const json = await cli(['plan', ws, '--format', 'json'], ws);
    assert.equal(json.code, 0, json.stderr);
    const plan = JSON.parse(json.stdout) as Plan;
    assert.deepEqual(plan.errors, []);
    assert.deepEqual(
      plan.steps.filter((s) => s.action !== 'unchanged' && s.kind !== 'connector').map((s) => `${s.kind} ${s.action}`),
      [
        'topic create',
        'topic create',
        'topic create',
        'topic create',
        'topic create',
        'schema create',
        'flinkJob create',
      ],
    );
    assert.match(
      plan.steps.find((s) => s.target === deadLetters)?.details ?? '',
      /^dead letters \(records the job cannot read\) of flink-jobs\/filters\.yaml$/,
    );

    const topics = new Set((await platform.kafka!.listTopics()).map((t) => t.name));
    assert.ok(
      outputs.every((t) => !topics.has(t)),
      'plan created a topic',
    );
    assert.deepEqual(await ourJobs(), []);
  });

  it('deploy without --yes prints the plan, applies nothing and says how to apply', async function () {
    this.timeout(120_000);
    const r = await cli(['deploy', ws], ws);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(r.stdout.includes(`+ topic ${outputs[0]}`));
    assert.match(r.stderr, /Nothing applied: add --yes to apply this plan\./);
    const topics = new Set((await platform.kafka!.listTopics()).map((t) => t.name));
    assert.ok(outputs.every((t) => !topics.has(t)));
    assert.deepEqual(await ourJobs(), []);
  });

  it('deploy --yes creates the topics, registers the schema, and the job RUNS in Flink under the expected name', async function () {
    this.timeout(300_000);
    const r = await cli(['deploy', ws, '--yes'], ws);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Deployed: \d+ steps applied\./);
    assert.match(r.stderr, /\[\d+\/\d+\] Flink job flink-jobs\/filters\.yaml: submitting/, 'progress is shown');

    const topics = new Map((await platform.kafka!.listTopics()).map((t) => [t.name, t]));
    for (const t of [...outputs, deadLetters]) assert.equal(topics.get(t)?.partitions, 3, `topic ${t}`);
    assert.ok(await platform.schemaRegistry!.latest(`${sourceTopic}-value`), 'schema registered');

    const plan = JSON.parse((await cli(['plan', ws, '--format', 'json'], ws)).stdout) as Plan;
    const expectedName = /"(cdc-routing [^"]+)"/.exec(plan.steps.find((s) => s.kind === 'flinkJob')!.summary)![1];
    const running = await runningJobs();
    assert.equal(running.length, 1, JSON.stringify(running));
    assert.equal(running[0].name, expectedName);
    firstJob = running[0];
  });

  it('a second deploy is a no-op: every step unchanged, the same job keeps running', async function () {
    this.timeout(120_000);
    const r = await cli(['deploy', ws, '--yes', '--format', 'json'], ws);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const { plan, result } = JSON.parse(r.stdout) as { plan: Plan; result: ApplyResult };
    assert.equal(plan.changes, 0);
    assert.ok(result.ok);
    assert.deepEqual([...new Set(result.steps.map((s) => s.status))], ['unchanged']);
    const running = await runningJobs();
    assert.deepEqual(
      running.map((j) => j.id),
      [firstJob.id],
    );

    const text = await cli(['deploy', ws, '--yes'], ws);
    assert.match(text.stdout, /Nothing to change \(\d+ steps unchanged\)\./);
    assert.match(text.stdout, /Deployed: nothing needed changing\./);
  });

  it('plan --file: only the chosen filters file; another file of the same topic is left out, its job untouched and not warned about', async function () {
    this.timeout(120_000);
    const other = path.join(ws, 'flink-jobs/filters-more.yaml');
    fs.writeFileSync(
      other,
      fs.readFileSync(filtersPath(), 'utf8').replace(/outputTopic: (\S+)/g, 'outputTopic: $1-more'),
    );
    try {
      const whole = JSON.parse((await cli(['plan', ws, '--format', 'json'], ws)).stdout) as Plan;
      assert.ok(
        whole.steps.some(
          (s) => s.kind === 'flinkJob' && s.target === 'flink-jobs/filters-more.yaml' && s.action === 'create',
        ),
        'the whole workspace would submit the new file',
      );
      const scoped = await cli(['plan', ws, '--file', FILTERS, '--format', 'json'], ws);
      assert.equal(scoped.code, 0, scoped.stdout + scoped.stderr);
      const plan = JSON.parse(scoped.stdout) as Plan;
      assert.deepEqual(plan.leftOut, ['flink-jobs/filters-more.yaml']);
      assert.deepEqual(
        plan.steps.filter((s) => s.kind === 'flinkJob').map((s) => `${s.target} ${s.action}`),
        [`${FILTERS} unchanged`],
      );
      assert.ok(
        !plan.steps.some((s) => s.kind === 'topic' && s.target.endsWith('-more')),
        'no topic of the left-out file',
      );
      assert.equal(plan.changes, 0);
      const text = await cli(['plan', ws, '--file', FILTERS], ws);
      assert.match(text.stdout, /^ {2}\(left out, their jobs untouched: flink-jobs\/filters-more\.yaml\)$/m);
      const unknown = await cli(['plan', ws, '--file', 'flink-jobs/nope.yaml'], ws);
      assert.equal(unknown.code, 1, unknown.stdout + unknown.stderr);
      assert.match(
        unknown.stdout,
        /error: flink-jobs\/nope\.yaml is not a filters file of this workspace \(there are: flink-jobs\/filters-more\.yaml, flink-jobs\/filters\.yaml\)/,
      );
    } finally {
      fs.rmSync(other, { force: true });
    }
  });

  it('a changed threshold: the plan says replace, deploy stops the old job with a savepoint and starts the new one from it', async function () {
    this.timeout(300_000);
    editFilters('value: 100000', 'value: 150000');
    const planned = await cli(['plan', ws], ws);
    assert.equal(planned.code, 0, planned.stdout + planned.stderr);
    assert.match(
      planned.stdout,
      new RegExp(
        `^  ± flink job ${FILTERS}: "${firstJob.name}" → "cdc-routing ${sourceTopic} filters [0-9a-f]{16}"`,
        'm',
      ),
    );
    assert.match(planned.stdout, /^1 change, \d+ unchanged\.$/m);

    const r = await cli(['deploy', ws, '--yes'], ws);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`replaced ${firstJob.id} .*savepoint (file:\\S+)\\) with [0-9a-f]{32}`));

    const jobs = await ourJobs();
    assert.equal(jobs.find((j) => j.id === firstJob.id)?.state, 'FINISHED', 'the old job stopped with its savepoint');
    const running = jobs.filter((j) => j.state === 'RUNNING');
    assert.equal(running.length, 1);
    assert.notEqual(running[0].name, firstJob.name, 'the new job carries the new hash');
    secondJob = running[0];
    // Flink says the new job was restored from the old job's savepoint
    const checkpoints = (await (
      await fetch(`${platform.profile.flink!.restUrl}/jobs/${secondJob.id}/checkpoints`)
    ).json()) as { latest?: { restored?: { is_savepoint: boolean; external_path: string } } };
    assert.equal(checkpoints.latest?.restored?.is_savepoint, true, JSON.stringify(checkpoints.latest));
    assert.match(checkpoints.latest.restored.external_path, new RegExp(`savepoint-${firstJob.id.slice(0, 6)}`));
  });

  it("SQL that Flink rejects: deploy fails at the Flink step with Flink's message and the SQL line; the running job stays, created topics stay", async function () {
    this.timeout(300_000);
    editFilters('value: 150000', `value: ${OUT_OF_BIGINT}`);
    // a new filter writing a new topic, so a step before the Flink one really applies
    fs.appendFileSync(
      filtersPath(),
      [
        '',
        '  - id: extra-filter',
        '    name: "Extra"',
        '    consumerId: extra-consumer',
        `    outputTopic: ${extraTopic}`,
        '    conditions:',
        '      - field: eventHeader.eventName',
        '        operator: equals',
        '        value: LoanCreated',
        '',
      ].join('\n'),
    );
    const r = await cli(['deploy', ws, '--yes'], ws);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`✓ topic ${extraTopic}: created`));
    assert.match(
      r.stdout,
      new RegExp(
        `✗ flinkJob ${FILTERS}: Flink rejected the SQL of ${FILTERS}: .*Numeric literal '${OUT_OF_BIGINT}' out of range`,
      ),
    );
    const line = /generated SQL line (\d+), column (\d+): (.*)$/m.exec(r.stdout);
    assert.ok(line, r.stdout);
    assert.ok(line[3].includes(`> ${OUT_OF_BIGINT}`), `the line shown is the offending one: ${line[3]}`);
    assert.match(
      r.stdout,
      /Deploy failed at step \d+ \(flinkJob flink-jobs\/filters\.yaml\); the steps before it stay applied/,
    );
    assert.ok(!/^\s+at /m.test(r.stdout + r.stderr), 'no stack trace');

    // the line number is the generated script's own: `cdc-routing generate` (which accepts the filter) has it there
    const script = path.join(ws, 'check.sql');
    const generated = await cli(
      ['generate', FILTERS, '-o', script, '--bootstrap-servers', platform.profile.kafka!.bootstrapServers.join(',')],
      ws,
    );
    assert.equal(generated.code, 0, generated.stdout + generated.stderr);
    assert.equal(fs.readFileSync(script, 'utf8').split('\n')[Number(line[1]) - 1].trim(), line[3].trim());

    const running = await runningJobs();
    assert.deepEqual(
      running.map((j) => j.id),
      [secondJob.id],
      'the previous job still runs',
    );
    const topics = new Set((await platform.kafka!.listTopics()).map((t) => t.name));
    assert.ok(topics.has(extraTopic), 'the topic created before the failure stays');
  });

  it('re-running after the fix continues from where things are: only the job is replaced', async function () {
    this.timeout(300_000);
    editFilters(`value: ${OUT_OF_BIGINT}`, 'value: 150000');
    const r = await cli(['deploy', ws, '--yes', '--format', 'json'], ws);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const { result } = JSON.parse(r.stdout) as { result: ApplyResult };
    assert.deepEqual(
      result.steps.filter((s) => s.status === 'done').map((s) => `${s.kind} ${s.target}`),
      [`flinkJob ${FILTERS}`],
    );
    const running = await runningJobs();
    assert.equal(running.length, 1);
    assert.notEqual(running[0].id, secondJob.id);
    secondJob = running[0];
  });

  it('over LSP: the language server plans the workspace and refuses to apply a plan the world no longer matches', async function () {
    this.timeout(120_000);
    const session = await LspSession.start(ws);
    try {
      const planned = await session.connection.sendRequest<DeployPlanResult>(DeployPlanRequest.method, {
        workspaceFolder: fileUri(ws),
        profile: 'local',
      });
      assert.equal(planned.error, undefined);
      assert.equal(
        planned.plan!.changes,
        0,
        JSON.stringify(planned.plan!.steps.filter((s) => s.action !== 'unchanged')),
      );
      assert.ok(planned.plan!.steps.some((s) => s.kind === 'flinkJob' && s.summary.includes(secondJob.id)));

      const stale = await session.connection.sendRequest<DeployApplyResponse>(DeployApplyRequest.method, {
        workspaceFolder: fileUri(ws),
        profile: 'local',
        fingerprint: 'not-the-plan',
      });
      assert.match(stale.result!.refused!, /changed since this plan was made/);
      assert.deepEqual(stale.result!.steps, []);

      const applied = await session.connection.sendRequest<DeployApplyResponse>(DeployApplyRequest.method, {
        workspaceFolder: fileUri(ws),
        profile: 'local',
        fingerprint: planned.plan!.fingerprint,
      });
      assert.ok(applied.result!.ok, JSON.stringify(applied));
      assert.deepEqual([...new Set(applied.result!.steps.map((s) => s.status))], ['unchanged']);

      // The editor sends its own cdcRouting.sql.* (user settings included): they make the SQL, as in the preview.
      const sameSql = await session.connection.sendRequest<DeployPlanResult>(DeployPlanRequest.method, {
        workspaceFolder: fileUri(ws),
        profile: 'local',
        sql: { format: 'json', startupMode: 'group-offsets' },
      });
      assert.equal(sameSql.plan!.changes, 0, 'the defaults sent explicitly plan the same SQL');
      const otherSql = await session.connection.sendRequest<DeployPlanResult>(DeployPlanRequest.method, {
        workspaceFolder: fileUri(ws),
        profile: 'local',
        sql: { startupMode: 'latest-offset' },
      });
      assert.deepEqual(
        otherSql.plan!.steps.filter((s) => s.action !== 'unchanged').map((s) => `${s.kind} ${s.action}`),
        ['flinkJob replace'],
        'another startup mode is other SQL: the job would be replaced',
      );

      const unknown = await session.connection.sendRequest<DeployPlanResult>(DeployPlanRequest.method, {
        workspaceFolder: fileUri(ws),
        profile: 'nope',
      });
      assert.match(unknown.error!, /no connection profile "nope"/);
    } finally {
      await session.stop();
    }
    assert.deepEqual(
      (await runningJobs()).map((j) => j.id),
      [secondJob.id],
    );
  });

  it("a job stopped with a savepoint (the Flink Jobs view's action, or a replace cut short) starts again from that savepoint", async function () {
    this.timeout(300_000);
    const savepoint = await platform.flink!.stopWithSavepoint(secondJob.id);
    const planned = await cli(['plan', ws], ws);
    assert.equal(planned.code, 0, planned.stdout + planned.stderr);
    assert.match(
      planned.stdout,
      new RegExp(
        `^  \\+ flink job ${FILTERS} "${secondJob.name}" .*, resuming from the savepoint of the stopped job$`,
        'm',
      ),
    );
    const r = await cli(['deploy', ws, '--yes'], ws);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const running = await runningJobs();
    assert.equal(running.length, 1);
    assert.equal(running[0].name, secondJob.name);
    assert.notEqual(running[0].id, secondJob.id);
    const checkpoints = (await (
      await fetch(`${platform.profile.flink!.restUrl}/jobs/${running[0].id}/checkpoints`)
    ).json()) as { latest?: { restored?: { external_path: string } } };
    assert.equal(checkpoints.latest?.restored?.external_path, savepoint);
    secondJob = running[0];
  });

  it('status: every service healthy with version and latency, the connector and its task, the deployed job', async function () {
    this.timeout(120_000);
    const json = await cli(['status', '--format', 'json'], ws);
    assert.equal(json.code, 0, json.stdout + json.stderr);
    const report = JSON.parse(json.stdout) as {
      services: { service: string; ok: boolean; version?: string; latencyMs?: number }[];
      connectors: { name: string; state: string; tasks: unknown[] }[];
      flinkJobs: FlinkJob[];
    };
    assert.deepEqual(report.services.map((s) => s.service).sort(), [
      'connect',
      'flink',
      'kafka',
      'schemaRegistry',
      'sqlGateway',
    ]);
    for (const s of report.services) assert.ok(s.ok && s.version && typeof s.latencyMs === 'number', JSON.stringify(s));
    const connector = report.connectors.find((c) => c.name === 'postgres-source-connector');
    assert.equal(connector?.state, 'RUNNING');
    assert.ok(connector.tasks.length > 0);
    assert.equal(report.flinkJobs.find((j) => j.id === secondJob.id)?.state, 'RUNNING');

    const text = await cli(['status'], ws);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^ {2}✓ Flink SQL Gateway +http:\/\/127\.0\.0\.1:\d+ +\(version /m);
    assert.match(text.stdout, /^ {2}postgres-source-connector {2}RUNNING/m);
    assert.ok(text.stdout.includes(`${secondJob.name}  RUNNING  id ${secondJob.id}`), text.stdout);
    // the job's dead-letter topic (created by the deploy) and how many records it holds: none of the samples is bad
    assert.ok(
      text.stdout.includes(`  ${deadLetters}  0 messages  (records the job of flink-jobs/filters.yaml could not read)`),
      text.stdout,
    );
  });

  it('a connector config Kafka Connect rejects: a plan error naming the field, exit 1, and deploy --yes applies nothing', async function () {
    this.timeout(120_000);
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-deploy-it-connector-'));
    try {
      fs.cpSync(ws, bad, { recursive: true });
      const file = path.join(bad, 'connectors/postgres-source-connector.json');
      const connector = JSON.parse(fs.readFileSync(file, 'utf8')) as { name: string; config: Record<string, string> };
      const name = `${run}-connector`;
      fs.writeFileSync(
        file,
        JSON.stringify({
          name,
          config: { ...connector.config, 'slot.name': `${run.replace(/-/g, '_')}_slot`, 'snapshot.mode': 'sometimes' },
        }),
      );
      const r = await cli(['plan', bad], bad);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(
        r.stdout,
        new RegExp(
          `^  error: Connector ${name} \\(connectors/postgres-source-connector\\.json\\): Kafka Connect rejects snapshot\\.mode: The 'snapshot\\.mode' value is invalid`,
          'm',
        ),
      );
      const deployed = await cli(['deploy', bad, '--yes'], bad);
      assert.equal(deployed.code, 1, deployed.stdout + deployed.stderr);
      assert.match(deployed.stdout, /Nothing applied: the plan has 1 error\(s\)/);
      assert.equal(await platform.connect!.get(name), undefined, 'no connector registered');
    } finally {
      fs.rmSync(bad, { recursive: true, force: true });
    }
  });

  it('an unreachable profile: the plan fails with one clear error per service, exit 2', async function () {
    this.timeout(120_000);
    const profiles = path.join(ws, 'closed-profiles.json');
    fs.writeFileSync(
      profiles,
      JSON.stringify({
        'cdcRouting.profiles': [
          {
            name: 'closed',
            kafka: { bootstrapServers: ['127.0.0.1:1'] },
            connect: { url: 'http://127.0.0.1:2' },
            flink: { restUrl: 'http://127.0.0.1:3', sqlGatewayUrl: 'http://127.0.0.1:4' },
            schemaRegistry: { url: 'http://127.0.0.1:5' },
          },
        ],
      }),
    );
    const started = Date.now();
    const r = await cli(['plan', ws, '--profile', 'closed', '--profiles-file', profiles], ws);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('  error: '));
    const services = ['Flink', 'Kafka', 'Kafka Connect', 'Schema Registry'];
    for (const s of services)
      assert.equal(
        errors.filter((e) => e.startsWith(`  error: ${s}: `)).length,
        1,
        `one error for ${s} in\n${r.stdout}`,
      );
    assert.equal(errors.length, services.length, r.stdout);
    for (const e of errors) assert.match(e, /127\.0\.0\.1:[1-5]/, 'each error says where');
    assert.ok(!/^\s+at /m.test(r.stdout + r.stderr), 'no stack trace');
    assert.ok(Date.now() - started < 60_000, `answered in ${Date.now() - started} ms`);
  });
});
