// Scenario 4: the generated Flink SQL beside filters.yaml, live while the filters are edited; the
// `Show SQL` CodeLens of a filter scrolls the preview to that filter's INSERT.
import * as assert from 'node:assert/strict';
import { filterIds, find } from '../lib/fixture';
import { openWorkspace } from '../lib/session';
import type { Workbench } from '../lib/workbench';

const FILE = 'flink-jobs/filters.yaml';
/** The preview's URI scheme (client/src/sqlPreview.ts): a virtual, read-only document. */
const SQL_SCHEME = 'cdc-routing-sql';
/** The car filter's place in the one routing INSERT: the comment line above its CASE. */
const CAR_INSERT = '-- car-events-filter: Car Events Filter -> filtered-car-events (car-consumer)';

describe('Scenario 4: SQL preview', function () {
  // One workbench for the steps below, in order (mocha runs a describe's tests in order).
  let workbench: Workbench;
  const preview = () => workbench.editorOfScheme(SQL_SCHEME);

  it('opens the generated SQL beside filters.yaml from the command palette', async function () {
    workbench = await openWorkspace('04-sqlPreview');
    await workbench.openFile(FILE);
    await workbench.outline((items) => items.some((item) => item.label === 'car-events-filter')); // server ready
    assert.ok(filterIds(workbench.folder, FILE).includes('car-events-filter'));

    // The preview, from the command palette: beside the filters file, in the Flink SQL language.
    await workbench.runCommand('CDC Routing: Preview Generated SQL');
    await preview().locator('.view-lines .view-line').first().waitFor({ timeout: 60_000 });
    const tab = workbench.page.locator('.tabs-container .tab', { hasText: '(flink).sql' }).first();
    await tab.waitFor({ timeout: 60_000 });
    const title = (await tab.innerText()).replace(/\s*\n\s*/g, '').trim(); // name and extension are separate elements
    assert.match(title, /^filters \(flink\)\.sql/, `the preview's tab title: ${title}`);
    assert.ok(
      await workbench.editor('filters.yaml').isVisible(),
      'filters.yaml stays visible: the preview opens beside it',
    );
    await workbench.step('sql-preview-opened');

    // The statement set and the car filter's INSERT, found as a person would (Ctrl+F in the preview).
    await workbench.findInEditor(preview(), 'EXECUTE STATEMENT SET');
    const statementSet = await workbench.poll(
      () => workbench.visibleTextOf(preview()),
      (text) => text.includes('EXECUTE STATEMENT SET') && text.includes(CAR_INSERT),
      'the SQL preview',
    );
    await workbench.step('statement-set');
    assert.ok(
      statementSet.includes('EXECUTE STATEMENT SET'),
      `the preview shows EXECUTE STATEMENT SET:\n${statementSet}`,
    );
    assert.ok(statementSet.includes(CAR_INSERT), `the preview shows the car filter's CASE:\n${statementSet}`);
    assert.ok(!statementSet.includes("'CarSold'"), 'no CarSold before the edit');
  });

  it('follows an edit of a filter without being reopened', async function () {
    // Edit car-events-filter: "CarSold" joins its values. The preview follows without reopening it.
    await workbench.runCommand('View: Focus First Editor Group');
    const values = find(workbench.folder, FILE, 'CarUpdated', '- id: car-events-filter');
    await workbench.replaceToLineEnd(values.line, values.column, 'CarUpdated", "CarSold"]');
    await workbench.closeSuggestions();
    const edited = await workbench.visibleText('filters.yaml');
    assert.ok(edited.includes('values: ["CarCreated", "CarUpdated", "CarSold"]\n'), `typed as intended:\n${edited}`);
    // Wait for the whole WHERE, not just 'CarSold': typing refreshes the preview per keystroke, and it must
    // settle on exactly the SQL of the final text (an early version showed interleaved old and new text).
    const carWhere = /IN \('CarCreated', 'CarUpdated', 'CarSold'\)/;
    const live = await workbench.poll(
      () => workbench.visibleTextOf(preview()),
      (text) => carWhere.test(text),
      'the SQL preview',
    );
    await workbench.step('preview-follows-edit');
    assert.ok(live.includes("'CarSold'"), `the preview shows 'CarSold' after the edit:\n${live}`);
    assert.match(live, carWhere, `the car filter's WHERE lists CarSold:\n${live}`);
  });

  it("scrolls the preview to a filter's INSERT from its Show SQL CodeLens", async function () {
    // Scroll the preview back to its top (the car INSERT is then off screen)...
    await preview().locator('.view-lines').click();
    await workbench.page.keyboard.press('Control+Home');
    const top = await workbench.poll(
      () => workbench.visibleTextOf(preview()),
      (text) => !text.includes(CAR_INSERT),
      'the SQL preview at its top',
    );
    assert.ok(!top.includes(CAR_INSERT), `the car INSERT is off screen at the top of the preview:\n${top}`);
    await workbench.step('preview-at-top');

    // ...then the car filter's `Show SQL` CodeLens in filters.yaml brings it into view.
    await workbench.runCommand('View: Focus First Editor Group');
    const car = find(workbench.folder, FILE, '- id: car-events-filter');
    await workbench.goToLine(car.line);
    const lenses = await workbench.waitForCodeLenses('filters.yaml', (rows) =>
      rows.some((row) => row.line === car.line && row.titles.includes('Show SQL')),
    );
    assert.ok(
      lenses.some((row) => row.line === car.line && row.titles.includes('Show SQL')),
      `a Show SQL CodeLens above line ${car.line}: ${JSON.stringify(lenses)}`,
    );
    await workbench.step('show-sql-codelens');
    await workbench.clickCodeLens('filters.yaml', car.line, 'Show SQL');
    const revealed = await workbench.poll(
      () => workbench.visibleTextOf(preview()),
      (text) => text.includes(CAR_INSERT),
      'the SQL preview after Show SQL',
    );
    await workbench.step('show-sql-revealed');
    assert.ok(revealed.includes(CAR_INSERT), `the preview scrolled to the car filter's INSERT:\n${revealed}`);
    // The cursor is put on the filter's CASE, under its comment (the preview has the focus: the status bar shows
    // its line).
    const cursor = await workbench.cursor();
    const lines = await workbench.visibleLinesOf(preview());
    const atCursor = lines.find((l) => l.line === cursor.line);
    const above = lines.find((l) => l.line === cursor.line - 1);
    assert.ok(
      above?.text.trim() === CAR_INSERT && atCursor?.text.trim().startsWith('CASE WHEN '),
      `the cursor (line ${cursor.line}) is on the car filter's CASE: ${JSON.stringify([above, atCursor])}`,
    );
  });
});
