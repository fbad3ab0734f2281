import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  baseName,
  FILTER_TEST_FILES_GLOB,
  FILTERS_FAMILY_GLOBS,
  FILTERS_FAMILY_NAME,
  isFilterTestFile,
  isFilterTestFileName,
  isFiltersFile,
  isFiltersFileName,
  TEST_FILE_SUFFIX,
} from '../../../server/src/protocol';

const REPO = path.resolve(__dirname, '../../..');

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

  describe("package.json's literal copies agree with the definition", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      activationEvents: string[];
      contributes: {
        menus: Record<string, { command: string; when?: string }[]>;
        yamlValidation: { fileMatch: string[]; url: string }[];
      };
    };

    it('the editor title buttons show for filters files only', () => {
      const when = `resourceFilename =~ /${FILTERS_FAMILY_NAME.source}/ && !(resourceFilename =~ /${TEST_FILE_SUFFIX.source}/)`;
      const buttons = manifest.contributes.menus['editor/title'];
      assert.deepStrictEqual(
        buttons.map((b) => b.command),
        ['cdcRouting.previewSql', 'cdcRouting.previewRoutedOutput'],
      );
      for (const b of buttons) assert.strictEqual(b.when, when, b.command);
      // and VS Code's regex reads them as the predicate does
      const [, family, suffix] = when.match(/=~ \/(.*)\/ && !\(resourceFilename =~ \/(.*)\/\)$/)!;
      for (const n of [...FILTERS, ...TESTS, ...NEITHER])
        assert.strictEqual(new RegExp(family).test(n) && !new RegExp(suffix).test(n), isFiltersFileName(n), n);
    });

    it('the extension activates in a workspace holding any filters or test file', () => {
      for (const glob of FILTERS_FAMILY_GLOBS)
        assert.ok(manifest.activationEvents.includes(`workspaceContains:${glob}`));
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
