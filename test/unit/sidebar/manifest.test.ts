import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { PROFILES_SCHEMA } from '../../../server/src/platform/profileSchema';

/** One titled group of settings. */
interface SettingsCategory {
  id: string;
  title: string;
  order: number;
  properties: Record<string, { items?: unknown; description?: string; markdownDescription?: string }>;
}

/** The parts of package.json these tests read. */
interface Manifest {
  icon: string;
  categories: string[];
  keywords: string[];
  contributes: {
    configuration: SettingsCategory[];
    commands: { command: string; title: string }[];
    menus: Record<string, { command: string; when: string }[]>;
    views: { cdcRouting: { id: string }[] };
    viewsWelcome: { view: string; when?: string; contents: string }[];
    walkthroughs: {
      id: string;
      title: string;
      steps: {
        id: string;
        title: string;
        description: string;
        media: { image: string; altText: string };
        completionEvents?: string[];
      }[];
    }[];
  };
}

const REPO = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Manifest;
const allSettings = () =>
  Object.assign({}, ...pkg.contributes.configuration.map((c) => c.properties)) as Record<
    string,
    SettingsCategory['properties'][string]
  >;

describe('sidebar: package.json contributions', () => {
  it('the cdcRouting.profiles setting is the profiles JSON Schema the server validates with (no password property anywhere)', () => {
    const setting = allSettings()['cdcRouting.profiles'];
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

describe('package.json: what the Marketplace and the settings editor show', () => {
  it('settings come in titled categories (Files, Generated SQL, Deploy, Connections, …), each with an id that trims its keys', () => {
    const categories = pkg.contributes.configuration;
    assert.deepStrictEqual(
      categories.map((c) => c.title),
      ['Files', 'Generated SQL', 'Deploy: the Routing Job', 'Connections', 'Message Viewer', 'Language Server'],
    );
    assert.deepStrictEqual(
      categories.map((c) => c.order),
      categories.map((_, i) => i + 1),
    );
    for (const c of categories) {
      assert.ok(!/cdc routing/i.test(c.title), `${c.title}: no "CDC Routing" prefix, the extension name says it`);
      // the settings editor drops the part of a key that matches the category id: "cdcRouting.sql.target" → "Target"
      assert.match(c.id, /^cdcRouting\.[a-zA-Z]+$/);
      for (const [key, setting] of Object.entries(c.properties)) {
        assert.match(key, /^cdcRouting\./);
        assert.ok((setting.description ?? setting.markdownDescription ?? '').length > 20, `${key} is described`);
      }
    }
    const keys = categories.flatMap((c) => Object.keys(c.properties));
    assert.strictEqual(new Set(keys).size, keys.length, 'each setting in one category');
    assert.deepStrictEqual(Object.keys(categories[0].properties), [
      'cdcRouting.files',
      'cdcRouting.schemaPath',
      'cdcRouting.maxFileBytes',
      'cdcRouting.samples',
    ]);
  });

  it('an icon (a PNG of at least 128×128 in media/), categories and keywords', () => {
    assert.strictEqual(pkg.icon, 'media/icon.png');
    const png = fs.readFileSync(path.join(REPO, pkg.icon));
    assert.strictEqual(png.subarray(1, 4).toString('ascii'), 'PNG');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.ok(width >= 128 && width === height, `${width}×${height}`);
    const marketplace = ['Programming Languages', 'Linters', 'Testing', 'Visualization', 'Other', 'Snippets'];
    for (const c of pkg.categories) assert.ok(marketplace.includes(c), `${c} is a Marketplace category`);
    for (const k of ['kafka', 'flink', 'debezium', 'cdc']) assert.ok(pkg.keywords.includes(k), k);
    assert.ok(pkg.keywords.length <= 30, 'the Marketplace takes at most 30 keywords');
    assert.ok(fs.existsSync(path.join(REPO, 'CHANGELOG.md')));
  });

  it('the VSIX keeps the icon, the README screenshots, the CHANGELOG and the local-stack guide', () => {
    const ignore = fs.readFileSync(path.join(REPO, '.vscodeignore'), 'utf8').split('\n');
    for (const kept of [
      '!media/icon.png',
      '!media/screenshots/*.png',
      '!CHANGELOG.md',
      '!README.md',
      '!docs/local-stack.md',
    ])
      assert.ok(ignore.includes(kept), `.vscodeignore keeps ${kept}`);
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    for (const [, image] of readme.matchAll(/!\[[^\]]*\]\((media\/screenshots\/[^)]+)\)/g))
      assert.ok(fs.existsSync(path.join(REPO, image)), `${image} exists`);
  });

  it('with nothing reachable the Pipeline view welcomes with next steps, none of them a repository script', () => {
    const welcome = pkg.contributes.viewsWelcome.find((w) => w.view === 'cdcRouting.pipeline');
    assert.ok(welcome);
    assert.strictEqual(welcome.when, 'cdcRouting.nothingReachable');
    const commands = [...welcome.contents.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
    assert.deepStrictEqual(commands, [
      'cdcRouting.showOutput',
      'workbench.action.openSettings',
      'cdcRouting.showLocalStackGuide',
      'cdcRouting.selectProfile',
      'cdcRouting.refreshSidebar',
    ]);
    const contributed = new Set(pkg.contributes.commands.map((c) => c.command));
    for (const c of commands.filter((c) => c.startsWith('cdcRouting.'))) assert.ok(contributed.has(c), c);
    assert.match(welcome.contents, /openSettings\?%5B%22cdcRouting\.profiles%22%5D/, 'opens the profiles setting');
    assert.doesNotMatch(welcome.contents, /npm run|stack:up/);
  });

  it('a walkthrough: open the example, complete a condition, preview SQL and routing, connect, deploy', () => {
    const [walkthrough] = pkg.contributes.walkthroughs;
    assert.deepStrictEqual(
      walkthrough.steps.map((s) => s.id),
      ['openFilters', 'completeCondition', 'previewSql', 'previewRouting', 'connect', 'deploy'],
    );
    const contributed = new Set(pkg.contributes.commands.map((c) => c.command));
    const ignore = fs.readFileSync(path.join(REPO, '.vscodeignore'), 'utf8');
    for (const step of walkthrough.steps) {
      assert.ok(fs.existsSync(path.join(REPO, step.media.image)), `${step.id}: ${step.media.image} exists`);
      assert.match(step.media.image, /^media\/screenshots\/[\w-]+\.png$/, 'an image the VSIX ships');
      assert.ok(ignore.includes('!media/screenshots/*.png'));
      assert.ok(step.media.altText.length > 10, `${step.id}: alt text`);
      const buttons = [...step.description.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
      assert.ok(buttons.length > 0, `${step.id} has a button`);
      for (const c of buttons.filter((b) => b.startsWith('cdcRouting.'))) assert.ok(contributed.has(c), c);
      for (const e of step.completionEvents ?? []) {
        const command = /^onCommand:(.+)$/.exec(e)?.[1];
        if (command) assert.ok(contributed.has(command), `${step.id}: ${command} is contributed`);
        else assert.match(e, /^onContext:cdcRouting\.\w+$|^onView:cdcRouting\.\w+$/, e);
      }
      assert.doesNotMatch(step.description, /npm run|stack:up/, `${step.id}: no repository script`);
    }
  });
});
