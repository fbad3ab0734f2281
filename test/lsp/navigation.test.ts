import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { DocumentSymbol, Hover, Location } from 'vscode-languageserver-protocol';
import { closeCopy, fileUri, openCopy, positionOf, type LspSession } from './lspSession';

describe('hover, go to definition and outline over LSP', () => {
  let session: LspSession;
  let ws: string;
  let file: string;
  let text: string;

  before(async () => {
    ({ session, ws, file, original: text } = await openCopy('examples/cdc-streaming', 'flink-jobs/filters.yaml'));
    await session.open(file);
  });
  after(() => closeCopy(session, ws));

  const hoverAt = (needle: string, delta: number) =>
    session.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: fileUri(file) },
      position: positionOf(text, needle, delta),
    });

  it('hover on a field shows its Avro type, nullability, doc and sample values', async () => {
    const h = await hoverAt('eventHeader.eventName', 'eventHeader.'.length + 2);
    const md = (h!.contents as { value: string }).value;
    assert.match(md, /\*\*eventHeader\.eventName\*\* — `string`/);
    assert.match(md, /Business name of the event/);
    assert.match(md, /Sample values: `Loan\w+` \(\d+\)/);
  });

  it('hover on each segment of a path describes that segment', async () => {
    const h = await hoverAt('eventBody.entities[].updatedAttributes.loanAmount', 'eventBody.'.length + 1);
    const md = (h!.contents as { value: string }).value;
    assert.match(md, /\*\*eventBody\.entities\[\]\*\* — `record .*Entity`/);
    assert.match(md, /at least one element/);
    const onKey = await hoverAt(
      'eventBody.entities[].updatedAttributes.loanAmount',
      'eventBody.entities[].updatedAttributes.'.length + 2,
    );
    const md2 = (onKey!.contents as { value: string }).value;
    assert.match(md2, /`string` · nullable/);
    assert.match(md2, /map key `loanAmount`; NULL when the key is absent/);
  });

  it('hover on a nullable enum and on an operator', async () => {
    const op = await hoverAt('operator: greaterThan', 'operator: '.length + 1);
    assert.match(
      (op!.contents as { value: string }).value,
      /\*\*greaterThan\*\* — Field > value\.[\s\S]*NULL or missing field never matches/,
    );
  });

  it('go to definition jumps from a field segment to its declaration in the .avsc', async () => {
    const loc = await session.request<Location>('textDocument/definition', {
      textDocument: { uri: fileUri(file) },
      position: positionOf(text, 'eventHeader.eventName', 'eventHeader.'.length + 3),
    });
    assert.strictEqual(loc.uri, fileUri(path.join(ws, 'schemas/raw-event.avsc')));
    const avsc = fs.readFileSync(path.join(ws, 'schemas/raw-event.avsc'), 'utf8').split('\n');
    const line = avsc[loc.range.start.line];
    assert.strictEqual(line.slice(loc.range.start.character, loc.range.end.character), '"eventName"');
    const onParent = await session.request<Location>('textDocument/definition', {
      textDocument: { uri: fileUri(file) },
      position: positionOf(text, 'eventHeader.eventName', 2),
    });
    assert.strictEqual(
      avsc[onParent.range.start.line].slice(onParent.range.start.character, onParent.range.end.character),
      '"eventHeader"',
    );
  });

  it('the outline lists the filters by id with their names and conditions', async () => {
    const symbols = await session.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: fileUri(file) },
    });
    assert.deepStrictEqual(
      symbols.map((s) => s.name),
      ['source', 'loan-events-filter', 'service-events-filter', 'car-events-filter', 'high-value-loan-filter'],
    );
    const hv = symbols[4];
    assert.strictEqual(hv.detail, 'High-Value Loan Filter');
    assert.deepStrictEqual(
      hv.children!.map((c) => c.name),
      ['eventBody.entities[].entityType equals', 'eventBody.entities[].updatedAttributes.loanAmount greaterThan'],
    );
  });
});
