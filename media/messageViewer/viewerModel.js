// The message viewer's state without the DOM: a bounded buffer of tailed messages, the search and
// partition filter, the matching messages newest first, and the time histogram. Plain script so the
// webview loads it as-is; a CommonJS export so the unit tests run the same code in Node.
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.MessageViewerModel = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  /**
   * The predicate of a search box. `mode` 'text' is a case-insensitive substring, 'regex' a JavaScript
   * regular expression (case-insensitive); `scope` picks what is searched: 'all', 'key', 'value' or 'headers'.
   * A bad pattern is returned as { error } for the page to show, never thrown.
   */
  function compileSearch(query, mode, scope) {
    const fields = fieldsOf(scope || 'all');
    if (!query) return { test: null };
    let matchText;
    if (mode === 'regex') {
      let re;
      try {
        re = new RegExp(query, 'i');
      } catch (e) {
        return {
          error:
            'Invalid regular expression: ' + String((e && e.message) || e).replace(/^Invalid regular expression: /, ''),
        };
      }
      matchText = (s) => re.test(s);
    } else {
      const needle = query.toLowerCase();
      matchText = (s) => s.toLowerCase().includes(needle);
    }
    return {
      test: (m) =>
        fields.some((f) => {
          const text = f(m);
          return text !== null && text !== undefined && text !== '' && matchText(text);
        }),
    };
  }

  function headerText(m) {
    const h = m.headers || {};
    return Object.keys(h)
      .map((k) => k + ': ' + h[k])
      .join('\n');
  }

  function fieldsOf(scope) {
    const key = (m) => m.key;
    const value = (m) => m.value;
    if (scope === 'key') return [key];
    if (scope === 'value') return [value];
    if (scope === 'headers') return [headerText];
    return [key, value, headerText];
  }

  /** A step of 1/2/5 × 10^n seconds (and whole minutes/hours above that) giving at most `maxBuckets` buckets. */
  function bucketSize(spanMs, maxBuckets) {
    const steps = [
      1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000, 900000,
      1800000, 3600000, 7200000, 21600000, 43200000, 86400000,
    ];
    for (const s of steps) if (Math.floor(spanMs / s) + 1 <= maxBuckets) return s;
    let s = 86400000;
    while (Math.floor(spanMs / s) + 1 > maxBuckets) s *= 2;
    return s;
  }

  /** Counts of messages per time bucket, buckets aligned to the step so bars do not shift as time goes by. */
  function histogram(messages, maxBuckets) {
    if (!messages.length) return { start: 0, bucketMs: 1000, counts: [] };
    let min = Infinity;
    let max = -Infinity;
    for (const m of messages) {
      if (m.timestamp < min) min = m.timestamp;
      if (m.timestamp > max) max = m.timestamp;
    }
    const bucketMs = bucketSize(max - min, maxBuckets);
    const start = Math.floor(min / bucketMs) * bucketMs;
    const counts = new Array(Math.floor((max - start) / bucketMs) + 1).fill(0);
    for (const m of messages) counts[Math.floor((m.timestamp - start) / bucketMs)] += 1;
    return { start, bucketMs, counts };
  }

  /**
   * A list that keeps only its newest `capacity` items. Dropped items stay in the array until the
   * dead head is as long as the capacity, so a batch costs its own length, not the buffer's.
   */
  class BoundedList {
    constructor(capacity) {
      this.capacity = Math.max(1, capacity | 0);
      this.items = [];
      this.head = 0;
    }
    get length() {
      return this.items.length - this.head;
    }
    /** Appends; returns how many of the oldest items fell out. */
    append(batch) {
      const before = this.length;
      const from = batch.length > this.capacity ? batch.length - this.capacity : 0;
      for (let i = from; i < batch.length; i++) this.items.push(batch[i]);
      if (this.length > this.capacity) this.head = this.items.length - this.capacity;
      if (this.head >= this.capacity) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      return before + batch.length - this.length;
    }
    /** Drops the oldest items while `dead(item)` holds. */
    dropWhile(dead) {
      while (this.head < this.items.length && dead(this.items[this.head])) this.head++;
    }
    /** The i-th newest item (0 = newest). */
    newest(i) {
      return this.items[this.items.length - 1 - i];
    }
    toArray() {
      return this.items.slice(this.head);
    }
    clear() {
      this.items = [];
      this.head = 0;
    }
    resize(capacity) {
      const all = this.toArray();
      this.capacity = Math.max(1, capacity | 0);
      this.clear();
      this.append(all);
    }
  }

  /**
   * All buffered messages and the ones the search and partition toggles let through. Messages get a
   * sequence number on arrival; the matching list drops those the buffer has dropped.
   */
  class ViewerModel {
    constructor(capacity) {
      this.all = new BoundedList(capacity);
      this.matching = new BoundedList(capacity);
      this.seq = 0;
      this.received = 0;
      this.dropped = 0;
      this.hiddenPartitions = new Set();
      this.search = { query: '', mode: 'text', scope: 'all' };
      this.predicate = null;
      this.searchError = null;
    }

    /** Adds a batch (oldest first); returns how many of them match. */
    add(batch) {
      const stamped = batch.map((m) => Object.assign({ seq: this.seq++ }, m));
      this.received += batch.length;
      this.dropped += this.all.append(stamped);
      const oldest = this.all.length ? this.all.items[this.all.head].seq : this.seq;
      const fresh = stamped.filter((m) => m.seq >= oldest && this.accepts(m));
      this.matching.append(fresh);
      this.matching.dropWhile((m) => m.seq < oldest);
      return fresh.length;
    }

    accepts(m) {
      if (this.hiddenPartitions.has(m.partition)) return false;
      return !this.predicate || this.predicate(m);
    }

    /** Sets the search; a bad regex leaves the previous filter in place and reports the error. */
    setSearch(query, mode, scope) {
      const compiled = compileSearch(query, mode, scope);
      this.search = { query, mode, scope };
      if (compiled.error) {
        this.searchError = compiled.error;
        return false;
      }
      this.searchError = null;
      this.predicate = compiled.test;
      this.refilter();
      return true;
    }

    setPartitionVisible(partition, visible) {
      if (visible) this.hiddenPartitions.delete(partition);
      else this.hiddenPartitions.add(partition);
      this.refilter();
    }

    refilter() {
      this.matching.clear();
      this.matching.append(this.all.toArray().filter((m) => this.accepts(m)));
    }

    clear() {
      this.all.clear();
      this.matching.clear();
      this.received = 0;
      this.dropped = 0;
    }

    resize(capacity) {
      this.all.resize(capacity);
      this.matching.resize(capacity);
    }

    /** Rows [from, to) of the view, newest first: what the virtual list puts on screen. */
    rows(from, to) {
      const out = [];
      const end = Math.min(to, this.matching.length);
      for (let i = Math.max(0, from); i < end; i++) out.push(this.matching.newest(i));
      return out;
    }

    histogram(maxBuckets) {
      return histogram(this.matching.toArray(), maxBuckets);
    }
  }

  /**
   * Which rows a virtual list renders: those in the viewport plus `overscan` on each side, with the
   * spacer heights above and below that keep the scrollbar true to the whole list.
   */
  function visibleWindow(total, rowHeight, scrollTop, viewportHeight, overscan) {
    const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
    const last = Math.min(total, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
    return {
      from: first,
      to: Math.max(first, last),
      padTop: first * rowHeight,
      padBottom: Math.max(0, total - Math.max(first, last)) * rowHeight,
    };
  }

  /** The value pretty-printed when it is JSON, as-is otherwise. */
  function prettyValue(value) {
    if (value === null || value === undefined) return 'null';
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }

  return { compileSearch, histogram, bucketSize, BoundedList, ViewerModel, visibleWindow, prettyValue };
});
