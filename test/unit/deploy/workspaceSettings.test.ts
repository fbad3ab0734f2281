import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolveProfile } from '../../../server/src/cli/resolveProfile';
import { readWorkspaceSettings } from '../../../server/src/deploy/workspaceSettings';
import { workspaceFolderOf } from '../../../server/src/lsp/deployFeature';

const ENV = { CDC_ROUTING_CONNECTOR_DATABASEPASSWORD: 'pw-from-env' };

function folder(settings?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-deploy-settings-'));
  if (settings !== undefined) {
    fs.mkdirSync(path.join(dir, '.vscode'));
    fs.writeFileSync(path.join(dir, '.vscode/settings.json'), settings);
  }
  return dir;
}

const STAGING = {
  name: 'staging',
  kafka: { bootstrapServers: ['k:9092'] },
  topicDefaults: { partitions: 6, replicationFactor: 3 },
};

describe('deploy: profiles and SQL settings from the workspace', () => {
  it('reads settings.json with comments and trailing commas; local always exists', () => {
    const dir = folder(
      `{\n  // profiles for deploy\n  "cdcRouting.profiles": [${JSON.stringify(STAGING)},],\n  "cdcRouting.activeProfile": "staging",\n  "cdcRouting.sql.startupMode": "earliest-offset",\n}`,
    );
    const s = readWorkspaceSettings(dir, {});
    assert.deepEqual(s.profiles.map((p) => p.name).sort(), ['local', 'staging']);
    assert.equal(s.activeProfile, 'staging');
    assert.deepEqual(s.sql, { startupMode: 'earliest-offset' });
    const target = resolveProfile(dir, ENV, {});
    assert.equal(target.profile.name, 'staging', 'the active profile by default');
    assert.equal(target.secrets['connector.databasePassword'], 'pw-from-env');
    assert.equal(resolveProfile(dir, ENV, { profile: 'local' }).profile.name, 'local');
  });

  it('no settings file: only local; --profiles-file may be a bare list', () => {
    const dir = folder();
    assert.deepEqual(
      readWorkspaceSettings(dir, {}).profiles.map((p) => p.name),
      ['local'],
    );
    const file = path.join(dir, 'profiles.json');
    fs.writeFileSync(file, JSON.stringify([STAGING]));
    assert.equal(
      resolveProfile(dir, {}, { profile: 'staging', profilesFile: 'profiles.json' }).profile.topicDefaults.partitions,
      6,
    );
  });

  it('an unknown profile, a profile holding a secret, broken JSON: errors said for a user', () => {
    const dir = folder(
      JSON.stringify({ 'cdcRouting.profiles': [{ ...STAGING, connect: { url: 'http://c', password: 'oops' } }] }),
    );
    assert.throws(
      () => resolveProfile(dir, {}, { profile: 'staging' }),
      (err: Error) => {
        assert.match(
          err.message,
          /no connection profile "staging" \(.*secrets belong in SecretStorage.*\); known: local/,
        );
        assert.ok(!err.message.includes('oops'));
        return true;
      },
    );
    const broken = folder('{ "cdcRouting.profiles": [ }');
    assert.throws(() => readWorkspaceSettings(broken, {}), /settings\.json:1: not valid JSON/);
  });

  it('the LSP finds the workspace from a folder URI or from a filters file inside flink-jobs/', () => {
    const dir = folder();
    fs.mkdirSync(path.join(dir, 'flink-jobs'));
    assert.equal(workspaceFolderOf({ workspaceFolder: 'file://' + dir }), dir);
    assert.equal(workspaceFolderOf({ workspaceFolder: dir }), dir);
    assert.equal(workspaceFolderOf({ filtersUri: 'file://' + path.join(dir, 'flink-jobs/filters.yaml') }), dir);
    assert.equal(workspaceFolderOf({}), undefined);
  });
});
