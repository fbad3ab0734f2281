import * as assert from 'assert';
import type { CompletionItem } from 'vscode-languageserver-protocol';
import { closeCopy, fileUri, openCopy, positionOf, type LspSession } from './lspSession';

/** Completion where `|` marks the cursor in `text`. */
async function completeAt(session: LspSession, file: string, textWithCursor: string): Promise<CompletionItem[]> {
  const text = textWithCursor.replace('|', '');
  await session.open(file, text);
  const position = positionOf(textWithCursor, '|');
  const result = await session.request<CompletionItem[] | { items: CompletionItem[] }>('textDocument/completion', {
    textDocument: { uri: fileUri(file) },
    position,
  });
  return Array.isArray(result) ? result : result.items;
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

describe('completion over LSP (example workspace)', () => {
  let session: LspSession;
  let ws: string;
  let file: string;
  let original: string;
  const condition = (field: string, rest = '') =>
    original.replace(
      '      - field: eventHeader.eventName\n        operator: in\n        values: ["CarCreated", "CarUpdated"]',
      `      - field: ${field}${rest}`,
    );

  before(async () => {
    ({ session, ws, file, original } = await openCopy('examples/cdc-streaming', 'flink-jobs/filters.yaml'));
  });
  after(() => closeCopy(session, ws));

  it('offers top-level keys', async () => {
    const items = await completeAt(session, file, 'so|');
    assert.deepStrictEqual(labels(items).sort(), ['filters', 'source']);
  });

  it('offers source.deadLetterTopic with what it is for', async () => {
    const items = await completeAt(session, file, original.replace(/^source:\n/m, 'source:\n  dead|\n'));
    const item = items.find((i) => i.label === 'deadLetterTopic');
    assert.ok(item, `offered: ${labels(items).join(', ')}`);
    assert.match(JSON.stringify(item.documentation ?? item.detail), /the records it cannot read/);
  });

  it('offers the keys of a filter not yet written, and a whole-filter snippet on a new item', async () => {
    const missing = original.replace('    consumerId: car-consumer\n', '    con|\n');
    const items = await completeAt(session, file, missing);
    assert.ok(labels(items).includes('consumerId'));
    assert.ok(!labels(items).includes('outputTopic'), 'keys already present are not offered');
    const atNew = original + '  - |\n';
    const snippet = (await completeAt(session, file, atNew)).find((i) => i.label === 'New filter');
    assert.ok(snippet, 'a whole-filter snippet');
    assert.match(
      (snippet.textEdit as { newText: string }).newText,
      /id: \$\{1:new-filter\}[\s\S]*conditions:[\s\S]*- field: \$\{5\}/,
    );
  });

  it('offers a whole-condition snippet and the condition keys', async () => {
    const text = original.replace(
      '        values: ["CarCreated", "CarUpdated"]\n',
      '        values: ["CarCreated", "CarUpdated"]\n      - |\n',
    );
    const items = await completeAt(session, file, text);
    assert.ok(labels(items).includes('New condition'));
    assert.ok(labels(items).includes('field') && labels(items).includes('operator'));
  });

  it('offers field paths through records, nullable unions, arrays and map keys learned from samples', async () => {
    const items = await completeAt(session, file, condition('eventBody.|'));
    const all = labels(items);
    for (const p of [
      'eventHeader.eventName',
      'eventHeader.channel',
      'eventBody.entities[]',
      'eventBody.entities[].entityType',
      'eventBody.totalAmount',
      'sourceMetadata.operation',
    ]) {
      assert.ok(all.includes(p), `missing ${p}`);
    }
    assert.ok(all.includes('eventBody.entities[].updatedAttributes.loanAmount'), 'map key from samples');
    assert.ok(
      all.includes('eventBody.entities[].updatedAttributes.make'),
      'map key of another entity type from samples',
    );
    const channel = items.find((i) => i.label === 'eventHeader.channel')!;
    assert.match(channel.detail ?? '', /enum .*Channel · nullable/);
    const edit = items[0].textEdit as { range: { start: { character: number } } };
    assert.strictEqual(edit.range.start.character, '      - field: '.length, 'replaces the whole partial path');
  });

  it('offers only the operators that fit the field type', async () => {
    const str = labels(await completeAt(session, file, condition('eventHeader.eventName', '\n        operator: |')));
    assert.ok(
      str.includes('in') && str.includes('matches') && !str.includes('greaterThan') && !str.includes('withinLast'),
    );
    const num = labels(await completeAt(session, file, condition('eventHeader.priority', '\n        operator: |')));
    assert.ok(num.includes('greaterThan') && num.includes('between') && !num.includes('matches'));
    const ts = labels(await completeAt(session, file, condition('eventHeader.createdDate', '\n        operator: |')));
    assert.ok(ts.includes('withinLast') && ts.includes('lessThan') && !ts.includes('in'));
    const mapText = labels(
      await completeAt(
        session,
        file,
        condition('eventBody.entities[].updatedAttributes.loanAmount', '\n        operator: |'),
      ),
    );
    assert.ok(
      mapText.includes('greaterThan') && mapText.includes('matches'),
      'map text: numeric operators cast, text operators apply',
    );
  });

  it('offers enum symbols, booleans-free values from samples, and durations', async () => {
    const symbols = labels(
      await completeAt(
        session,
        file,
        condition('eventBody.entities[].entityType', '\n        operator: equals\n        value: |'),
      ),
    );
    assert.deepStrictEqual(symbols, ['Car', 'Loan', 'LoanPayment', 'ServiceRecord']);
    const inList = labels(
      await completeAt(
        session,
        file,
        condition('eventHeader.channel', '\n        operator: in\n        values: [WEB, |]'),
      ),
    );
    assert.ok(inList.includes('MOBILE'));
    const seen = await completeAt(
      session,
      file,
      condition('eventHeader.eventName', '\n        operator: equals\n        value: |'),
    );
    assert.ok(labels(seen).includes('LoanCreated'), 'event names seen in samples');
    assert.match(seen.find((i) => i.label === 'LoanCreated')!.detail ?? '', /seen \d+× in samples/);
    const durations = labels(
      await completeAt(
        session,
        file,
        condition('eventHeader.createdDate', '\n        operator: withinLast\n        value: |'),
      ),
    );
    assert.ok(durations.includes('24h'));
  });

  it('offers consumerId and outputTopic values already used in the file', async () => {
    const text = original.replace('consumerId: car-consumer', 'consumerId: |');
    const items = labels(await completeAt(session, file, text));
    assert.ok(items.includes('loan-consumer') && items.includes('service-consumer'));
    const topics = labels(
      await completeAt(session, file, original.replace('outputTopic: filtered-car-events', 'outputTopic: |')),
    );
    assert.ok(topics.includes('filtered-loan-events'));
  });
});

describe('completion and diagnostics on an unrelated schema (the product knows none of the names of the example schema)', () => {
  let session: LspSession;
  let ws: string;
  let file: string;
  let original: string;

  before(async () => {
    ({ session, ws, file, original } = await openCopy('test/fixtures/other-domain', 'filters.yaml'));
  });
  after(() => closeCopy(session, ws));

  it('checks the fixture cleanly and offers its own field paths', async () => {
    const diags = await session.open(file);
    assert.deepStrictEqual(
      diags.filter((d) => d.severity === 1 || d.severity === 2).map((d) => d.message),
      [],
    );
    const firstField = /field: (\S+)/.exec(original)![1];
    const text = original.replace(`field: ${firstField}`, 'field: |');
    await session.open(file, text.replace('|', ''));
    const items = await session.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: fileUri(file) },
      position: positionOf(text, '|'),
    });
    const all = items.map((i) => i.label);
    assert.ok(all.includes(firstField), `offers ${firstField}`);
    assert.ok(!all.some((l) => /eventHeader|entities|updatedAttributes/.test(String(l))), 'nothing of the CDC schema');
  });

  it('reports a misspelt field with a suggestion from this schema', async () => {
    const firstField = /field: (\S+)/.exec(original)![1];
    const misspelt = firstField.slice(0, -1) + firstField.slice(-1).toUpperCase() + 'x';
    const diags = await session.open(file, original.replace(`field: ${firstField}`, `field: ${misspelt}`));
    const d = diags.find((x) => x.code === 'unknown-field');
    assert.ok(d, JSON.stringify(diags));
    assert.ok(d.message.includes(`Did you mean "${firstField}"`), d.message);
  });
});
