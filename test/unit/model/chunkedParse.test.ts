import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { loadAvroSchema } from '../../../server/src/avro/loadAvroSchema';
import { bindFilters } from '../../../server/src/binding/bindFilters';
import { chunkFilters, rechunkFilters, type ChunkEdit, type Chunks } from '../../../server/src/model/chunkFilters';
import { forgetParses, parseFilters, parseFiltersWhole } from '../../../server/src/model/parseFilters';
import { shapeProblems } from '../../../server/src/validation/shapeProblems';
import type { FiltersDocument } from '../../../server/src/model/filterTypes';

const REPO = path.resolve(__dirname, '../../..');
const files = [
  'examples/cdc-streaming/flink-jobs/filters.yaml',
  'examples/cdc-streaming/flink-jobs/filters-examples.yaml',
  'test/fixtures/other-domain/filters.yaml',
].map((f) => fs.readFileSync(path.join(REPO, f), 'utf8'));
// The same filters with the items at column 0 ("filters:\n- id: …"), the other common block style.
files.push(files[1].replace(/^filters:\n[\s\S]*$/m, (list) => list.replace(/^ {2}/gm, '')));
// The same files with Windows line endings (\r\n), as git checks them out with core.autocrlf.
files.push(files[0].replace(/\n/g, '\r\n'), files[1].replace(/\n/g, '\r\n'));

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
    if (typeof o.start === 'number' && typeof o.end === 'number' && Object.keys(o).length === 2)
      return { start: o.start, end: trimEnd(o.end) };
    return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  };
  return JSON.stringify(
    { filters, source, filtersSpan, shape: shapeProblems(doc), syntax: doc.syntaxProblems.length > 0 },
    canonical,
    1,
  );
}

/** Edits that keep the block layout: retype a value, drop or duplicate a line, reorder filters. */
const edit = fc.oneof(
  fc.record({
    kind: fc.constant('value' as const),
    line: fc.nat(),
    text: fc.constantFrom('x', 'Loan', '12', '"a b"', '[a, b]', '', 'true', '{a: 1}'),
  }),
  fc.record({ kind: fc.constant('drop' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('dup' as const), line: fc.nat() }),
  fc.record({
    kind: fc.constant('key' as const),
    line: fc.nat(),
    key: fc.constantFrom('outputTopc', 'enabled', 'values', 'field', 'operator'),
  }),
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
    assert.ok(
      chunks.header.endsWith(
        'filters:\n  # Event-name filter: the whole life of a loan, for the loan servicing team.\n',
      ),
    );
  });

  it('splits a file with Windows line endings as it splits the same file with \\n, and refuses a lone \\r', () => {
    for (const [crlf, lf] of [
      [files[4], files[0]],
      [files[5], files[1]],
    ]) {
      const chunks = chunkFilters(crlf)!;
      assert.ok(chunks, 'a CRLF file splits');
      assert.deepStrictEqual(
        chunks.items.map((i) => i.text.replace(/\r\n/g, '\n')),
        chunkFilters(lf)!.items.map((i) => i.text),
      );
      assert.strictEqual(observable(parseFilters(crlf)), observable(parseFiltersWhole(crlf)));
    }
    assert.strictEqual(
      chunkFilters('filters:\r\n  - id: a\r  - id: b\r\n'),
      undefined,
      'a lone \\r is a line break YAML knows: parse whole',
    );
  });

  it('splits a file whose filters are written at column 0', () => {
    const chunks = chunkFilters(files[3])!;
    assert.strictEqual(chunks.indent, 0);
    assert.strictEqual(chunks.items.length, chunkFilters(files[1])!.items.length);
    assert.ok(chunks.items.every((i) => i.text.startsWith('- ')));
    assert.strictEqual(
      chunkFilters('filters:\n- id: a\nsource:\n  topic: t\n'),
      undefined,
      'a key after the list ends it',
    );
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
          if (whole.syntaxProblems.length > 0)
            assert.ok(parseFilters(text).syntaxProblems.length > 0, 'a syntax error is reported either way');
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

  it('re-splits after an edit exactly as a fresh split does, over 600 sequences of keystroke-sized edits', function () {
    this.timeout(120_000);
    let incremental = 0;
    fc.assert(
      // A step is one change as a client sends it; two or three keystrokes at different places make one change too.
      fc.property(
        fc.nat(files.length - 1),
        fc.array(fc.array(keystroke, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        (f, steps) => {
          let text = files[f];
          let before: { text: string; chunks: Chunks } | undefined = { text, chunks: chunkFilters(text)! };
          for (const step of steps) {
            text = step.reduce(applyKeystroke, text);
            const fresh = chunkFilters(text);
            const re: ChunkEdit | undefined = before && rechunkFilters(before, text);
            if (re) {
              incremental++;
              assert.ok(fresh, 'a layout the fresh split refuses is refused after an edit too');
              assert.deepStrictEqual(comparable(re.chunks), comparable(fresh));
              re.previous.forEach(
                (was, i) => was >= 0 && assert.strictEqual(re.chunks.items[i].text, before!.chunks.items[was].text),
              );
            }
            const chunks: Chunks | undefined = re?.chunks ?? fresh;
            before = chunks && { text, chunks };
          }
        },
      ),
      { numRuns: 600, seed: 11 },
    );
    assert.ok(incremental > 500, `only ${incremental} edits took the incremental path`);
  });

  it('re-splits exactly where an edit joins or splits lines at a filter boundary', () => {
    const base = 'filters:\n  - id: a\n    name: b\n  - id: c\n    name: d\n';
    const cases = [
      'filters:\n  - id: a\n    name: b\n  - id: c\n    name: d  - id: e\n', // an item typed at the end of the last line
      'filters:\n  - id: a\n    name: b  - id: c\n    name: d\n', // the line break before a filter removed
      'filters:\n  - id: a\n    name: b\n    - id: c\n    name: d\n', // a filter indented into the one before
      'filters:\n  - id: a\n    name: b\n  - id: c\n  - id: x\n    name: d\n', // a filter split in two
      'filters:\n  - id: a\n    name: b\n  - id: c\n    name: d\n  - id: e', // one appended without a final line break
      'filters:\n', // every filter deleted
      'filters:\n  # none yet\n',
    ];
    const trimmed = base.slice(0, -1);
    for (const [before, after] of [
      ...cases.map((c) => [base, c]),
      [trimmed, trimmed + '  - id: e'],
      [trimmed, trimmed + '\n  - id: e'],
    ]) {
      const re = rechunkFilters({ text: before, chunks: chunkFilters(before)! }, after);
      const fresh = chunkFilters(after);
      if (re) assert.deepStrictEqual(comparable(re.chunks), comparable(fresh!), JSON.stringify(after));
      else assert.strictEqual(fresh, undefined, `re-splitting follows ${JSON.stringify(after)}`);
    }
  });

  it('parses a document edit after edit (each parse starting from the previous one) as a fresh parse does, problems included', function () {
    this.timeout(120_000);
    const schemas = [
      'examples/cdc-streaming/schemas/raw-event.avsc',
      'examples/cdc-streaming/schemas/raw-event.avsc',
      'test/fixtures/other-domain/schemas/' +
        fs.readdirSync(path.join(REPO, 'test/fixtures/other-domain/schemas')).find((n) => n.endsWith('.avsc')),
      'examples/cdc-streaming/schemas/raw-event.avsc',
    ].map((f) => loadAvroSchema(fs.readFileSync(path.join(REPO, f), 'utf8')));
    let run = 0;
    fc.assert(
      fc.property(
        fc.nat(files.length - 1),
        fc.array(fc.array(fc.oneof(keystroke, edit), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 10 }),
        (f, steps) => {
          const owner = `test://incremental-${run++}.yaml`;
          let text = files[f];
          parseFilters(text, owner);
          for (const step of steps) {
            text = step.reduce(
              (t, e) =>
                e.kind === 'insert' || e.kind === 'remove' || e.kind === 'truncate'
                  ? applyKeystroke(t, e)
                  : applyEdit(t, e),
              text,
            );
            const again = parseFilters(text, owner);
            const fresh = parseFilters(text);
            assert.strictEqual(everything(again), everything(fresh));
            const a = bindFilters(again, schemas[f]);
            const b = bindFilters(fresh, schemas[f]);
            assert.deepStrictEqual(a.problems, b.problems);
            assert.deepStrictEqual(
              a.bound.filters.map((x) => [x.id, x.rule.span]),
              b.bound.filters.map((x) => [x.id, x.rule.span]),
            );
          }
          forgetParses(owner);
        },
      ),
      { numRuns: 100, seed: 5 },
    );
  });

  it('after an edit in one filter, keeps the objects of the others (their bindings are reused) and moves those after it', () => {
    const owner = 'test://keeps-objects.yaml';
    const a = parseFilters(files[1], owner);
    const before = a.filters.map((r) => ({ rule: r, start: r.span.start, id: r.id!.span.start }));
    const idEnd = a.filters[5].id!.span.end;
    const b = parseFilters(files[1].slice(0, idEnd) + 'x' + files[1].slice(idEnd), owner);
    forgetParses(owner);
    assert.strictEqual(b.filters.length, before.length);
    b.filters.forEach((rule, i) => {
      if (i === 5) return assert.notStrictEqual(rule, before[i].rule, 'the edited filter is parsed anew');
      assert.strictEqual(rule, before[i].rule, `filter ${i} keeps its object`);
      assert.strictEqual(rule.span.start, before[i].start + (i > 5 ? 1 : 0));
      assert.strictEqual(rule.id!.span.start, before[i].id + (i > 5 ? 1 : 0));
    });
    assert.strictEqual(b.filters[5].id!.value, `${a.filters[5].id!.value}x`);
  });
  it('keeps the objects of unchanged filters between two distant edits made in one change', () => {
    const owner = 'test://two-edits.yaml';
    const a = parseFilters(files[1], owner);
    const before = [...a.filters];
    const [p, q] = [a.filters[2].id!.span.end, a.filters[12].id!.span.end];
    const b = parseFilters(files[1].slice(0, p) + 'x' + files[1].slice(p, q) + 'y' + files[1].slice(q), owner);
    forgetParses(owner);
    b.filters.forEach((rule, i) => {
      if (i === 2 || i === 12) assert.notStrictEqual(rule, before[i]);
      else assert.strictEqual(rule, before[i], `filter ${i} keeps its object`);
    });
    assert.strictEqual(everything(b), everything(parseFilters(b.text)));
  });
});

type Keystroke =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'remove'; at: number; len: number }
  | { kind: 'truncate'; at: number };

/** What typing does anywhere in a file: insert a few characters (line breaks, dashes, indentation, noise) or remove some. */
const keystroke: fc.Arbitrary<Keystroke> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.constantFrom(
        'x',
        ' ',
        '\n',
        '- ',
        '  - ',
        '  - id: y',
        '\n  - id: new\n',
        '\n    name: n\n',
        '#',
        '&a ',
        '\r',
        'top: 1\n',
        '\n  x',
        ':',
        '"',
        '  ',
        '\u2028',
      ),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 30 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
);

function applyKeystroke(text: string, k: Keystroke): string {
  const at = text.length === 0 ? 0 : k.at % (text.length + 1);
  if (k.kind === 'insert') return text.slice(0, at) + k.text + text.slice(at);
  if (k.kind === 'remove') return text.slice(0, at) + text.slice(at + k.len);
  return text.slice(0, at);
}

function comparable(chunks: Chunks): unknown {
  return { header: chunks.header, indent: chunks.indent, items: chunks.items.map((i) => [i.start, i.text]) };
}

/** Every part of a parse, spans and problems included (Maps as entry lists). */
function everything(doc: FiltersDocument): string {
  const { filters, source, filtersSpan, syntaxProblems, shapeErrors } = doc;
  return JSON.stringify({ filters, source, filtersSpan, syntaxProblems, shapeErrors }, (_k, v: unknown) =>
    v instanceof Map ? [...v] : v,
  );
}
