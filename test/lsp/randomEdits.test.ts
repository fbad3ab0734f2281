import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import type { CompletionItem, DocumentSymbol } from 'vscode-languageserver-protocol';
import { copyWorkspace, fileUri, LspSession, REPO } from './lspSession';

/** One random mutation of a text: delete, duplicate, insert noise (incl. binary), truncate, swap lines. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string(), fc.constantFrom(':', '- ', '[', '{', '"', "'", '\t', '\n  - ', '&a *a', '!!binary', '\u0000\u0001\uFFFF', '%YAML 1.1\n', '---\n', '\\')) }),
  fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, m: Mutation): string {
  const at = (n: number) => (text.length === 0 ? 0 : n % (text.length + 1));
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at(m.at)) + text.slice(at(m.at) + m.len);
    case 'insert':
      return text.slice(0, at(m.at)) + m.text + text.slice(at(m.at));
    case 'bytes':
      return text.slice(0, at(m.at)) + Buffer.from(m.bytes).toString('latin1') + text.slice(at(m.at));
    case 'truncate':
      return text.slice(0, at(m.at));
    case 'swap': {
      const lines = text.split('\n');
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
  }
}

describe('random edits never break the server', function () {
  this.timeout(240_000);
  let session: LspSession;
  let ws: string;

  before(async () => {
    ws = copyWorkspace(path.join(REPO, 'examples/cdc-streaming'));
    session = await LspSession.start(ws);
  });
  after(async () => {
    await session.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  for (const name of ['filters.yaml', 'filters-examples.yaml']) {
    it(`survives 1,500 random mutations of ${name} and keeps answering`, async () => {
      const file = path.join(ws, 'flink-jobs', name);
      const original = fs.readFileSync(file, 'utf8');
      await session.open(file);
      let text = original;
      const uri = fileUri(file);
      const mutations = fc.sample(fc.array(mutation, { minLength: 1, maxLength: 3 }), { numRuns: 1500, seed: 42 });
      for (let i = 0; i < mutations.length; i++) {
        // Every 50 edits start again from the original, so mutations land on realistic text too.
        text = i % 50 === 0 ? original : mutations[i].reduce(apply, text);
        const diags = await session.change(file, text);
        assert.ok(Array.isArray(diags));
        if (i % 25 === 0) {
          const line = i % text.split('\n').length;
          await session.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character: 10 } });
          await session.request('textDocument/hover', { textDocument: { uri }, position: { line, character: 12 } });
          await session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
        }
      }
      assert.ok(session.alive, `server died: ${session.stderr}`);
      const back = await session.change(file, original);
      assert.deepStrictEqual(back.filter((d) => d.severity === 1).map((d) => d.message), [], 'the original text is clean again');
      assert.strictEqual(session.stderr.includes('Error'), false, session.stderr.slice(0, 2000));
    });
  }
});
