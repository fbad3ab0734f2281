import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './sqlFixture';

/** Sanity of syntaxes/flink-sql.tmLanguage.json: well-formed, every regex compiles, the required words are covered. */
describe('TextMate grammar: Flink SQL', () => {
  interface Rule {
    begin: string;
    end: string;
    match: string;
    patterns: Rule[];
  }
  const grammar = JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes/flink-sql.tmLanguage.json'), 'utf8')) as {
    scopeName: string;
    repository: Record<string, { patterns: Rule[] }>;
  };
  const regexes: { where: string; source: string }[] = [];
  const walk = (node: unknown, where: string) => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${where}[${i}]`));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if ((k === 'match' || k === 'begin' || k === 'end') && typeof v === 'string')
          regexes.push({ where: `${where}.${k}`, source: v });
        else walk(v, `${where}.${k}`);
      }
    }
  };
  walk(grammar, '$');
  // Oniguruma's leading (?i) becomes JavaScript's i flag; the rest of these patterns is common syntax.
  const compile = (source: string) =>
    source.startsWith('(?i)') ? new RegExp(source.slice(4), 'i') : new RegExp(source);

  it('has the scope source.flinksql and compiling patterns', () => {
    assert.equal(grammar.scopeName, 'source.flinksql');
    assert.ok(regexes.length > 10);
    for (const r of regexes) assert.doesNotThrow(() => compile(r.source), r.where);
  });

  it('covers the keywords, types and functions the generator writes', () => {
    const all = regexes.map((r) => compile(r.source));
    // Functions are scoped only before "(", so each word is tried alone and as a call.
    const covered = (word: string) =>
      all.some((re) => re.exec(word)?.[0] === word || re.exec(`${word}(`)?.[0] === word);
    for (const w of [
      'EXECUTE STATEMENT SET',
      'WATERMARK',
      'TIMESTAMP_LTZ',
      'ROW',
      'ARRAY',
      'MAP',
      'UNNEST',
      'REGEXP',
      'TRY_CAST',
      'INTERVAL',
      'METADATA',
      'VIRTUAL',
      'LIKE',
      'EXCLUDING',
      'CURRENT_TIMESTAMP',
      'PROCTIME',
      'TO_TIMESTAMP_LTZ',
      'ROW_NUMBER',
      'DECIMAL',
      'BETWEEN',
    ])
      assert.ok(covered(w), w);
  });

  it('reads strings, U&-strings and back-quoted identifiers whole, with their escapes', () => {
    const strings = grammar.repository.strings.patterns;
    const unicode = strings[0];
    assert.equal(compile(unicode.begin).exec("U&'a\\000Ab'")?.[0], "U&'");
    assert.ok(unicode.patterns.some((p) => compile(p.match).test('\\000A')));
    // TextMate semantics: from a position, the earliest match among the end and the inner patterns wins.
    const endOf = (rule: { end: string; patterns: { match: string }[] }, text: string) => {
      for (let pos = 0; pos < text.length;) {
        const candidates = [
          { end: true, re: compile(rule.end) },
          ...rule.patterns.map((p) => ({ end: false, re: compile(p.match) })),
        ]
          .map((c) => {
            const re = new RegExp(c.re.source, c.re.flags + 'g');
            re.lastIndex = pos;
            const m = re.exec(text);
            return { ...c, m };
          })
          .filter((c) => c.m)
          .sort((a, b) => a.m!.index - b.m!.index || Number(b.end) - Number(a.end));
        if (!candidates.length) return -1;
        const first = candidates[0];
        if (first.end) return first.m!.index;
        pos = first.m!.index + first.m![0].length;
      }
      return -1;
    };
    assert.equal(endOf(strings[1], "it''s' x"), 5, "'' does not end a string");
    assert.equal(
      endOf(unicode, String.raw`a''\\\000Ab' x`),
      11,
      "'', a doubled backslash and a 4-digit escape do not end a U& string",
    );
    assert.equal(endOf(grammar.repository.identifiers.patterns[0], 'a``b` x'), 4, '`` does not end an identifier');
  });
});
