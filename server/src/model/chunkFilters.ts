/**
 * Splits a filters file into a header (everything up to the first filter) and one chunk per filter, when
 * its layout allows: block style, `filters:` at column 0, every filter a "- " item at one indentation, no
 * anchors (an alias could reach across filters) and nothing at column 0 after the list. Each chunk is then
 * parsed on its own and cached by its text, so an edit re-parses one filter, not the whole file.
 * Returns undefined when the layout is anything else; the file is then parsed whole.
 */
export interface Chunks {
  header: string;
  /** Start offset of each filter's chunk; a chunk runs to the next start (or the end of the text). */
  items: { start: number; text: string }[];
}

const FILTERS_KEY = /^filters:[ \t]*(#.*)?$/m;
/** Anchors (an alias could reach across filters), document markers and directives: parse such a file whole. */
const UNSPLITTABLE = /(^|[\s[{,])&[^\s]|^(---|\.\.\.|%)|\r/m;

export function chunkFilters(text: string): Chunks | undefined {
  if (UNSPLITTABLE.test(text)) return undefined;
  const key = FILTERS_KEY.exec(text);
  if (!key) return undefined;
  const bodyStart = text.indexOf('\n', key.index) + 1;
  if (bodyStart === 0) return undefined;
  // Whole-text regular expressions rather than a loop over lines: this runs on every keystroke.
  const rest = text.slice(bodyStart);
  if (/^[^\s#]/m.test(rest)) return undefined;
  const firstContent = /^( +)([^\s#])/m.exec(rest);
  if (!firstContent || firstContent[2] !== '-' || !/^ +-( |$)/m.test(rest.slice(firstContent.index, firstContent.index + firstContent[0].length + 1))) return undefined;
  const indent = firstContent[1].length;
  // A line indented less than the items, or at their indentation without a dash, ends the list there.
  const shallower = indent > 1 ? ` {1,${indent - 1}}[^ #\\n]|` : '';
  if (new RegExp(`^(${shallower} {${indent}}(?!-( |$))[^ #\\n])`, 'm').test(rest)) return undefined;
  const itemStart = new RegExp(`^ {${indent}}-( |$)`, 'gm');
  const starts: number[] = [];
  for (let m = itemStart.exec(rest); m; m = itemStart.exec(rest)) starts.push(bodyStart + m.index);
  const items = starts.map((start, i) => ({ start, text: text.slice(start, i + 1 < starts.length ? starts[i + 1] : text.length) }));
  return { header: text.slice(0, starts[0]), items };
}
