import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  baseName,
  FILES_SETTING_DEFAULT,
  FILTER_TEST_FILES_GLOB,
  FILTERS_FAMILY_GLOBS,
  hasTopLevelFiltersList,
  isFilterTestFile,
  isFiltersDocument,
  isFilterTestFileName,
  isFiltersFile,
  isFiltersFileName,
} from '../../../server/src/protocol';

const REPO = path.resolve(__dirname, '../../..');

/** One settings category of package.json. */
type Category = { title?: string; properties: Record<string, { default?: unknown }> };

/** Names of every kind: what the definition must sort, and what the manifest's patterns are tried on. */
const FILTERS = ['filters.yaml', 'filters.yml', 'filters-examples.yaml', 'filters.loans.yml', 'filters_x.yaml'];
const TESTS = ['filters.test.yaml', 'filters.test.yml', 'filters-loans.test.yaml', 'filters.loans.test.yml'];
const NEITHER = [
  'myfilters.yaml',
  'filter.yaml',
  'Filters.yaml',
  'filters.json',
  'filters.yaml.bak',
  'routing.test.yaml',
  'x-filters.test.yaml',
  'raw-event.avsc',
];

/** The rule the server and the CLI applied before (workspaceState.ts, findFiltersFiles.ts). */
const serverRuleBefore = (name: string) => /^filters.*\.ya?ml$/.test(name) && !/\.test\.ya?ml$/.test(name);

/** A VS Code / yaml-language-server style glob (`**`, `*`, `{a,b}`) as a regular expression over a path. */
function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (glob.startsWith('**/', i)) {
      re += '(?:.*/)?';
      i += 2;
    } else if (c === '*') re += '[^/]*';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',') re += '|';
    else re += c.replace(/[.+?^$()[\]\\|]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** yamlValidation's fileMatch: a pattern matches the name anywhere in the tree; `!` patterns take names out. */
function fileMatches(fileMatch: string[], file: string): boolean {
  const glob = (p: string) => globRegExp('**/' + p.replace(/^\//, ''));
  const positive = fileMatch.filter((p) => !p.startsWith('!'));
  const negative = fileMatch.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  return positive.some((p) => glob(p).test(file)) && !negative.some((p) => glob(p).test(file));
}

describe('which files are filters files and filter test files (protocol/filtersFiles.ts)', () => {
  const inTree = (name: string) => `ws/flink-jobs/${name}`;

  it('sorts names into filters files, test files and neither', () => {
    for (const n of FILTERS) assert.deepStrictEqual([isFiltersFileName(n), isFilterTestFileName(n)], [true, false], n);
    for (const n of TESTS) assert.deepStrictEqual([isFiltersFileName(n), isFilterTestFileName(n)], [false, true], n);
    for (const n of NEITHER) assert.deepStrictEqual([isFiltersFileName(n), isFilterTestFileName(n)], [false, false], n);
  });

  it('keeps the rule the server and the CLI had for every name', () => {
    for (const n of [...FILTERS, ...TESTS, ...NEITHER])
      assert.strictEqual(isFiltersFileName(n), serverRuleBefore(n), n);
  });

  it('reads the name from a path (either separator) or a URI', () => {
    assert.strictEqual(baseName('/ws/flink-jobs/filters.yaml'), 'filters.yaml');
    assert.strictEqual(baseName('C:\\ws\\flink-jobs\\filters-x.yml'), 'filters-x.yml');
    assert.strictEqual(baseName('file:///ws/flink%20jobs/filters%20loans.yaml'), 'filters loans.yaml');
    assert.strictEqual(baseName('file:///ws/filters.yaml?query#fragment'), 'filters.yaml');
    assert.strictEqual(baseName('untitled:filters.yaml'), 'filters.yaml');
    assert.ok(isFiltersFile('file:///c%3A/ws/flink-jobs/filters.yaml'));
    assert.ok(isFilterTestFile('/ws/flink-jobs/filters.test.yaml'));
    // a folder named filters… does not make its files filters files
    assert.ok(!isFiltersFile('/ws/filters-dir/routing.yaml'));
    assert.ok(!isFilterTestFile('/ws/filters-dir/routing.test.yaml'));
  });

  it('has globs that select the same files as the predicates', () => {
    const family = FILTERS_FAMILY_GLOBS.map(globRegExp);
    const tests = globRegExp(FILTER_TEST_FILES_GLOB);
    for (const n of [...FILTERS, ...TESTS, ...NEITHER]) {
      const file = inTree(n);
      assert.strictEqual(
        family.some((g) => g.test(file)),
        isFiltersFileName(n) || isFilterTestFileName(n),
        n,
      );
      assert.strictEqual(tests.test(file), isFilterTestFileName(n), n);
      assert.strictEqual(tests.test(n), isFilterTestFileName(n), `${n} at the root`);
    }
  });

  describe('a document of any name is a filters file by its content', () => {
    const doc = (uri: string, text: string, languageId?: string) => isFiltersDocument({ uri, text, languageId });
    const rules = 'filters:\n  - id: a\n    outputTopic: t\n';

    it('a top-level filters: list (block, flow, still empty) makes routes.yaml a filters file', () => {
      assert.ok(doc('file:///ws/routes.yaml', rules));
      assert.ok(doc('file:///ws/orders-routing.yml', `# rules\nsource:\n  topic: x\n\nfilters:   # all\n\n- id: a\n`));
      assert.ok(doc('file:///ws/routes.yaml', 'source: {topic: x}\nfilters: [{id: a}]\n'));
      assert.ok(doc('file:///ws/routes.yaml', 'source:\n  topic: x\nfilters:\n'), 'a file being written');
      assert.ok(doc('file:///ws/routes.yaml', 'filters:\r\n  - id: a\r\n'), 'Windows line ends');
      assert.ok(doc('untitled:Untitled-1', rules, 'yaml'), 'an untitled YAML document');
    });

    it('other YAML, test files, nested or scalar filters: keys and non-YAML files are not', () => {
      assert.ok(!doc('file:///ws/notes.yaml', 'owner: loans\nfield: eventHeader.eventName\n'));
      assert.ok(!doc('file:///ws/app.yaml', 'search:\n  filters:\n    - name\n'), 'nested key');
      assert.ok(!doc('file:///ws/app.yaml', 'filters: name,age\n'), 'a scalar');
      assert.ok(!doc('file:///ws/app.yaml', 'filters:\n  byName: true\n'), 'a mapping');
      assert.ok(!doc('file:///ws/app.yaml', 'filtersExtra:\n  - a\n'), 'another key');
      assert.ok(!doc('file:///ws/filters.test.yaml', 'filters: ./filters.yaml\ntests: []\n'));
      assert.ok(!doc('file:///ws/routes.json', rules, 'json'), 'not YAML');
      assert.ok(!doc('untitled:Untitled-1', rules, 'plaintext'));
      assert.ok(doc('file:///ws/filters.yaml', ''), 'a filters*.yaml name is one even while empty');
      assert.ok(!hasTopLevelFiltersList(''));
    });
  });

  describe("package.json's literal copies agree with the definition", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      activationEvents: string[];
      contributes: {
        configuration: Category | Category[];
        menus: Record<string, { command: string; when?: string }[]>;
        yamlValidation: { fileMatch: string[]; url: string }[];
      };
    };
    const setting = (key: string) =>
      ([] as Category[])
        .concat(manifest.contributes.configuration)
        .map((c) => c.properties[key])
        .find((p) => p !== undefined);

    it('cdcRouting.files defaults to the filters family, in one glob', () => {
      assert.deepStrictEqual(setting('cdcRouting.files')?.default, FILES_SETTING_DEFAULT);
      const family = FILTERS_FAMILY_GLOBS.map(globRegExp);
      const [glob] = FILES_SETTING_DEFAULT.map(globRegExp);
      for (const n of [...FILTERS, ...TESTS, ...NEITHER])
        assert.strictEqual(
          glob.test(inTree(n)),
          family.some((g) => g.test(inTree(n))),
          n,
        );
    });

    it('the editor title buttons and the palette entries show for open filters files only', () => {
      const when = 'resourcePath in cdcRouting.filtersFiles';
      const buttons = manifest.contributes.menus['editor/title'];
      assert.deepStrictEqual(
        buttons.map((b) => b.command),
        ['cdcRouting.previewSql', 'cdcRouting.previewRoutedOutput'],
      );
      for (const b of buttons) assert.strictEqual(b.when, when, b.command);
      const palette = manifest.contributes.menus.commandPalette;
      for (const command of ['cdcRouting.previewSql', 'cdcRouting.previewRoutedOutput', 'cdcRouting.generateSqlFile'])
        assert.strictEqual(palette.find((p) => p.command === command)?.when, when, command);
      assert.ok(!JSON.stringify(manifest.contributes.menus).includes('editorLangId == yaml'));
    });

    it('the extension activates in a workspace holding any filters or test file, and not on every YAML file', () => {
      for (const glob of FILTERS_FAMILY_GLOBS)
        assert.ok(manifest.activationEvents.includes(`workspaceContains:${glob}`));
      assert.ok(!manifest.activationEvents.some((e) => /^onLanguage:|^\*$|^onStartupFinished$/.test(e)));
    });

    it('yamlValidation gives each schema only files of its kind', () => {
      const bySchema = (url: string) => manifest.contributes.yamlValidation.find((v) => v.url === url)!.fileMatch;
      const filtersSchema = bySchema('./schemas/filters.schema.json');
      const testSchema = bySchema('./schemas/filters.test.schema.json');
      for (const n of [...FILTERS, ...TESTS, ...NEITHER]) {
        if (fileMatches(filtersSchema, inTree(n))) assert.ok(isFiltersFileName(n), `filters schema on ${n}`);
        if (fileMatches(testSchema, inTree(n))) assert.ok(isFilterTestFileName(n), `test schema on ${n}`);
      }
      for (const n of ['filters.yaml', 'filters-examples.yaml']) assert.ok(fileMatches(filtersSchema, inTree(n)), n);
      for (const n of ['filters.test.yaml', 'filters-loans.test.yaml'])
        assert.ok(fileMatches(testSchema, inTree(n)), n);
    });
  });
});
