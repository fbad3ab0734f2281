import * as fs from 'fs';
import * as path from 'path';
import { loadSamples, samplePathsFor, type SampleSet } from './loadSamples';

/** Size and mtime of every sample file under the paths: changes when a file is edited, added or removed. */
function fingerprint(paths: string[]): string {
  const parts: string[] = [];
  for (const p of paths) {
    try {
      const stat = fs.statSync(p);
      const files = stat.isDirectory()
        ? fs
            .readdirSync(p)
            .filter((f) => /\.(jsonl|ndjson|json)$/.test(f))
            .sort()
            .map((f) => path.join(p, f))
        : [p];
      for (const f of files) {
        const s = fs.statSync(f);
        parts.push(`${f}:${s.size}:${s.mtimeMs}`);
      }
    } catch {
      parts.push(`${p}:missing`);
    }
  }
  return parts.join('|');
}

/** Sample events per filters file, re-read only when the files change (checked at most once a second). */
export class SampleCache {
  private readonly entries = new Map<string, { fingerprint: string; set: SampleSet; checkedAt: number }>();

  constructor(private readonly configured: () => string[] | undefined = () => undefined) {}

  get(filtersFile: string): SampleSet & { paths: string[] } {
    const paths = samplePathsFor(filtersFile, this.configured());
    const key = paths.join('|');
    const hit = this.entries.get(key);
    const now = Date.now();
    if (hit && now - hit.checkedAt < 1000) return { ...hit.set, paths };
    const fp = fingerprint(paths);
    if (hit && hit.fingerprint === fp) {
      hit.checkedAt = now;
      return { ...hit.set, paths };
    }
    const set = loadSamples(paths);
    this.entries.set(key, { fingerprint: fp, set, checkedAt: now });
    return { ...set, paths };
  }
}
