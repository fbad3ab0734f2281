import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { sampleLabel } from '../../../server/src/routing/sampleLabel';

const SAMPLES = path.resolve(__dirname, '../../../examples/cdc-streaming/samples/raw-events.jsonl');

describe('routing preview: how a sample event is named in its lists', () => {
  it('events of one type in the example samples still read as different rows', () => {
    const events = fs
      .readFileSync(SAMPLES, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { eventHeader: { eventName: string } });
    const closed = events
      .map((e, i) => ({ e, line: i + 1 }))
      .filter(({ e }) => e.eventHeader.eventName === 'LoanClosed');
    assert.ok(closed.length > 1, 'the example has several LoanClosed events');
    const labels = closed.map(({ e, line }) => sampleLabel(e, SAMPLES, line));
    assert.strictEqual(new Set(labels).size, labels.length);
    for (const l of labels) assert.match(l, /^LoanClosed · .+ \(raw-events\.jsonl:\d+\)$/);
  });

  it('works on a schema of another domain: name/type fields first, then an id, then where', () => {
    const event = { order: { orderType: 'refund', orderId: 'o-77', lines: [{ sku: 'a' }] }, amount: 3 };
    assert.strictEqual(sampleLabel(event, '/w/samples/orders.jsonl', 5), 'refund · o-77 (orders.jsonl:5)');
  });

  it('an event without such fields is named by its place; long values are cut', () => {
    assert.strictEqual(sampleLabel({ a: 1, b: [2] }, 'C:\\w\\s.jsonl', 9), 's.jsonl:9');
    const label = sampleLabel({ id: 'x'.repeat(80) }, 's.jsonl', 1);
    assert.ok(label.length < 45, label);
    assert.match(label, /…/);
  });
});
