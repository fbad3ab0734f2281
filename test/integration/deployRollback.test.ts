// A deploy whose new job does not get healthy leaves the previous job running: Flink rejecting the new SQL (the
// old job is never touched), and a new job that cannot log in to Kafka or finds no source topic when it starts
// (it is cancelled, and the previous job started again from the savepoint, logging in over SASL_SSL with the
// profile's secret as a deploy does). Each case starts from a healthy routed job with events flowing through the
// stack's SASL_SSL listener and ends with the previous job RUNNING, no restarts, its output continuing; at the end
// every produced event is in the output (no loss), duplicates only as at-least-once allows.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';
import * as path from 'path';
import type { ConnectionProfile } from '../../server/src/platform/connectionProfile';
import { createPlatform } from '../../server/src/platform/createPlatform';
import type { FlinkJob } from '../../server/src/platform/flink/flinkTypes';
import type { TopicTail } from '../../server/src/platform/kafka/kafkaTypes';
import { localProfile } from '../../server/src/platform/localProfile';
import type { Platform } from '../../server/src/platform/platform';
import { stackKafkaSecurity, stopStackServices } from '../../stack/index';
import { scriptStatements } from '../../server/src/deploy/sqlScript';
import { cli } from './cliRun';
import { EXAMPLE, exampleWorkspace, FILTERS, writeProfiles } from './deployWorkspace';
import { useStack } from './sharedStack';
import { until } from './until';

/** A threshold the generator accepts (it fits DECIMAL(38)) but Flink's parser does not (integer literals stop at BIGINT). */
const OUT_OF_BIGINT = '-9223372036854775809';

/**
 * A proxy to the SQL Gateway that rewrites the statements of the FIRST session a deploy opens (the new job's):
 * the world changing between the plan and the job's start (a rotated password, a deleted topic), which the plan's
 * own checks would otherwise catch. Later sessions (the rollback's) pass unchanged.
 */
function rewritingGatewayProxy(
  target: URL,
  rewrite: (statement: string) => string | Promise<string>,
): Promise<{ url: string; rewrote: () => number; close: () => void }> {
  const sockets = new Set<Socket>();
  let firstSession: string | undefined;
  let rewrote = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on(
      'end',
      () =>
        void (async () => {
          let body = Buffer.concat(chunks);
          const session = /\/sessions\/([^/]+)\/statements$/.exec(req.url ?? '')?.[1];
          if (req.method === 'POST' && session) {
            firstSession ??= session;
            if (session === firstSession) {
              const parsed = JSON.parse(String(body)) as { statement: string };
              const changed = await rewrite(parsed.statement);
              if (changed !== parsed.statement) rewrote++;
              body = Buffer.from(JSON.stringify({ ...parsed, statement: changed }));
            }
          }
          const headers = { ...req.headers, 'content-length': String(body.length) };
          const upstream = http.request(
            { host: target.hostname, port: target.port, path: req.url, method: req.method, headers },
            (up) => {
              res.writeHead(up.statusCode ?? 502, up.headers);
              up.pipe(res);
            },
          );
          upstream.on('error', () => res.destroy());
          upstream.end(body);
        })(),
    );
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        rewrote: () => rewrote,
        close: () => {
          server.close();
          sockets.forEach((s) => s.destroy());
        },
      });
    }),
  );
}

describe('deploy rolls back to the previous job when the new one is not healthy (local stack, SASL_SSL, real CLI)', function () {
  const run = `rb${Date.now().toString(36)}`;
  const sourceTopic = `${run}-raw`;
  const loanTopic = `${run}-loan-events`;
  let ws: string;
  let password: string;
  let platform: Platform;
  let env: NodeJS.ProcessEnv;
  let profile: ConnectionProfile;
  let tail: TopicTail;
  let producing: Promise<void> | undefined;
  let stopProducing = false;
  const produced: string[] = [];
  const received: string[] = [];
  const loanCreated = fs
    .readFileSync(path.join(EXAMPLE, 'samples/raw-events.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { eventHeader: { uuid: string; eventName: string } })
    .find((e) => e.eventHeader.eventName === 'LoanCreated')!;

  const filtersPath = () => path.join(ws, FILTERS);
  const original = () => fs.readFileSync(path.join(ws, `${FILTERS}.orig`), 'utf8');
  const editFilters = (from: string, to: string) => {
    const text = original();
    assert.ok(text.includes(from), `${from} is in the filters file`);
    fs.writeFileSync(filtersPath(), text.replace(from, to));
  };
  const ourJobs = async () =>
    (await platform.flink!.listJobs()).filter((j) => j.name.startsWith(`cdc-routing ${sourceTopic} `));
  const theRunningJob = async (): Promise<FlinkJob> => {
    const running = (await ourJobs()).filter((j) => j.state === 'RUNNING');
    assert.equal(running.length, 1, `one running job of ${sourceTopic}: ${JSON.stringify(running)}`);
    return running[0];
  };
  const deploy = (profilesFile: string) =>
    cli(['deploy', ws, '--yes', '--profile', profile.name, '--profiles-file', profilesFile], ws, env);
  /** Events are flowing: the output grows by some records while we watch. */
  const outputGrows = async (what: string) => {
    const from = received.length;
    await until(`${what}: routed records keep arriving (had ${from})`, 120_000, () => received.length >= from + 10);
  };

  before(async function () {
    this.timeout(600_000);
    await useStack();
    const security = stackKafkaSecurity();
    password = fs.readFileSync(security.passwordFile, 'utf8').trim();
    ws = exampleWorkspace(run, sourceTopic);
    fs.copyFileSync(filtersPath(), path.join(ws, `${FILTERS}.orig`));
    const local = localProfile();
    profile = {
      ...local,
      name: 'secured',
      kafka: {
        bootstrapServers: [security.bootstrap],
        sasl: { mechanism: 'scram-sha-256', username: security.username },
        tls: { enabled: true, caFile: security.caFile },
      },
    };
    env = { ...process.env, CDC_ROUTING_KAFKA_PASSWORD: password };
    // the test's own reads and writes go through the plaintext listener of the same cluster
    platform = createPlatform(local, {});
    await platform.kafka!.createTopics([{ name: sourceTopic, partitions: 2, replicationFactor: 1 }]);

    const deployed = await deploy(writeProfiles(ws, [profile]));
    assert.equal(deployed.code, 0, deployed.stdout + deployed.stderr);
    // healthy = running, both partitions assigned, a first checkpoint (the stack checkpoints every 30 s)
    assert.match(deployed.stdout, /flinkJob flink-jobs\/filters\.yaml: submitted [0-9a-f]{32} .*, healthy/);

    tail = await platform.kafka!.tail({ topic: loanTopic, start: { kind: 'beginning' } });
    tail.onMessages((batch) => received.push(...batch.map((m) => m.key ?? '')));
    // a LoanCreated event every 50 ms, each with its own key, until the test ends
    producing = (async () => {
      for (let i = 0; !stopProducing; i++) {
        const uuid = `${run}-${i}`;
        const event = { ...loanCreated, eventHeader: { ...loanCreated.eventHeader, uuid } };
        await platform.kafka!.produce(sourceTopic, [{ key: uuid, value: JSON.stringify(event) }]);
        produced.push(uuid);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await outputGrows('after the first deploy');
  });

  after(async function () {
    this.timeout(120_000);
    stopProducing = true;
    await producing?.catch(() => undefined);
    await tail?.stop().catch(() => undefined);
    if (!platform) return;
    for (const j of (await ourJobs().catch(() => [])).filter((x) => x.state === 'RUNNING'))
      await platform.flink!.cancel(j.id).catch(() => undefined);
    await platform.close();
    if (ws) fs.rmSync(ws, { recursive: true, force: true });
  });

  afterEach(() => {
    if (ws) fs.writeFileSync(filtersPath(), original());
  });

  it("(a) new filters whose SQL Flink rejects: exit 1 with Flink's message; the previous job was never stopped", async function () {
    this.timeout(300_000);
    const before = await theRunningJob();
    editFilters('value: 100000', `value: ${OUT_OF_BIGINT}`);
    const r = await deploy(writeProfiles(ws, [profile]));
    const out = r.stdout + r.stderr;
    assert.equal(r.code, 1, out);
    assert.match(
      out,
      new RegExp(`Flink rejected the SQL of ${FILTERS}: .*Numeric literal '${OUT_OF_BIGINT}' out of range`),
    );
    const after = await theRunningJob();
    assert.equal(after.id, before.id, 'the same job runs, untouched');
    assert.equal(after.restarts ?? 0, 0);
    await outputGrows('after the rejected deploy');
  });

  for (const [name, rewrite, cause] of [
    [
      '(b) a new job whose Kafka login is refused',
      (s: string) => s.replace(`password="${password}"`, `password="Wrong-${run}"`),
      /Kafka authentication failed\. Flink: org\.apache\.kafka\.common\.errors\.SaslAuthenticationException: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256/,
    ],
    [
      '(c) a new job whose source topic is missing when it starts',
      (s: string) => s.replace(`'topic' = '${sourceTopic}'`, `'topic' = '${run}-gone'`),
      /a Kafka topic the job reads or writes does not exist\. Flink: /,
    ],
  ] as const) {
    it(`${name}: cancelled, the previous job started again from the savepoint over SASL_SSL, exit 1 naming the cause`, async function () {
      this.timeout(400_000);
      const before = await theRunningJob();
      const local = localProfile();
      const proxy = await rewritingGatewayProxy(new URL(local.flink!.sqlGatewayUrl!), rewrite);
      try {
        // a change the job's name carries: the deploy replaces the running job
        editFilters('values: ["CarCreated", "CarUpdated"]', 'values: ["CarCreated", "CarUpdated", "CarSold"]');
        const proxied = { ...profile, flink: { ...profile.flink!, sqlGatewayUrl: proxy.url } };
        const r = await deploy(writeProfiles(ws, [proxied]));
        const out = r.stdout + r.stderr;
        assert.ok(proxy.rewrote() > 0, `the proxy changed nothing:\n${out}`);
        assert.equal(r.code, 1, out);
        assert.ok(!out.includes(password), 'the output shows the password');
        assert.match(out, cause);
        const rolledBack = new RegExp(
          `Rolled back: the previous job "${before.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" runs again as ([0-9a-f]{32}), started from savepoint (\\S+) \\(the savepoint taken when deploy stopped ${before.id}\\)`,
        ).exec(out);
        assert.ok(rolledBack, out);
        // what the user reads (no secret: checked above)
        console.log(`      ${out.split('\n').find((l) => l.includes('✗')) ?? ''}`);
        assert.match(out, /job [0-9a-f]{32} was cancelled/);

        const after = await theRunningJob();
        assert.equal(after.id, rolledBack[1]);
        assert.equal(after.name, before.name, 'the previous SQL runs again');
        const details = await platform.flink!.job(after.id);
        assert.equal(details.restarts ?? 0, 0, 'the restored job does not restart');
        // the new job: cancelled after restarting
        const failed = (await ourJobs()).filter(
          (j) => j.id !== after.id && j.id !== before.id && j.startTime > before.startTime,
        );
        assert.equal(failed.length, 1, JSON.stringify(failed));
        assert.equal(failed[0].state, 'CANCELED');
        // Flink restores the restarted job from the savepoint
        const res = await fetch(`${local.flink!.restUrl}/jobs/${after.id}/checkpoints`);
        const stats = (await res.json()) as { latest?: { restored?: { external_path?: string } } };
        assert.equal(stats.latest?.restored?.external_path, rolledBack[2]);
        // deploy remembers where it is
        const state = JSON.parse(fs.readFileSync(path.join(ws, '.cdc-routing/deploy-state.json'), 'utf8')) as {
          profiles: Record<
            string,
            Record<string, { running: { jobId: string; sql: string }; savepoints: { path: string }[] }>
          >;
        };
        const remembered = state.profiles.secured[FILTERS];
        assert.equal(remembered.running.jobId, after.id);
        assert.equal(remembered.savepoints[0].path, rolledBack[2]);
        assert.ok(!remembered.running.sql.includes(password), 'the state file holds no password');
        await outputGrows(`after ${name}`);
      } finally {
        proxy.close();
      }
    });
  }

  it('no routed event was lost: every produced event is in the output; duplicates only of produced events', async function () {
    this.timeout(180_000);
    stopProducing = true;
    await producing;
    await until(
      `all ${produced.length} produced events routed`,
      120_000,
      () => new Set(received).size >= produced.length,
      () => ({ produced: produced.length, distinct: new Set(received).size }),
    );
    const producedSet = new Set(produced);
    assert.deepEqual(
      [...new Set(received)].filter((k) => !producedSet.has(k)),
      [],
      'nothing but the produced events',
    );
    const duplicates = received.length - new Set(received).size;
    // at-least-once: a record may come twice after a restore, never more often than the job was (re)started
    console.log(`      ${produced.length} events, ${received.length} routed records, ${duplicates} duplicates`);
    for (const k of produced) assert.ok(received.includes(k), `${k} was routed`);
  });
});

describe('deploy --force replaces a routing job restarting in a loop (local stack, real CLI)', function () {
  const run = `fo${Date.now().toString(36)}`;
  const sourceTopic = `${run}-raw`;
  let ws: string;
  let platform: Platform;
  let stuck: string;
  const ourJobs = async () =>
    (await platform.flink!.listJobs()).filter((j) => j.name.startsWith(`cdc-routing ${sourceTopic} `));

  before(async function () {
    this.timeout(600_000);
    await useStack();
    ws = exampleWorkspace(run, sourceTopic);
    platform = createPlatform(localProfile(), {});
    await platform.kafka!.createTopics([{ name: sourceTopic, partitions: 1, replicationFactor: 1 }]);
    // a routing job of this file, as an earlier deploy would have left it, whose source vanished: it restarts in a
    // loop on UnknownTopicOrPartitionException and can take no savepoint
    const generated = await cli(['generate', FILTERS], ws);
    assert.equal(generated.code, 0, generated.stdout + generated.stderr);
    const sql = fs
      .readFileSync(path.join(ws, 'flink-jobs/routing-generated.sql'), 'utf8')
      .replace(`'topic' = '${sourceTopic}'`, `'topic' = '${run}-gone'`);
    const session = await platform.sqlGateway!.openSession();
    try {
      for (const s of scriptStatements(sql)) {
        const r = await session.execute(s.text);
        if (r.jobId) stuck = r.jobId;
      }
    } finally {
      await session.close();
    }
    assert.ok(stuck, 'the looping job was submitted');
    // a change the job's name carries, so the deploy replaces the looping job (the same name would be "unchanged")
    const filters = path.join(ws, FILTERS);
    fs.writeFileSync(
      filters,
      fs
        .readFileSync(filters, 'utf8')
        .replace('values: ["CarCreated", "CarUpdated"]', 'values: ["CarCreated", "CarUpdated", "CarSold"]'),
    );

    const looping = async () => ((await platform.flink!.job(stuck)).restarts ?? 0) >= 2;
    const deadline = Date.now() + 120_000;
    while (!(await looping())) {
      assert.ok(Date.now() < deadline, 'the job did not start looping');
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  after(async function () {
    this.timeout(120_000);
    if (!platform) return;
    for (const j of (await ourJobs().catch(() => [])).filter(
      (x) => !['CANCELED', 'FINISHED', 'FAILED'].includes(x.state),
    ))
      await platform.flink!.cancel(j.id).catch(() => undefined);
    await platform.close();
    if (ws) fs.rmSync(ws, { recursive: true, force: true });
  });

  it('without --force: exit 1, the plan error names --force, the job is left alone', async function () {
    this.timeout(180_000);
    const r = await cli(['deploy', ws, '--yes'], ws);
    const out = r.stdout + r.stderr;
    assert.equal(r.code, 1, out);
    assert.match(
      out,
      new RegExp(
        `error: flink job "cdc-routing ${sourceTopic} filters [0-9a-f]{16}" \\(${stuck}\\) is (RESTARTING|restarting in a loop \\(\\d+ restarts\\)): Flink cannot take its savepoint, so deploy cannot replace it\\. Run cdc-routing deploy --force to cancel it and start the new job without state \\(it has no completed checkpoint\\)`,
      ),
    );
    const job = await platform.flink!.job(stuck);
    assert.ok(!['CANCELED', 'FINISHED'].includes(job.state), job.state);
  });

  it('with --force: the looping job is cancelled and the new job starts without state, healthy, routing the events', async function () {
    this.timeout(300_000);
    const r = await cli(['deploy', ws, '--yes', '--force'], ws);
    const out = r.stdout + r.stderr;
    assert.equal(r.code, 0, out);
    assert.match(
      out,
      new RegExp(
        `replaced ${stuck} \\(.*cancelled\\) with ([0-9a-f]{32}) .*, healthy; started without state: it had no completed checkpoint`,
      ),
    );
    assert.equal((await platform.flink!.job(stuck)).state, 'CANCELED');
    const running = (await ourJobs()).filter((j) => j.state === 'RUNNING');
    assert.equal(running.length, 1);
    assert.equal(running[0].restarts ?? 0, 0);
    // it routes: a loan event comes out
    const sample = fs
      .readFileSync(path.join(EXAMPLE, 'samples/raw-events.jsonl'), 'utf8')
      .split('\n')
      .find((l) => l.includes('"LoanCreated"'))!;
    const tail = await platform.kafka!.tail({ topic: `${run}-loan-events`, start: { kind: 'beginning' } });
    let got = 0;
    tail.onMessages((batch) => (got += batch.length));
    try {
      await platform.kafka!.produce(sourceTopic, [{ key: `${run}-1`, value: sample }]);
      await until('the loan event routed', 120_000, () => got >= 1);
    } finally {
      await tail.stop();
    }
  });
});

describe('a JobManager restart in the middle of a deploy (local stack, real CLI)', function () {
  const run = `jm${Date.now().toString(36)}`;
  const sourceTopic = `${run}-raw`;
  let ws: string;
  let platform: Platform;
  let tail: TopicTail;
  let producing: Promise<void> | undefined;
  let stopProducing = false;
  let jobManagerDown = false;
  const produced: string[] = [];
  const received: string[] = [];
  const ourJobs = async () =>
    (await platform.flink!.listJobs()).filter((j) => j.name.startsWith(`cdc-routing ${sourceTopic} `));
  const plainProfiles = () => writeProfiles(ws, [{ ...localProfile(), name: 'jm' }]);

  before(async function () {
    this.timeout(600_000);
    await useStack();
    ws = exampleWorkspace(run, sourceTopic);
    platform = createPlatform(localProfile(), {});
    await platform.kafka!.createTopics([{ name: sourceTopic, partitions: 2, replicationFactor: 1 }]);
    // one profile name throughout: deploy remembers per profile (the proxied copy below is the same profile)
    const first = await cli(['deploy', ws, '--yes', '--profile', 'jm', '--profiles-file', plainProfiles()], ws);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const sample = fs
      .readFileSync(path.join(EXAMPLE, 'samples/raw-events.jsonl'), 'utf8')
      .split('\n')
      .find((l) => l.includes('"LoanCreated"'))!;
    tail = await platform.kafka!.tail({ topic: `${run}-loan-events`, start: { kind: 'beginning' } });
    tail.onMessages((batch) => received.push(...batch.map((m) => m.key ?? '')));
    producing = (async () => {
      for (let i = 0; !stopProducing; i++) {
        const key = `${run}-${i}`;
        await platform.kafka!.produce(sourceTopic, [{ key, value: sample }]);
        produced.push(key);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await until('routed records arrive', 120_000, () => received.length >= 10);
  });

  after(async function () {
    this.timeout(300_000);
    stopProducing = true;
    await producing?.catch(() => undefined);
    await tail?.stop().catch(() => undefined);
    // never leave the shared stack without its JobManager
    if (jobManagerDown) await useStack();
    if (!platform) return;
    for (const j of (await ourJobs().catch(() => [])).filter((x) => x.state === 'RUNNING'))
      await platform.flink!.cancel(j.id).catch(() => undefined);
    await platform.close();
    if (ws) fs.rmSync(ws, { recursive: true, force: true });
  });

  it("the JobManager stops after the old job's savepoint: exit 1 naming the savepoint; deploying again once it is back starts from the remembered savepoint; no event lost", async function () {
    this.timeout(900_000);
    const [before] = (await ourJobs()).filter((j) => j.state === 'RUNNING');
    assert.ok(before, 'the first job runs');
    const filters = path.join(ws, FILTERS);
    fs.writeFileSync(
      filters,
      fs
        .readFileSync(filters, 'utf8')
        .replace('values: ["CarCreated", "CarUpdated"]', 'values: ["CarCreated", "CarUpdated", "CarSold"]'),
    );
    // the JobManager goes down when the new job is submitted: after the old job stopped with its savepoint
    const local = localProfile();
    const proxy = await rewritingGatewayProxy(new URL(local.flink!.sqlGatewayUrl!), async (statement) => {
      if (/^\s*EXECUTE STATEMENT SET/.test(statement) && !jobManagerDown) {
        jobManagerDown = true;
        assert.deepEqual(await stopStackServices(['flink-jobmanager']), ['flink-jobmanager']);
      }
      return statement;
    });
    let savepoint: string;
    try {
      const profiles = writeProfiles(ws, [
        { ...local, name: 'jm', flink: { ...local.flink, sqlGatewayUrl: proxy.url } },
      ]);
      const r = await cli(['deploy', ws, '--yes', '--profile', 'jm', '--profiles-file', profiles], ws);
      const out = r.stdout + r.stderr;
      console.log(`      ${out.split('\n').find((l) => l.includes('✗')) ?? ''}`);
      assert.ok(jobManagerDown, `the JobManager was not stopped:\n${out}`);
      assert.equal(r.code, 1, out);
      assert.doesNotMatch(out, /rejected/, 'a JobManager that does not answer is not rejected SQL');
      assert.match(
        out,
        /the Flink SQL Gateway could not reach Flink's JobManager while running "EXECUTE STATEMENT SET BEGIN"/,
      );
      assert.match(out, /The rollback failed too: /);
      const named = /stopped with savepoint (\S+?): deploy its filters again to start it from there/.exec(out);
      assert.ok(named, out);
      savepoint = named[1];
    } finally {
      proxy.close();
    }
    const state = JSON.parse(fs.readFileSync(path.join(ws, '.cdc-routing/deploy-state.json'), 'utf8')) as {
      profiles: Record<string, Record<string, { savepoints: { path: string }[] }>>;
    };
    assert.equal(state.profiles.jm[FILTERS].savepoints[0].path, savepoint, 'deploy remembers the savepoint');

    // the JobManager is back (no HA: it lists none of the jobs it ran before)
    await useStack();
    jobManagerDown = false;
    const known = (await ourJobs()).map((j) => j.id);
    console.log(`      after the restart Flink lists ${known.length} job(s) of this run`);
    const plan = await cli(['plan', ws, '--profile', 'jm', '--profiles-file', plainProfiles(), '--format', 'json'], ws);
    const steps = (JSON.parse(plan.stdout) as { steps: { kind: string; details?: string }[] }).steps;
    assert.equal(steps.find((st) => st.kind === 'flinkJob')?.details, `start from savepoint ${savepoint}`, plan.stdout);
    const again = await cli(['deploy', ws, '--yes', '--profile', 'jm', '--profiles-file', plainProfiles()], ws);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /submitted [0-9a-f]{32} .* from savepoint .*, healthy/);
    const running = (await ourJobs()).filter((j) => j.state === 'RUNNING');
    assert.equal(running.length, 1);
    const res = await fetch(`${local.flink!.restUrl}/jobs/${running[0].id}/checkpoints`);
    const stats = (await res.json()) as { latest?: { restored?: { external_path?: string } } };
    assert.equal(stats.latest?.restored?.external_path, savepoint, 'restored from the remembered savepoint');

    stopProducing = true;
    await producing;
    await until(
      `all ${produced.length} produced events routed`,
      180_000,
      () => new Set(received).size >= produced.length,
      () => ({ produced: produced.length, distinct: new Set(received).size }),
    );
    const duplicates = received.length - new Set(received).size;
    console.log(`      ${produced.length} events, ${received.length} routed records, ${duplicates} duplicates`);
    for (const k of produced) assert.ok(received.includes(k), `${k} was routed`);
  });
});
