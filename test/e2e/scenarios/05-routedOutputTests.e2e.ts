// Scenario 5: the routed-output webview counts the sample events per filter as the CodeLenses do;
// the filter tests run in the Test Explorer, fail when a filter is edited against them, pass again
// once reverted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { filterIds, find } from '../lib/fixture';
import { openWorkspace } from '../lib/session';
import type { TestRow } from '../lib/workbench';

const FILE = 'flink-jobs/filters.yaml';
const TESTS = 'flink-jobs/filters.test.yaml';
/** The case that tests the strict threshold; raising the threshold to its amount makes it fail. */
const THRESHOLD_CASE = 'A loan of 100 000.01 is high-value';

/** "matches 63 of 269 samples (23.4%)" or "63 of 269 (23.4%)" → [63, 269]. */
function counts(text: string): [number, number] | undefined {
  const match = /(\d+) of (\d+)/.exec(text);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

describe('Scenario 5: routed output and filter tests', function () {
  it('shows per-filter counts equal to the CodeLenses, and runs the filter tests in the Test Explorer', async function () {
    const workbench = await openWorkspace('05-routedOutputTests');
    const ids = filterIds(workbench.folder, FILE);
    const cases = (
      parse(fs.readFileSync(path.join(workbench.folder, TESTS), 'utf8')) as { tests: { name: string }[] }
    ).tests.map((t) => t.name);
    assert.ok(cases.includes(THRESHOLD_CASE), `the example tests the threshold: ${THRESHOLD_CASE}`);
    await workbench.openFile(FILE);
    await workbench.outline((items) => items.some((item) => item.label === ids[ids.length - 1])); // server ready

    // The `matches N of M samples` CodeLens above each filter (scrolling to each: only visible lines have lenses).
    const lensCounts = new Map<string, [number, number]>();
    for (const id of ids) {
      const at = find(workbench.folder, FILE, `- id: ${id}`);
      await workbench.goToLine(at.line);
      const rows = await workbench.waitForCodeLenses('filters.yaml', (list) =>
        list.some((row) => row.line === at.line && row.titles.some((t) => /^matches \d+ of \d+ samples?/.test(t))),
      );
      const title = rows.find((row) => row.line === at.line)?.titles.find((t) => /^matches \d+ of \d+/.test(t));
      assert.ok(title, `a "matches N of M samples" CodeLens above ${id} (line ${at.line}): ${JSON.stringify(rows)}`);
      lensCounts.set(id, counts(title)!);
      process.stderr.write(`      lens of ${id}: ${title}\n`);
    }
    await workbench.goToLine(1);
    await workbench.step('routing-codelenses');

    // The webview, from the command palette.
    await workbench.runCommand('CDC Routing: Preview Routed Output');
    const view = workbench.webview();
    const filterRows = view.locator('#panel-filters details.filter > summary');
    const readRows = () =>
      filterRows
        .evaluateAll((elements) =>
          elements.map((element) => {
            const summary = element as unknown as {
              querySelector(selector: string): { textContent: string | null } | null;
            };
            return {
              id: (summary.querySelector('.label')?.textContent ?? '').trim(),
              count: (summary.querySelector('.count')?.textContent ?? '').trim(),
            };
          }),
        )
        .catch(() => [] as { id: string; count: string }[]);
    const rows = await workbench.poll(readRows, (list) => list.length === ids.length, 'the routed-output webview');
    const summary = (await view.locator('#summary').innerText()).trim();
    await workbench.step('routed-output-webview');
    assert.match(summary, /\d+ sample events/, `the webview's summary: ${summary}`);
    assert.deepEqual(
      rows.map((row) => row.id),
      ids,
      `one row per filter, in file order: ${JSON.stringify(rows)}`,
    );
    for (const row of rows) {
      process.stderr.write(`      webview ${row.id}: ${row.count}\n`);
      assert.deepEqual(
        counts(row.count),
        lensCounts.get(row.id),
        `${row.id}: webview "${row.count}" vs CodeLens ${JSON.stringify(lensCounts.get(row.id))}`,
      );
    }

    // The filter tests, in the Test Explorer: all pass.
    const cases_ = (list: TestRow[]) => list.filter((row) => row.level > 1);
    const settled = (list: TestRow[]) =>
      cases_(list).length === cases.length &&
      cases_(list).every((row) => ['passed', 'failed', 'errored'].includes(row.state));
    await workbench.testRows(); // the view, so the run shows there
    await workbench.runCommand('Test: Run All Tests');
    const firstRun = await workbench.waitForTestRows(
      (list) => settled(list) && cases_(list).every((row) => row.state === 'passed'),
    );
    await workbench.step('tests-all-pass');
    assert.equal(cases_(firstRun).length, cases.length, `every case is listed: ${JSON.stringify(firstRun)}`);
    assert.deepEqual(
      cases_(firstRun).filter((row) => row.state !== 'passed'),
      [],
      'every case passes',
    );

    // Raise high-value-loan-filter's threshold to the amount of the threshold case (unsaved: the
    // server tests the text on screen).
    await workbench.runCommand('View: Focus First Editor Group');
    const threshold = find(workbench.folder, FILE, 'value: 100000', '- id: high-value-loan-filter');
    await workbench.replaceToLineEnd(threshold.line, threshold.column, 'value: 100000.01');
    await workbench.closeSuggestions();
    assert.ok(
      (await workbench.visibleText('filters.yaml')).includes('value: 100000.01\n'),
      'the threshold is edited on screen',
    );
    // The test file beside it, so the failure shows at its case.
    await workbench.openFile(TESTS, { toSide: true }); // into the webview's group, beside filters.yaml
    await workbench.runCommand('Test: Run All Tests');
    const failedRun = await workbench.waitForTestRows(
      (list) => settled(list) && cases_(list).some((row) => row.state === 'failed'),
    );
    const failed = cases_(failedRun).filter((row) => row.state !== 'passed');
    process.stderr.write(`      not passing: ${JSON.stringify(failed)}\n`);
    assert.deepEqual(
      failed.map((row) => row.label),
      [THRESHOLD_CASE],
      `only the threshold case fails: ${JSON.stringify(failedRun)}`,
    );
    assert.equal(failed[0].state, 'failed');
    // The failure with expected vs actual, in the Test Results panel, for the failing case.
    const failure = await workbench.testFailure(
      THRESHOLD_CASE,
      (text) =>
        /routedTo: \[filtered-loan-events, filtered-high-value-loans\]/.test(text) &&
        /routed to: \[filtered-loan-events\]/.test(text),
    );
    process.stderr.write(`      Test Results panel: ${JSON.stringify(failure.slice(0, 800))}\n`);
    await workbench.step('test-fails-expected-vs-actual');
    assert.match(failure, /expected routing to filtered-high-value-loans/, `the failure message:\n${failure}`);
    assert.match(failure, /routedTo: \[filtered-loan-events, filtered-high-value-loans\]/, `expected:\n${failure}`);
    assert.match(failure, /routed to: \[filtered-loan-events\]/, `actual:\n${failure}`);

    // Revert the threshold: the case passes again.
    await workbench.runCommand('View: Focus First Editor Group');
    await workbench.replaceToLineEnd(threshold.line, threshold.column, 'value: 100000');
    await workbench.closeSuggestions();
    assert.ok(
      (await workbench.visibleText('filters.yaml')).includes('value: 100000\n'),
      'the threshold is reverted on screen',
    );
    await workbench.runCommand('Test: Run All Tests');
    const thirdRun = await workbench.waitForTestRows(
      (list) => settled(list) && cases_(list).every((row) => row.state === 'passed'),
    );
    await workbench.step('tests-pass-again');
    assert.deepEqual(
      cases_(thirdRun).filter((row) => row.state !== 'passed'),
      [],
      'every case passes again',
    );
  });
});
