import * as assert from 'assert';
import {
  BoundedList,
  ViewerModel,
  bucketSize,
  compileSearch,
  histogram,
  prettyValue,
  visibleWindow,
  type ViewerMessage,
} from '../../../media/messageViewer/viewerModel';

function message(n: number, extra: Partial<ViewerMessage> = {}): ViewerMessage {
  return {
    partition: n % 3,
    offset: String(n),
    timestamp: 1_700_000_000_000 + n * 10,
    key: `k${n}`,
    value: JSON.stringify({ n }),
    headers: {},
    ...extra,
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('message viewer model (webview)', () => {
  describe('bounded buffer', () => {
    it('keeps only the newest `capacity` messages however they arrive', () => {
      const list = new BoundedList<number>(5);
      assert.equal(list.append([1, 2, 3]), 0);
      assert.equal(list.append([4, 5, 6, 7]), 2);
      assert.deepEqual(list.toArray(), [3, 4, 5, 6, 7]);
      assert.equal(
        list.append(range(100, 112)),
        12,
        'a batch larger than the buffer drops all before it and its own oldest',
      );
      assert.deepEqual(list.toArray(), range(107, 112));
      assert.equal(list.newest(0), 111);
    });

    it('stays bounded in memory over a long run (the dead head is compacted)', () => {
      const list = new BoundedList<number>(1000);
      for (let i = 0; i < 500; i++) list.append(range(i * 97, i * 97 + 97));
      assert.equal(list.length, 1000);
      assert.ok(
        (list as unknown as { items: number[] }).items.length < 2000,
        'backing array at most twice the capacity',
      );
      assert.equal(list.newest(0), 500 * 97 - 1);
    });

    it('a model of 10,000 holds 10,000 after 200,000 messages and counts what it dropped', () => {
      const model = new ViewerModel(10_000);
      for (let b = 0; b < 100; b++) model.add(range(b * 2000, b * 2000 + 2000).map((n) => message(n)));
      assert.equal(model.all.length, 10_000);
      assert.equal(model.matching.length, 10_000);
      assert.equal(model.received, 200_000);
      assert.equal(model.dropped, 190_000);
      assert.equal(model.rows(0, 1)[0].offset, '199999', 'newest first');
    });
  });

  describe('search', () => {
    const messages = [
      message(1, { key: 'loan-1', value: '{"eventName":"LoanCreated"}', headers: { source: 'core' } }),
      message(2, { key: 'car-7', value: '{"eventName":"CarServiced"}', headers: { trace: 'abc' } }),
      message(3, { key: null, value: null, headers: { source: 'Loan-desk' } }),
    ];

    it('text search is case-insensitive over keys, values and headers', () => {
      const search = compileSearch('loan', 'text', 'all');
      assert.deepEqual(
        messages.filter(search.test!).map((m) => m.offset),
        ['1', '3'],
      );
      assert.deepEqual(
        messages.filter(compileSearch('loan', 'text', 'value').test!).map((m) => m.offset),
        ['1'],
      );
      assert.deepEqual(
        messages.filter(compileSearch('loan', 'text', 'headers').test!).map((m) => m.offset),
        ['3'],
      );
      assert.deepEqual(
        messages.filter(compileSearch('car-', 'text', 'key').test!).map((m) => m.offset),
        ['2'],
      );
    });

    it('regex search, and a bad regex is an inline message, not an exception', () => {
      assert.deepEqual(
        messages.filter(compileSearch('^(loan|car)-\\d$', 'regex', 'key').test!).map((m) => m.offset),
        ['1', '2'],
      );
      const bad = compileSearch('Loan(Created', 'regex', 'all');
      assert.match(bad.error ?? '', /^Invalid regular expression: .*(unterminated|group|\))/i);
    });

    it('a bad regex keeps the previous results and the error until fixed', () => {
      const model = new ViewerModel(100);
      model.add(messages);
      assert.equal(model.setSearch('car', 'text', 'all'), true);
      assert.equal(model.matching.length, 1);
      assert.equal(model.setSearch('[', 'regex', 'all'), false);
      assert.match(model.searchError!, /Invalid regular expression/);
      assert.equal(model.matching.length, 1);
      assert.equal(model.setSearch('', 'regex', 'all'), true);
      assert.equal(model.searchError, null);
      assert.equal(model.matching.length, 3);
    });

    it('new messages are filtered as they arrive; evicted ones leave the results', () => {
      const model = new ViewerModel(4);
      model.setSearch('"n":1', 'text', 'value'); // n = 1, 10..19
      assert.equal(model.add(range(0, 12).map((n) => message(n))), 2, 'only the kept ones count');
      assert.deepEqual(
        model.matching.toArray().map((m) => m.offset),
        ['10', '11'],
        'message 1 fell out of the buffer',
      );
      model.add(range(12, 20).map((n) => message(n)));
      assert.deepEqual(
        model.matching.toArray().map((m) => m.offset),
        ['16', '17', '18', '19'],
      );
    });
  });

  it("partition toggles hide and show a partition's messages", () => {
    const model = new ViewerModel(100);
    model.add(range(0, 9).map((n) => message(n)));
    model.setPartitionVisible(1, false);
    assert.deepEqual(
      model
        .rows(0, 100)
        .map((m) => m.partition)
        .sort(),
      [0, 0, 0, 2, 2, 2],
    );
    model.add([message(10)]); // partition 1
    assert.equal(model.matching.length, 6);
    model.setPartitionVisible(1, true);
    assert.equal(model.matching.length, 10);
  });

  describe('histogram', () => {
    it('buckets on round steps with at most the asked number of bars', () => {
      assert.equal(bucketSize(0, 60), 1);
      assert.equal(bucketSize(59_000, 60), 1000);
      assert.equal(bucketSize(61_000, 60), 2000);
      assert.ok(Math.floor((400 * 86_400_000) / bucketSize(400 * 86_400_000, 60)) + 1 <= 60);
    });

    it('counts every message once', () => {
      const t0 = 1_700_000_000_000;
      const h = histogram(
        [t0, t0 + 100, t0 + 2500, t0 + 59_999, t0 + 59_999].map((timestamp) => ({ timestamp })),
        60,
      );
      assert.equal(h.bucketMs, 1000);
      assert.equal(
        h.counts.reduce((a, b) => a + b, 0),
        5,
      );
      assert.equal(h.counts[h.counts.length - 1], 2);
      assert.deepEqual(histogram([], 60).counts, []);
    });
  });

  it('the virtual list renders the viewport and a little more, with spacers for the rest', () => {
    assert.deepEqual(visibleWindow(10_000, 20, 2000, 400, 5), {
      from: 95,
      to: 125,
      padTop: 1900,
      padBottom: (10_000 - 125) * 20,
    });
    assert.deepEqual(visibleWindow(3, 20, 0, 400, 5), { from: 0, to: 3, padTop: 0, padBottom: 0 });
    assert.deepEqual(visibleWindow(0, 20, 0, 400, 5), { from: 0, to: 0, padTop: 0, padBottom: 0 });
  });

  it('pretty-prints JSON values and leaves others alone', () => {
    assert.equal(prettyValue('{"a":1}'), '{\n  "a": 1\n}');
    assert.equal(prettyValue('plain text'), 'plain text');
    assert.equal(prettyValue(null), 'null');
  });
});
