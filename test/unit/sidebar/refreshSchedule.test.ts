import * as assert from 'assert';
import { backoffDelay, MAX_BACKOFF_MS, RefreshSchedule } from '../../../client/src/sidebar/refreshSchedule';

describe('sidebar: refresh schedule', () => {
  it('polls at the base interval while the service answers', () => {
    const s = new RefreshSchedule<'topics'>(10_000);
    assert.strictEqual(s.isDue('topics', 0), true, 'never polled: due at once');
    assert.strictEqual(s.record('topics', true, 1_000), 11_000);
    assert.strictEqual(s.isDue('topics', 10_999), false);
    assert.strictEqual(s.isDue('topics', 11_000), true);
  });

  it('doubles the wait per failure in a row, capped at five minutes, and returns to the base rate on the first answer', () => {
    const s = new RefreshSchedule<'connectors'>(10_000);
    const waits: number[] = [];
    let now = 0;
    for (let i = 0; i < 8; i++) {
      const next = s.record('connectors', false, now);
      waits.push(next - now);
      now = next;
    }
    assert.deepStrictEqual(waits, [20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000, 300_000]);
    assert.strictEqual(s.record('connectors', true, now) - now, 10_000);
    assert.strictEqual(s.failuresOf('connectors'), 0);
  });

  it('backs off per view: a dead Connect does not slow the Topics view', () => {
    const s = new RefreshSchedule<'topics' | 'connectors'>(10_000);
    s.record('connectors', false, 0);
    s.record('connectors', false, 20_000);
    s.record('topics', true, 20_000);
    assert.strictEqual(s.isDue('topics', 30_000), true);
    assert.strictEqual(s.isDue('connectors', 30_000), false);
    assert.strictEqual(s.nextIn(['topics', 'connectors'], 25_000), 5_000);
  });

  it('a manual refresh is due now and forgets the failures', () => {
    const s = new RefreshSchedule<'flinkJobs'>(10_000);
    s.record('flinkJobs', false, 0);
    s.record('flinkJobs', false, 20_000);
    s.reset('flinkJobs');
    assert.strictEqual(s.isDue('flinkJobs', 20_001), true);
    assert.strictEqual(
      s.record('flinkJobs', false, 30_000) - 30_000,
      20_000,
      'the count starts again from one failure',
    );
  });

  it('a changed base interval applies from the next poll; the cap holds for long intervals', () => {
    const s = new RefreshSchedule<'pipeline'>(10_000);
    s.setBase(30_000);
    assert.strictEqual(s.record('pipeline', true, 0), 30_000);
    assert.strictEqual(backoffDelay(200_000, 3), MAX_BACKOFF_MS);
    assert.strictEqual(backoffDelay(600_000, 1), 600_000, 'never shorter than the base interval');
    assert.strictEqual(backoffDelay(10_000, 1_000), MAX_BACKOFF_MS, 'no overflow after many failures');
  });
});
