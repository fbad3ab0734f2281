import * as assert from 'assert';
import { PostBatcher } from '../../../client/src/messageViewer/postBatcher';

const until = (condition: () => boolean) =>
  new Promise<void>((resolve) => {
    const check = () => (condition() ? resolve() : setTimeout(check, 5));
    check();
  });

describe('message viewer: batching posts to the webview', () => {
  it('at most one post per interval however many batches arrive, nothing lost under the limit', async () => {
    const posts: { items: number[]; at: number }[] = [];
    const batcher = new PostBatcher<number>((items) => posts.push({ items, at: Date.now() }), {
      intervalMs: 100,
      limit: 100_000,
    });
    const started = Date.now();
    let n = 0;
    // 20,000 messages per second in batches of 200 every 10 ms, for 0.5 s
    while (Date.now() - started < 500) {
      batcher.push(Array.from({ length: 200 }, () => n++));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    batcher.flushNow();
    const seconds = (Date.now() - started) / 1000;
    assert.ok(posts.length <= Math.ceil(seconds * 10) + 1, `${posts.length} posts in ${seconds} s`);
    for (let i = 1; i < posts.length - 1; i++)
      assert.ok(posts[i].at - posts[i - 1].at >= 95, `posts ${i - 1}→${i} ${posts[i].at - posts[i - 1].at} ms apart`);
    const all = posts.flatMap((p) => p.items);
    assert.equal(all.length, n);
    assert.deepEqual(all.slice(0, 5), [0, 1, 2, 3, 4]);
    batcher.dispose();
  });

  it('keeps only the newest `limit` waiting items and reports how many it dropped', async () => {
    const posts: { items: number[]; dropped: number }[] = [];
    const batcher = new PostBatcher<number>((items, dropped) => posts.push({ items, dropped }), {
      intervalMs: 50,
      limit: 10,
    });
    batcher.push(Array.from({ length: 25 }, (_, i) => i));
    await until(() => posts.length === 1);
    assert.deepEqual(posts[0], { items: Array.from({ length: 10 }, (_, i) => 15 + i), dropped: 15 });
    batcher.dispose();
  });

  it('a first batch goes out at once; nothing is posted after dispose', async () => {
    const posts: number[][] = [];
    const batcher = new PostBatcher<number>((items) => posts.push(items), { intervalMs: 10_000, limit: 100 });
    batcher.push([1]);
    await until(() => posts.length === 1);
    batcher.push([2]);
    batcher.dispose();
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.deepEqual(posts, [[1]]);
  });
});

describe('message viewer: drops counted upstream', () => {
  it('reports drops the server made with the next post, even without new items', async () => {
    const posts: { items: number[]; dropped: number }[] = [];
    const batcher = new PostBatcher<number>((items, dropped) => posts.push({ items, dropped }), {
      intervalMs: 20,
      limit: 10,
    });
    batcher.noteDropped(500);
    await until(() => posts.length === 1);
    batcher.noteDropped(3);
    batcher.push([7]);
    await until(() => posts.length === 2);
    assert.deepEqual(posts, [
      { items: [], dropped: 500 },
      { items: [7], dropped: 3 },
    ]);
    batcher.dispose();
  });
});

describe('message viewer: backpressure from the webview', () => {
  it('waits for a slow hand-over before the next; meanwhile only the newest wait, the rest counted', async () => {
    const posts: { items: number[]; dropped: number }[] = [];
    let release: () => void = () => undefined;
    const batcher = new PostBatcher<number>(
      (items, dropped) => {
        posts.push({ items, dropped });
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
      { intervalMs: 10, limit: 100, maxPerFlush: 30 },
    );
    batcher.push(Array.from({ length: 50 }, (_, i) => i));
    await until(() => posts.length === 1);
    assert.deepEqual(
      posts[0],
      { items: Array.from({ length: 30 }, (_, i) => 20 + i), dropped: 20 },
      'at most maxPerFlush, the newest',
    );
    batcher.push(Array.from({ length: 250 }, (_, i) => 1000 + i));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(posts.length, 1, 'nothing more while the first is in flight');
    release();
    await until(() => posts.length === 2);
    assert.deepEqual(
      posts[1].items,
      Array.from({ length: 30 }, (_, i) => 1220 + i),
    );
    assert.equal(posts[1].dropped, 150 + 70, '150 over the limit while waiting, 70 over maxPerFlush');
    release();
    batcher.dispose();
  });
});
