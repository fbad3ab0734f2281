/**
 * How values and names are written in Flink SQL so that each one means exactly what it held.
 *
 * Strings: Flink (Calcite) string literals are `'…'` where the only escape is a doubled quote `''`;
 * a backslash is an ordinary character, and every other character, line breaks and non-ASCII included,
 * stands for itself (the script is UTF-8). So doubling `'` is enough to keep any value exact.
 * Control characters (line breaks, tabs, NUL …) are nevertheless written in Calcite's Unicode form
 * `U&'…'` (backslash + 4 hex digits of the UTF-16 code unit, `\\` for a backslash) so that no literal spans
 * lines, every statement ends at a line that ends in `;`, and tools that normalise line endings cannot
 * change a value. Verified in Flink 1.20: `U&'…'` compares equal to STRING columns.
 *
 * Identifiers: always back-quoted (a doubled back quote inside), so reserved words such as `table`,
 * `value` or `timestamp` never need a list.
 */

/** Characters kept out of plain literals: C0 controls, DEL, C1 controls, and the Unicode line/paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is this regex's purpose
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function quoteIdentifier(name: string): string {
  return '`' + (name.includes('`') ? name.replace(/`/g, '``') : name) + '`';
}

/** A lone UTF-16 surrogate cannot be written in a UTF-8 script; callers refuse such values. */
export function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

export function stringLiteral(value: string): string {
  if (!CONTROL.test(value)) return `'${value.replace(/'/g, "''")}'`;
  let body = '';
  for (const ch of value) {
    if (ch === '\\') body += '\\\\';
    else if (ch === "'") body += "''";
    else if (CONTROL.test(ch)) body += '\\' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    else body += ch;
  }
  return `U&'${body}'`;
}

/**
 * A number as an exact SQL numeric literal: plain decimal digits, never an exponent (Flink reads `1e5` as
 * a DOUBLE, which would make a DECIMAL comparison approximate). Returns undefined when the number needs
 * more than 38 significant digits, Flink's largest DECIMAL.
 */
export function numberLiteral(text: string): string | undefined {
  const m = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const negative = m[1] === '-';
  let digits = m[2] + (m[3] ?? '');
  let point = m[2].length + Number(m[4] ?? 0);
  // Normalise: strip leading zeros (moving the point) and trailing zeros after the point.
  while (digits.length > 0 && digits[0] === '0') {
    digits = digits.slice(1);
    point--;
  }
  if (digits === '') return '0';
  let intPart: string;
  let fracPart: string;
  if (point <= 0) {
    intPart = '0';
    fracPart = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    intPart = digits + '0'.repeat(point - digits.length);
    fracPart = '';
  } else {
    intPart = digits.slice(0, point);
    fracPart = digits.slice(point);
  }
  // Keep the fraction as written (trailing zeros included) only when the literal was written that way;
  // numerically they are equal, so drop them for a canonical form.
  fracPart = fracPart.replace(/0+$/, '');
  const significant = (intPart === '0' ? '' : intPart) + fracPart;
  const precision = Math.max(intPart === '0' ? 1 : intPart.length, 0) + fracPart.length;
  if (precision > 38 || significant.length > 38) return undefined;
  return (negative ? '-' : '') + intPart + (fracPart ? '.' + fracPart : '');
}

export function booleanLiteral(value: boolean): string {
  return value ? 'TRUE' : 'FALSE';
}

/** An instant as TIMESTAMP_LTZ(3) from epoch milliseconds: independent of the session time zone. */
export function instantLiteral(millis: number): string {
  return `TO_TIMESTAMP_LTZ(${millis}, 3) /* ${new Date(millis).toISOString()} */`;
}

/** A wall-clock time (Avro local-timestamp) as a TIMESTAMP literal read in UTC. */
export function localTimestampLiteral(millis: number): string {
  const iso = new Date(millis).toISOString();
  return `TIMESTAMP '${iso.slice(0, 10)} ${iso.slice(11, 23)}'`;
}

export function dateLiteral(days: number): string {
  return `DATE '${new Date(days * 86_400_000).toISOString().slice(0, 10)}'`;
}

/** Text safe inside a `--` or `/* … *\/` comment: one line, no comment terminator. */
export function commentSafe(text: string): string {
  if (!CONTROL.test(text) && !text.includes('*/')) return text;
  // eslint-disable-next-line no-control-regex -- CONTROL's characters, all replaced: control characters on purpose
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\*\//g, '* /');
}
