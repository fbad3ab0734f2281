/** Something about a Java-syntax pattern that RE2 cannot run (error) or runs with a slightly different meaning
 * (warning); offsets are inside the pattern string. */
export interface PatternIssue {
  message: string;
  severity: 'error' | 'warning';
  start: number;
  end: number;
}
