// Invariant: spans are character offsets into the document text; line/character positions are made only at the
// edges — here for LSP, in cli/problemFormat.ts for the CLI. Offsets can be compared, sliced and moved by the
// incremental parse without knowing line endings or the client's position encoding, so the domain stays free of
// both.

import type { Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../model/span';

export function toRange(doc: Pick<TextDocument, 'positionAt'>, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

/** Line starts of a text, for converting offsets of files that are not open (e.g. the .avsc). */
export function rangeInText(text: string, span: Span): Range {
  const pos = (offset: number) => {
    let line = 0;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { line, character: offset - lineStart };
  };
  return { start: pos(span.start), end: pos(span.end) };
}
