// Scenario 3: an unknown field and a bad regular expression show in the Problems panel at their
// lines; the quick fix on the unknown field corrects it.
import * as assert from 'node:assert/strict';
import { find } from '../lib/fixture';
import { openWorkspace } from '../lib/session';
import type { Problem } from '../lib/workbench';

const FILE = 'flink-jobs/filters.yaml';
/** The server's words for "^Car(Created|Updated": an unclosed group. */
const BAD_REGEX = /unclosed group|regular expression|regex/i;

describe('Scenario 3: problems and quick fix', function () {
  it('lists an unknown field and a bad regex at their lines; the quick fix corrects the field', async function () {
    const workbench = await openWorkspace('03-problemsQuickFix');
    await workbench.openFile(FILE);
    await workbench.outline((items) => items.some((item) => item.label === 'car-events-filter')); // server ready

    // A typo in loan-events-filter's field path...
    const field = find(workbench.folder, FILE, 'eventHeader.eventName', '- id: loan-events-filter');
    await workbench.replaceToLineEnd(field.line, field.column, 'eventHeader.evntName');
    // ...and car-events-filter turned into a pattern match with an unclosed group.
    const operator = find(workbench.folder, FILE, 'operator: in', '- id: car-events-filter');
    const values = find(workbench.folder, FILE, 'values:', '- id: car-events-filter');
    await workbench.replaceToLineEnd(operator.line, operator.column + 'operator: '.length, 'matches');
    await workbench.replaceToLineEnd(values.line, values.column, 'value: ^Car(Created|Updated');
    await workbench.closeSuggestions();
    await workbench.step('typed-mistakes');
    const typed = await workbench.visibleText('filters.yaml');
    assert.ok(
      typed.includes('operator: matches\n') && typed.includes('value: ^Car(Created|Updated\n'),
      `typed as intended:\n${typed}`,
    );

    // Wait for the server's answer to the final text (intermediate edits had problems of their own).
    const isUnknownField = (p: Problem) => p.line === field.line && /evntName/.test(p.message);
    const isBadRegex = (p: Problem) => p.line === values.line && BAD_REGEX.test(p.message);
    const problems = await workbench.waitForProblems((list) => list.some(isUnknownField) && list.some(isBadRegex));
    await workbench.step('problems-panel');
    const unknownField = problems.find(isUnknownField);
    const badRegex = problems.find(isBadRegex);
    assert.ok(unknownField, `a problem on line ${field.line} (the unknown field): ${JSON.stringify(problems)}`);
    assert.equal(unknownField.severity, 'error');
    assert.ok(badRegex, `a problem on line ${values.line} (the bad regex): ${JSON.stringify(problems)}`);
    assert.equal(badRegex.severity, 'error');

    await workbench.goToLine(field.line, field.column + 'eventHeader.'.length + 1);
    const fixes = await workbench.quickFixes();
    await workbench.step('quick-fix-menu');
    const fix = fixes.find((title) => title.includes('eventHeader.eventName'));
    assert.ok(fix, `a quick fix to eventHeader.eventName: ${fixes.join(' | ')}`);
    await workbench.applyQuickFix(fix);

    const after = await workbench.waitForProblems((list) => !list.some((p) => p.line === field.line));
    await workbench.step('fixed');
    const text = await workbench.visibleText('filters.yaml');
    assert.ok(text.includes('- field: eventHeader.eventName\n'), `the field is corrected on screen:\n${text}`);
    assert.ok(
      !after.some((p) => p.line === field.line),
      `no problem left on line ${field.line}: ${JSON.stringify(after)}`,
    );
    assert.ok(after.some(isBadRegex), 'the bad regex is still listed');

    // The outline follows the edit too (its condition row names the corrected field).
    const outline = await workbench.outline(
      (items) =>
        items.some((item) => item.level === 2 && item.label.startsWith('eventHeader.eventName')) &&
        !items.some((item) => item.label.includes('evntName')),
    );
    await workbench.step('outline-after-fix');
    assert.ok(
      !outline.some((item) => item.label.includes('evntName')),
      `the outline no longer shows the typo: ${JSON.stringify(outline)}`,
    );
  });
});
