import * as assert from 'assert';
import { clampOffset, startPositions, type PartitionBounds } from '../../../../server/src/platform/kafka/startOffsets';

const bounds = new Map<number, PartitionBounds>([
  [0, { low: '0', high: '10' }],
  [1, { low: '5', high: '8' }],
  [2, { low: '3', high: '3' }],
]);
const asObject = (m: Map<number, string>) => Object.fromEntries(m);

describe('tail start positions', () => {
  it('latest starts at the end of every partition, beginning at its first retained record', () => {
    assert.deepEqual(asObject(startPositions({ kind: 'latest' }, bounds)), { 0: '10', 1: '8', 2: '3' });
    assert.deepEqual(asObject(startPositions({ kind: 'beginning' }, bounds)), { 0: '0', 1: '5', 2: '3' });
  });

  it('an offset is the same on every partition, clamped to what each partition has', () => {
    assert.deepEqual(asObject(startPositions({ kind: 'offset', offset: 6 }, bounds)), { 0: '6', 1: '6', 2: '3' });
    assert.deepEqual(asObject(startPositions({ kind: 'offset', offset: 2 }, bounds)), { 0: '2', 1: '5', 2: '3' });
    assert.deepEqual(asObject(startPositions({ kind: 'offset', offset: -4 }, bounds)), { 0: '0', 1: '5', 2: '3' });
  });

  it('a timestamp starts at the offset the broker found, or at the end where no record is that new', () => {
    const found = new Map([
      [0, '4'],
      [1, '-1'],
    ]);
    assert.deepEqual(asObject(startPositions({ kind: 'timestamp', ms: 1 }, bounds, found)), { 0: '4', 1: '8', 2: '3' });
  });

  it('clamps 64-bit offsets exactly', () => {
    assert.equal(clampOffset('9007199254740993', { low: '0', high: '9007199254740995' }), '9007199254740993');
    assert.equal(clampOffset(12, { low: '0', high: '10' }), '10');
  });
});
