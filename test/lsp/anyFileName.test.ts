import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { CodeLens, CompletionItem, DocumentSymbol, Hover, Location } from 'vscode-languageserver-protocol';
import { closeCopy, fileUri, openCopy, positionOf, type LspSession } from './lspSession';

/**
 * Content decides what a filters file is (protocol/filtersFiles.ts): another editor's client sends `routes.yaml`
 * or `orders-routing.yaml` and gets every feature; a YAML file without a `filters:` list gets nothing.
 */
describe('filters files of any name over LSP', () => {
  let session: LspSession;
  let ws: string;
  let original: string;

  before(async () => {
    ({ session, ws, original } = await openCopy('examples/cdc-streaming', 'flink-jobs/filters.yaml'));
  });
  after(() => closeCopy(session, ws));

  const misspelled = () => original.replace('field: eventHeader.eventName', 'field: eventHeader.evntName');

  async function features(file: string, text: string) {
    const uri = fileUri(file);
    const at = (needle: string, delta: number) => ({
      textDocument: { uri },
      position: positionOf(text, needle, delta),
    });
    const completion = await session.request<CompletionItem[]>(
      'textDocument/completion',
      at('operator: greaterThan', 'operator: '.length),
    );
    const hover = await session.request<Hover | null>('textDocument/hover', at('eventHeader.eventName', 14));
    const definition = await session.request<Location | null>(
      'textDocument/definition',
      at('eventHeader.eventName', 14),
    );
    const symbols = await session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const lenses = await session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    return { completion, hover, definition, symbols, lenses };
  }

  for (const name of ['routes.yaml', 'orders-routing.yaml']) {
    it(`${name}: diagnostics, completion, hover, definition, symbols and lenses as for filters.yaml`, async () => {
      const file = path.join(ws, 'flink-jobs', name);
      const text = misspelled();
      fs.writeFileSync(file, text);
      const diagnostics = await session.open(file, text);
      assert.ok(
        diagnostics.some((d) => /evntName/.test(d.message)),
        `a located error on the unknown field: ${JSON.stringify(diagnostics)}`,
      );
      const f = await features(file, text);
      assert.ok(
        f.completion.some((i) => i.label === 'lessThan'),
        `operators offered: ${f.completion.map((i) => i.label).join(', ')}`,
      );
      assert.match((f.hover!.contents as { value: string }).value, /\*\*eventHeader\.eventName\*\*/);
      assert.strictEqual(f.definition!.uri, fileUri(path.join(ws, 'schemas/raw-event.avsc')));
      assert.ok(
        f.symbols.some((s) => s.name === 'loan-events-filter'),
        'the outline names the filters',
      );
      assert.ok(
        f.lenses.some((l) => /SQL/.test(l.command?.title ?? '')),
        `an SQL lens: ${f.lenses.map((l) => l.command?.title).join(' | ')}`,
      );
    });
  }

  it('a YAML file without a filters: list gets nothing, and one that loses its list loses its diagnostics', async () => {
    const notes = path.join(ws, 'flink-jobs', 'notes.yaml');
    const text = 'owner: loans-team\nfield: eventHeader.eventName\noperator: greaterThan\n';
    session.openQuietly(notes, text);
    const published: string[] = [];
    session.onDiagnostics((p) => published.push(p.uri));
    const f = await features(notes, text);
    assert.deepStrictEqual([f.completion, f.hover, f.definition, f.symbols, f.lenses], [[], null, null, [], []]);
    // the server handles notifications in order: a later file's diagnostics come after any for notes.yaml
    await session.open(path.join(ws, 'flink-jobs', 'filters.yaml'), original);
    assert.ok(!published.includes(fileUri(notes)), 'no diagnostics for notes.yaml');

    const routes = path.join(ws, 'flink-jobs', 'cut.yaml');
    assert.ok((await session.open(routes, misspelled())).length > 0);
    assert.deepStrictEqual(await session.change(routes, 'owner: loans-team\n'), []);
  });
});
