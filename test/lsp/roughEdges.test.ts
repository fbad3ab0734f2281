import * as assert from 'assert';
import type { CodeAction, CodeLens, CompletionItem, Hover } from 'vscode-languageserver-protocol';
import { closeCopy, fileUri, openCopy, positionOf, type Diag, type LspSession } from './lspSession';

/** The rough edges a newcomer hit in completion, hover, lenses and value checks (issue 15), over LSP. */
describe('wording and value hints over LSP', () => {
  let session: LspSession;
  let ws: string;
  let file: string;
  let original: string;
  const CAR =
    '      - field: eventHeader.eventName\n        operator: in\n        values: ["CarCreated", "CarUpdated"]';

  before(async () => {
    ({ session, ws, file, original } = await openCopy('examples/cdc-streaming', 'flink-jobs/filters.yaml'));
  });
  after(() => closeCopy(session, ws));

  const uri = () => fileUri(file);
  const at = (text: string, needle: string, delta = needle.length) => ({
    textDocument: { uri: uri() },
    position: positionOf(text, needle, delta),
  });
  const completion = async (text: string, needle: string, delta?: number) => {
    await session.open(file, text);
    return session.request<CompletionItem[]>('textDocument/completion', at(text, needle, delta));
  };

  it('operator completion says what each needs, in whole words', async () => {
    const text = original.replace(
      CAR,
      '      - field: eventBody.entities[].updatedAttributes.loanAmount\n        operator: ',
    );
    const items = await completion(text, 'loanAmount\n        operator: ');
    const detail = (label: string) => items.find((i) => i.label === label)?.detail;
    assert.strictEqual(detail('greaterThan'), 'needs one value (value: x)');
    assert.strictEqual(detail('in'), 'needs a list of values (values: [a, b])');
    assert.strictEqual(detail('between'), 'needs two bounds (values: [low, high])');
    assert.strictEqual(detail('exists'), 'needs no value');
    assert.ok(!items.some((i) => /takes/i.test(i.detail ?? '')), 'no "takes value:"');
  });

  it('accepting `in` with no operand yet also writes `values: []`, at the condition’s indentation', async () => {
    const text = original.replace(CAR, '      - field: eventHeader.channel\n        operator: i');
    const items = await completion(text, 'channel\n        operator: i');
    const item = items.find((i) => i.label === 'in')!;
    const edit = item.textEdit as { newText: string };
    assert.strictEqual(edit.newText, 'in\n        values: [$1]');
    assert.deepStrictEqual([item.insertTextFormat, item.insertTextMode], [2, 1], 'a snippet inserted as it is');
    assert.strictEqual(item.command?.command, 'editor.action.triggerSuggest', 'the values are offered next');
    const amount = original.replace(
      CAR,
      '      - field: eventBody.entities[].updatedAttributes.loanAmount\n        operator: ',
    );
    const between = (await completion(amount, 'loanAmount\n        operator: ')).find((i) => i.label === 'between')!;
    assert.strictEqual(
      (between.textEdit as { newText: string }).newText,
      'between\n        values: [${1:low}, ${2:high}]',
    );
    // on a "- operator:" line the keys start after the dash
    const dashed = original.replace(CAR, '      - operator: \n        field: eventHeader.channel');
    const onDash = (await completion(dashed, '- operator: ')).find((i) => i.label === 'equals')!;
    assert.strictEqual((onDash.textEdit as { newText: string }).newText, 'equals\n        value: $1');
    // with the operand already there, only the name
    const present = (await completion(original, 'values: ["CarCreated"', -'\n        '.length)).find(
      (i) => i.label === 'notIn',
    )!;
    assert.strictEqual((present.textEdit as { newText: string }).newText, 'notIn');
    assert.strictEqual(present.insertTextFormat, 1);
  });

  it('operator hover says what it needs; a field error’s hover does not repeat the diagnostic', async () => {
    await session.open(file, original);
    const h = await session.request<Hover>('textDocument/hover', at(original, 'operator: in', 'operator: '.length + 1));
    const md = (h.contents as { value: string }).value;
    assert.match(md, /Needs a list of values, written `values: \[a, b\]`\./);
    assert.doesNotMatch(md, /Takes/);

    const typo = original.replace(CAR, CAR.replace('eventHeader.eventName', 'eventHeader.evntName'));
    const diagnostics = await session.open(file, typo);
    const error = diagnostics.find((d) => d.code === 'unknown-field')!;
    const onTypo = await session.request<Hover | null>('textDocument/hover', at(typo, 'eventHeader.evntName', 14));
    const text = (onTypo?.contents as { value: string } | undefined)?.value ?? '';
    assert.ok(!text.includes('Unknown field') && !text.includes(error.message), `no repeat: ${text}`);
    assert.match(text, /Fields here: .*`eventName`/);
  });

  it('while a path is being typed, the lens and the diagnostic say it is unfinished, with no odd guess', async () => {
    const typing = original.replace(CAR, CAR.replace('eventHeader.eventName', 'eventHeader.'));
    const diagnostics = await session.open(file, typing);
    const d = diagnostics.find((x) => x.code === 'unknown-field')!;
    assert.strictEqual(d.message, '"eventHeader." needs a field name after the dot.');
    assert.strictEqual(d.data, undefined, 'no quick fix to the path it already is');
    const lenses = await session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uri() } });
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(
      titles.includes('No SQL: "eventHeader." needs a field name after the dot.'),
      `lenses: ${titles.join(' | ')}`,
    );
    assert.ok(!titles.some((t) => /Did you mean "eventHeader"/.test(t)));
  });

  const valueHint = (diagnostics: Diag[]) => diagnostics.find((d) => d.code === 'value-not-in-samples');
  const fixOf = async (d: Diag) => {
    const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uri() },
      range: d.range,
      context: { diagnostics: [d] },
    });
    return actions[0]?.edit?.changes?.[uri()]?.[0]?.newText;
  };

  it('a misspelled text value in values: or value: gets "did you mean" from the sample values, with a fix', async () => {
    const inValues = original.replace(CAR, CAR.replace('"CarCreated"', '"LZqoanCreated"'));
    const hint = valueHint(await session.open(file, inValues));
    assert.ok(hint, 'a hint on LZqoanCreated');
    assert.strictEqual(
      hint.message,
      'No sample event has eventHeader.eventName "LZqoanCreated". Did you mean "LoanCreated"?',
    );
    assert.strictEqual(hint.severity, 3, 'information: a value may rightly be new');
    assert.deepStrictEqual(hint.range.start, positionOf(inValues, '"LZqoanCreated"'));
    assert.strictEqual(await fixOf(hint), '"LoanCreated"');

    const inValue = original.replace(
      CAR,
      '      - field: eventHeader.eventName\n        operator: equals\n        value: LZqoanCreated',
    );
    const single = valueHint(await session.open(file, inValue));
    assert.ok(single, 'a hint on value: LZqoanCreated');
    assert.strictEqual(await fixOf(single), 'LoanCreated');

    const known = valueHint(await session.open(file, original));
    assert.strictEqual(known, undefined, 'values the samples have, and unrelated new ones, get nothing');
  });

  it('a misspelled enum symbol in value: or values: gets "did you mean" from the schema', async () => {
    const one = original.replace('operator: equals\n        value: Loan', 'operator: equals\n        value: Lon');
    const error = (await session.open(file, one)).find((d) => d.code === 'enum-symbol');
    assert.match(error?.message ?? '', /"Lon" is not a symbol of enum EntityType .*Did you mean "Loan"\?/);
    const list = original.replace('operator: equals\n        value: Loan', 'operator: in\n        values: [Car, Lon]');
    const inList = (await session.open(file, list)).find((d) => d.code === 'enum-symbol');
    assert.match(inList?.message ?? '', /Did you mean "Loan"\?/);
    assert.strictEqual(await fixOf(inList!), 'Loan');
  });
});
