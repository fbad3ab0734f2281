import type { LineCounter } from 'yaml';
import type { Problem } from '../validation/diagnostic';

/** `file:line:col severity message`, 1-based, the form editors and CI annotators recognise. */
export function formatProblem(file: string, lineCounter: LineCounter, p: Problem): string {
  const { line, col } = lineCounter.linePos(p.span.start);
  return `${file}:${line}:${col} ${p.severity} ${p.message}`;
}

export function problemJson(file: string, lineCounter: LineCounter, p: Problem): object {
  const start = lineCounter.linePos(p.span.start);
  const end = lineCounter.linePos(p.span.end);
  return { file, line: start.line, column: start.col, endLine: end.line, endColumn: end.col, severity: p.severity, code: p.code, message: p.message };
}
