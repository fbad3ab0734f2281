/**
 * Collects what the tail delivers and hands it on at most once per interval, so a topic at 20,000
 * messages/s costs the webview ten messages a second instead of one per record. It never has more than
 * one hand-over in flight: while the webview is still taking the last one (in code-server each crosses a
 * websocket), what arrives waits. What waits is bounded: beyond `limit` the oldest waiting items are
 * dropped (the webview could not keep them anyway, its buffer has the same size) and counted, and one
 * hand-over carries at most `maxPerFlush` (the newest), the rest counted as dropped.
 */
export class PostBatcher<T> {
  private pending: T[] = [];
  private droppedSinceFlush = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = 0;
  private inFlight = false;
  /** Bumped by dispose: a hand-over that completes after it does not schedule the next. */
  private epoch = 0;

  constructor(
    private readonly flush: (items: T[], dropped: number) => unknown,
    private readonly options: { intervalMs: number; limit: number; maxPerFlush?: number; now?: () => number },
  ) {}

  push(items: readonly T[]): void {
    for (const item of items) this.pending.push(item);
    if (this.pending.length > this.options.limit) {
      const excess = this.pending.length - this.options.limit;
      this.pending.splice(0, excess);
      this.droppedSinceFlush += excess;
    }
    this.schedule();
  }

  /** Counts items dropped before they reached this batcher (e.g. by the server), reported with the next flush. */
  noteDropped(count: number): void {
    if (count <= 0) return;
    this.droppedSinceFlush += count;
    this.schedule();
  }

  /** Hands on what is waiting now (unless a hand-over is still in flight: then right after it). */
  flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inFlight || (!this.pending.length && !this.droppedSinceFlush)) return;
    const max = this.options.maxPerFlush ?? Infinity;
    let items = this.pending;
    let dropped = this.droppedSinceFlush;
    if (items.length > max) {
      dropped += items.length - max;
      items = items.slice(items.length - max);
    }
    this.pending = [];
    this.droppedSinceFlush = 0;
    this.lastFlush = this.now();
    const epoch = this.epoch;
    const done = this.flush(items, dropped) as PromiseLike<unknown> | undefined;
    if (!done || typeof done.then !== 'function') return;
    this.inFlight = true;
    const settle = () => {
      if (epoch !== this.epoch) return;
      this.inFlight = false;
      if (this.pending.length || this.droppedSinceFlush) this.schedule();
    };
    done.then(settle, settle);
  }

  setLimit(limit: number): void {
    this.options.limit = limit;
  }

  /** Drops what waits and forgets a hand-over in flight; the batcher can be used again. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
    this.droppedSinceFlush = 0;
    this.inFlight = false;
    this.epoch++;
  }

  private schedule(): void {
    if (this.timer || this.inFlight) return;
    const wait = Math.max(0, this.lastFlush + this.options.intervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushNow();
    }, wait);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
