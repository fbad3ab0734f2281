import { RE2JS } from 're2js';
import type { PatternIssue } from './patternIssue';
import { translateJavaRegex } from './javaToRe2';

/** A Java pattern ready to run with find semantics (Flink's REGEXP: found anywhere in the value). */
export interface CompiledPattern {
  issues: PatternIssue[];
  /** Present when the pattern has no error. Linear time in the input: no pattern can hang the caller. */
  find?: (input: string) => boolean;
  /** The RE2 pattern actually run (shown in hover/debugging). */
  re2?: string;
}

const cache = new Map<string, CompiledPattern>();
const CACHE_LIMIT = 500;

/** Translates and compiles once per distinct pattern (the editor re-checks on every keystroke). */
export function compileJavaRegex(pattern: string): CompiledPattern {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const result = compileUncached(pattern);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(pattern, result);
  return result;
}

function compileUncached(pattern: string): CompiledPattern {
  const { re2, issues } = translateJavaRegex(pattern);
  if (re2 === undefined || issues.some((i) => i.severity === 'error')) return { issues };
  try {
    const compiled = RE2JS.compile(re2);
    return { issues, re2, find: (input: string) => compiled.test(input) };
  } catch (err) {
    const message = (err as Error).message.replace(/^error parsing regexp: /, '');
    return {
      issues: [
        ...issues,
        { message: `Invalid regular expression: ${message}`, severity: 'error', start: 0, end: pattern.length },
      ],
    };
  }
}
