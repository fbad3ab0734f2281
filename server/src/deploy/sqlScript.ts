import type { SqlRejection } from '../platform/flink/flinkTypes';
import { PlatformError } from '../platform/platformError';
import { splitStatements } from '../sql/splitStatements';

/** A statement of the generated script and the 1-based line of the script it starts on. */
export interface ScriptStatement {
  text: string;
  startLine: number;
}

/** The statements a session runs one by one, each with where it starts in the script (for error lines). */
export function scriptStatements(sql: string): ScriptStatement[] {
  const out: ScriptStatement[] = [];
  let from = 0;
  for (const text of splitStatements(sql)) {
    const at = sql.indexOf(text, from);
    const offset = at >= 0 ? at : from;
    out.push({ text, startLine: sql.slice(0, offset).split('\n').length });
    from = offset + text.length;
  }
  return out;
}

/** The statement set as an EXPLAIN: planned and validated against the session's tables, nothing submitted. */
export function explainOf(statementSet: string): string | undefined {
  const m = /^(\s*)EXECUTE(\s+STATEMENT\s+SET\b)/i.exec(statementSet);
  // EXPLAIN and EXECUTE have the same length, so Flink's line and column stay valid for the script.
  return m ? `${m[1]}EXPLAIN${statementSet.slice(m[0].length - m[2].length)}` : undefined;
}

export interface SqlFailure {
  message: string;
  /** 1-based line in the whole generated script, its text and the column Flink named. */
  sqlLine?: { line: number; text: string; column?: number };
}

/**
 * Flink's words for a failed statement, and the offending line of the script when Flink names a position
 * ("line 3, column 12", counted within the statement).
 */
export function sqlFailure(err: unknown, statement: ScriptStatement, script: string): SqlFailure {
  const rejection = (err as { rejection?: SqlRejection }).rejection;
  const message =
    rejection?.message ?? (err instanceof PlatformError ? err.why : err instanceof Error ? err.message : String(err));
  let line = rejection?.line;
  let column = rejection?.column;
  if (line === undefined) {
    const m = /line (\d+), column (\d+)/i.exec(message);
    if (m) {
      line = Number(m[1]);
      column = Number(m[2]);
    }
  }
  if (line === undefined) return { message };
  const absolute = statement.startLine + line - 1;
  const text = script.split('\n')[absolute - 1] ?? '';
  return { message, sqlLine: { line: absolute, text, ...(column !== undefined ? { column } : {}) } };
}
