import type { PatternIssue } from './patternIssue';

/**
 * Translates a java.util.regex pattern (what Flink's REGEXP runs) into an RE2 pattern (what the preview
 * runs, in linear time, so no pattern can hang the editor or the CLI). The translation keeps Java's
 * meaning wherever RE2 can express it: `.` and `$` use Java's line terminators, `\s` includes \x0B,
 * `\h`/`\v`/`\R`, POSIX `\p{Alpha}`, `\uXXXX`, `\Q…\E`, nested classes, the d/s/m/x flags. What RE2
 * cannot express (backreferences, lookaround, atomic groups, possessive quantifiers, class intersection)
 * is an error: the preview would disagree with Flink. Where a small difference remains, a warning says so.
 */
export interface Translation {
  /** The RE2 pattern, when there is no error. */
  re2?: string;
  issues: PatternIssue[];
}

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
  d: boolean;
  x: boolean;
  u: boolean;
  U: boolean;
}

/** Java's line terminators (without UNIX_LINES): what `.` excludes and `$` may precede. */
const LINE_TERMINATOR_CLASS = '\\n\\r\\x{85}\\x{2028}\\x{2029}';
const JAVA_SPACE = '\\t\\n\\x0B\\f\\r ';
const HORIZONTAL_SPACE = ' \\t\\x{A0}\\x{1680}\\x{180E}\\x{2000}-\\x{200A}\\x{202F}\\x{205F}\\x{3000}';
const VERTICAL_SPACE = '\\n\\x0B\\f\\r\\x{85}\\x{2028}\\x{2029}';

/** Java's POSIX character classes (US-ASCII only, as Java defines them without UNICODE_CHARACTER_CLASS). */
const POSIX: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-/:-@\\[-`\\{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: JAVA_SPACE,
};

/** java.lang.Character classes mapped to the nearest Unicode category (a warning says it is approximate). */
const JAVA_CHARACTER: Record<string, string> = {
  javaLowerCase: '\\p{Ll}',
  javaUpperCase: '\\p{Lu}',
  javaDigit: '\\p{Nd}',
  javaLetter: '\\p{L}',
  javaLetterOrDigit: '\\p{L}\\p{Nd}',
  javaAlphabetic: '\\p{L}\\p{Nl}',
};

const CATEGORY = /^(?:L[ultmo]?|M[nce]?|N[dlo]?|P[cdseifo]?|S[mcko]?|Z[slp]?|C[cfson]?)$/;

class Unsupported extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
    readonly severity: 'error' | 'warning' = 'error',
  ) {
    super(message);
  }
}

/** A class item: RE2 class content (`a-z\x{41}`) or a one-character RE2 expression that must be OR-ed in. */
interface ClassParts {
  content: string;
  alternatives: string[];
}

export function translateJavaRegex(pattern: string): Translation {
  if (pattern === '') {
    // Java's find() of "" matches every value, but Flink's REGEXP returns FALSE for an empty pattern.
    return {
      issues: [
        {
          message:
            'An empty pattern: Flink\'s REGEXP returns FALSE for it, while the regex "" matches every value; remove the condition or use "exists".',
          severity: 'error',
          start: 0,
          end: 0,
        },
      ],
    };
  }
  const t = new Translator(pattern);
  try {
    const re2 = t.run();
    return { re2, issues: t.issues };
  } catch (err) {
    if (err instanceof Unsupported)
      return {
        issues: [...t.issues, { message: err.message, severity: err.severity, start: err.start, end: err.end }],
      };
    throw err;
  }
}

function hex(cp: number): string {
  return `\\x{${cp.toString(16).toUpperCase()}}`;
}

/** A literal code point as RE2 text: plain for letters/digits, `\x{…}` for everything else (safe in and out of classes). */
function literal(cp: number): string {
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f)
    return String.fromCharCode(cp);
  return hex(cp);
}

/** Java's (?i) without u folds ASCII letters only: spelt out as both cases, so RE2's Unicode folding
 * (k ~ KELVIN SIGN, s ~ LONG S, é ~ É) never applies. Class content (`aA`), not a whole class. */
function asciiFold(cp: number, flags: Flags): string {
  if (flags.i && !flags.u) {
    if (cp >= 0x61 && cp <= 0x7a) return literal(cp) + literal(cp - 32);
    if (cp >= 0x41 && cp <= 0x5a) return literal(cp) + literal(cp + 32);
  }
  return literal(cp);
}

/** A literal outside a class, honouring ASCII case folding. */
function atomLiteral(cp: number, flags: Flags): string {
  const folded = asciiFold(cp, flags);
  return folded === literal(cp) ? folded : `[${folded}]`;
}

/** The other-case ASCII letters of a range, for (?i) without u (Java checks both cases of ASCII input). */
function foldedRange(lo: number, hi: number, flags: Flags): string {
  if (!flags.i || flags.u) return '';
  let extra = '';
  const lower = [Math.max(lo, 0x61), Math.min(hi, 0x7a)];
  if (lower[0] <= lower[1]) extra += `${literal(lower[0] - 32)}-${literal(lower[1] - 32)}`;
  const upper = [Math.max(lo, 0x41), Math.min(hi, 0x5a)];
  if (upper[0] <= upper[1]) extra += `${literal(upper[0] + 32)}-${literal(upper[1] + 32)}`;
  return extra;
}

class Translator {
  readonly issues: PatternIssue[] = [];
  private i = 0;
  private readonly warned = new Set<string>();

  constructor(private readonly p: string) {}

  run(): string {
    const out = this.sequence({ i: false, s: false, m: false, d: false, x: false, u: false, U: false }, 0);
    if (this.i < this.p.length) throw new Unsupported(`Unmatched closing ")"`, this.i, this.i + 1);
    return out;
  }

  private warn(key: string, message: string, start: number, end: number): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.issues.push({ message, severity: 'warning', start, end });
  }

  private cp(at = this.i): number {
    return this.p.codePointAt(at)!;
  }

  /** Alternatives up to a `)` at this depth (not consumed) or the end. Flags set by `(?i)` last to the group's end. */
  private sequence(inherited: Flags, depth: number): string {
    const flags = { ...inherited };
    let out = '';
    let atomStart = -1;
    let quantified = false;
    while (this.i < this.p.length) {
      const c = this.p[this.i];
      const start = this.i;
      if (c === ')') {
        if (depth === 0) throw new Unsupported('Unmatched closing ")"', start, start + 1);
        return out;
      }
      if (flags.x && (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\x0B')) {
        this.i++;
        continue;
      }
      if (flags.x && c === '#') {
        while (this.i < this.p.length && this.p[this.i] !== '\n') this.i++;
        continue;
      }
      if (c === '|') {
        out += '|';
        this.i++;
        atomStart = -1;
        quantified = false;
        continue;
      }
      if (c === '*' || c === '+' || c === '?' || c === '{') {
        if (atomStart < 0 || quantified) {
          // Java repeats an empty atom here: a no-op for {n,m}, an error for * + ?.
          if (c === '{') {
            this.quantifier();
            continue;
          }
          throw new Unsupported(
            `Dangling meta character "${c}": nothing to repeat (escape it as \\${c})`,
            start,
            start + 1,
          );
        }
        out += this.quantifier();
        quantified = true;
        continue;
      }
      atomStart = start;
      quantified = false;
      if (c === '(') {
        const group = this.group(flags, depth);
        out += group.text;
        if (group.flagsOnly) atomStart = -1;
      } else if (c === '[') out += this.charClass(flags);
      else if (c === '\\') out += this.escapeOutside(flags);
      else if (c === '.') {
        this.i++;
        out += flags.s ? '(?s:.)' : flags.d ? '[^\\n]' : `[^${LINE_TERMINATOR_CLASS}]`;
      } else if (c === '^') {
        this.i++;
        if (flags.m) {
          if (!flags.d)
            this.warn(
              'm',
              'In MULTILINE mode Java also starts and ends lines at \\r, \\u0085, \\u2028 and \\u2029; the preview uses \\n only (add the d flag, (?md), to make them agree).',
              start,
              start + 1,
            );
          out += '(?m:^)';
        } else out += '\\A';
      } else if (c === '$') {
        this.i++;
        out += this.dollar(flags, start);
      } else {
        const cp = this.cp();
        this.i += cp > 0xffff ? 2 : 1;
        out += atomLiteral(cp, flags);
      }
    }
    if (depth > 0) throw new Unsupported('Unclosed group: a "(" has no matching ")"', this.p.length, this.p.length);
    return out;
  }

  /** `$` without MULTILINE: end of input, or before a line terminator that ends the input (Java's rule). */
  private dollar(flags: Flags, start: number): string {
    const rest = this.p.slice(this.i);
    if (rest !== '' && !/^[)|]/.test(rest)) {
      this.warn(
        'dollar-mid',
        '"$" followed by more pattern: the preview treats "$" as consuming a final line terminator, which can differ from Java here.',
        start,
        start + 1,
      );
    }
    if (flags.m) {
      if (!flags.d)
        this.warn(
          'm',
          'In MULTILINE mode Java also ends lines at \\r, \\u0085, \\u2028 and \\u2029; the preview uses \\n only (add the d flag, (?md), to make them agree).',
          start,
          start + 1,
        );
      return '(?m:$)';
    }
    return flags.d ? '(?:\\n?\\z)' : `(?:(?:\\r\\n|[${LINE_TERMINATOR_CLASS}])?\\z)`;
  }

  private quantifier(): string {
    const start = this.i;
    const c = this.p[this.i];
    let out: string;
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(this.i));
      if (!m)
        throw new Unsupported(
          'Java rejects this "{" (illegal repetition): write {n}, {n,} or {n,m}, or escape it as \\{',
          start,
          start + 1,
        );
      const low = Number(m[1]);
      const high = m[3] ? Number(m[3]) : undefined;
      if (high !== undefined && high < low)
        throw new Unsupported(`Illegal repetition range {${low},${high}}`, start, start + m[0].length);
      if (low > 1000 || (high ?? 0) > 1000) {
        throw new Unsupported(
          'Repetition counts above 1000 cannot be evaluated by the preview (RE2 limit); Flink would accept them.',
          start,
          start + m[0].length,
        );
      }
      this.i += m[0].length;
      out = m[0];
    } else {
      this.i++;
      out = c;
    }
    const next = this.p[this.i];
    if (next === '+') {
      throw new Unsupported(
        'Possessive quantifiers (*+, ++, ?+, {n}+) cannot be evaluated by the preview (RE2 has none); use a plain quantifier.',
        start,
        this.i + 1,
      );
    }
    if (next === '?') {
      this.i++;
      out += '?';
    }
    return out;
  }

  private group(flags: Flags, depth: number): { text: string; flagsOnly: boolean } {
    const start = this.i;
    this.i++; // (
    let open = '(';
    let inner = flags;
    if (this.p[this.i] === '?') {
      const rest = this.p.slice(this.i + 1);
      const fail = (what: string, len: number) => {
        throw new Unsupported(
          `${what} cannot be evaluated by the preview (RE2 does not support it), so the preview and Flink would disagree.`,
          start,
          start + 2 + len,
        );
      };
      if (rest.startsWith('=') || rest.startsWith('!')) fail('Lookahead', 1);
      if (rest.startsWith('<=') || rest.startsWith('<!')) fail('Lookbehind', 2);
      if (rest.startsWith('>')) fail('An atomic group (?>…)', 1);
      if (rest.startsWith('#'))
        throw new Unsupported('Java has no (?#…) comments (Flink would reject the pattern)', start, start + 3);
      const named = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(rest);
      if (named) {
        this.i += 1 + named[0].length;
        open = `(?P<${named[1]}>`;
      } else if (rest.startsWith(':')) {
        this.i += 2;
        open = '(?:';
      } else {
        const m = /^([idmsuxU]*)(?:-([idmsuxU]*))?([:)])/.exec(rest);
        if (!m)
          throw new Unsupported(
            'Unknown group construct "(?…": Java supports (?:…), (?<name>…) and flags like (?i)',
            start,
            start + 3,
          );
        const next = { ...flags };
        for (const f of m[1]) next[f as keyof Flags] = true;
        for (const f of m[2] ?? '') next[f as keyof Flags] = false;
        if (next.U)
          throw new Unsupported(
            'UNICODE_CHARACTER_CLASS (?U) cannot be evaluated by the preview; Java then gives \\w, \\d, \\b Unicode meanings.',
            start,
            start + 2 + m[0].length,
          );
        // Only Unicode case folding ((?iu)) is left to RE2; ASCII folding, s, m, d and x are applied here.
        const before = flags.i && flags.u;
        const after = next.i && next.u;
        const re2Flags = after && !before ? 'i' : before && !after ? '-i' : '';
        if (next.i && /\\[pP]\{?(?:Lower|Upper|Lu|Ll|Lt|IsLu|IsLl|javaLowerCase|javaUpperCase)/.test(this.p)) {
          this.warn(
            'i-case-class',
            'Under (?i), Java may let \\p{Lower}, \\p{Upper}, \\p{Lu}, \\p{Ll} match the other case; the preview does not.',
            start,
            this.i + 1 + m[0].length,
          );
        }
        if (m[3] === ')') {
          // (?i) applies to the rest of the enclosing group: continue the caller's sequence with new flags.
          this.i += 1 + m[0].length;
          Object.assign(flags, next);
          return { text: re2Flags ? `(?${re2Flags})` : '', flagsOnly: true };
        }
        this.i += 1 + m[0].length;
        open = re2Flags ? `(?${re2Flags}:` : '(?:';
        inner = next;
      }
    }
    const body = this.sequence(inner, depth + 1);
    if (this.p[this.i] !== ')') throw new Unsupported('Unclosed group: this "(" has no matching ")"', start, start + 1);
    this.i++;
    return { text: `${open}${body})`, flagsOnly: false };
  }

  private escapeOutside(flags: Flags): string {
    const start = this.i;
    const c = this.p[this.i + 1];
    if (c === undefined) throw new Unsupported('Trailing backslash', start, start + 1);
    switch (c) {
      case 'Q': {
        const end = this.p.indexOf('\\E', this.i + 2);
        const text = this.p.slice(this.i + 2, end < 0 ? undefined : end);
        this.i = end < 0 ? this.p.length : end + 2;
        return [...text].map((ch) => atomLiteral(ch.codePointAt(0)!, flags)).join('');
      }
      case 'E':
        this.i += 2;
        return '';
      case 'A':
        this.i += 2;
        return '\\A';
      case 'z':
        this.i += 2;
        return '\\z';
      case 'Z':
        this.i += 2;
        return flags.d ? '(?:\\n?\\z)' : `(?:(?:\\r\\n|[${LINE_TERMINATOR_CLASS}])?\\z)`;
      case 'b':
      case 'B':
        this.i += 2;
        this.warn(
          'b',
          `\\${c}: Java counts accented and other non-ASCII letters as word characters, the preview does not; next to such letters the results can differ.`,
          start,
          start + 2,
        );
        return `\\${c}`;
      case 'G':
        throw new Unsupported('\\G (end of the previous match) cannot be evaluated by the preview.', start, start + 2);
      case 'X':
        throw new Unsupported('\\X (grapheme cluster) cannot be evaluated by the preview.', start, start + 2);
      case 'R':
        this.i += 2;
        return `(?:\\r\\n|[${VERTICAL_SPACE}])`;
      case 'k':
        throw new Unsupported(
          'Backreferences (\\k<name>) cannot be evaluated by the preview (RE2 has none).',
          start,
          start + 2,
        );
      case 'S':
      case 'H':
      case 'V':
        this.i += 2;
        return `[^${this.shorthandContent(c.toLowerCase(), start)}]`;
      case 's':
      case 'h':
      case 'v':
        this.i += 2;
        return `[${this.shorthandContent(c, start)}]`;
    }
    if (c >= '1' && c <= '9') {
      throw new Unsupported(
        `Backreferences (\\${c}) cannot be evaluated by the preview (RE2 has none), so it cannot show what Flink would route.`,
        start,
        start + 2,
      );
    }
    const cls = this.classEscape(flags);
    if (cls.cp !== undefined) return atomLiteral(cls.cp, flags);
    if (cls.alternatives.length === 0) return `[${cls.content}]`;
    return cls.alternatives[0];
  }

  /** Class content of \s, \h, \v (Java's definitions). */
  private shorthandContent(c: string, start: number): string {
    if (c === 'h')
      this.warn('h', '\\h is Java\'s horizontal whitespace (in JavaScript it would be a plain "h").', start, start + 2);
    if (c === 'v')
      this.warn(
        'v',
        "\\v is Java's vertical whitespace [\\n\\x0B\\f\\r\\x85\\u2028\\u2029] (in JavaScript only \\x0B).",
        start,
        start + 2,
      );
    return c === 's' ? JAVA_SPACE : c === 'h' ? HORIZONTAL_SPACE : VERTICAL_SPACE;
  }

  /**
   * An escape usable inside a class (also used outside): returns class content, or (for negated
   * shorthands that RE2 cannot put in a class) a one-character alternative.
   */
  private classEscape(flags: Flags): ClassParts & { cp?: number } {
    const start = this.i;
    const c = this.p[this.i + 1];
    if (c === undefined) throw new Unsupported('Trailing backslash', start, start + 1);
    const single = (cp: number, len: number): ClassParts & { cp: number } => {
      this.i += len;
      return { content: asciiFold(cp, flags), alternatives: [], cp };
    };
    switch (c) {
      case 't':
        return single(9, 2);
      case 'n':
        return single(10, 2);
      case 'r':
        return single(13, 2);
      case 'f':
        return single(12, 2);
      case 'a':
        return single(7, 2);
      case 'e':
        return single(0x1b, 2);
      case 'c': {
        const x = this.p.charCodeAt(this.i + 2);
        if (Number.isNaN(x)) throw new Unsupported('\\c needs a control letter', start, start + 2);
        return single(x ^ 64, 3);
      }
      case '0': {
        const m = /^0([0-3][0-7]{2}|[0-7]{1,2})/.exec(this.p.slice(this.i + 1));
        if (!m) throw new Unsupported('Illegal octal escape: \\0 must be followed by octal digits', start, start + 2);
        return single(parseInt(m[1], 8), 1 + m[0].length);
      }
      case 'x': {
        const rest = this.p.slice(this.i + 2);
        const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(rest);
        if (braced) return single(parseInt(braced[1], 16), 2 + braced[0].length);
        const two = /^[0-9a-fA-F]{2}/.exec(rest);
        if (!two)
          throw new Unsupported('Illegal hexadecimal escape: \\x needs two hex digits or {…}', start, start + 2);
        return single(parseInt(two[0], 16), 4);
      }
      case 'u': {
        const m = /^[0-9a-fA-F]{4}/.exec(this.p.slice(this.i + 2));
        if (!m) throw new Unsupported('Illegal Unicode escape: \\u needs four hex digits', start, start + 2);
        let cp = parseInt(m[0], 16);
        let len = 6;
        const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(this.p.slice(this.i + 6));
        if (cp >= 0xd800 && cp <= 0xdbff && low) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (parseInt(low[1], 16) - 0xdc00);
          len = 12;
        }
        return single(cp, len);
      }
      case 'd':
      case 'w':
        this.i += 2;
        return { content: `\\${c}`, alternatives: [] };
      case 'D':
        this.i += 2;
        return { content: '', alternatives: ['[^0-9]'] };
      case 'W':
        this.i += 2;
        return { content: '', alternatives: ['[^0-9A-Za-z_]'] };
      case 's':
      case 'h':
      case 'v':
        this.i += 2;
        return { content: this.shorthandContent(c, start), alternatives: [] };
      case 'S':
      case 'H':
      case 'V':
        this.i += 2;
        return { content: '', alternatives: [`[^${this.shorthandContent(c.toLowerCase(), start)}]`] };
      case 'p':
      case 'P':
        return this.property(c === 'P');
      case 'N':
        throw new Unsupported(
          '\\N{name} cannot be evaluated by the preview; write the character or \\x{…}.',
          start,
          start + 2,
        );
    }
    if (c >= '1' && c <= '9')
      throw new Unsupported(
        `Backreferences (\\${c}) cannot be evaluated by the preview (RE2 has none).`,
        start,
        start + 2,
      );
    const cp = this.p.codePointAt(this.i + 1)!;
    if (/[a-zA-Z]/.test(c))
      throw new Unsupported(`Java rejects the escape \\${c} (illegal/unsupported escape sequence)`, start, start + 2);
    return single(cp, cp > 0xffff ? 3 : 2);
  }

  private property(negated: boolean): ClassParts {
    const start = this.i;
    let name: string;
    if (this.p[this.i + 2] === '{') {
      const close = this.p.indexOf('}', this.i + 3);
      if (close < 0) throw new Unsupported('Unclosed character family: \\p{ needs a closing }', start, start + 3);
      name = this.p.slice(this.i + 3, close);
      this.i = close + 1;
    } else {
      name = this.p[this.i + 2] ?? '';
      this.i += 3;
    }
    const end = this.i;
    let content: string | undefined;
    const bare = name.replace(/^Is/, '').replace(/^(?:gc|general_category)=/, '');
    if (POSIX[name] !== undefined) content = POSIX[name];
    else if (JAVA_CHARACTER[name] !== undefined) {
      this.warn(
        `java-${name}`,
        `\\p{${name}} follows java.lang.Character; the preview uses the nearest Unicode category (${JAVA_CHARACTER[name]}), which can differ for rare characters.`,
        start,
        end,
      );
      content = JAVA_CHARACTER[name];
    } else if (CATEGORY.test(bare)) content = `\\p{${bare}}`;
    else if (/^(?:sc|script)=/.test(name) || (name.startsWith('Is') && /^[A-Z][a-z]+(?:_[A-Z][a-z]+)*$/.test(bare))) {
      const script = name.replace(/^(?:sc|script)=|^Is/, '');
      content = `\\p{${script}}`;
    } else if (name.startsWith('In') || /^(?:blk|block)=/.test(name)) {
      throw new Unsupported(
        `Unicode blocks (\\p{${name}}) cannot be evaluated by the preview; use a script (\\p{IsGreek}) or a range.`,
        start,
        end,
      );
    } else {
      throw new Unsupported(
        `\\p{${name}} cannot be evaluated by the preview (unknown to RE2, or not a Java character class).`,
        start,
        end,
      );
    }
    if (!negated) return { content, alternatives: [] };
    return { content: '', alternatives: [`[^${content}]`] };
  }

  /** A Java character class: unions and nested classes become RE2 alternatives; intersections are refused. */
  private charClass(flags: Flags): string {
    const start = this.i;
    const parts = this.classBody(flags);
    const { content, alternatives, negated } = parts;
    if (negated) {
      if (alternatives.length > 0) {
        throw new Unsupported(
          'A negated class containing a nested class or \\S/\\W/\\D/\\P{…} cannot be evaluated by the preview; rewrite it without nesting.',
          start,
          this.i,
        );
      }
      return `[^${content}]`;
    }
    const all = [...(content ? [`[${content}]`] : []), ...alternatives];
    if (all.length === 0) throw new Unsupported('Empty character class', start, this.i);
    return all.length === 1 ? all[0] : `(?:${all.join('|')})`;
  }

  private classBody(flags: Flags): ClassParts & { negated: boolean } {
    const start = this.i;
    this.i++; // [
    let negated = false;
    if (this.p[this.i] === '^') {
      negated = true;
      this.i++;
    }
    let content = '';
    const alternatives: string[] = [];
    let first = true;
    // Java: `[[:alpha:]]` is the nested class of ':', 'a', 'l', 'p', 'h' — not a POSIX class.
    if (/^\[:[a-z]+:\]/.test(this.p.slice(this.i))) {
      const end = this.p.indexOf(']', this.i) + 1;
      this.warn(
        'posix-bracket',
        'In Java, [[:alpha:]] is NOT a POSIX class: it matches the characters ":", "a", "l", "p", "h". Use \\p{Alpha}, \\p{Digit}, … instead.',
        this.i,
        end,
      );
    }
    while (true) {
      if (this.i >= this.p.length)
        throw new Unsupported('Unclosed character class: "[" has no matching "]"', start, start + 1);
      const c = this.p[this.i];
      if (c === ']' && !first) {
        this.i++;
        break;
      }
      first = false;
      if (c === '[') {
        const nested = this.classBody(flags);
        if (nested.negated) {
          if (nested.alternatives.length)
            throw new Unsupported('This nesting of negated classes cannot be evaluated by the preview.', start, this.i);
          alternatives.push(`[^${nested.content}]`);
        } else {
          if (nested.content) content += nested.content;
          alternatives.push(...nested.alternatives);
        }
        continue;
      }
      if (c === '&' && this.p[this.i + 1] === '&') {
        throw new Unsupported(
          'Class intersection (&&) cannot be evaluated by the preview (RE2 has none); list the characters instead.',
          this.i,
          this.i + 2,
        );
      }
      const low = this.classAtom(flags);
      if (low.alternatives.length || low.cp === undefined) {
        content += low.content;
        alternatives.push(...low.alternatives);
        continue;
      }
      if (
        this.p[this.i] === '-' &&
        this.p[this.i + 1] !== ']' &&
        this.p[this.i + 1] !== undefined &&
        this.p[this.i + 1] !== '['
      ) {
        const dash = this.i;
        this.i++;
        const high = this.classAtom(flags);
        if (high.cp === undefined || high.alternatives.length)
          throw new Unsupported('Illegal character range', dash - 1, this.i);
        if (high.cp < low.cp)
          throw new Unsupported('Illegal character range: the end is before the start', dash - 1, this.i);
        content += `${literal(low.cp)}-${literal(high.cp)}${foldedRange(low.cp, high.cp, flags)}`;
      } else content += asciiFold(low.cp, flags);
    }
    return { content, alternatives, negated };
  }

  /** One class member: a single code point (`cp` set, so it can start a range) or a shorthand. */
  private classAtom(flags: Flags): ClassParts & { cp?: number } {
    const c = this.p[this.i];
    if (c === '\\') {
      const esc = this.p[this.i + 1];
      if (esc === 'Q') {
        const end = this.p.indexOf('\\E', this.i + 2);
        const text = this.p.slice(this.i + 2, end < 0 ? undefined : end);
        this.i = end < 0 ? this.p.length : end + 2;
        return { content: [...text].map((ch) => asciiFold(ch.codePointAt(0)!, flags)).join(''), alternatives: [] };
      }
      if (esc === 'b') throw new Unsupported('\\b inside a class: Java rejects it', this.i, this.i + 2);
      return this.classEscape(flags);
    }
    const cp = this.cp();
    this.i += cp > 0xffff ? 2 : 1;
    if (flags.x && /\s/.test(c)) return { content: '', alternatives: [] };
    return { content: asciiFold(cp, flags), alternatives: [], cp };
  }
}
