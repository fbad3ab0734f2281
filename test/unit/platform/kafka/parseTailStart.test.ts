import * as assert from 'assert';
import { parseTailStart } from '../../../../server/src/platform/kafka/parseTailStart';

describe('tail start as written (--from)', () => {
  it('latest, beginning, an offset', () => {
    assert.deepEqual(parseTailStart('latest'), { kind: 'latest' });
    assert.deepEqual(parseTailStart('Beginning'), { kind: 'beginning' });
    assert.deepEqual(parseTailStart('earliest'), { kind: 'beginning' });
    assert.deepEqual(parseTailStart('1200'), { kind: 'offset', offset: 1200 });
  });

  it('ISO times, with or without a zone or a time of day', () => {
    assert.deepEqual(parseTailStart('2026-11-24T03:00:00Z'), { kind: 'timestamp', ms: Date.UTC(2026, 10, 24, 3) });
    assert.deepEqual(parseTailStart('2026-11-24T03:00:00.250+01:00'), {
      kind: 'timestamp',
      ms: Date.UTC(2026, 10, 24, 2, 0, 0, 250),
    });
    assert.deepEqual(parseTailStart('2026-11-24'), { kind: 'timestamp', ms: Date.UTC(2026, 10, 24) });
  });

  it('anything else is an error that says what is accepted', () => {
    for (const bad of ['yesterday', 'May 5', '-3', '2026-13-45', '99999999999999999999']) {
      const r = parseTailStart(bad);
      assert.ok('error' in r, `${bad} should be refused`);
    }
    assert.match((parseTailStart('May 5') as { error: string }).error, /latest, beginning, an offset or an ISO time/);
  });
});
