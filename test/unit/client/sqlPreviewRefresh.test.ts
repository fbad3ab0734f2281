import * as assert from 'assert';
import { PacedRefresh, type Timers } from '../../../client/src/sqlPreviewRefresh';

/** A manual clock: timers run only when the test advances time. */
class ManualClock implements Timers {
  now = 0;
  private next = 0;
  private readonly due = new Map<number, { at: number; run: () => void }>();
  set(run: () => void, ms: number): unknown {
    const id = ++this.next;
    this.due.set(id, { at: this.now + ms, run });
    return id;
  }
  clear(handle: unknown): void {
    this.due.delete(handle as number);
  }
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const [id, timer] =
        [...this.due.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (id === undefined || !timer) break;
      this.due.delete(id);
      this.now = timer.at;
      timer.run();
    }
    this.now = end;
  }
}

/** An editor that shows what the provider last answered once a refresh lands (or something garbled). */
function setup() {
  const clock = new ManualClock();
  let fired = 0;
  let shown: string | undefined = 'v0';
  const refresh = new PacedRefresh({ fire: () => fired++, shownText: () => shown }, 400, 3, clock);
  return {
    clock,
    refresh,
    fired: () => fired,
    show(text: string) {
      shown = text;
    },
  };
}

describe('SQL preview: paced refreshes', () => {
  it('a burst of changes while a refresh is in flight collapses into one trailing refresh', () => {
    const t = setup();
    t.refresh.request();
    assert.strictEqual(t.fired(), 1, 'the first change refreshes at once');
    for (let i = 0; i < 10; i++) t.refresh.request(); // ten keystrokes while the first refresh is computed
    assert.strictEqual(t.fired(), 1, 'nothing more while one refresh is in flight');
    t.refresh.provided('v1');
    t.show('v1');
    t.refresh.landed();
    assert.strictEqual(t.fired(), 2, 'the collapsed changes refresh once, as soon as the first landed');
    t.refresh.provided('v2');
    t.show('v2');
    t.refresh.landed();
    t.clock.advance(5_000);
    assert.strictEqual(t.fired(), 2, 'quiet and consistent: no further refresh');
  });

  it('a refresh that changes nothing on screen releases the next one after the settle time', () => {
    const t = setup();
    t.refresh.request();
    t.refresh.request();
    t.refresh.provided('v0'); // same text: the editor applies no edit and reports no change
    t.clock.advance(399);
    assert.strictEqual(t.fired(), 1);
    t.clock.advance(1);
    assert.strictEqual(t.fired(), 2);
  });

  it('text on screen that differs from the text provided is refreshed again once quiet, a bounded number of times', () => {
    const t = setup();
    t.refresh.request();
    t.refresh.provided("IN ('CarCreated', 'CarUpdated', 'CarSold')");
    t.show("IN ('CarCreated', 'C'CarUpdedt, edarSold');', 'CarSold')"); // edits applied to the wrong version
    t.refresh.landed();
    t.clock.advance(400);
    assert.strictEqual(t.fired(), 2, 'the garbled text is refreshed again');
    for (let i = 0; i < 10; i++) {
      t.refresh.landed();
      t.clock.advance(400);
    }
    assert.strictEqual(t.fired(), 4, 'at most three repairs for one change');
    t.refresh.request();
    assert.strictEqual(t.fired(), 5, 'a new change refreshes again');
  });

  it('a closed preview is not refreshed', () => {
    const t = setup();
    t.refresh.request();
    t.refresh.request();
    t.refresh.dispose();
    t.clock.advance(10_000);
    assert.strictEqual(t.fired(), 1);
  });
});
