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
const ANCHOR = /(^|[\s[{,])&[^\s]/;

export function chunkFilters(text: string): Chunks | undefined {
  if (ANCHOR.test(text) || /^(---|\.\.\.|%)/m.test(text) || text.includes('\r')) return undefined;
  const key = FILTERS_KEY.exec(text);
  if (!key) return undefined;
  let pos = text.indexOf('\n', key.index);
  if (pos < 0) return undefined;
  pos++;
  const items: { start: number; text: string }[] = [];
  let itemIndent = -1;
  let firstStart = -1;
  let current = -1;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl + 1;
    const line = text.slice(pos, end);
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) {
      const indent = line.length - line.trimStart().length;
      if (indent === 0) return undefined;
      const dash = /^( *)- /.test(line) || /^( *)-$/.test(line.replace(/\n$/, ''));
      if (itemIndent < 0) {
        if (!dash) return undefined;
        itemIndent = indent;
      }
      if (dash && indent === itemIndent) {
        if (current >= 0) items.push({ start: current, text: text.slice(current, pos) });
        if (firstStart < 0) firstStart = pos;
        current = pos;
      } else if (indent < itemIndent) return undefined;
    }
    pos = end;
  }
  if (current < 0) return undefined;
  items.push({ start: current, text: text.slice(current) });
  return { header: text.slice(0, firstStart), items };
}
