import * as assert from 'assert';
import { bucketWidth, compileSearch, histogramOf, MessageStore } from '../../../client/src/messageViewer/messageStore';
import type { RoutedTailMessage } from '../../../server/src/protocol';

const T0 = 1_700_000_000_000;

function msg(n: number, extra: Partial<RoutedTailMessage> = {}): RoutedTailMessage {
  return {
    partition: n % 3,
    offset: String(n),
    timestamp: T0 + n * 100,
    key: `k${n}`,
    value: JSON.stringify({ n }),
    encoding: 'json',
    headers: {},
    size: 10,
    routedTo: [],
    ...extra,
  };
}
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => msg(from + i));
const offsets = (ms: RoutedTailMessage[]) => ms.map((m) => Number(m.offset));

describe('message store (extension host ring buffer)', () => {
  it('defaults to 10,000 and keeps the newest messages, oldest first, counting what it pushed out', () => {
    const store = new MessageStore();
    assert.equal(store.capacity, 10_000);
    for (let b = 0; b < 25; b++) store.add(range(b * 1000, b * 1000 + 1000));
    assert.equal(store.size, 10_000);
    assert.equal(store.received, 25_000);
    assert.equal(store.dropped, 15_000);
    assert.equal(store.at(0)!.offset, '15000');
    assert.equal(store.at(9_999)!.offset, '24999');
    assert.equal(store.at(10_000), undefined);
  });

  it('a batch larger than the ring keeps only its newest; upstream drops are counted too', () => {
    const store = new MessageStore(5);
    store.add(range(0, 3));
    store.add(range(3, 15), 7);
    assert.deepEqual(offsets(store.toArray()), [10, 11, 12, 13, 14]);
    assert.equal(store.received, 15);
    assert.equal(store.dropped, 10 + 7);
  });

  it('capacity is configurable and changing it keeps the newest', () => {
    const store = new MessageStore(8);
    store.add(range(0, 8));
    store.setCapacity(3);
    assert.deepEqual(offsets(store.toArray()), [5, 6, 7]);
    store.add(range(8, 10));
    assert.deepEqual(offsets(store.toArray()), [7, 8, 9]);
    store.setCapacity(6);
    store.add(range(10, 12));
    assert.deepEqual(offsets(store.toArray()), [7, 8, 9, 10, 11]);
    assert.equal(new MessageStore(0).capacity, 10_000, 'a nonsense capacity falls back to the default');
  });

  it('clear empties it', () => {
    const store = new MessageStore(4);
    store.add(range(0, 6));
    store.clear();
    assert.equal(store.size, 0);
    assert.deepEqual(store.toArray(), []);
    store.add(range(6, 7));
    assert.deepEqual(offsets(store.toArray()), [6]);
  });

  describe('search and partition filter', () => {
    const store = new MessageStore(100);
    store.add([
      msg(1, { key: 'loan-1', value: '{"eventName":"LoanCreated"}', headers: { source: 'core' } }),
      msg(2, { key: 'car-7', value: '{"eventName":"CarServiced"}', headers: { trace: 'abc' } }),
      msg(3, { key: null, value: null, headers: { source: 'Loan-desk' } }),
      msg(4, { key: 'x', value: 'LOANS galore', headers: {} }),
    ]);

    it('text search is case-insensitive over keys, values and header names and values', () => {
      assert.deepEqual(offsets(store.query({ search: 'loan' }).messages), [1, 3, 4]);
      assert.deepEqual(offsets(store.query({ search: 'loan', fields: ['value'] }).messages), [1, 4]);
      assert.deepEqual(offsets(store.query({ search: 'loan', fields: ['headers'] }).messages), [3]);
      assert.deepEqual(offsets(store.query({ search: 'TRACE', fields: ['headers'] }).messages), [2]);
      assert.deepEqual(offsets(store.query({ search: 'car-', fields: ['key'] }).messages), [2]);
      assert.deepEqual(offsets(store.query({}).messages), [1, 2, 3, 4]);
    });

    it('regex search is case-sensitive as written; a bad regex is an error message, not an exception', () => {
      assert.deepEqual(
        offsets(store.query({ search: '^(loan|car)-\\d$', mode: 'regex', fields: ['key'] }).messages),
        [1, 2],
      );
      assert.deepEqual(offsets(store.query({ search: 'Loan\\w+', mode: 'regex' }).messages), [1]);
      assert.deepEqual(offsets(store.query({ search: 'Loan-\\w+', mode: 'regex' }).messages), [3]);
      const bad = store.query({ search: 'Loan(Created', mode: 'regex' });
      assert.deepEqual(bad.messages, []);
      assert.match(bad.error ?? '', /Invalid regular expression/);
      assert.match(compileSearch('[', 'regex').error ?? '', /Invalid regular expression/);
    });

    it('partition filter alone and with a search', () => {
      assert.deepEqual(offsets(store.query({ partitions: [1] }).messages), [1, 4]);
      assert.deepEqual(offsets(store.query({ partitions: [1, 2], search: 'loan' }).messages), [1, 4]);
      assert.deepEqual(offsets(store.query({ partitions: [] }).messages), []);
    });
  });

  describe('time histogram', () => {
    it('round bucket widths that fit the span in the buckets asked for', () => {
      assert.equal(bucketWidth(0, 60), 1000);
      assert.equal(bucketWidth(50_000, 60), 1000);
      assert.equal(bucketWidth(120_000, 60), 5000);
      assert.equal(bucketWidth(3_600_000, 60), 60_000 * 2);
      assert.equal(bucketWidth(10 * 86_400_000, 30), 12 * 3_600_000);
      assert.equal(
        bucketWidth(400 * 86_400_000, 10),
        60 * 86_400_000,
        'beyond the table: whole multiples of the widest width',
      );
    });

    it('counts every message once, in the bucket of its timestamp, aligned to the width', () => {
      const h = histogramOf([T0 + 100, T0 + 900, T0 + 1500, T0 + 4999, T0 + 5000], 60);
      assert.equal(h.bucketMs, 1000);
      assert.equal(h.start, Math.floor((T0 + 100) / 1000) * 1000);
      assert.equal(
        h.counts.reduce((a, b) => a + b, 0),
        5,
      );
      assert.ok(h.counts.length <= 60);
      const bucketOf = (t: number) => Math.floor((t - h.start) / h.bucketMs);
      assert.equal(h.counts[bucketOf(T0 + 100)], 2);
      assert.equal(h.counts[bucketOf(T0 + 5000)], bucketOf(T0 + 5000) === bucketOf(T0 + 4999) ? 2 : 1);
      assert.deepEqual(histogramOf([], 60), { start: 0, bucketMs: 1000, counts: [] });
    });

    it('follows the query (search, partitions) and is fast on a full 10,000 buffer', () => {
      const store = new MessageStore();
      store.add(range(0, 10_000));
      const started = performance.now();
      const all = store.histogram(60);
      const p0 = store.histogram(60, { partitions: [0] });
      const searched = store.query({ search: '"n":99', mode: 'text' });
      const elapsed = performance.now() - started;
      assert.equal(
        all.counts.reduce((a, b) => a + b, 0),
        10_000,
      );
      assert.ok(all.counts.length <= 60);
      assert.equal(
        p0.counts.reduce((a, b) => a + b, 0),
        3334,
      );
      assert.equal(searched.messages.length, 111, '99, 990–999, 9900–9999');
      assert.ok(elapsed < 200, `histograms and search over 10,000 took ${elapsed.toFixed(1)} ms`);
    });
  });
});
