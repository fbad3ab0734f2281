// Scenario 1: opening flink-jobs/filters.yaml activates the extension, the file gets the extension's
// language, and the Outline view lists the filters by id; the Avro schema opens as JSON.
import * as assert from 'node:assert/strict';
import { expectedLanguageMode, filterIds } from '../lib/fixture';
import { openWorkspace } from '../lib/session';
import { UI_TIMEOUT } from '../lib/workbench';

const FILE = 'flink-jobs/filters.yaml';

describe('Scenario 1: open flink-jobs/filters.yaml', function () {
  it('activates the extension and the outline lists the filters by id', async function () {
    const workbench = await openWorkspace('01-openFilters');
    await workbench.step('workspace-open');

    await workbench.openFile(FILE);
    // The language the manifest contributes for filters*.yaml, or YAML when it only attaches to YAML files.
    assert.equal(
      await workbench.languageMode(),
      expectedLanguageMode('filters.yaml', 'YAML'),
      'status bar language of filters.yaml',
    );
    await workbench.step('filters-yaml-open');

    // Symbols come from the language server (VS Code itself has no YAML outline): seeing them proves the
    // extension activated and its server answers.
    const ids = filterIds(workbench.folder, FILE);
    const outline = await workbench.outline((items) => ids.every((id) => items.some((item) => item.label === id)));
    await workbench.step('outline');
    const topLevel = outline.filter((item) => item.level === 1).map((item) => item.label);
    assert.deepEqual(
      topLevel.filter((label) => ids.includes(label)),
      ids,
      `outline rows: ${JSON.stringify(outline)}`,
    );

    // The Avro schema the filters are checked against opens as JSON (highlighting, folding), not as plain text.
    await workbench.openFile('schemas/raw-event.avsc');
    await workbench.poll(
      () => workbench.languageMode(),
      (mode) => mode === 'JSON',
      'raw-event.avsc in the JSON language mode',
      UI_TIMEOUT,
    );
    await workbench.step('schema-as-json');
  });
});
