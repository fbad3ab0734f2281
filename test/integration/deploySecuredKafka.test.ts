// The routing job reaches a secured Kafka the way the profile does: deployed through a profile for the stack's
// SASL_SSL listener (SCRAM-SHA-256, the stack's own CA as PEM), it routes the sample events, read back from its
// output topics; the password is in no file of the workspace, no CLI output and none of what Flink's REST API
// shows for the job (its config, plan and details, the JobManager's config).
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { ConnectionProfile } from '../../server/src/platform/connectionProfile';
import { createPlatform } from '../../server/src/platform/createPlatform';
import type { TailMessage } from '../../server/src/platform/kafka/kafkaTypes';
import { localProfile } from '../../server/src/platform/localProfile';
import type { Platform } from '../../server/src/platform/platform';
import { stackKafkaSecurity, type KafkaSecurity } from '../../stack/index';
import { cli } from './cliRun';
import { EXAMPLE, exampleWorkspace, FILTERS, writeProfiles } from './deployWorkspace';
import { useStack } from './sharedStack';
import { until } from './until';

const LOAN_EVENTS = ['LoanCreated', 'LoanApproved', 'LoanPaymentSubmitted', 'LoanClosed'];
const CAR_EVENTS = ['CarCreated', 'CarUpdated'];

function securedProfile(security: KafkaSecurity): ConnectionProfile {
  const local = localProfile();
  return {
    ...local,
    name: 'secured',
    kafka: {
      bootstrapServers: [security.bootstrap],
      sasl: { mechanism: 'scram-sha-256', username: security.username },
      tls: { enabled: true, caFile: security.caFile },
    },
  };
}

/** Every file under dir, as text. */
function filesUnder(dir: string): { file: string; text: string }[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
}

describe('deploy to a secured Kafka: SASL_SSL with a custom CA (local stack, real CLI)', function () {
  const run = `sk${Date.now().toString(36)}`;
  const sourceTopic = `${run}-raw`;
  let ws: string;
  let password: string;
  let platform: Platform;
  let env: NodeJS.ProcessEnv;
  let profiles: string;
  const samples = fs
    .readFileSync(path.join(EXAMPLE, 'samples/raw-events.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const named = (names: string[]) =>
    samples.filter((l) =>
      names.includes((JSON.parse(l) as { eventHeader: { eventName: string } }).eventHeader.eventName),
    );
  const ourJobs = async () =>
    (await platform.flink!.listJobs()).filter((j) => j.name.startsWith(`cdc-routing ${sourceTopic} `));
  const assertNoSecret = (text: string, where: string) => {
    assert.ok(!text.includes(password), `${where} holds the Kafka password`);
    assert.ok(!text.includes(encodeURIComponent(password)), `${where} holds the Kafka password (URL-encoded)`);
  };

  before(async function () {
    this.timeout(600_000);
    await useStack();
    const security = stackKafkaSecurity();
    password = fs.readFileSync(security.passwordFile, 'utf8').trim();
    ws = exampleWorkspace(run, sourceTopic);
    profiles = writeProfiles(ws, [securedProfile(security)]);
    env = { ...process.env, CDC_ROUTING_KAFKA_PASSWORD: password };
    // the test's own reads and writes go through the plaintext listener of the same cluster
    platform = createPlatform(localProfile(), {});
    await platform.kafka!.createTopics([{ name: sourceTopic, partitions: 1, replicationFactor: 1 }]);
    await platform.kafka!.produce(
      sourceTopic,
      samples.map((value) => ({
        key: (JSON.parse(value) as { eventHeader: { uuid: string } }).eventHeader.uuid,
        value,
      })),
    );
  });

  after(async function () {
    this.timeout(120_000);
    if (!platform) return;
    for (const j of (await ourJobs().catch(() => [])).filter((x) => x.state === 'RUNNING'))
      await platform.flink!.cancel(j.id).catch(() => undefined);
    await platform.close();
    if (ws) fs.rmSync(ws, { recursive: true, force: true });
  });

  it('deploys the job through the SASL_SSL profile; it routes every sample event to its topic', async function () {
    this.timeout(300_000);
    const generated = await cli(['generate', FILTERS], ws);
    assert.equal(generated.code, 0, generated.stdout + generated.stderr);
    const deployed = await cli(['deploy', ws, '--yes', '--profile', 'secured', '--profiles-file', profiles], ws, env);
    const out = deployed.stdout + deployed.stderr;
    assert.equal(deployed.code, 0, out);
    assert.match(
      out,
      new RegExp(`flinkJob ${FILTERS}: submitted [0-9a-f]{32} \\("cdc-routing ${sourceTopic} filters `),
    );
    assertNoSecret(out, 'the deploy output');
    const plan = await cli(
      ['plan', ws, '--profile', 'secured', '--profiles-file', profiles, '--format', 'json'],
      ws,
      env,
    );
    assert.equal(plan.code, 0, plan.stdout + plan.stderr);
    assertNoSecret(plan.stdout + plan.stderr, 'the plan');

    for (const [suffix, expected] of [
      ['loan-events', named(LOAN_EVENTS).length],
      ['car-events', named(CAR_EVENTS).length],
    ] as const) {
      const topic = `${run}-${suffix}`;
      const tail = await platform.kafka!.tail({ topic, start: { kind: 'beginning' } });
      const got: TailMessage[] = [];
      tail.onMessages((batch) => got.push(...batch));
      try {
        await until(
          `${expected} records in ${topic}`,
          120_000,
          () => got.length >= expected,
          () => got.length,
        );
        assert.equal(got.length, expected, `${topic}: exactly the matching sample events`);
      } finally {
        await tail.stop();
      }
    }
  });

  it('a wrong password is caught by the plan (the profile logs in as the job would): exit 2, nothing submitted, no password shown', async function () {
    this.timeout(300_000);
    // another workspace and topic: the first one's job is unchanged, so its plan would be a no-op
    const wrongRun = `${run}w`;
    const wrongSource = `${wrongRun}-raw`;
    const wrongWs = exampleWorkspace(wrongRun, wrongSource);
    const wrong = `Wrong-${run}-pw`;
    try {
      await platform.kafka!.createTopics([{ name: wrongSource, partitions: 1, replicationFactor: 1 }]);
      const wrongProfiles = writeProfiles(wrongWs, [securedProfile(stackKafkaSecurity())]);
      const r = await cli(
        ['deploy', wrongWs, '--yes', '--profile', 'secured', '--profiles-file', wrongProfiles],
        wrongWs,
        {
          ...process.env,
          CDC_ROUTING_KAFKA_PASSWORD: wrong,
        },
      );
      const out = r.stdout + r.stderr;
      assert.equal(r.code, 2, out);
      assert.match(
        out,
        /error: Kafka: list topics failed at 127\.0\.0\.1:\d+: SASL SCRAM SHA256 authentication failed/,
      );
      assert.match(out, /Nothing applied/);
      assert.ok(!out.includes(wrong), 'the output shows the wrong password');
      assertNoSecret(out, 'the failed deploy output');
      assert.deepEqual(
        (await platform.flink!.listJobs()).filter((j) => j.name.startsWith(`cdc-routing ${wrongSource} `)),
        [],
        'no job was submitted',
      );
    } finally {
      fs.rmSync(wrongWs, { recursive: true, force: true });
    }
  });

  it('the password is in no workspace file, and in none of what Flink shows for the job', async function () {
    this.timeout(60_000);
    for (const { file, text } of filesUnder(ws)) assertNoSecret(text, file);
    const sql = fs.readFileSync(path.join(ws, 'flink-jobs/routing-generated.sql'), 'utf8');
    assert.doesNotMatch(
      sql,
      /sasl|jaas|security\.protocol|truststore/,
      'the committed script carries no security option',
    );

    const [job] = (await ourJobs()).filter((j) => j.state === 'RUNNING');
    assert.ok(job, 'the job runs');
    const rest = localProfile().flink!.restUrl;
    for (const view of [`/jobs/${job.id}`, `/jobs/${job.id}/config`, `/jobs/${job.id}/plan`, '/jobmanager/config']) {
      const res = await fetch(`${rest}${view}`);
      assert.equal(res.status, 200, view);
      assertNoSecret(await res.text(), `Flink REST ${view}`);
    }
  });
});
