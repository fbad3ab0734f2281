// Types of viewerModel.js for the unit tests (the webview loads the script itself).
export interface ViewerMessage {
  partition: number;
  offset: string;
  timestamp: number;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  [extra: string]: unknown;
}
export type Stamped<M> = M & { seq: number };
export interface Histogram {
  start: number;
  bucketMs: number;
  counts: number[];
}
export type SearchMode = 'text' | 'regex';
export type SearchScope = 'all' | 'key' | 'value' | 'headers';
export function compileSearch(
  query: string,
  mode: SearchMode,
  scope?: SearchScope,
): { test: ((m: ViewerMessage) => boolean) | null; error?: undefined } | { error: string; test?: undefined };
export function histogram(messages: { timestamp: number }[], maxBuckets: number): Histogram;
export function bucketSize(spanMs: number, maxBuckets: number): number;
export class BoundedList<T> {
  constructor(capacity: number);
  readonly capacity: number;
  readonly length: number;
  append(batch: T[]): number;
  dropWhile(dead: (item: T) => boolean): void;
  newest(i: number): T;
  toArray(): T[];
  clear(): void;
  resize(capacity: number): void;
}
export class ViewerModel<M extends ViewerMessage = ViewerMessage> {
  constructor(capacity: number);
  readonly all: BoundedList<Stamped<M>>;
  readonly matching: BoundedList<Stamped<M>>;
  readonly received: number;
  readonly dropped: number;
  readonly searchError: string | null;
  add(batch: M[]): number;
  setSearch(query: string, mode: SearchMode, scope: SearchScope): boolean;
  setPartitionVisible(partition: number, visible: boolean): void;
  clear(): void;
  resize(capacity: number): void;
  rows(from: number, to: number): Stamped<M>[];
  histogram(maxBuckets: number): Histogram;
}
export function visibleWindow(
  total: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
  overscan: number,
): { from: number; to: number; padTop: number; padBottom: number };
export function prettyValue(value: string | null | undefined): string;
