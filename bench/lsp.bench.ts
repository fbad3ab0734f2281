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
  /** The same file and edits with Windows line endings (\r\n), as a core.autocrlf checkout has them. */
  diagnosticsAfterEditCrlf: LatencyFigures;
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
    const i = valueLines[Math.floor((k * 7919) % valueLines.length)];
    const copy = lines.slice();
    copy[i] = copy[i] + (k % 2 === 0 ? '' : ' ');
    copy[i] = copy[i].replace(/value: (.*)$/, (_m, v: string) => `value: ${k % 3 === 0 ? v : v}`);
    // Alternate a real change (a typo in a field path) with its repair.
    const fieldLine = i - 2;
    if (k % 2 === 1 && /field: /.test(copy[fieldLine]))
      copy[fieldLine] = copy[fieldLine].replace(/field: (\S+)/, 'field: $1x');
    out.push(copy.join('\n'));
  }
  return out;
}

type ContentChange = { range: { start: Position; end: Position }; text: string };
type Position = { line: number; character: number };

/**
 * The incremental changes from one text to the next, as an editor sends them: each changed line's changed
 * characters (one text differs from the next at two places, the last edit undone and a new one made). An
 * editor knows its changes from the keystrokes; the bench works them out before the clock starts, so that
 * diffing two large texts in the client is not counted as the server's latency.
 */
function contentChanges(before: string, after: string): ContentChange[] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length !== b.length) return [wholeStretch(before, after)];
  const changes: ContentChange[] = [];
  a.forEach((line, i) => {
    if (line === b[i]) return;
    let start = 0;
    while (start < line.length && start < b[i].length && line[start] === b[i][start]) start++;
    let end = 0;
    while (
      end < line.length - start &&
      end < b[i].length - start &&
      line[line.length - 1 - end] === b[i][b[i].length - 1 - end]
    )
      end++;
    // Each change stays within its line, so the positions of the others hold whatever order they are applied in.
    changes.push({
      range: { start: { line: i, character: start }, end: { line: i, character: line.length - end } },
      text: b[i].slice(start, b[i].length - end),
    });
  });
  // The same text again is still a change the server answers (an empty one), as the first of the bench's versions is.
  return changes.length > 0 ? changes : [wholeStretch(before, after)];
}

/** One change from the first to the last differing character (when lines were added or removed, or none changed). */
function wholeStretch(before: string, after: string): ContentChange {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  )
    end++;
  const position = (offset: number): Position => {
    const lineStart = before.lastIndexOf('\n', offset - 1) + 1;
    let line = 0;
    for (let i = before.indexOf('\n'); i >= 0 && i < lineStart; i = before.indexOf('\n', i + 1)) line++;
    return { line, character: offset - lineStart };
  };
  return {
    range: { start: position(start), end: position(before.length - end) },
    text: after.slice(start, after.length - end),
  };
}

/**
 * Sends each change as the next version of an open document and measures until the server publishes its
 * diagnostics: for our server, those of that very version; for a server that does not say which version it
 * checked (the peer), the next publication.
 */
async function timeChanges(session: LspSession, uri: string, changes: ContentChange[][]): Promise<number[]> {
  let waiting: { version: number; resolve: () => void } | undefined;
  session.onDiagnostics((p) => {
    if (waiting && p.uri === uri && (p.version === undefined || p.version === waiting.version)) {
      const w = waiting;
      waiting = undefined;
      w.resolve();
    }
  });
  const samples: number[] = [];
  // Version 1 is the document as opened.
  for (let k = 0; k < changes.length; k++) {
    const version = k + 2;
    samples.push(
      await timed(
        () =>
          new Promise<void>((resolve, reject) => {
            const timer = setTimeout(
              () => reject(new Error(`no diagnostics for version ${version}: ${session.stderr}`)),
              15_000,
            );
            waiting = { version, resolve: () => (clearTimeout(timer), resolve()) };
            void session.connection.sendNotification('textDocument/didChange', {
              textDocument: { uri, version },
              contentChanges: changes[k],
            });
          }),
      ),
    );
  }
  return samples;
}

/**
 * The language server on a 2,000-filter file against a ~300-field schema: completion, hover and
 * diagnostics-after-edit latencies as a client sees them over stdio, and yaml-language-server validating
 * the same file against schemas/filters.schema.json in the same run.
 */
export type LspBenchOptions = { filters?: number; samples?: number };
/** Our server's figures alone (`peer: false`): quick before/after comparisons without the slow peer. */
export type OwnLspFigures = Omit<LspBenchResult, 'peer'>;
export async function runLspBench(options?: LspBenchOptions & { peer?: true }): Promise<LspBenchResult>;
export async function runLspBench(options: LspBenchOptions & { peer: false }): Promise<OwnLspFigures>;
export async function runLspBench(
  options: LspBenchOptions & { peer?: boolean } = {},
): Promise<LspBenchResult | OwnLspFigures> {
  const filters = options.filters ?? 2000;
  const n = options.samples ?? 200;
  const ws = largeWorkspace({ filterCount: filters });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-bench-lsp-'));
  const file = path.join(dir, 'filters.yaml');
  fs.writeFileSync(path.join(dir, 'large.avsc'), ws.schemaText);
  fs.writeFileSync(file, ws.filtersText);
  const uri = fileUri(file);
  const versions = edits(ws.filtersText, 60);
  const changes = versions.map((text, k) => contentChanges(k === 0 ? ws.filtersText : versions[k - 1], text));
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
      hover.push(
        await timed(() =>
          ours.request('textDocument/hover', {
            textDocument: { uri },
            position: { ...position, character: position.character + 3 },
          }),
        ),
      );
    }
    // Edits go as an editor sends them: only the changed stretch (incremental sync), to both servers.
    const afterEdit = await timeChanges(ours, uri, changes);
    // The same file and edits with \r\n line endings, in a document of its own.
    const crlf = (t: string) => t.replace(/\n/g, '\r\n');
    const crlfFile = path.join(dir, 'filters-crlf.yaml');
    const crlfVersions = versions.map(crlf);
    await ours.open(crlfFile, crlf(ws.filtersText));
    const afterEditCrlf = await timeChanges(
      ours,
      fileUri(crlfFile),
      crlfVersions.map((text, k) => contentChanges(k === 0 ? crlf(ws.filtersText) : crlfVersions[k - 1], text)),
    );
    await ours.stop();
    const ownFigures: OwnLspFigures = {
      filters,
      fields: ws.fieldCount,
      bytes: ws.filtersText.length,
      firstDiagnosticsMs,
      completion: figures(completion),
      hover: figures(hover),
      diagnosticsAfterEdit: figures(afterEdit),
      diagnosticsAfterEditCrlf: figures(afterEditCrlf),
    };
    if (options.peer === false) return ownFigures;

    const peerBin = path.join(REPO, 'node_modules/yaml-language-server/bin/yaml-language-server');
    const settings = {
      yaml: {
        validate: true,
        completion: true,
        hover: true,
        schemas: { [fileUri(path.join(REPO, 'schemas/filters.schema.json'))]: ['filters.yaml'] },
        schemaStore: { enable: false },
      },
    };
    const peer = await LspSession.start(dir, {}, { command: [process.execPath, peerBin, '--stdio'], settings });
    const peerFirst = await timed(() => peer.open(file));
    const peerCompletion: number[] = [];
    for (let k = 0; k < Math.min(n, 100); k++) {
      const position = pick(fieldPositions, k);
      peerCompletion.push(
        await timed(() => peer.request('textDocument/completion', { textDocument: { uri }, position })),
      );
    }
    const peerEdit = await timeChanges(peer, uri, changes);
    await peer.stop();
    return {
      ...ownFigures,
      peer: {
        name: 'yaml-language-server',
        firstDiagnosticsMs: peerFirst,
        diagnosticsAfterEdit: figures(peerEdit),
        completion: figures(peerCompletion),
      },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
