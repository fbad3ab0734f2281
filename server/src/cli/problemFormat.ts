import type { Problem } from '../validation/diagnostic';

/** Anything that turns offsets into 1-based lines and columns (the model's index, or yaml's LineCounter). */
type LineCounter = { linePos(offset: number): { line: number; col: number } };

/** `file:line:col severity message`, 1-based, the form editors and CI annotators recognise. */
export function formatProblem(file: string, lineCounter: LineCounter, p: Problem): string {
  const { line, col } = lineCounter.linePos(p.span.start);
  return `${file}:${line}:${col} ${p.severity} ${p.message}`;
}

export function problemJson(file: string, lineCounter: LineCounter, p: Problem): object {
  const start = lineCounter.linePos(p.span.start);
  const end = lineCounter.linePos(p.span.end);
  return {
    file,
    line: start.line,
    column: start.col,
    endLine: end.line,
    endColumn: end.col,
    severity: p.severity,
    code: p.code,
    message: p.message,
  };
}
