import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-protocol';
import { closeCopy, fileUri, openCopy, positionOf, type Diag as Diagnostic, type LspSession } from './lspSession';

function edit(text: string, find: string, replace: string): string {
  assert.ok(text.includes(find), `fixture lacks "${find}"`);
  return text.replace(find, replace);
}

function only(diags: Diagnostic[], code: string): Diagnostic[] {
  return diags.filter((d) => d.code === code);
}

function textAt(text: string, d: Diagnostic): string {
  const lines = text.split('\n');
  assert.strictEqual(d.range.start.line, d.range.end.line, 'single-line range expected');
  return lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
}

describe('diagnostics over LSP (example workspace)', () => {
  let session: LspSession;
  let ws: string;
  let file: string;
  let original: string;

  before(async () => {
    ({ session, ws, file, original } = await openCopy('examples/cdc-streaming', 'flink-jobs/filters.yaml'));
  });
  after(() => closeCopy(session, ws));

  it('reports nothing but hints for the example files', async () => {
    for (const name of ['filters.yaml', 'filters-examples.yaml']) {
      const diags = await session.open(path.join(ws, 'flink-jobs', name));
      const serious = diags.filter(
        (d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning,
      );
      assert.deepStrictEqual(
        serious.map((d) => d.message),
        [],
        name,
      );
    }
  });

  it('reports a YAML syntax error at its line and still checks the rest of the file', async () => {
    let text = edit(original, 'field: eventHeader.eventName', 'field: eventHeader.eventNam');
    text = edit(text, '        value: Loan', '        value: "Loan');
    const diags = await session.open(file, text);
    const syntax = only(diags, 'yaml-syntax');
    assert.ok(syntax.length >= 1, JSON.stringify(diags));
    assert.ok(
      syntax[0].range.start.line >= positionOf(text, 'value: "Loan').line,
      'syntax error located at or after the broken quote',
    );
    const unknown = only(diags, 'unknown-field');
    assert.strictEqual(unknown.length, 1);
    assert.strictEqual(unknown[0].range.start.line, positionOf(text, 'eventHeader.eventNam').line);
  });

  it('maps JSON Schema shape errors to the offending key or value', async () => {
    let text = edit(original, 'outputTopic: filtered-car-events', 'outputTopc: filtered-car-events');
    text = edit(
      text,
      'enabled: true\n    conditions:\n      - field: eventHeader.eventName\n        operator: in\n        values: ["ServiceScheduled"',
      'enabled: "yes"\n    conditions:\n      - field: eventHeader.eventName\n        operator: in\n        values: ["ServiceScheduled"',
    );
    const diags = await session.open(file, text);
    const unknownKey = only(diags, 'unknown-key')[0];
    assert.ok(unknownKey, JSON.stringify(diags));
    assert.strictEqual(textAt(text, unknownKey), 'outputTopc');
    assert.match(unknownKey.message, /Unknown key "outputTopc"/);
    const missing = only(diags, 'missing-key').find((d) => /outputTopic/.test(d.message));
    assert.ok(missing, 'the filter without outputTopic is reported missing it');
    const wrongType = only(diags, 'shape').find((d) => textAt(text, d) === '"yes"');
    assert.ok(wrongType, 'enabled: "yes" is reported at the value');
    assert.match(wrongType.message, /boolean/);
  });

  it('reports an unknown field path with "did you mean" and a quick fix that corrects it', async () => {
    const text = edit(
      original,
      'eventBody.entities[].updatedAttributes.loanAmount',
      'eventBody.entites[].updatedAttributes.loanAmount',
    );
    const diags = await session.open(file, text);
    const d = only(diags, 'unknown-field')[0];
    assert.ok(d, JSON.stringify(diags));
    assert.strictEqual(textAt(text, d), 'entites[]');
    assert.match(d.message, /Did you mean "eventBody\.entities\[\]\.updatedAttributes\.loanAmount"\?/);
    const actions = await session.request<
      { title: string; edit: { changes: Record<string, { range: Diagnostic['range']; newText: string }[]> } }[]
    >('textDocument/codeAction', {
      textDocument: { uri: fileUri(file) },
      range: d.range,
      context: { diagnostics: [d] },
    });
    assert.strictEqual(actions.length, 1);
    const change = actions[0].edit.changes[fileUri(file)][0];
    const lines = text.split('\n');
    const line = lines[change.range.start.line];
    lines[change.range.start.line] =
      line.slice(0, change.range.start.character) + change.newText + line.slice(change.range.end.character);
    const fixed = lines.join('\n');
    const after = await session.change(file, fixed);
    assert.deepStrictEqual(only(after, 'unknown-field'), []);
    assert.strictEqual(fixed, original);
  });

  it('reports an operator that does not fit the field type', async () => {
    let text = edit(
      original,
      'field: eventHeader.eventName\n        operator: in\n        values: ["CarCreated", "CarUpdated"]',
      'field: eventHeader.eventName\n        operator: greaterThan\n        value: "Car"',
    );
    text = edit(text, 'operator: equals\n        value: Loan', 'operator: matches\n        value: "Lo.*"');
    const diags = only(await session.open(file, text), 'operator-type');
    assert.strictEqual(
      diags.length,
      1,
      'matches on an enum is allowed (Flink reads enums as STRING); greaterThan on a string is not',
    );
    assert.strictEqual(textAt(text, diags[0]), 'greaterThan');
    assert.match(diags[0].message, /does not apply to eventHeader\.eventName, a string/);
    const numeric = edit(
      original,
      'field: eventHeader.eventName\n        operator: in\n        values: ["CarCreated", "CarUpdated"]',
      'field: eventHeader.priority\n        operator: matches\n        value: "[0-9]"',
    );
    const d2 = only(await session.change(file, numeric), 'operator-type');
    assert.strictEqual(d2.length, 1);
    assert.match(d2[0].message, /"matches" does not apply to eventHeader\.priority, an int/);
  });

  it('reports values of the wrong type and symbols not in the enum', async () => {
    let text = edit(original, 'operator: equals\n        value: Loan', 'operator: equals\n        value: Lone');
    text = edit(text, 'operator: greaterThan\n        value: 100000', 'operator: greaterThan\n        value: "lots"');
    const diags = await session.open(file, text);
    const enumDiag = only(diags, 'enum-symbol')[0];
    assert.strictEqual(textAt(text, enumDiag), 'Lone');
    assert.match(enumDiag.message, /not a symbol of enum EntityType .*Did you mean "Loan"/);
    const typeDiag = only(diags, 'value-type')[0];
    assert.strictEqual(textAt(text, typeDiag), '"lots"');
    assert.match(typeDiag.message, /must be a number/);
  });

  it('reports wrong arity: between with one value, low above high, empty in', async () => {
    const base = 'operator: greaterThan\n        value: 100000';
    const cases: [string, RegExp, string][] = [
      ['operator: between\n        values: [100000]', /two values/, '[100000]'],
      [
        'operator: between\n        values: [200000, 100000]',
        /low 200000 is greater than high 100000/,
        '[200000, 100000]',
      ],
    ];
    for (const [replacement, message, at] of cases) {
      const text = edit(original, base, replacement);
      const diags = (await session.open(file, text)).filter((d) => d.code === 'arity' || d.code === 'between-order');
      assert.strictEqual(diags.length, 1, replacement);
      assert.match(diags[0].message, message);
      assert.strictEqual(textAt(text, diags[0]), at);
    }
    const empty = edit(original, 'values: ["CarCreated", "CarUpdated"]', 'values: []');
    const diags = only(await session.open(file, empty), 'arity');
    assert.strictEqual(diags.length, 1);
    assert.match(diags[0].message, /at least one value/);
    assert.strictEqual(textAt(empty, diags[0]), '[]');
  });

  it('reports an invalid regular expression at the pattern', async () => {
    const text = edit(
      original,
      'field: eventHeader.eventName\n        operator: in\n        values: ["CarCreated", "CarUpdated"]',
      'field: eventHeader.eventName\n        operator: matches\n        value: "^Car(Created|Updated"',
    );
    const diags = only(await session.open(file, text), 'bad-regex');
    assert.strictEqual(diags.length, 1);
    assert.strictEqual(diags[0].range.start.line, positionOf(text, '^Car(Created').line);
    assert.strictEqual(diags[0].severity, DiagnosticSeverity.Error);
    const both = edit(
      text,
      'field: eventHeader.eventName\n        operator: matches',
      'field: eventHeader.evntName\n        operator: matches',
    );
    const all = await session.change(file, both);
    assert.strictEqual(only(all, 'unknown-field').length, 1, 'the unknown field');
    assert.strictEqual(only(all, 'bad-regex').length, 1, 'and the bad pattern of the same condition');
  });

  it('reports a duplicate id and an output topic equal to the source topic', async () => {
    let text = edit(original, 'id: car-events-filter', 'id: loan-events-filter');
    text = edit(text, 'outputTopic: filtered-service-events', 'outputTopic: raw-business-events');
    const diags = await session.open(file, text);
    const dup = only(diags, 'duplicate-id')[0];
    assert.strictEqual(
      dup.range.start.line,
      text
        .split('\n')
        .findIndex(
          (l, i) => i > positionOf(text, 'id: loan-events-filter').line && l.includes('id: loan-events-filter'),
        ),
    );
    assert.match(dup.message, /Duplicate filter id "loan-events-filter" \(first used on line \d+\)/);
    const loop = only(diags, 'output-is-source')[0];
    assert.strictEqual(textAt(text, loop), 'raw-business-events');
  });

  it('reports a filter without a required key on the filter', async () => {
    const text = edit(original, '    consumerId: car-consumer\n', '');
    const diags = only(await session.open(file, text), 'missing-key');
    assert.strictEqual(diags.length, 1);
    assert.match(diags[0].message, /Filter #3 is missing the required key "consumerId"/);
    assert.strictEqual(diags[0].range.start.line, positionOf(text, 'id: car-events-filter').line);
  });

  it('reports a missing schema once at source.schema and still checks the shape', async () => {
    let text = edit(original, 'schema: ../schemas/raw-event.avsc', 'schema: ../schemas/nope.avsc');
    text = edit(text, 'outputTopic: filtered-car-events', 'outputTopc: filtered-car-events');
    const diags = await session.open(file, text);
    const schema = only(diags, 'schema-missing');
    assert.strictEqual(schema.length, 1);
    assert.strictEqual(textAt(text, schema[0]), '../schemas/nope.avsc');
    assert.match(schema[0].message, /Avro schema not found/);
    assert.strictEqual(only(diags, 'unknown-key').length, 1, 'shape is still checked');
    assert.deepStrictEqual(only(diags, 'unknown-field'), [], 'no field errors without a schema');
  });

  it('reports an unreadable schema as such', async () => {
    fs.writeFileSync(
      path.join(ws, 'schemas/broken.avsc'),
      '{"type": "record", "name": "X", "fields": [ {"name": "a", "type": "nosuch"} ]}',
    );
    const text = edit(original, 'schema: ../schemas/raw-event.avsc', 'schema: ../schemas/broken.avsc');
    const diags = only(await session.open(file, text), 'schema-missing');
    assert.strictEqual(diags.length, 1);
    assert.match(diags[0].message, /broken\.avsc is unreadable: not a valid Avro schema/);
  });

  it('shows a disabled filter as disabled, not as an error', async () => {
    const text = edit(
      original,
      'enabled: true\n    conditions:\n      - field: eventHeader.eventName\n        operator: in\n        values: ["CarCreated"',
      'enabled: false\n    conditions:\n      - field: eventHeader.eventName\n        operator: in\n        values: ["CarCreated"',
    );
    const diags = await session.open(file, text);
    const disabled = only(diags, 'disabled');
    assert.strictEqual(disabled.length, 1);
    assert.strictEqual(disabled[0].severity, DiagnosticSeverity.Hint);
    assert.deepStrictEqual(disabled[0].tags, [DiagnosticTag.Unnecessary]);
    assert.strictEqual(textAt(text, disabled[0]), 'car-events-filter');
    assert.deepStrictEqual(
      diags.filter((d) => d.severity === DiagnosticSeverity.Error),
      [],
    );
  });
});
