import { strict as assert } from 'assert';
import { applyCloudStatement } from '../../../server/src/deploy/targets/confluentCloudTarget';
import type { DesiredJob } from '../../../server/src/deploy/desiredState';
import { StepFailure } from '../../../server/src/deploy/stepFailure';
import type { CloudStatement, ConfluentCloudFlinkClient } from '../../../server/src/platform/confluentCloud/cloudTypes';
import type { ConnectionProfile } from '../../../server/src/platform/connectionProfile';

const PROFILE: ConnectionProfile = {
  name: 'cloud',
  confluentCloud: {
    organizationId: 'org',
    environmentId: 'env-1',
    computePoolId: 'lfcp-1',
    region: 'us-east-1',
    provider: 'aws',
    kafkaClusterId: 'lkc-1',
  },
  topicDefaults: { partitions: 6, replicationFactor: 3 },
};

const SQL = [
  '-- header',
  '',
  'EXECUTE STATEMENT SET BEGIN',
  '',
  'INSERT INTO `out`',
  'SELECT * FROM `raw`',
  'WHERE `x` > 1;',
  'END;',
  '',
].join('\n');
const JOB: DesiredJob = {
  file: 'flink-jobs/filters.yaml',
  sourceTopic: 'raw',
  sql: SQL,
  hash: 'b'.repeat(64),
  name: `cdc-routing-raw-${'b'.repeat(16)}`,
  outputTopics: ['out'],
  routes: 1,
};

/** The statements API as a scripted sequence of phases per created statement (what the cloud would report). */
function scriptedCloud(phases: string[], detail?: string) {
  const calls: string[] = [];
  const statements = new Map<string, CloudStatement>();
  let polls = 0;
  const client: ConfluentCloudFlinkClient = {
    async health() {
      return { service: 'confluentCloud', where: 'Confluent Cloud aws/us-east-1', ok: true };
    },
    async listStatements() {
      return [...statements.values()];
    },
    async getStatement(name) {
      const s = statements.get(name);
      if (s) s.phase = phases[Math.min(++polls, phases.length - 1)];
      return s && { ...s, detail: s.phase === 'FAILED' ? detail : undefined };
    },
    async createStatement(name, statement, properties = {}) {
      calls.push(`create ${name} ${JSON.stringify(properties)}`);
      const s = { name, statement, phase: phases[0], properties, computePoolId: 'lfcp-1' };
      statements.set(name, s);
      return { ...s };
    },
    async stopStatement(name) {
      calls.push(`stop ${name}`);
    },
    async deleteStatement(name) {
      calls.push(`delete ${name}`);
    },
  };
  return { client, calls, statements };
}

describe('deploy: Confluent Cloud statements', () => {
  it('creates the statement set as one statement in the profile environment and cluster, then stops the old one once the new runs', async () => {
    const cloud = scriptedCloud(['PENDING', 'PENDING', 'RUNNING']);
    const message = await applyCloudStatement(
      cloud.client,
      PROFILE,
      JOB,
      { file: JOB.file, replaces: { id: 'cdc-routing-raw-aaaa', name: 'cdc-routing-raw-aaaa' } },
      () => undefined,
      10_000,
    );
    assert.equal(message, `started ${JOB.name}, stopped cdc-routing-raw-aaaa`);
    assert.deepEqual(cloud.calls, [
      `create ${JOB.name} {"sql.current-catalog":"env-1","sql.current-database":"lkc-1"}`,
      'stop cdc-routing-raw-aaaa',
    ]);
    assert.ok(
      cloud.statements.get(JOB.name)!.statement.startsWith('EXECUTE STATEMENT SET BEGIN'),
      'comments are not sent',
    );
  });

  it("a statement the cloud fails: its detail and the script's line, and the old statement is left running", async () => {
    const cloud = scriptedCloud(
      ['PENDING', 'FAILED'],
      "SQL validation failed. Error from line 5, column 9 to line 5, column 11: Column 'x' not found",
    );
    await assert.rejects(
      applyCloudStatement(
        cloud.client,
        PROFILE,
        JOB,
        { file: JOB.file, replaces: { id: 'old', name: 'old' } },
        () => undefined,
        10_000,
      ),
      (err: StepFailure) => {
        assert.match(
          err.message,
          /statement cdc-routing-raw-b+ ended FAILED: SQL validation failed.*Column 'x' not found \(old keeps running\)/,
        );
        assert.deepEqual(err.sqlLine, { line: 7, text: 'WHERE `x` > 1;', column: 9 });
        return true;
      },
    );
    assert.ok(!cloud.calls.some((c) => c.startsWith('stop')), 'nothing stopped');
  });
});
