import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { PassThrough } from 'stream';
import { createConnection } from 'vscode-languageserver/node';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { registerRouting, routingCodeLenses, filterTestProblems } from '../../../server/src/lsp/routingFeature';
import { WorkspaceState } from '../../../server/src/lsp/workspaceState';
import { FilterTestCasesRequest, RoutePreviewRequest, RunFilterTestsRequest } from '../../../server/src/protocol';

const example = path.resolve(__dirname, '../../../examples/cdc-streaming');

/** The routing requests over a real JSON-RPC connection (in-process streams), as the client sends them. */
describe('routing LSP feature', () => {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const state = new WorkspaceState();
  const filtersFile = path.join(example, 'flink-jobs/filters.yaml');
  const filtersUri = URI.file(filtersFile).toString();
  const analysis = state.analyze(filtersUri, 1, fs.readFileSync(filtersFile, 'utf8'));
  registerRouting(server, (uri) => (uri === filtersUri ? analysis : undefined), {
    now: () => Date.parse('2026-11-24T00:00:00Z'),
  });
  server.listen();
  client.listen();
  after(() => {
    client.dispose();
    server.dispose();
  });

  it('cdcRouting/routePreview returns counts, matched events and first failing conditions', async () => {
    const preview = (await client.sendRequest(RoutePreviewRequest, { uri: filtersUri }))!;
    assert.ok(preview.total >= 240);
    assert.strictEqual(preview.filters.length, 4);
    assert.strictEqual(
      preview.filters.reduce((t, f) => t + f.count, 0) >= preview.total - preview.unrouted.length,
      true,
    );
    const ev = preview.events[0];
    assert.deepStrictEqual(ev.matched, ['loan-events-filter']);
    assert.ok(ev.misses.every((m) => typeof m.reason === 'string' && m.line > 0));
    assert.strictEqual(await client.sendRequest(RoutePreviewRequest, { uri: 'file:///nope/filters.yaml' }), null);
  });

  it('cdcRouting/runFilterTests runs the example test file', async () => {
    const uri = URI.file(path.join(example, 'flink-jobs/filters.test.yaml')).toString();
    const run = await client.sendRequest(RunFilterTestsRequest, { uri });
    assert.strictEqual(run.uri, uri);
    assert.strictEqual(run.filtersUri, filtersUri);
    assert.strictEqual(run.fatal, undefined);
    assert.ok(run.results.length >= 10);
    assert.deepStrictEqual(
      run.results.filter((r) => r.status !== 'passed'),
      [],
    );
    const text = fs.readFileSync(path.join(example, 'flink-jobs/filters.test.yaml'), 'utf8').split('\n');
    for (const r of run.results) assert.ok(text[r.line].includes(r.name.slice(0, 20)), `${r.name} at ${r.line}`);
  });

  it('cdcRouting/filterTestCases lists the cases at the lines runFilterTests reports them', async () => {
    const file = path.join(example, 'flink-jobs/filters.test.yaml');
    const uri = URI.file(file).toString();
    const fromDisk = await client.sendRequest(FilterTestCasesRequest, { uri });
    const run = await client.sendRequest(RunFilterTestsRequest, { uri });
    assert.deepStrictEqual(
      fromDisk.cases,
      run.results.map((r) => ({ name: r.name, line: r.line })),
    );
    // the client's text wins over the disk (an unsaved edit)
    const edited = await client.sendRequest(FilterTestCasesRequest, {
      uri,
      text: 'tests:\n  - name: first\n    sample: 1\n\n  - name: second\n    sample: 2\n',
    });
    assert.deepStrictEqual(edited, {
      uri,
      cases: [
        { name: 'first', line: 1 },
        { name: 'second', line: 4 },
      ],
    });
    const missing = await client.sendRequest(FilterTestCasesRequest, { uri: 'file:///nope/filters.test.yaml' });
    assert.deepStrictEqual(missing.cases, []);
  });

  it('CodeLens titles and test-file diagnostics', () => {
    const lenses = routingCodeLenses(analysis);
    assert.strictEqual(lenses.length, 4);
    assert.match(lenses[0].title, /^matches \d+ of \d+ samples/);
    const testUri = URI.file(path.join(example, 'flink-jobs/filters.test.yaml')).toString();
    assert.deepStrictEqual(
      filterTestProblems(testUri, 'tests:\n  - { name: x, sample: 1, routedTo: [nope] }\n').map((p) => p.code),
      ['test-unknown-topic'],
    );
  });
});
