/**
 * How the routing preview names one sample event in its lists: what the event is (its name- and type-like fields)
 * and which one it is (its id-like fields), then where it is. Works on any schema: 127 events of one type must
 * still read as 127 different rows, so an id is shown whenever the event has one.
 */
export function sampleLabel(event: unknown, file: string, line: number): string {
  const what = leaves(event, /(name|type|kind)$/i, 2);
  const which = leaves(event, /(^|[a-z_])(id|uuid|key)$/i, 1);
  const parts = [...what, ...which.filter((v) => !what.includes(v))];
  const where = `${file.split(/[\\/]/).pop()}:${line}`;
  return parts.length > 0 ? `${parts.join(' · ')} (${where})` : where;
}

const MAX_DEPTH = 3;
const MAX_TEXT = 28;

/** The first `limit` string or number values, breadth first, of fields whose name matches `key`. */
function leaves(event: unknown, key: RegExp, limit: number): string[] {
  const found: string[] = [];
  let level: unknown[] = [event];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0 && found.length < limit; depth++) {
    const next: unknown[] = [];
    for (const node of level) {
      if (node === null || typeof node !== 'object') continue;
      // an array's first element stands for it (an event's first entity)
      const entries = Array.isArray(node) ? (node.length > 0 ? [['', node[0]] as const] : []) : Object.entries(node);
      for (const [name, value] of entries) {
        if ((typeof value === 'string' || typeof value === 'number') && name !== '' && key.test(name)) {
          const text = String(value);
          if (text !== '' && !found.includes(text) && found.length < limit)
            found.push(text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);
        } else if (value !== null && typeof value === 'object') next.push(value);
      }
    }
    level = next;
  }
  return found;
}
