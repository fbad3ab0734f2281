import * as assert from 'assert';
import { checkPattern } from '../../../server/src/regex/checkPattern';
import { compileJavaRegex } from '../../../server/src/regex/compileJavaRegex';

function find(pattern: string, input: string): boolean {
  const c = compileJavaRegex(pattern);
  assert.ok(c.find, `${pattern}: ${c.issues.map((i) => i.message).join('; ')}`);
  return c.find(input);
}

function errorOf(pattern: string): string {
  const e = checkPattern(pattern).find((i) => i.severity === 'error');
  assert.ok(e, `expected an error for ${pattern}`);
  return e.message;
}

describe('Java regular expressions evaluated with RE2', () => {
  it('finds the pattern anywhere (Flink REGEXP find semantics)', () => {
    assert.strictEqual(find('Created', 'LoanCreated'), true);
    assert.strictEqual(find('^Created', 'LoanCreated'), false);
  });

  it('bounds catastrophic backtracking: (a+)+$ on 50,000 a + b finishes fast', () => {
    const input = 'a'.repeat(50_000) + 'b';
    const started = process.hrtime.bigint();
    assert.strictEqual(find('(a+)+$', input), false);
    assert.strictEqual(find('^(a|aa)+$', input), false);
    assert.strictEqual(find('(.*a){20}', input.replace(/a/g, 'x')), false);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(ms < 1000, `took ${ms} ms`);
  });

  it('keeps Java meanings: $ before a final line terminator, \\Z, . without \\r, \\s with \\x0B', () => {
    assert.strictEqual(find('Created$', 'LoanCreated\n'), true);
    assert.strictEqual(find('Created$', 'LoanCreated\r\n'), true);
    assert.strictEqual(find('Created$', 'LoanCreated\n\n'), false);
    assert.strictEqual(find('Created\\Z', 'LoanCreated\n'), true);
    assert.strictEqual(find('Created\\z', 'LoanCreated\n'), false);
    assert.strictEqual(find('a.b', 'a\rb'), false);
    assert.strictEqual(find('a.b', 'a\u2028b'), false);
    assert.strictEqual(find('(?s)a.b', 'a\nb'), true);
    assert.strictEqual(find('(?d)a.b', 'a\rb'), true);
    assert.strictEqual(find('^\\s$', '\u000b'), true);
    assert.strictEqual(find('^\\S$', '\u000b'), false);
  });

  it('translates Java-only syntax: \\uXXXX, \\Q…\\E, \\h, \\R, POSIX \\p{…}, named groups, (?x), nested classes', () => {
    assert.strictEqual(find('\\u00e9', 'café'), true);
    assert.strictEqual(find('\\Qa.b\\E', 'axb'), false);
    assert.strictEqual(find('\\Qa.b\\E', 'a.b'), true);
    assert.strictEqual(find('^a\\hb$', 'a\u00a0b'), true);
    assert.strictEqual(find('^a\\Rb$', 'a\r\nb'), true);
    assert.strictEqual(find('^\\p{Alpha}+$', 'Loan'), true);
    assert.strictEqual(find('^\\p{Alpha}+$', 'Lo4n'), false);
    assert.strictEqual(find('^\\p{Punct}$', '-'), true);
    assert.strictEqual(find('^\\p{Lu}', 'Loan'), true);
    assert.strictEqual(find('^\\p{IsLatin}+$', 'Loan'), true);
    assert.strictEqual(find('(?<year>\\d{4})-\\d{2}', 'on 2026-11'), true);
    assert.strictEqual(find('(?x) ^ L o a n  # comment', 'Loan'), true);
    assert.strictEqual(find('^[a[0-9]]+$', 'a1a2'), true);
    assert.strictEqual(find('^[\\w\\S]$', '\u000b'), false);
    assert.strictEqual(find('\\x41\\x{42}\\0103', 'ABC'), true);
  });

  it('refuses what RE2 cannot evaluate, so the preview never disagrees with Flink silently', () => {
    assert.match(errorOf('(a)\\1'), /Backreferences/);
    assert.match(errorOf('(?<x>a)\\k<x>'), /Backreferences/);
    assert.match(errorOf('foo(?=bar)'), /Lookahead/);
    assert.match(errorOf('foo(?!bar)'), /Lookahead/);
    assert.match(errorOf('(?<=a)b'), /Lookbehind/);
    assert.match(errorOf('(?<!a)b'), /Lookbehind/);
    assert.match(errorOf('(?>a+)b'), /atomic/);
    assert.match(errorOf('a++'), /Possessive/);
    assert.match(errorOf('a{2}+'), /Possessive/);
    assert.match(errorOf('[a-z&&[^aeiou]]'), /intersection/);
    assert.match(errorOf('\\p{InGreek}'), /blocks/);
    assert.match(errorOf('a{1001}'), /1000/);
  });

  it('refuses the empty pattern (Flink REGEXP is FALSE for it, Java find() is TRUE)', () => {
    assert.match(errorOf(''), /empty pattern/);
  });

  it('reports what Java itself rejects', () => {
    assert.match(errorOf('{abc'), /illegal repetition/i);
    assert.match(errorOf('*a'), /Dangling/);
    assert.match(errorOf('(ab'), /Unclosed group/);
    assert.match(errorOf('ab)'), /Unmatched/);
    assert.match(errorOf('[ab'), /Unclosed character class/);
    assert.match(errorOf('\\y'), /rejects the escape/);
    assert.match(errorOf('[z-a]'), /range/);
  });

  it('warns where Java and JavaScript (or RE2) read a pattern differently', () => {
    const warnings = (p: string) =>
      checkPattern(p)
        .filter((i) => i.severity === 'warning')
        .map((i) => i.message);
    assert.match(warnings('[[:alpha:]]')[0], /NOT a POSIX class/);
    assert.strictEqual(find('^[[:alpha:]]$', 'l'), true);
    assert.strictEqual(find('^[[:alpha:]]$', 'b'), false);
    assert.match(warnings('a\\hb')[0], /horizontal/);
    assert.match(warnings('\\bLoan\\b')[0], /non-ASCII letters/);
    assert.match(warnings('(?m)^a$')[0], /MULTILINE/);
    assert.match(warnings('\\p{javaLowerCase}')[0], /java.lang.Character/);
    assert.deepStrictEqual(warnings('^Loan(Created|Approved)$'), []);
  });

  it('folds case like Java: (?i) for ASCII letters only, (?iu) for Unicode', () => {
    assert.strictEqual(find('(?i)loan', 'LOAN'), true);
    assert.strictEqual(find('(?i)[a-c]+$', 'ABC'), true);
    assert.strictEqual(find('(?i)[^a]', 'A'), false);
    assert.strictEqual(find('(?i)\\x41', 'a'), true);
    assert.strictEqual(find('(?i)é', 'É'), false);
    assert.strictEqual(find('(?iu)é', 'É'), true);
    assert.strictEqual(find('(?i)k', '\u212a'), false);
    assert.strictEqual(find('a(?i:b)c', 'aBc'), true);
    assert.strictEqual(find('a(?i:b)c', 'aBC'), false);
  });

  it('repeats an empty atom like Java: {n} after nothing is a no-op, * after a quantifier is an error', () => {
    assert.strictEqual(find('{2}', 'x'), true);
    assert.strictEqual(find('.(?i){2}', ' '), true);
    assert.strictEqual(find('^a{2}{2}$', 'aa'), true);
    assert.match(errorOf('a{2}*'), /Dangling/);
    assert.match(errorOf('(?d)?'), /Dangling/);
  });

  it('gives offsets inside the pattern', () => {
    const [issue] = checkPattern('ab(?=c)');
    assert.deepStrictEqual([issue.start, issue.end], [2, 5]);
  });
});
