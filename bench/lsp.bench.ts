import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileUri, LspSession, REPO } from '../test/lsp/lspSession';
import { largeWorkspace } from './fixtures/largeWorkspace';
import { percentile } from './stats';

export interface LatencyFigures {
  p50: number;
  p95: number;
  n: number;
}

export interface LspBenchResult {
  filters: number;
  fields: number;
  bytes: number;
  firstDiagnosticsMs: number;
  completion: LatencyFigures;
  hover: LatencyFigures;
  diagnosticsAfterEdit: LatencyFigures;
  peer: { name: string; firstDiagnosticsMs: number; diagnosticsAfterEdit: LatencyFigures; completion: LatencyFigures };
}

async function timed<T>(f: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

function figures(samples: number[]): LatencyFigures {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length };
}

/** Lines holding `key: value` in a text, with the column right after "key: ". */
function valuePositions(text: string, key: string): { line: number; character: number }[] {
  const out: { line: number; character: number }[] = [];
  text.split('\n').forEach((l, line) => {
    const i = l.indexOf(`${key}: `);
    if (i >= 0) out.push({ line, character: i + key.length + 2 });
  });
  return out;
}

/** The same value edit, again and again, at spread-out filters: what typing in a big file costs. */
function edits(text: string, count: number): string[] {
  const lines = text.split('\n');
  const valueLines = lines.map((l, i) => (/^\s+value: /.test(l) ? i : -1)).filter((i) => i >= 0);
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const i = valueLines[Math.floor(((k * 7919) % valueLines.length))];
    const copy = lines.slice();
    copy[i] = copy[i] + (k % 2 === 0 ? '' : ' ');
    copy[i] = copy[i].replace(/value: (.*)$/, (_m, v: string) => `value: ${k % 3 === 0 ? v : v}`);
    // Alternate a real change (a typo in a field path) with its repair.
    const fieldLine = i - 2;
    if (k % 2 === 1 && /field: /.test(copy[fieldLine])) copy[fieldLine] = copy[fieldLine].replace(/field: (\S+)/, 'field: $1x');
    out.push(copy.join('\n'));
  }
  return out;
}

/**
 * The language server on a 2,000-filter file against a ~300-field schema: completion, hover and
 * diagnostics-after-edit latencies as a client sees them over stdio, and yaml-language-server validating
 * the same file against schemas/filters.schema.json in the same run.
 */
export async function runLspBench(options: { filters?: number; samples?: number } = {}): Promise<LspBenchResult> {
  const filters = options.filters ?? 2000;
  const n = options.samples ?? 200;
  const ws = largeWorkspace({ filterCount: filters });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-bench-lsp-'));
  const file = path.join(dir, 'filters.yaml');
  fs.writeFileSync(path.join(dir, 'large.avsc'), ws.schemaText);
  fs.writeFileSync(file, ws.filtersText);
  const uri = fileUri(file);
  const versions = edits(ws.filtersText, 60);
  const fieldPositions = valuePositions(ws.filtersText, 'field');
  const pick = <T>(xs: T[], k: number) => xs[(k * 104729) % xs.length];
  try {
    const ours = await LspSession.start(dir);
    const firstDiagnosticsMs = await timed(() => ours.open(file));
    const completion: number[] = [];
    const hover: number[] = [];
    for (let k = 0; k < n; k++) {
      const position = pick(fieldPositions, k);
      completion.push(await timed(() => ours.request('textDocument/completion', { textDocument: { uri }, position })));
      hover.push(await timed(() => ours.request('textDocument/hover', { textDocument: { uri }, position: { ...position, character: position.character + 3 } })));
    }
    // Edits go as an editor sends them: only the changed stretch (incremental sync), to both servers.
    const afterEdit: number[] = [];
    let current = ws.filtersText;
    for (const text of versions) {
      const previous = current;
      afterEdit.push(await timed(() => ours.edit(file, previous, text)));
      current = text;
    }
    await ours.stop();

    const peerBin = path.join(REPO, 'node_modules/yaml-language-server/bin/yaml-language-server');
    const settings = {
      yaml: { validate: true, completion: true, hover: true, schemas: { [fileUri(path.join(REPO, 'schemas/filters.schema.json'))]: ['filters.yaml'] }, schemaStore: { enable: false } },
    };
    const peer = await LspSession.start(dir, {}, { command: [process.execPath, peerBin, '--stdio'], settings });
    const peerFirst = await timed(() => peer.open(file));
    const peerCompletion: number[] = [];
    for (let k = 0; k < Math.min(n, 100); k++) {
      const position = pick(fieldPositions, k);
      peerCompletion.push(await timed(() => peer.request('textDocument/completion', { textDocument: { uri }, position })));
    }
    const peerEdit: number[] = [];
    current = ws.filtersText;
    for (const text of versions) {
      const previous = current;
      peerEdit.push(await timed(() => peer.edit(file, previous, text)));
      current = text;
    }
    await peer.stop();
    return {
      filters,
      fields: ws.fieldCount,
      bytes: ws.filtersText.length,
      firstDiagnosticsMs,
      completion: figures(completion),
      hover: figures(hover),
      diagnosticsAfterEdit: figures(afterEdit),
      peer: { name: 'yaml-language-server', firstDiagnosticsMs: peerFirst, diagnosticsAfterEdit: figures(peerEdit), completion: figures(peerCompletion) },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
