import * as fs from 'fs';
import * as path from 'path';
import { isFiltersFileName } from '../protocol/filtersFiles';

const SKIP = new Set(['node_modules', '.git', 'dist', '.stack', '.cache']);

/** Every filters file under a folder (see protocol/filtersFiles.ts: filters*.yaml, not the test files), sorted. */
export function findFiltersFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name)) walk(path.join(dir, entry.name));
      } else if (isFiltersFileName(entry.name)) {
        out.push(path.join(dir, entry.name));
      }
    }
  };
  walk(root);
  return out.sort();
}
