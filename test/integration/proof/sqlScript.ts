/**
 * Splits a generated Flink SQL script into the statements the SQL Gateway takes one at a time: comments
 * dropped, `;` ends a statement outside quotes, and an `EXECUTE STATEMENT SET BEGIN … END;` block stays
 * one statement (its INSERTs end in `;` too, but the gateway must see the whole set to plan one job).
 */
export function splitSqlScript(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let inSet = false;
  const flush = () => {
    const text = current.trim();
    current = '';
    if (!text) return;
    if (inSet) {
      // inside the set, each INSERT is kept; the set ends at a bare END
      statementsInSet.push(text);
      if (/^END$/i.test(text)) {
        statements.push(`${setHeader}\n${statementsInSet.slice(0, -1).join(';\n')};\nEND`);
        statementsInSet.length = 0;
        inSet = false;
      }
      return;
    }
    const m = /^EXECUTE\s+STATEMENT\s+SET\s+BEGIN\b/i.exec(text);
    if (m) {
      inSet = true;
      setHeader = m[0];
      const rest = text.slice(m[0].length).trim();
      if (rest) statementsInSet.push(rest);
      return;
    }
    statements.push(text);
  };
  const statementsInSet: string[] = [];
  let setHeader = '';
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (c === "'" || c === '`' || c === '"') {
      // quoted literal or identifier; a doubled quote is an escaped quote
      let j = i + 1;
      for (; j < script.length; j++) {
        if (script[j] === c) {
          if (script[j + 1] === c) j++;
          else break;
        }
      }
      current += script.slice(i, j + 1);
      i = j;
    } else if (c === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i);
      i = end < 0 ? script.length : end - 1;
    } else if (c === ';') {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  if (inSet) throw new Error('the script opens EXECUTE STATEMENT SET BEGIN without a closing END;');
  return statements;
}
