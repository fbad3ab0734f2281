import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { closeCopy, fileUri, openCopy, type LspSession } from './lspSession';

describe('SQL and routing previews over LSP', () => {
  let session: LspSession;
  let ws: string;
  let file: string;
  let original: string;

  before(async () => {
    ({ session, ws, file, original } = await openCopy('examples/cdc-streaming', 'flink-jobs/filters.yaml'));
    await session.open(file);
  });
  after(() => closeCopy(session, ws));

  const sql = () =>
    session.request<{ sql: string; filterLocations: { filterId: string; line: number }[] }>('cdcRouting/generateSql', {
      uri: fileUri(file),
      target: 'flink',
    });

  it('serves the generated SQL and tells the client when an edit changed it', async () => {
    const before = await sql();
    assert.match(before.sql, /INSERT INTO `routed`/);
    assert.match(before.sql, /'CarCreated', 'CarUpdated'\)/);
    const changed = new Promise<{ uri: string }>((resolve) =>
      session.connection.onNotification('cdcRouting/sqlChanged', resolve),
    );
    await session.change(
      file,
      original.replace('values: ["CarCreated", "CarUpdated"]', 'values: ["CarCreated", "CarUpdated", "CarSold"]'),
    );
    assert.strictEqual((await changed).uri, fileUri(file));
    const after = await sql();
    assert.match(after.sql, /'CarCreated', 'CarUpdated', 'CarSold'/);
    const car = after.filterLocations.find((l) => l.filterId === 'car-events-filter')!;
    assert.match(
      after.sql.split('\n')[car.line],
      /^ {2}CASE WHEN .*'CarCreated', 'CarUpdated', 'CarSold'\) THEN 'car-events-filter filtered-car-events car-consumer' END/,
      "the location points at the filter's predicate",
    );
    assert.match(after.sql.split('\n')[car.line - 1], /^ {2}-- car-events-filter: /);
  });

  it('puts "Show SQL" and "matches N of M samples" lenses above each filter', async () => {
    await session.change(file, original);
    const lenses = await session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: fileUri(file) } });
    const titles = lenses.map((l) => l.command!.title);
    assert.strictEqual(titles.filter((t) => t === 'Show SQL').length, 4);
    const matches = titles.filter((t) => /^matches \d+ of \d+ samples \(\d+(\.\d+)?%\)$/.test(t));
    assert.strictEqual(matches.length, 4, titles.join(' | '));
    const show = lenses.find((l) => l.command!.title === 'Show SQL')!;
    assert.deepStrictEqual(show.command!.arguments, [fileUri(file), 'loan-events-filter']);
  });

  it('reports a filter the generator refuses, shortly after the edit, at the condition', async () => {
    // Flink has no exact form for a timestamp with digits below the millisecond: refused.
    const text = original.replace('value: 100000', 'value: 100000.123456789012345678901234567890123456789');
    const late = new Promise<{
      diagnostics: { message: string; range: { start: { line: number }; end: { line: number } } }[];
    }>((resolve) =>
      session.onDiagnostics((p) => {
        const diagnostics = p.diagnostics as {
          message: string;
          range: { start: { line: number }; end: { line: number } };
        }[];
        if (p.uri === fileUri(file) && diagnostics.some((d) => /digits|precision|38/.test(d.message)))
          resolve({ diagnostics });
      }),
    );
    await session.change(file, text);
    const published = await Promise.race([late, new Promise<undefined>((r) => setTimeout(() => r(undefined), 5000))]);
    assert.ok(published, 'a refusal diagnostic arrives');
    const refusal = published.diagnostics.find((d) => /digits|precision|38/.test(d.message))!;
    const valueLine = text.split('\n').findIndex((l) => l.includes('100000.1234'));
    assert.ok(
      refusal.range.start.line <= valueLine && valueLine <= refusal.range.end.line,
      'located at the refused condition',
    );
    assert.match(refusal.message, /high-value-loan-filter cannot be generated for Flink: .* more than 38 digits/);
    const lenses = await session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: fileUri(file) } });
    assert.ok(
      lenses.some((l) => l.command!.title.startsWith('No SQL: ')),
      'the lens says why',
    );
  });

  it('checks filters.test.yaml: an expectation naming a topic no filter writes to', async () => {
    const testFile = path.join(ws, 'flink-jobs/filters.test.yaml');
    const text = fs.readFileSync(testFile, 'utf8');
    const clean = await session.open(testFile, text);
    assert.deepStrictEqual(
      clean.filter((d) => d.severity === 1).map((d) => d.message),
      [],
    );
    const broken = text.replace(/filtered-loan-events/, 'filtered-lone-events');
    const diags = await session.open(testFile, broken);
    assert.ok(
      diags.some((d) => d.severity === 1 && d.message.includes('filtered-lone-events')),
      JSON.stringify(diags.map((d) => d.message)),
    );
  });

  it('lists the cases of a test file (the Test Explorer) from the text the client sends', async () => {
    const testFile = path.join(ws, 'flink-jobs/filters.test.yaml');
    const listing = await session.request<{ uri: string; cases: { name: string; line: number }[] }>(
      'cdcRouting/filterTestCases',
      { uri: fileUri(testFile), text: 'tests:\n  - name: only case\n    sample: 1\n    routedTo: []\n' },
    );
    assert.deepStrictEqual(listing, { uri: fileUri(testFile), cases: [{ name: 'only case', line: 1 }] });
  });
});
