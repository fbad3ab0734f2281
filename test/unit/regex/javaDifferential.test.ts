import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compileJavaRegex } from '../../../server/src/regex/compileJavaRegex';

/**
 * The translation checked against java.util.regex itself (what Flink's REGEXP runs): random patterns
 * from Java-relevant pieces, random inputs with the characters where engines differ. Every pattern the
 * preview accepts must compile in Java, and every result must equal Java's find(), unless the preview
 * warned about that pattern. Skipped when no JDK is installed.
 */
describe('Java regex translation agrees with java.util.regex', function () {
  this.timeout(120_000);
  const hasJdk = spawnSync('javac', ['-version']).status === 0;

  it('on 8,000 random pattern/input pairs', function () {
    if (!hasJdk) this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regex-java-'));
    execFileSync('javac', ['-d', dir, path.join(__dirname, 'RegexFind.java')]);
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)];
    const pieces = [
      'a',
      'b',
      '.',
      '^',
      '$',
      '\\s',
      '\\S',
      '\\d',
      '\\w',
      '\\W',
      '\\D',
      '\\b',
      '\\Z',
      '\\z',
      '\\A',
      '\\h',
      '\\H',
      '\\R',
      '\\v',
      '\\V',
      '[ab]',
      '[^a]',
      '[a-c]',
      '[[:alpha:]]',
      '\\p{Alpha}',
      '\\p{L}',
      '\\p{Punct}',
      '\\p{IsLatin}',
      '(?i)',
      '(?s)',
      '(?m)',
      '(?d)',
      '(?-i)',
      '(?iu)',
      '(?i:',
      '(?:',
      '(?<n>',
      '(',
      ')',
      '|',
      '*',
      '+',
      '?',
      '*?',
      '{2}',
      '{1,2}',
      '{2,}',
      '\\Q.\\E',
      '\\x41',
      '\\u00e9',
      '\\t',
      '\\n',
      '[a[bc]]',
      '[\\s]',
      '[^\\s]',
      '[\\S]',
      '[\\w\\s]',
      '[^\\d\\s]',
      '[a-]',
      '[]a]',
      'é',
      'É',
      'k',
      'K',
      '\r',
      '\n',
      ' ',
      'x',
      'A',
      '_',
      '\\.',
      '\\$',
      '\\[',
      '\\\\',
      '-',
      ':',
      '}',
      ']',
      '{',
    ];
    const chars = [
      'a',
      'b',
      'A',
      'B',
      'c',
      'x',
      'k',
      'K',
      ' ',
      '\n',
      '\r',
      '\u000b',
      '\u0085',
      '\u2028',
      'é',
      'É',
      '1',
      '_',
      '.',
      ':',
      'l',
      'p',
      'h',
      '\t',
      '\u00a0',
      '$',
      '[',
      ']',
      '-',
      '\\',
      '\u212a',
    ];
    const esc = (s: string) =>
      [...s]
        .map((c) =>
          c.charCodeAt(0) < 0x20 || c.charCodeAt(0) > 0x7e || c === '%'
            ? '%' + c.charCodeAt(0).toString(16).padStart(4, '0')
            : c,
        )
        .join('');
    const cases: [string, string][] = [];
    for (let i = 0; i < 2000; i++) {
      let p = '';
      for (let j = 1 + Math.floor(rnd() * 5); j > 0; j--) p += pick(pieces);
      for (let k = 0; k < 4; k++) {
        let s = '';
        for (let j = Math.floor(rnd() * 6); j > 0; j--) s += pick(chars);
        cases.push([p, s]);
      }
    }
    const java = execFileSync('java', ['-cp', dir, 'RegexFind'], {
      input: cases.map(([p, s]) => `${esc(p)}\t${esc(s)}`).join('\n') + '\n',
      maxBuffer: 1e8,
    })
      .toString()
      .trim()
      .split('\n');
    const wrong: string[] = [];
    let compared = 0;
    cases.forEach(([p, s], i) => {
      const c = compileJavaRegex(p);
      if (!c.find) return;
      if (java[i] === 'E') wrong.push(`Java rejects ${JSON.stringify(p)}, the preview accepts it`);
      else if ((c.find(s) ? '1' : '0') !== java[i] && !c.issues.some((x) => x.severity === 'warning'))
        wrong.push(`${JSON.stringify(p)} on ${JSON.stringify(s)}: Java ${java[i]}, preview ${c.find(s) ? 1 : 0}`);
      else compared++;
    });
    assert.deepStrictEqual([...new Set(wrong)].slice(0, 10), []);
    assert.ok(compared > 4000, `only ${compared} comparisons`);
  });
});
