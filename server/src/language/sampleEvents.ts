import * as fs from 'fs';
import * as path from 'path';

/** Reads the events of every .jsonl / .json file in a samples folder. Lines that are not JSON are skipped
 * here; `cdc-routing test` and the routing preview report them with file and line. */
export function readSampleEvents(dir: string): unknown[] {
  const events: unknown[] = [];
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl') || f.endsWith('.json')).sort();
  } catch {
    return events;
  }
  for (const f of files) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(dir, f), 'utf8');
    } catch {
      continue;
    }
    if (f.endsWith('.json')) {
      try {
        const v = JSON.parse(text);
        events.push(...(Array.isArray(v) ? v : [v]));
      } catch {
        /* reported by the samples loader */
      }
      continue;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        events.push(JSON.parse(line));
      } catch {
        /* reported by the samples loader */
      }
    }
  }
  return events;
}
