/**
 * An independent reading of a Flink SQL character literal, following Calcite's rules (the parser Flink
 * uses): `'…'` with `''` for a quote and nothing else escaped; `U&'…'` additionally replaces `\XXXX`
 * (4 hex digits, one UTF-16 code unit) and `\\` (a backslash) — SqlLiteral.unescapeUnicode.
 * Tests use it where node-sql-parser cannot read the literal (it has no U&'' form).
 */
export function readCalciteLiteral(sql: string): string {
  const unicode = sql.startsWith("U&'");
  const body = sql.slice(unicode ? 3 : 1);
  if (!body.endsWith("'")) throw new Error(`not a literal: ${sql}`);
  const inner = body.slice(0, -1);
  if (/(^|[^'])'(?!')/.test(inner.replace(/''/g, ''))) throw new Error(`unescaped quote in ${sql}`);
  const s = inner.replace(/''/g, "'");
  if (!unicode) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') {
      out += s[i];
      continue;
    }
    if (s[i + 1] === '\\') {
      out += '\\';
      i++;
      continue;
    }
    const hex = s.slice(i + 1, i + 5);
    if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw new Error(`malformed unicode escape at ${i} in ${sql}`);
    out += String.fromCharCode(parseInt(hex, 16));
    i += 4;
  }
  return out;
}
