import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { copyWorkspace, fileUri, LspSession, REPO } from './lspSession';

describe('cdc-routing lsp --stdio (the server other editors start)', () => {
  it('answers as the language server: diagnostics and the outline', async () => {
    const ws = copyWorkspace(path.join(REPO, 'examples/cdc-streaming'));
    const session = await LspSession.start(
      ws,
      {},
      { command: [process.execPath, path.join(REPO, 'bin/cdc-routing.js'), 'lsp', '--stdio'] },
    );
    try {
      const file = path.join(ws, 'flink-jobs/filters.yaml');
      const text = fs.readFileSync(file, 'utf8').replace('eventHeader.eventName', 'eventHeader.eventNam');
      const diags = await session.open(file, text);
      assert.ok(
        diags.some((d) => d.code === 'unknown-field'),
        JSON.stringify(diags),
      );
      const symbols = await session.request<DocumentSymbol[]>('textDocument/documentSymbol', {
        textDocument: { uri: fileUri(file) },
      });
      assert.deepStrictEqual(symbols.map((s) => s.name).slice(1), [
        'loan-events-filter',
        'service-events-filter',
        'car-events-filter',
        'high-value-loan-filter',
      ]);
    } finally {
      await session.stop();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
