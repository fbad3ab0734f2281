/**
 * Where the cursor is in a filters file, worked out from the text around it. Completion runs while the
 * file is half-typed (a key without a value, a dangling "- "), where the YAML tree has nothing at the
 * cursor; lines and indentation still say where one is.
 */
export type Level = 'top' | 'source' | 'filter' | 'condition' | 'unknown';

export interface LineContext {
  level: Level;
  /** Typing a key (`kind: 'key'`) or the value of `key`. */
  kind: 'key' | 'value';
  key?: string;
  /** What is typed so far of the key or value, without quotes, and where it starts. */
  partial: string;
  partialStart: number;
  /** The line starts a list item ("- "), e.g. a new filter or condition. */
  listItem: boolean;
  /** Inside a flow list `[a, b, |]` or a block list under `values:`. */
  inList: boolean;
  /** Scalar keys of the enclosing mapping (the condition or filter being edited), by name. */
  siblings: Map<string, string>;
  /** Column where keys of the enclosing mapping start. */
  indent: number;
}

interface Line {
  start: number;
  text: string;
}

function lineAt(text: string, offset: number): Line {
  // lastIndexOf clamps a negative start to 0 and would find a newline at 0: guard the first line.
  const start = offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  const endNl = text.indexOf('\n', offset);
  return { start, text: text.slice(start, endNl < 0 ? text.length : endNl) };
}

function previousLine(text: string, line: Line): Line | undefined {
  if (line.start === 0) return undefined;
  return lineAt(text, line.start - 1);
}

function nextLine(text: string, line: Line): Line | undefined {
  const end = line.start + line.text.length;
  return end >= text.length ? undefined : lineAt(text, end + 1);
}

/** Column where the content of a line starts, counting "- " as indentation (it opens a mapping). */
function contentIndent(text: string): { indent: number; dash: boolean; blank: boolean } {
  const m = /^(\s*)(-\s+)?/.exec(text)!;
  const blank = text.trim() === '' || text.trim().startsWith('#');
  return { indent: m[0].length, dash: !!m[2], blank };
}

const KEY_LINE = /^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*:(?:\s|$)/;

function unquote(s: string): string {
  return s.replace(/^["']/, '').replace(/["']$/, '');
}

export function lineContext(text: string, offset: number): LineContext {
  const line = lineAt(text, offset);
  const before = text.slice(line.start, offset);
  const { indent: ownIndent, dash } = contentIndent(before + 'x');
  const ctx: LineContext = {
    level: 'unknown',
    kind: 'key',
    partial: '',
    partialStart: offset,
    listItem: dash,
    inList: false,
    siblings: new Map(),
    indent: ownIndent,
  };

  const keyValue = /^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*)(\s*:\s*)(.*)$/.exec(before);
  if (keyValue) {
    ctx.kind = 'value';
    ctx.key = keyValue[2];
    let value = keyValue[4];
    let valueStart = line.start + keyValue[1].length + keyValue[2].length + keyValue[3].length;
    const flow = value.lastIndexOf('[');
    if (flow >= 0) {
      ctx.inList = true;
      const cut = Math.max(value.lastIndexOf(','), flow) + 1;
      const lead = /^\s*/.exec(value.slice(cut))![0].length;
      valueStart += cut + lead;
      value = value.slice(cut + lead);
    }
    const quote = /^["']/.test(value) ? 1 : 0;
    ctx.partial = unquote(value);
    ctx.partialStart = valueStart + quote;
  } else {
    const m = /^(\s*)(-\s*)?(["']?)([^\s:]*)$/.exec(before);
    ctx.partial = m ? m[4] : '';
    ctx.partialStart = offset - ctx.partial.length;
    // A bare "- x" line under `values:` is a list value, not a key.
    const parent = parentKey(text, line, ownIndent);
    if (m && m[2] && parent?.key === 'values') {
      ctx.kind = 'value';
      ctx.key = 'values';
      ctx.inList = true;
      ctx.level = 'condition';
      ctx.indent = contentIndent(parent.line.text).indent;
      collectSiblings(text, parent.line, ctx);
      return ctx;
    }
  }
  const parent = parentKey(text, line, ctx.indent);
  ctx.level = levelOf(parent?.key);
  collectSiblings(text, line, ctx);
  return ctx;
}

/** The nearest line above with a smaller content indent that holds a key: the parent mapping's key. */
function parentKey(text: string, line: Line, indent: number): { key: string; line: Line } | undefined {
  for (let l = previousLine(text, line); l; l = previousLine(text, l)) {
    const c = contentIndent(l.text);
    if (c.blank) continue;
    const keyMatch = KEY_LINE.exec(l.text);
    const lineKeyIndent = /^\s*/.exec(l.text)![0].length;
    // With "- key:" the key sits at the dash's content column, a sibling of the cursor's keys.
    if (lineKeyIndent < indent && keyMatch && c.indent < indent) return { key: keyMatch[1], line: l };
  }
  return undefined;
}

function levelOf(key: string | undefined): Level {
  switch (key) {
    case undefined:
      return 'top';
    case 'source':
      return 'source';
    case 'filters':
      return 'filter';
    case 'conditions':
      return 'condition';
    default:
      return 'unknown';
  }
}

/** Reads the `key: scalar` pairs of the mapping the cursor's line belongs to. */
function collectSiblings(text: string, line: Line, ctx: LineContext): void {
  const indent = ctx.indent;
  const add = (l: Line) => {
    const m = /^(\s*)(-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$/.exec(l.text);
    if (m && m[1].length + (m[2]?.length ?? 0) === indent)
      ctx.siblings.set(m[3], unquote(m[4].replace(/\s+#.*$/, '').trim()));
  };
  // Upwards to the "- " that opens the item (inclusive).
  for (let l: Line | undefined = line; l; l = previousLine(text, l)) {
    const c = contentIndent(l.text);
    if (c.blank) continue;
    if (c.indent < indent) break;
    if (l !== line || ctx.kind === 'value') add(l);
    if (c.dash && c.indent === indent) break;
  }
  // Downwards until the next item or a shallower line.
  for (let l = nextLine(text, line); l; l = nextLine(text, l)) {
    const c = contentIndent(l.text);
    if (c.blank) continue;
    if (c.indent < indent || (c.dash && c.indent === indent)) break;
    add(l);
  }
}
