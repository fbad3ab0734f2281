// Runs inside VS Code's extension host through `npx vscode-test` (.vscode-test.mjs), for
// contributors whose machines can download VS Code. It checks, through VS Code's own API, what
// scenarios 1–3 of the code-server run check on screen. Nothing is saved: edits stay in memory and
// are reverted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'cdc-routing.cdc-routing';

function filtersUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'examples/cdc-streaming is open (workspaceFolder in .vscode-test.mjs)');
  return vscode.Uri.joinPath(folder.uri, 'flink-jobs', 'filters.yaml');
}

/** Re-asks until `until` holds: the language server answers once it has read the file and schema. */
async function eventually<T>(ask: () => Thenable<T> | T, until: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await ask();
  while (!until(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await ask();
  }
  return value;
}

describe('CDC Routing in the extension host', function () {
  let document: vscode.TextDocument;

  before(async function () {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    document = await vscode.workspace.openTextDocument(filtersUri());
    await vscode.window.showTextDocument(document);
    await extension.activate();
  });

  afterEach(async function () {
    if (document.isDirty) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('lists the filters by id as document symbols (the outline)', async function () {
    const symbols = await eventually(
      () =>
        vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri),
      (list) => (list ?? []).length > 0,
    );
    const names = (symbols ?? []).map((symbol) => symbol.name);
    for (const id of ['loan-events-filter', 'service-events-filter', 'car-events-filter', 'high-value-loan-filter']) {
      assert.ok(names.includes(id), `${id} in ${names.join(', ')}`);
    }
  });

  it('completes Avro field paths after "field: "', async function () {
    const line = document
      .getText()
      .split('\n')
      .findIndex((text) => text.includes('- id: car-events-filter'));
    const valuesLine = document
      .getText()
      .split('\n')
      .findIndex((text, index) => index > line && text.includes('values:'));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(valuesLine + 1, 0), '      - field: \n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const at = new vscode.Position(valuesLine + 1, '      - field: '.length);
    const completions = await eventually(
      () =>
        vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at),
      (list) => list.items.length > 0,
    );
    const labels = completions.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(labels.includes('eventHeader.eventName'), labels.join(', '));
  });

  it('reports an unknown field with a quick fix that corrects it', async function () {
    const text = document.getText();
    const offset = text.indexOf('eventHeader.eventName');
    const range = new vscode.Range(
      document.positionAt(offset),
      document.positionAt(offset + 'eventHeader.eventName'.length),
    );
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, range, 'eventHeader.evntName');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostics = await eventually(
      () => vscode.languages.getDiagnostics(document.uri),
      (list) => list.some((d) => d.message.includes('evntName')),
    );
    const unknown = diagnostics.find((d) => d.message.includes('evntName'));
    assert.ok(unknown, JSON.stringify(diagnostics));
    assert.equal(unknown.range.start.line, range.start.line);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      unknown.range,
    );
    const fix = actions.find((action) => action.title.includes('eventHeader.eventName'));
    assert.ok(fix?.edit, actions.map((action) => action.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.getText(), text);
  });
});
