import * as assert from 'assert';
import {
  profileByName,
  resolveProfiles,
  SECRETS_IN_SETTINGS_PROBLEM,
} from '../../../server/src/platform/profileSettings';

const env = { CDC_STACK_CONNECT_PORT: '18083' } as NodeJS.ProcessEnv;

const staging = {
  name: 'staging',
  kafka: {
    bootstrapServers: ['kafka-1.staging:9093'],
    sasl: { mechanism: 'scram-sha-512', username: 'router' },
    tls: { enabled: true, caFile: '/etc/ssl/corp-ca.pem' },
  },
  connect: { url: 'https://connect.staging:8083', username: 'ops' },
  flink: {
    restUrl: 'http://flink.staging:8081',
    sqlGatewayUrl: 'http://flink.staging:8083',
    savepointDir: 's3://savepoints/routing',
  },
  schemaRegistry: { url: 'https://registry.staging:8081' },
};

describe('connection profiles from settings', () => {
  it('always has the built-in local profile, on the ports the stack variables give', () => {
    const { profiles, problems } = resolveProfiles(undefined, env);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(
      profiles.map((p) => p.name),
      ['local'],
    );
    assert.strictEqual(profiles[0].connect?.url, 'http://127.0.0.1:18083');
  });

  it('loads a valid profile, with default topic settings when it has none', () => {
    const { profiles, problems } = resolveProfiles([staging], env);
    assert.deepStrictEqual(problems, []);
    const p = profileByName(profiles, 'staging');
    assert.ok(p);
    assert.strictEqual(p.kafka?.sasl?.mechanism, 'scram-sha-512');
    assert.deepStrictEqual(p.topicDefaults, { partitions: 3, replicationFactor: 3 });
    assert.strictEqual(profileByName(profiles, 'Staging'), undefined);
  });

  it('a settings profile named local replaces the built-in one', () => {
    const { profiles } = resolveProfiles(
      [
        {
          name: 'local',
          connect: { url: 'http://127.0.0.1:9999' },
          topicDefaults: { partitions: 1, replicationFactor: 1 },
        },
      ],
      env,
    );
    assert.strictEqual(profiles.length, 1);
    assert.strictEqual(profiles[0].connect?.url, 'http://127.0.0.1:9999');
    assert.strictEqual(profiles[0].kafka, undefined);
  });

  it('refuses a profile holding a password, API key or secret, without repeating its value', () => {
    const settings = [
      { ...staging, name: 'leaky', connect: { url: 'http://c:8083', username: 'ops', password: 'hunter2' } },
      {
        name: 'cloud',
        confluentCloud: {
          organizationId: 'o',
          environmentId: 'env-1',
          computePoolId: 'lfcp-1',
          region: 'us-east-1',
          provider: 'aws',
          apiKey: 'KEY123',
          apiSecret: 'SEC456',
        },
      },
      { name: 'override', connectorOverrides: { 'database.hostname': 'db', 'database.password': 'pgpass' } },
      staging,
    ];
    const { profiles, problems } = resolveProfiles(settings, env);
    assert.deepStrictEqual(profiles.map((p) => p.name).sort(), ['local', 'staging']);
    assert.strictEqual(problems.length, 3);
    assert.match(problems[0], /^cdcRouting\.profiles\[0\] \("leaky"\): \/connect\/password — /);
    assert.match(problems[1], /\/confluentCloud\/apiKey, \/confluentCloud\/apiSecret/);
    assert.match(problems[2], /\/connectorOverrides\/database\.password/);
    for (const p of problems) {
      assert.ok(p.includes(SECRETS_IN_SETTINGS_PROBLEM), p);
      assert.ok(!/hunter2|KEY123|SEC456|pgpass/.test(p), `secret value repeated: ${p}`);
    }
  });

  it('says what is wrong with a malformed profile and still loads the others', () => {
    const settings = [
      { name: 'typo', kafka: { bootstrapServer: ['k:9092'] } },
      { name: 'badurl', connect: { url: 'connect:8083' } },
      {
        name: 'badcloud',
        confluentCloud: {
          organizationId: 'o',
          environmentId: 'env-1',
          computePoolId: 'lfcp-1',
          region: 'r',
          provider: 'ibm',
        },
      },
      { connect: { url: 'http://c:8083' } },
      staging,
    ];
    const { profiles, problems } = resolveProfiles(settings, env);
    assert.deepStrictEqual(profiles.map((p) => p.name).sort(), ['local', 'staging']);
    assert.match(problems[0], /^cdcRouting\.profiles\[0\] \("typo"\): /);
    assert.ok(
      problems[0].includes('/kafka: unknown key "bootstrapServer"') &&
        problems[0].includes('/kafka: missing "bootstrapServers"'),
      problems[0],
    );
    assert.match(problems[1], /\("badurl"\): \/connect\/url must match pattern/);
    assert.match(problems[2], /\/confluentCloud\/provider must be one of "aws", "gcp", "azure"/);
    assert.match(problems[3], /^cdcRouting\.profiles\[3\]: \/: missing "name"/);
  });

  it('a setting that is not a list is reported, and local still works', () => {
    const { profiles, problems } = resolveProfiles({ name: 'x' }, env);
    assert.deepStrictEqual(
      profiles.map((p) => p.name),
      ['local'],
    );
    assert.deepStrictEqual(problems, ['cdcRouting.profiles must be a list of profiles; it was ignored']);
  });

  it('a name used twice: the last one wins, and it is said', () => {
    const { profiles, problems } = resolveProfiles(
      [staging, { ...staging, flink: { restUrl: 'http://other:8081' } }],
      env,
    );
    assert.strictEqual(profileByName(profiles, 'staging')?.flink?.restUrl, 'http://other:8081');
    assert.match(problems[0], /appears more than once/);
  });
});
