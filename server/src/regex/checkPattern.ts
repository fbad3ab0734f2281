import { compileJavaRegex } from './compileJavaRegex';
import type { PatternIssue } from './patternIssue';

/**
 * Checks a `matches` pattern. Flink's REGEXP uses java.util.regex; the preview evaluates the same pattern
 * translated to RE2 (linear time), so constructs RE2 cannot express are errors (the preview and Flink
 * would disagree) and constructs whose meaning differs slightly, or differs from JavaScript's, are
 * warnings. Offsets are inside the pattern string.
 */
export function checkPattern(pattern: string): PatternIssue[] {
  return compileJavaRegex(pattern).issues;
}
