import type { RoutedTailMessage } from '../../../server/src/protocol';

/**
 * The messages of one tail in the extension host: a ring buffer of fixed capacity (the oldest go first), so
 * memory stays bounded however fast the topic is, plus the questions the viewer asks of it (search,
 * partition filter, time histogram). Pure TypeScript: no vscode import, unit-tested on its own.
 */
export const DEFAULT_CAPACITY = 10_000;

export type SearchMode = 'text' | 'regex';
export type SearchField = 'key' | 'value' | 'headers';

export interface MessageQuery {
  /** Text (case-insensitive substring) or a JavaScript regular expression; empty matches all. */
  search?: string;
  mode?: SearchMode;
  /** Where to search; all three when absent. */
  fields?: SearchField[];
  /** Only these partitions; all when absent. */
  partitions?: readonly number[];
}

export interface Histogram {
  /** Start (ms) of the first bucket, a multiple of bucketMs. */
  start: number;
  bucketMs: number;
  counts: number[];
}

export interface Matcher {
  test(message: RoutedTailMessage): boolean;
  /** Set for an invalid regex: shown next to the search box; the matcher then matches nothing. */
  error?: string;
}

export class MessageStore {
  private ring: (RoutedTailMessage | undefined)[];
  /** Index of the oldest message. */
  private head = 0;
  private count = 0;
  private receivedTotal = 0;
  private droppedTotal = 0;

  constructor(capacity = DEFAULT_CAPACITY) {
    this.ring = new Array<RoutedTailMessage | undefined>(validCapacity(capacity));
  }

  get capacity(): number {
    return this.ring.length;
  }

  get size(): number {
    return this.count;
  }

  /** Every message that reached the store (including those since pushed out). */
  get received(): number {
    return this.receivedTotal;
  }

  /** Messages pushed out of the ring plus those the server dropped before sending. */
  get dropped(): number {
    return this.droppedTotal;
  }

  /** Appends a batch (oldest first); `droppedUpstream` counts what the server dropped to keep up. */
  add(messages: readonly RoutedTailMessage[], droppedUpstream = 0): void {
    this.receivedTotal += messages.length;
    this.droppedTotal += droppedUpstream;
    const cap = this.ring.length;
    // Of a batch larger than the ring only its newest `cap` can stay.
    const from = Math.max(0, messages.length - cap);
    this.droppedTotal += from;
    for (let i = from; i < messages.length; i++) {
      if (this.count < cap) {
        this.ring[(this.head + this.count) % cap] = messages[i];
        this.count++;
      } else {
        this.ring[this.head] = messages[i];
        this.head = (this.head + 1) % cap;
        this.droppedTotal++;
      }
    }
  }

  /** The i-th message, oldest first. */
  at(i: number): RoutedTailMessage | undefined {
    return i >= 0 && i < this.count ? this.ring[(this.head + i) % this.ring.length] : undefined;
  }

  /** Oldest first. */
  toArray(): RoutedTailMessage[] {
    const out: RoutedTailMessage[] = new Array<RoutedTailMessage>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.ring[(this.head + i) % this.ring.length]!;
    return out;
  }

  /** A new capacity; the newest messages that fit are kept. */
  setCapacity(capacity: number): void {
    const kept = this.toArray();
    const cap = validCapacity(capacity);
    const from = Math.max(0, kept.length - cap);
    this.droppedTotal += from;
    this.ring = new Array<RoutedTailMessage | undefined>(cap);
    this.head = 0;
    this.count = 0;
    for (let i = from; i < kept.length; i++) this.ring[this.count++] = kept[i];
  }

  clear(): void {
    this.ring = new Array<RoutedTailMessage | undefined>(this.ring.length);
    this.head = 0;
    this.count = 0;
  }

  /** The messages a query selects, oldest first, or the regex error. */
  query(q: MessageQuery = {}): { messages: RoutedTailMessage[]; error?: string } {
    const matcher = compileQuery(q);
    if (matcher.error) return { messages: [], error: matcher.error };
    const out: RoutedTailMessage[] = [];
    for (let i = 0; i < this.count; i++) {
      const m = this.ring[(this.head + i) % this.ring.length]!;
      if (matcher.test(m)) out.push(m);
    }
    return { messages: out };
  }

  /**
   * Message counts over time for the messages a query selects, in at most `maxBuckets` buckets of a
   * round width (1 s, 2 s, 5 s, 10 s… 1 h, 1 d), covering the oldest to the newest timestamp.
   */
  histogram(maxBuckets = 60, q: MessageQuery = {}): Histogram {
    const { messages } = this.query(q);
    return histogramOf(
      messages.map((m) => m.timestamp),
      maxBuckets,
    );
  }
}

export function histogramOf(timestamps: readonly number[], maxBuckets: number): Histogram {
  if (timestamps.length === 0) return { start: 0, bucketMs: 1000, counts: [] };
  let min = Infinity;
  let max = -Infinity;
  for (const t of timestamps) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const bucketMs = bucketWidth(max - min, Math.max(1, maxBuckets));
  const start = Math.floor(min / bucketMs) * bucketMs;
  const counts = new Array<number>(Math.floor((max - start) / bucketMs) + 1).fill(0);
  for (const t of timestamps) counts[Math.floor((t - start) / bucketMs)]++;
  return { start, bucketMs, counts };
}

const ROUND_WIDTHS = [1, 2, 5, 10, 15, 30]
  .map((s) => s * 1000)
  .concat([1, 2, 5, 10, 15, 30].map((m) => m * 60_000))
  .concat([1, 2, 3, 6, 12].map((h) => h * 3_600_000))
  .concat([1, 2, 7, 14, 30].map((d) => d * 86_400_000));

/** The smallest round width with which `span` fits in `maxBuckets` buckets (alignment may add one). */
export function bucketWidth(span: number, maxBuckets: number): number {
  for (const w of ROUND_WIDTHS) if (Math.floor(span / w) + 2 <= maxBuckets) return w;
  const last = ROUND_WIDTHS[ROUND_WIDTHS.length - 1];
  return Math.ceil(span / last / Math.max(1, maxBuckets - 1)) * last;
}

/** A query as one predicate (search and partitions), compiled once per query. */
export function compileQuery(q: MessageQuery): Matcher {
  const search = compileSearch(q.search ?? '', q.mode ?? 'text', q.fields);
  if (search.error) return { test: () => false, error: search.error };
  const partitions = q.partitions ? new Set(q.partitions) : undefined;
  if (!partitions) return search;
  return { test: (m) => partitions.has(m.partition) && search.test(m) };
}

export function compileSearch(
  text: string,
  mode: SearchMode,
  fields: readonly SearchField[] = ['key', 'value', 'headers'],
): Matcher {
  if (text === '') return { test: () => true };
  let hit: (s: string) => boolean;
  if (mode === 'regex') {
    let re: RegExp;
    try {
      re = new RegExp(text);
    } catch (err) {
      return { test: () => false, error: (err as Error).message };
    }
    hit = (s) => re.test(s);
  } else {
    const needle = text.toLowerCase();
    hit = (s) => s.toLowerCase().includes(needle);
  }
  const inKey = fields.includes('key');
  const inValue = fields.includes('value');
  const inHeaders = fields.includes('headers');
  return {
    test(m) {
      if (inKey && m.key !== null && hit(m.key)) return true;
      if (inValue && m.value !== null && hit(m.value)) return true;
      if (inHeaders) {
        for (const name in m.headers) if (hit(name) || hit(m.headers[name])) return true;
      }
      return false;
    },
  };
}

function validCapacity(capacity: number): number {
  return Number.isFinite(capacity) && capacity >= 1 ? Math.floor(capacity) : DEFAULT_CAPACITY;
}
