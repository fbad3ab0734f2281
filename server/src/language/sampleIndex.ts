/**
 * What the sample events next to a workspace show: the keys seen in each object (map keys the Avro
 * schema cannot list) and the most frequent values of each field path, for completion and hover.
 * Paths use the filters format: `a.b`, `a[]` for array elements.
 */
export class SampleIndex {
  private readonly keys = new Map<string, Set<string>>();
  private readonly values = new Map<string, Map<string, { value: unknown; count: number }>>();
  readonly eventCount: number;

  constructor(
    events: readonly unknown[],
    /** Distinct values kept per path; a path with this many may have more. */
    readonly maxValuesPerPath = 200,
  ) {
    for (const event of events) this.walk(event, '');
    this.eventCount = events.length;
  }

  private walk(value: unknown, path: string): void {
    if (Array.isArray(value)) {
      for (const item of value) this.walk(item, `${path}[]`);
      return;
    }
    if (value !== null && typeof value === 'object') {
      let keys = this.keys.get(path);
      if (!keys) this.keys.set(path, (keys = new Set()));
      for (const [k, v] of Object.entries(value)) {
        keys.add(k);
        this.walk(v, path ? `${path}.${k}` : k);
      }
      return;
    }
    if (value === null || value === undefined) return;
    let counts = this.values.get(path);
    if (!counts) this.values.set(path, (counts = new Map<string, { value: unknown; count: number }>()));
    const key = JSON.stringify(value);
    const entry = counts.get(key);
    if (entry) entry.count++;
    else if (counts.size < this.maxValuesPerPath) counts.set(key, { value, count: 1 });
  }

  /** Keys seen in the objects at a path (e.g. the attribute names of `...updatedAttributes`). */
  keysAt(path: string): string[] {
    return [...(this.keys.get(path) ?? [])].sort();
  }

  /** Distinct values seen at a path, most frequent first. */
  valuesAt(path: string, limit = 20): { value: unknown; count: number }[] {
    return [...(this.values.get(path)?.values() ?? [])].sort((a, b) => b.count - a.count).slice(0, limit);
  }
}
