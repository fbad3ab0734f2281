/** A half-open range of character offsets into a document's text. Positions (line/character) are derived
 * only at the edges (LSP, CLI output), so the domain stays independent of any editor. */
export interface Span {
  start: number;
  end: number;
}

/** A value together with the span of the YAML node it came from. */
export interface Located<T> {
  value: T;
  span: Span;
}

export function spanContains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}
