import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import type { CompletionItem, DocumentSymbol } from 'vscode-languageserver-protocol';
import { copyWorkspace, fileUri, LspSession, REPO, type Diag } from './lspSession';

/** One random mutation of a text: delete, duplicate, insert noise (incl. binary), truncate, swap lines. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.string(),
      fc.constantFrom(
        ':',
        '- ',
        '[',
        '{',
        '"',
        "'",
        '\t',
        '\n  - ',
        '&a *a',
        '!!binary',
        '\u0000\u0001\uFFFF',
        '%YAML 1.1\n',
        '---\n',
        '\\',
      ),
    ),
  }),
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
          await session.request<CompletionItem[]>('textDocument/completion', {
            textDocument: { uri },
            position: { line, character: 10 },
          });
          await session.request('textDocument/hover', { textDocument: { uri }, position: { line, character: 12 } });
          await session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
        }
      }
      assert.ok(session.alive, `server died: ${session.stderr}`);
      const back = await session.change(file, original);
      assert.deepStrictEqual(
        back.filter((d) => d.severity === 1).map((d) => d.message),
        [],
        'the original text is clean again',
      );
      assert.strictEqual(session.stderr.includes('Error'), false, session.stderr.slice(0, 2000));
    });
  }

  for (const [eolName, eol] of [
    ['\\n', '\n'],
    ['\\r\\n (Windows)', '\r\n'],
  ] as const) {
    it(`after 300 edits sent as an editor sends them, publishes what a fresh server publishes for the same text (lines ending ${eolName})`, async () => {
      const file = path.join(ws, 'flink-jobs', 'filters-examples.yaml');
      // Problems all over the file, so that a filter moved to a wrong place after an edit shows in its diagnostics.
      const original = fs
        .readFileSync(file, 'utf8')
        .replace(/operator: equals\b/g, 'operator: equal')
        .replace(/\n/g, eol);
      assert.ok((await session.open(file, original)).length >= 8);
      // A second server that sees each compared text once, in a document of its own: nothing carried over.
      const fresh = await LspSession.start(ws);
      const shown = (diags: Diag[]) =>
        diags
          .map(
            (d) =>
              `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.code} ${d.message}`,
          )
          .sort();
      try {
        let text = original;
        let compared = 0;
        const edits = fc.sample(fc.array(typing, { minLength: 1, maxLength: 3 }), { numRuns: 300, seed: 3 });
        for (let i = 0; i < edits.length; i++) {
          const next = i % 100 === 0 ? original : edits[i].reduce(typeInto, text);
          const diags = await session.edit(file, text, next);
          text = next;
          if (i % 5 === 4) {
            const copy = path.join(ws, 'flink-jobs', `filters-fresh-${i}.yaml`);
            assert.deepStrictEqual(shown(diags), shown(await fresh.open(copy, text)), `after edit ${i}`);
            compared++;
          }
        }
        assert.strictEqual(compared, 60);
      } finally {
        await fresh.stop();
      }
    });
  }
});

/** Edits as typing makes them: mostly at the end of a line (the layout holds, the incremental path is taken), some anywhere. */
const typing = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      line: fc.nat(),
      text: fc.constantFrom(
        'x',
        '1',
        ' ',
        's',
        '"',
        ':',
        '\n      - field: eventHeader.nope\n        operator: equals\n        value: 1',
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('backspace' as const),
      line: fc.nat(),
      len: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('paste' as const),
      line: fc.nat(),
      text: fc.constantFrom('  - id: dup\n    name: n\n', '    enabled: false\n', '  # note\n'),
    }),
  },
  { weight: 1, arbitrary: mutation },
);
type Typing = typeof typing extends fc.Arbitrary<infer T> ? T : never;

function typeInto(text: string, t: Typing): string {
  if (t.kind !== 'type' && t.kind !== 'backspace' && t.kind !== 'paste') return apply(text, t);
  // An editor keeps the document's line endings: typed and pasted line breaks come as the file's own.
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  const i = t.line % lines.length;
  if (t.kind === 'type') lines[i] += t.text.replace(/\n/g, eol);
  if (t.kind === 'backspace') lines[i] = lines[i].slice(0, Math.max(0, lines[i].length - t.len));
  if (t.kind === 'paste') lines.splice(i, 0, t.text.slice(0, -1).replace(/\n/g, eol));
  return lines.join(eol);
}
