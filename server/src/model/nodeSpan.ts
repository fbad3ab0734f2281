import type { Node } from 'yaml';
import type { Span } from './span';

/** The span of a YAML node in the text it was parsed from (empty at 0 when it has no range). */
export function nodeSpan(node: Node | null | undefined): Span {
  const range = node?.range;
  if (!range) return { start: 0, end: 0 };
  return { start: range[0], end: range[1] };
}
