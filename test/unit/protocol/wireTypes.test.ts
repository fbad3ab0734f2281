import * as assert from 'assert';
import type { CaseResult } from '../../../server/src/filterTests/runFilterTests';
import type * as wire from '../../../server/src/protocol';

/**
 * The protocol declares the wire's types itself (it imports nothing from the server), and the server's modules
 * import them from there. Where a server module keeps a type of its own for the same data (a filter test's
 * result counts lines from 1 and knows more than the wire says), the shared parts must not drift: tsc checks
 * these lines.
 */
/** Exactly the same (optional members and readonly included), not only assignable both ways. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(ok: Same<A, B>) => ok;

describe('protocol wire types and the server modules they mirror', () => {
  it('are the same types (checked by tsc)', () => {
    const checks: boolean[] = [
      same<wire.FilterTestCaseResult['status'], CaseResult['status']>(true),
      same<wire.FilterTestCaseResult['expected'], CaseResult['expected']>(true),
    ];
    assert.ok(checks.every(Boolean));
  });
});
