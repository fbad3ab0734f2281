// The plan checks the source topic on the real stack: deploying a filters file whose source topic does not exist
// is a plan error naming the topic and the command that creates it, `plan` and `deploy` exit 1 and nothing is
// created or submitted; once the topic exists the same plan has no error.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import { createPlatform } from '../../server/src/platform/createPlatform';
import { localProfile } from '../../server/src/platform/localProfile';
import type { Platform } from '../../server/src/platform/platform';
import { cli } from './cliRun';
import { exampleWorkspace, FILTERS } from './deployWorkspace';
import { useStack } from './sharedStack';

describe('deploy: the plan checks the source topic (local stack, real CLI)', function () {
  const run = `st${Date.now().toString(36)}`;
  const sourceTopic = `${run}-raw`;
  let ws: string;
  let platform: Platform;
  const ourJobs = async () =>
    (await platform.flink!.listJobs()).filter((j) => j.name.startsWith(`cdc-routing ${sourceTopic} `));

  before(async function () {
    this.timeout(600_000);
    await useStack();
    ws = exampleWorkspace(run, sourceTopic);
    platform = createPlatform(localProfile(), {});
  });

  after(async function () {
    this.timeout(120_000);
    if (!platform) return;
    await platform.close();
    if (ws) fs.rmSync(ws, { recursive: true, force: true });
  });

  it('a missing source topic: plan error with the create command, plan and deploy exit 1, nothing touched', async function () {
    this.timeout(120_000);
    const error = `  error: Source topic ${sourceTopic} of ${FILTERS} does not exist: its job would fail and restart in a loop. Create it (kafka-topics.sh --bootstrap-server 127.0.0.1:9092 --create --topic ${sourceTopic} --partitions 3 --replication-factor 1), or start the connector that writes it, then plan again.`;
    const plan = await cli(['plan', ws], ws);
    assert.equal(plan.code, 1, plan.stdout + plan.stderr);
    assert.ok(plan.stdout.split('\n').includes(error), plan.stdout);

    const deploy = await cli(['deploy', ws, '--yes'], ws);
    assert.equal(deploy.code, 1, deploy.stdout + deploy.stderr);
    assert.ok(deploy.stdout.split('\n').includes(error), deploy.stdout);
    assert.doesNotMatch(deploy.stdout, /submitted|✓/);
    assert.deepEqual(await ourJobs(), [], 'no job was submitted');
    const topics = new Set((await platform.kafka!.listTopics()).map((t) => t.name));
    assert.deepEqual(
      [...topics].filter((t) => t.startsWith(`${run}-`)),
      [],
      'no output topic was created either',
    );
  });

  it('once the topic exists, the same plan has no error', async function () {
    this.timeout(120_000);
    await platform.kafka!.createTopics([{ name: sourceTopic, partitions: 1, replicationFactor: 1 }]);
    const plan = await cli(['plan', ws], ws);
    assert.equal(plan.code, 0, plan.stdout + plan.stderr);
    assert.doesNotMatch(plan.stdout, /error:/);
    assert.match(plan.stdout, new RegExp(`^  \\+ flink job ${FILTERS} "cdc-routing ${sourceTopic} filters `, 'm'));
  });
});
