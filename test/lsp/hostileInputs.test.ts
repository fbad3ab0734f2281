import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { HEAP_LIMIT_MB, makeWorkspace } from '../unit/hostile/guardedCli';
import { CASES } from '../unit/hostile/hostileCases';
import { fileUri, LspSession, REPO } from './lspSession';

/**
 * The hostile filters files of hostileCases.ts opened in the language server over stdio, under a heap limit:
 * each gets its located error (or none) as diagnostics and its code lenses (which generate SQL) in time,
 * and the server is still alive after all of them.
 */
describe('hostile and broken filters files (language server)', function () {
  this.timeout(120_000);
  let ws: string;
  let session: LspSession;
  before(async () => {
    ws = makeWorkspace();
    session = await LspSession.start(
      ws,
      {},
      {
        command: [
          process.execPath,
          `--max-old-space-size=${HEAP_LIMIT_MB}`,
          path.join(REPO, 'dist/server.js'),
          '--stdio',
        ],
      },
    );
  });
  after(async () => {
    await session?.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  CASES.forEach((c, i) => {
    // The editor sends the text itself: a file's bytes on disk (not UTF-8) are the CLI's concern.
    if (c.at === '') return;
    it(c.kind, async () => {
      const file = path.join(ws, `filters-lsp-${i}.yaml`);
      const text = typeof c.text === 'string' ? c.text : c.text(ws);
      fs.writeFileSync(file, text);
      const diags = await session.open(file, text);
      const errors = diags.filter((d) => d.severity === DiagnosticSeverity.Error);
      if (c.accept)
        assert.deepStrictEqual(
          errors.map((d) => d.message),
          [],
        );
      else {
        const line = text.split('\n').findIndex((l) => l.includes(c.at!));
        assert.ok(
          errors.some((d) => d.range.start.line === line && c.said!.test(d.message)),
          `no error at line ${line + 1} matching ${c.said}: ${JSON.stringify(errors.map((d) => [d.range.start.line + 1, d.message]))}`,
        );
      }
      const lenses = await Promise.race([
        session.request<unknown[]>('textDocument/codeLens', { textDocument: { uri: fileUri(file) } }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('code lenses took over 10 s')), 10_000)),
      ]);
      assert.ok(Array.isArray(lenses) || lenses === null);
      assert.ok(session.alive, `the server died: ${session.stderr}`);
    });
  });
});
