import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { PROFILES_SCHEMA } from '../../../server/src/platform/profileSchema';

/** The parts of package.json's contributions these tests read. */
interface Manifest {
  contributes: {
    configuration: { properties: Record<string, { items: unknown }> };
    commands: { command: string }[];
    menus: Record<string, { command: string; when: string }[]>;
    views: { cdcRouting: { id: string }[] };
  };
}

const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as Manifest;

describe('sidebar: package.json contributions', () => {
  it('the cdcRouting.profiles setting is the profiles JSON Schema the server validates with (no password property anywhere)', () => {
    const setting = pkg.contributes.configuration.properties['cdcRouting.profiles'];
    assert.deepStrictEqual(setting.items, JSON.parse(JSON.stringify(PROFILES_SCHEMA.items)));
    assert.doesNotMatch(JSON.stringify(setting.items), /"(password|apiKey|apiSecret|secret)"\s*:/i);
  });

  it('every sidebar command is contributed, and every item menu names a contributed command', () => {
    const commands = new Set(pkg.contributes.commands.map((c) => c.command));
    for (const menu of ['view/title', 'view/item/context']) {
      for (const entry of pkg.contributes.menus[menu])
        assert.ok(commands.has(entry.command), `${menu}: ${entry.command} is not contributed`);
    }
    const views = pkg.contributes.views.cdcRouting.map((v) => v.id);
    assert.deepStrictEqual(views, [
      'cdcRouting.pipeline',
      'cdcRouting.topics',
      'cdcRouting.connectors',
      'cdcRouting.flinkJobs',
    ]);
  });

  it('every kind of item has a context menu (the context values the node builders give)', () => {
    const menus: { command: string; when: string }[] = pkg.contributes.menus['view/item/context'];
    const patterns = menus.map((m) => new RegExp(/viewItem =~ \/(.*)\//.exec(m.when)![1]));
    const kinds = [
      'service.ok',
      'service.down',
      'error',
      'empty',
      'topic.source',
      'topic.output',
      'topic.other',
      'missingTopic',
      'connector.running',
      'connector.paused',
      'connector.failed',
      'task.running',
      'task.failed',
      'flinkJob.running',
      'flinkJob.ended',
    ];
    for (const kind of kinds)
      assert.ok(
        patterns.some((p) => p.test(kind)),
        `${kind} has no context menu`,
      );
    const offered = (kind: string) =>
      menus
        .filter((m, i) => patterns[i].test(kind) && !/inline/.test((m as { group?: string }).group ?? ''))
        .map((m) => m.command);
    assert.ok(
      offered('connector.paused').includes('cdcRouting.connector.resume') &&
        !offered('connector.paused').includes('cdcRouting.connector.pause'),
    );
    assert.ok(
      offered('connector.running').includes('cdcRouting.connector.pause') &&
        !offered('connector.running').includes('cdcRouting.connector.resume'),
    );
    assert.ok(!offered('flinkJob.ended').includes('cdcRouting.flinkJob.cancel'), 'no Cancel on an ended job');
  });
});
