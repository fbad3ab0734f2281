/**
 * Splits a generated script into the statements a SQL Gateway session runs one by one (SET, CREATE TABLE,
 * EXECUTE STATEMENT SET). It relies on what the generator guarantees: no literal spans lines, so a
 * statement ends at a line ending in `;`, except inside `EXECUTE STATEMENT SET BEGIN … END;`, which is one
 * statement. Comment-only lines between statements are dropped; the trailing `;` is removed.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  let inSet = false;
  for (const line of sql.split('\n')) {
    const t = line.trim();
    if (current.length === 0 && (t === '' || t.startsWith('--'))) continue;
    current.push(line);
    if (/^EXECUTE STATEMENT SET BEGIN$/i.test(t)) inSet = true;
    const ends = inSet ? /^END;$/i.test(t) : t.endsWith(';') && !t.startsWith('--');
    if (ends) {
      statements.push(current.join('\n').replace(/;\s*$/, ''));
      current = [];
      inSet = false;
    }
  }
  if (current.some((l) => l.trim() !== '' && !l.trim().startsWith('--'))) statements.push(current.join('\n'));
  return statements;
}

/** The INSERT statements inside a statement set (or a lone INSERT), without their trailing `;`. */
export function insertsOf(statement: string): string[] {
  const body = statement.replace(/^\s*EXECUTE STATEMENT SET BEGIN\s*\n/i, '').replace(/\n\s*END\s*$/i, '');
  return splitStatements(body).filter((s) => /^INSERT INTO /.test(s.trim()));
}
