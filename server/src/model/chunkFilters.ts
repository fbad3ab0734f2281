/**
 * Splits a filters file into a header (everything up to the first filter) and one chunk per filter, when
 * its layout allows: block style, `filters:` at column 0, every filter a "- " item at one indentation (column 0
 * included), no anchors (an alias could reach across filters) and nothing after the list. Each chunk is then
 * parsed on its own and cached by its text, so an edit re-parses one filter, not the whole file.
 * Returns undefined when the layout is anything else; the file is then parsed whole.
 */
export interface Chunks {
  header: string;
  /** Start offset of each filter's chunk; a chunk runs to the next start (or the end of the text). */
  items: { start: number; text: string }[];
  /** Indentation of the items' dashes. */
  indent: number;
}

// Lines end in \n or \r\n (files written on Windows); a lone \r is a line break YAML knows but this split does not.
const FILTERS_KEY = /^filters:[ \t]*(#.*)?\r?$/m;
/** Anchors (an alias could reach across filters), document markers, directives and lone CRs: parse such a file whole. */
const UNSPLITTABLE = /(^|[\s[{,])&[^\s]|^(---|\.\.\.|%)|\r(?!\n)/m;
const COLUMN_ZERO = /^[^\s#]/m;

export function chunkFilters(text: string): Chunks | undefined {
  if (UNSPLITTABLE.test(text)) return undefined;
  const key = FILTERS_KEY.exec(text);
  if (!key) return undefined;
  const bodyStart = text.indexOf('\n', key.index) + 1;
  if (bodyStart === 0) return undefined;
  // Whole-text regular expressions rather than a loop over lines: this runs on every keystroke.
  const rest = text.slice(bodyStart);
  const firstContent = /^( *)([^\s#])/m.exec(rest);
  if (
    !firstContent ||
    firstContent[2] !== '-' ||
    !/^ *-( |\r?$)/m.test(rest.slice(firstContent.index, firstContent.index + firstContent[0].length + 2))
  )
    return undefined;
  const indent = firstContent[1].length;
  if (endsList(rest, indent)) return undefined;
  const starts = itemStarts(rest, indent, bodyStart);
  return { header: text.slice(0, starts[0]), items: itemsAt(text, starts, text.length), indent };
}

/**
 * The chunks of `text` from those of an earlier text of the same document, re-splitting only the stretches
 * that changed: unchanged chunks are found by comparing their text where they were (before the edit), shifted
 * by the edit (after it), or where the text resumes after a changed stretch (between two edits made in one
 * change), with native string compares and searches; regular expressions run over the changed stretches
 * only. Every layout rule of `chunkFilters` is a property of single lines, so checking the changed lines keeps
 * the whole file valid. Undefined when it cannot tell cheaply (the header changed, the first filter lost its
 * dash…): call `chunkFilters` then.
 */
export interface ChunkEdit {
  chunks: Chunks;
  /** For each chunk, the index in `before` of the chunk it is (same text, maybe moved), or -1 when it is new. */
  previous: number[];
}

/** How many chunks after a changed one are tried as the place the text resumes (a deleted filter or two). */
const RESYNC_WINDOW = 4;

export function rechunkFilters(before: { text: string; chunks: Chunks }, text: string): ChunkEdit | undefined {
  const { header, items: old, indent } = before.chunks;
  const n = old.length;
  if (n === 0 || !textAt(text, 0, header)) return undefined;
  const delta = text.length - before.text.length;
  const endOf = (i: number) => old[i].start + old[i].text.length;
  let keep = 0;
  while (keep < n && textAt(text, old[keep].start, old[keep].text)) keep++;
  let from = keep > 0 ? endOf(keep - 1) : header.length;
  let tail = 0;
  while (
    tail < n - keep &&
    old[n - 1 - tail].start + delta >= from &&
    textAt(text, old[n - 1 - tail].start + delta, old[n - 1 - tail].text)
  )
    tail++;
  // The tail must still begin a line: the text before it may have lost its line break.
  while (tail > 0 && text.charCodeAt(old[n - tail].start + delta - 1) !== 10) tail--;
  const to = tail > 0 ? old[n - tail].start + delta : text.length;
  // The changed stretch must begin a filter at a line start; otherwise its lines belong to the filter before it.
  if (from < to && !beginsItem(text, from, indent)) {
    if (keep === 0) return undefined;
    keep--;
    from = old[keep].start;
  }
  const items = old.slice(0, keep);
  const previous = items.map((_, i) => i);
  // Between `from` and `to`: changed stretches, and runs of unchanged chunks where the text resumes.
  let at = from;
  let next = keep;
  while (at < to) {
    const run = resume(text, old, next, n - tail, at, to, indent);
    const stretchEnd = run ? run.at : to;
    if (stretchEnd > at && !splitStretch(text, at, stretchEnd, indent, items, previous)) return undefined;
    if (!run) break;
    for (let k = run.from; k < run.to; k++) {
      items.push({ start: run.at + old[k].start - old[run.from].start, text: old[k].text });
      previous.push(k);
    }
    at = run.at + endOf(run.to - 1) - old[run.from].start;
    next = run.to;
  }
  for (let i = n - tail; i < n; i++) {
    items.push({ start: old[i].start + delta, text: old[i].text });
    previous.push(i);
  }
  // No filter left: not a layout that splits (chunkFilters says the same).
  if (items.length === 0) return undefined;
  return { chunks: { header, items, indent }, previous };
}

/**
 * Where the text resumes after `at`: the first of the next few old chunks found again at a line start before
 * `to`, and the run of old chunks that follow it unchanged. The run must be followed by a filter (or end at
 * `to`); otherwise its last chunk takes in the lines after it and is left to the changed stretch.
 */
function resume(
  text: string,
  old: Chunks['items'],
  next: number,
  limit: number,
  at: number,
  to: number,
  indent: number,
): { from: number; to: number; at: number } | undefined {
  for (let j = next; j < limit && j < next + RESYNC_WINDOW; j++) {
    const found = text.indexOf(old[j].text, at);
    if (found < 0 || found + old[j].text.length > to || (found > 0 && text.charCodeAt(found - 1) !== 10)) continue;
    let end = j + 1;
    let after = found + old[j].text.length;
    while (end < limit && after + old[end].text.length <= to && textAt(text, after, old[end].text)) {
      after += old[end].text.length;
      end++;
    }
    while (end > j && after < to && !beginsItem(text, after, indent)) {
      end--;
      after -= old[end].text.length;
    }
    if (end > j) return { from: j, to: end, at: found };
  }
  return undefined;
}

/** Splits the changed stretch [from, to) (it begins a filter) into new chunks; false when its lines break the layout. */
function splitStretch(
  text: string,
  from: number,
  to: number,
  indent: number,
  items: Chunks['items'],
  previous: number[],
): boolean {
  const stretch = text.slice(from, to);
  if (UNSPLITTABLE.test(stretch) || endsList(stretch, indent)) return false;
  // The new chunks outlive this text (as cache keys and in the next parse's memory): detach them from it.
  for (const item of itemsAt(text, itemStarts(stretch, indent, from), to)) {
    items.push({ start: item.start, text: detached(item.text) });
    previous.push(-1);
  }
  return true;
}

/**
 * Whether a line of `text` ends the list of filters: content at column 0 (other than the items themselves, when
 * they are written there), a line indented less than the items, or one at their indentation without a dash.
 */
function endsList(text: string, indent: number): boolean {
  if (indent > 0 && COLUMN_ZERO.test(text)) return true;
  const shallower = indent > 1 ? ` {1,${indent - 1}}[^ #\\r\\n]|` : '';
  return new RegExp(`^(${shallower} {${indent}}(?!-( |\\r?$))[^ #\\r\\n])`, 'm').test(text);
}

/** Offsets (plus `base`) of the lines of `text` that begin an item. */
function itemStarts(text: string, indent: number, base: number): number[] {
  const itemStart = new RegExp(`^ {${indent}}-( |\\r?$)`, 'gm');
  const starts: number[] = [];
  for (let m = itemStart.exec(text); m; m = itemStart.exec(text)) starts.push(base + m.index);
  return starts;
}

/**
 * The same characters in a string of their own. V8 makes a slice of a long string a view that keeps the whole
 * string alive: a chunk kept from each edit would keep every version of a large file in memory.
 */
function detached(s: string): string {
  return (' ' + s).slice(1);
}

/** Whether `text` holds `part` at `at`: a slice compared whole is a memory compare, `startsWith` goes char by char. */
function textAt(text: string, at: number, part: string): boolean {
  return text.slice(at, at + part.length) === part;
}

function beginsItem(text: string, at: number, indent: number): boolean {
  if (at > 0 && text.charCodeAt(at - 1) !== 10) return false;
  for (let i = at; i < at + indent; i++) if (text.charCodeAt(i) !== 32) return false;
  if (text.charCodeAt(at + indent) !== 45) return false;
  const next = at + indent + 1;
  const c = text.charCodeAt(next);
  return next === text.length || c === 32 || c === 10 || (c === 13 && text.charCodeAt(next + 1) === 10);
}

/** The chunks starting at `starts`, each running to the next start (the last to `end`). */
function itemsAt(text: string, starts: number[], end: number): { start: number; text: string }[] {
  return starts.map((start, i) => ({ start, text: text.slice(start, i + 1 < starts.length ? starts[i + 1] : end) }));
}
