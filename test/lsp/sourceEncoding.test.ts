import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { CompletionItem, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { closeCopy, fileUri, openCopy, positionOf, type Diag, type LspSession } from './lspSession';

/** Waits for a publication of `file`'s diagnostics that satisfies `ok` (the late checks publish after a pause). */
function diagnosticsWhere(
  session: LspSession,
  file: string,
  ok: (d: Diag[]) => boolean,
  waitMs = 8000,
): Promise<Diag[] | undefined> {
  return Promise.race([
    new Promise<Diag[]>((resolve) =>
      session.onDiagnostics((p: PublishDiagnosticsParams) => {
        if (p.uri === fileUri(file) && ok(p.diagnostics as Diag[])) resolve(p.diagnostics as Diag[]);
      }),
    ),
    new Promise<undefined>((r) => setTimeout(() => r(undefined), waitMs)),
  ]);
}

describe('source.format and source.timestamps over LSP (test/fixtures/payments-epoch)', () => {
  let session: LspSession;
  let ws: string;
  let file: string;
  let original: string;

  before(async () => {
    ({ session, ws, file, original } = await openCopy('test/fixtures/payments-epoch', 'filters.yaml'));
  });
  after(() => closeCopy(session, ws));

  const completeAt = async (text: string) => {
    await session.open(file, text.replace('|', ''));
    const items = await session.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: fileUri(file) },
      position: positionOf(text, '|'),
    });
    return items.map((i) => String(i.label));
  };

  it('checks the epoch-millis workspace cleanly, the sample check included', async () => {
    const diags = await session.open(file);
    assert.deepStrictEqual(
      diags.filter((d) => d.severity === 1 || d.severity === 2).map((d) => d.message),
      [],
    );
    // the late checks publish 150 ms after the change; 3 s without one is "none"
    const late = await diagnosticsWhere(session, file, (d) => d.some((x) => x.code === 'sample-encoding'), 3000);
    assert.strictEqual(late, undefined, 'no sample-encoding problem when the samples are epoch numbers');
  });

  it('completes the keys of source and their values, the default marked', async () => {
    const keys = await completeAt(original.replace('  format: json\n  timestamps: epoch-millis\n', '  |\n'));
    assert.ok(keys.includes('format') && keys.includes('timestamps'), keys.join(', '));
    assert.deepStrictEqual(await completeAt(original.replace('timestamps: epoch-millis', 'timestamps: |')), [
      'iso-8601',
      'epoch-millis',
    ]);
    const formats = await completeAt(original.replace('format: json', 'format: |'));
    assert.deepStrictEqual(formats, ['json', 'avro-confluent', 'debezium-json', 'debezium-avro-confluent']);
  });

  it('hovers the keys with what they mean', async () => {
    await session.open(file, original);
    const hoverAt = (needle: string) =>
      session.request<Hover | null>('textDocument/hover', {
        textDocument: { uri: fileUri(file) },
        position: positionOf(original, needle, 2),
      });
    const ts = JSON.stringify((await hoverAt('timestamps:'))?.contents);
    assert.match(ts, /epoch-millis/);
    assert.match(ts, /timestamp-micros in microseconds/);
    const fmt = JSON.stringify((await hoverAt('format:'))?.contents);
    assert.match(fmt, /debezium-json/);
  });

  it('reports a format that is not supported yet at its value, never reading the topic as json', async () => {
    const text = original.replace('format: json', 'format: debezium-json');
    const diags = await session.open(file, text);
    const d = diags.filter((x) => x.code === 'source-format');
    assert.strictEqual(d.length, 1, JSON.stringify(diags));
    assert.strictEqual(d[0].severity, 1);
    assert.deepStrictEqual(d[0].range.start, positionOf(text, 'debezium-json'));
    assert.match(d[0].message, /debezium-json .* is not supported yet/);
    const wrong = await session.open(file, original.replace('timestamps: epoch-millis', 'timestamps: epoch'));
    assert.ok(
      wrong.some((x) => x.code === 'shape' && /iso-8601|epoch-millis/.test(x.message)),
      JSON.stringify(wrong),
    );
  });

  it('reports samples written otherwise than declared once, at source, naming the first sample file:line', async () => {
    const text = original.replace('  timestamps: epoch-millis\n', '');
    const late = diagnosticsWhere(session, file, (d) => d.some((x) => x.code === 'sample-encoding'));
    await session.open(file, text);
    const diags = await late;
    assert.ok(diags, 'a sample-encoding diagnostic arrives');
    const d = diags.filter((x) => x.code === 'sample-encoding');
    assert.strictEqual(d.length, 1);
    assert.strictEqual(d[0].range.start.line, positionOf(text, 'topic: payments-settled').line);
    assert.match(
      d[0].message,
      /iso-8601 \(the default\).*epoch numbers, first at samples\/payments\.jsonl:1 \(settledAt = 1793000000000\)/,
    );
    assert.match(d[0].message, /timestamps: epoch-millis/);
  });

  it('reports samples that mix ISO text and epoch numbers, naming both', async () => {
    const iso = JSON.parse(fs.readFileSync(path.join(ws, 'samples/payments.jsonl'), 'utf8').split('\n')[0]) as Record<
      string,
      unknown
    >;
    iso.settledAt = '2026-11-05T10:00:00.000Z';
    fs.writeFileSync(path.join(ws, 'samples/z-iso.jsonl'), JSON.stringify(iso) + '\n');
    try {
      // a different text, so the server analyses again (and re-reads the changed samples folder)
      const text = original.replace('name: "High-value EU payments"', 'name: "High-value EU payments (mixed)"');
      const late = diagnosticsWhere(session, file, (d) => d.some((x) => x.code === 'sample-encoding'));
      await new Promise((r) => setTimeout(r, 1100)); // the sample cache looks at the files at most once a second
      await session.open(file, text);
      const diags = await late;
      assert.ok(diags, 'a sample-encoding diagnostic arrives');
      const d = diags.filter((x) => x.code === 'sample-encoding');
      assert.strictEqual(d.length, 1);
      assert.deepStrictEqual(d[0].range.start, positionOf(text, 'epoch-millis'));
      assert.match(d[0].message, /mix two timestamp encodings: ISO-8601 text first at samples\/z-iso\.jsonl:1/);
      assert.match(d[0].message, /epoch numbers first at samples\/payments\.jsonl:1/);
    } finally {
      fs.rmSync(path.join(ws, 'samples/z-iso.jsonl'));
    }
  });
});
