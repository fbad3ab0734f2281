import * as fs from 'fs';
import * as path from 'path';

/** The nearest `samples/` folder at or above a filters file's folder, where sample events live by default. */
export function findSamplesDir(filtersFile: string): string | undefined {
  let dir = path.dirname(path.resolve(filtersFile));
  for (;;) {
    const candidate = path.join(dir, 'samples');
    if (fs.existsSync(candidate) && fs.statSync(candidate).isDirectory()) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** A cheap fingerprint of the sample files (names, sizes, mtimes), to know when to re-read them. */
export function samplesFingerprint(dir: string): string {
  try {
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl') || f.endsWith('.json'))
      .sort()
      .map((f) => {
        const st = fs.statSync(path.join(dir, f));
        return `${f}:${st.size}:${st.mtimeMs}`;
      })
      .join('|');
  } catch {
    return '';
  }
}
