import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { chunkFilters } from '../../../server/src/model/chunkFilters';
import { parseFilters, parseFiltersWhole } from '../../../server/src/model/parseFilters';
import { shapeProblems } from '../../../server/src/validation/shapeCheck';
import type { FiltersDocument } from '../../../server/src/model/filterTypes';

const REPO = path.resolve(__dirname, '../../..');
const files = [
  'examples/cdc-streaming/flink-jobs/filters.yaml',
  'examples/cdc-streaming/flink-jobs/filters-examples.yaml',
  'test/fixtures/other-domain/filters.yaml',
].map((f) => fs.readFileSync(path.join(REPO, f), 'utf8'));

/** What a user sees of a parse: the model (with every span) and the shape problems. */
function observable(doc: FiltersDocument): string {
  const { filters, source, filtersSpan } = doc;
  // Keys sorted: the two parses may build objects in another key order. A span may end before or after
  // trailing whitespace (an empty value at the end of a filter): the same text is covered either way.
  const trimEnd = (end: number) => {
    while (end > 0 && /\s/.test(doc.text[end - 1])) end--;
    return end;
  };
  const canonical = (_k: string, v: unknown): unknown => {
    if (v instanceof Map) return [...v];
    if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number' && Object.keys(o).length === 2) return { start: o.start, end: trimEnd(o.end) };
    return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  };
  return JSON.stringify({ filters, source, filtersSpan, shape: shapeProblems(doc), syntax: doc.syntaxProblems.length > 0 }, canonical, 1);
}

/** Edits that keep the block layout: retype a value, drop or duplicate a line, reorder filters. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('value' as const), line: fc.nat(), text: fc.constantFrom('x', 'Loan', '12', '"a b"', '[a, b]', '', 'true', '{a: 1}') }),
  fc.record({ kind: fc.constant('drop' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('dup' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('key' as const), line: fc.nat(), key: fc.constantFrom('outputTopc', 'enabled', 'values', 'field', 'operator') }),
);

function applyEdit(text: string, e: typeof edit extends fc.Arbitrary<infer T> ? T : never): string {
  const lines = text.split('\n');
  const i = e.line % lines.length;
  if (e.kind === 'value') lines[i] = lines[i].replace(/:\s.*$/, `: ${e.text}`);
  if (e.kind === 'drop') lines.splice(i, 1);
  if (e.kind === 'dup') lines.splice(i, 0, lines[i]);
  if (e.kind === 'key') lines[i] = lines[i].replace(/^(\s*(?:-\s+)?)\w+:/, `$1${e.key}:`);
  return lines.join('\n');
}

describe('parsing filter by filter (the incremental path)', () => {
  it('splits the example files into one chunk per filter', () => {
    const chunks = chunkFilters(files[0])!;
    assert.strictEqual(chunks.items.length, 4);
    assert.ok(chunks.items[0].text.startsWith('  - id: loan-events-filter'));
    assert.ok(chunks.header.endsWith('filters:\n  # Event-name filter: the whole life of a loan, for the loan servicing team.\n'));
  });

  it('falls back to one parse for layouts it cannot split (anchors, flow style, trailing keys)', () => {
    assert.strictEqual(chunkFilters('filters: [{id: a}]\n'), undefined);
    assert.strictEqual(chunkFilters('filters:\n  - &a\n    id: a\n  - *a\n'), undefined);
    assert.strictEqual(chunkFilters('filters:\n  - id: a\nsource:\n  topic: t\n'), undefined);
  });

  it('gives exactly what a whole-file parse gives, on the examples and 400 edits of them', function () {
    this.timeout(120_000);
    for (const text of files) assert.strictEqual(observable(parseFilters(text)), observable(parseFiltersWhole(text)));
    let compared = 0;
    fc.assert(
      fc.property(fc.nat(files.length - 1), fc.array(edit, { minLength: 1, maxLength: 4 }), (f, edits) => {
        const text = edits.reduce(applyEdit, files[f]);
        const whole = parseFiltersWhole(text);
        // Where the text is no longer valid YAML the two parsers may recover differently; both still report it.
        if (whole.syntaxProblems.length > 0 || !chunkFilters(text)) {
          if (whole.syntaxProblems.length > 0) assert.ok(parseFilters(text).syntaxProblems.length > 0, 'a syntax error is reported either way');
          return;
        }
        compared++;
        assert.strictEqual(observable(parseFilters(text)), observable(whole));
      }),
      { numRuns: 400, seed: 7 },
    );
    assert.ok(compared > 200, `only ${compared} edits kept valid YAML`);
  });

  it('moves a filter in place only within its own document', () => {
    const text = files[0];
    const lower = text.replace('filters:\n', 'filters:\n  # moved\n');
    const a = parseFilters(text, 'file:///a.yaml');
    // Within one document the object is reused and moved, and matches a fresh parse.
    const moved = parseFilters(lower, 'file:///a.yaml');
    assert.strictEqual(moved.filters[3], a.filters[3], 'same object');
    assert.strictEqual(observable(moved), observable(parseFiltersWhole(lower)));
    // The same filters at other places in another document: document a keeps its spans.
    const before = JSON.stringify(moved.filters);
    parseFilters(text, 'file:///b.yaml');
    assert.strictEqual(JSON.stringify(moved.filters), before);
  });
});
