// Scenario 2: typing a new condition with the keyboard only; completion offers Avro field paths,
// then the operators that fit the chosen field's type (accepting one writes its `value:` line), then the
// values of its enum.
import * as assert from 'node:assert/strict';
import { avroTopLevelFields, find } from '../lib/fixture';
import { openWorkspace } from '../lib/session';
import type { Problem } from '../lib/workbench';

const FILE = 'flink-jobs/filters.yaml';

describe('Scenario 2: type a new condition with completion', function () {
  it('completes field path, operator for its type and enum value', async function () {
    const workbench = await openWorkspace('02-completeCondition');
    await workbench.openFile(FILE);
    await workbench.outline((items) => items.some((item) => item.label === 'car-events-filter')); // server ready

    // After the last line of car-events-filter's only condition, start a second one.
    const lastLine = find(workbench.folder, FILE, 'values:', '- id: car-events-filter');
    const itemIndent = find(workbench.folder, FILE, '- field:', '- id: car-events-filter').column - 1;
    await workbench.goToLine(lastLine.line);
    await workbench.newLineBelow(itemIndent, '- field: ');
    await workbench.step('typed-field-key');

    const fields = await workbench.completionLabels('eventHeader.eventName');
    await workbench.step('field-completion');
    assert.ok(
      fields.includes('eventHeader.eventName'),
      `field completion shows eventHeader.eventName: ${fields.join(', ')}`,
    );
    const roots = avroTopLevelFields(workbench.folder, 'schemas/raw-event.avsc');
    const isFieldPath = (label: string) => roots.some((root) => label === root || label.startsWith(`${root}.`));
    assert.ok(fields.every(isFieldPath), `only paths into ${roots.join('/')}: ${fields.join(', ')}`);

    // Narrow to the enum field and accept it with the keyboard.
    await workbench.type('eventHeader.chan');
    const narrowed = await workbench.completionLabels('eventHeader.channel');
    await workbench.step('field-completion-narrowed');
    assert.ok(
      narrowed.includes('eventHeader.channel'),
      `eventHeader.channel offered for "eventHeader.chan": ${narrowed.join(', ')}`,
    );
    await workbench.acceptCompletion('eventHeader.channel');
    await workbench.step('field-accepted');

    await workbench.newLineBelow(itemIndent + 2, 'operator: ');
    const operators = await workbench.completionLabels('equals');
    await workbench.step('operator-completion');
    for (const fits of ['equals', 'in', 'notIn', 'matches'])
      assert.ok(operators.includes(fits), `${fits} offered for an enum: ${operators.join(', ')}`);
    for (const misfit of ['greaterThan', 'lessThan', 'between', 'withinLast'])
      assert.ok(!operators.includes(misfit), `${misfit} not offered for an enum: ${operators.join(', ')}`);
    await workbench.acceptCompletion('equals');
    await workbench.step('operator-accepted');

    // accepting the operator wrote its operand key on the next line and left the cursor after `value: `
    const values = await workbench.completionLabels('MOBILE');
    await workbench.step('value-completion');
    assert.deepEqual([...values].sort(), ['API', 'BATCH', 'BRANCH', 'MOBILE', 'WEB'], 'the symbols of enum Channel');
    await workbench.acceptCompletion('MOBILE');
    await workbench.step('condition-complete');

    const text = await workbench.visibleText('filters.yaml');
    const pad = ' '.repeat(itemIndent);
    assert.ok(
      text.includes(`${pad}- field: eventHeader.channel\n${pad}  operator: equals\n${pad}  value: MOBILE`),
      `the editor shows the new condition:\n${text}`,
    );
    // While the condition lacked its value the server reported it; once complete, nothing is left there.
    const newLines = [lastLine.line + 1, lastLine.line + 2, lastLine.line + 3];
    const onNewLines = (list: Problem[]) => list.filter((problem) => newLines.includes(problem.line));
    const problems = await workbench.waitForProblems((list) => onNewLines(list).length === 0);
    await workbench.step('no-problems');
    assert.deepEqual(onNewLines(problems), [], 'no problem on the new condition');
  });
});
