import { strict as assert } from 'assert';
import { PlatformError } from '../../../server/src/platform/platformError';

/** Awaits a call that must fail, and returns its PlatformError (any other outcome fails the test). */
export async function expectPlatformError(p: Promise<unknown>): Promise<PlatformError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof PlatformError, `expected a PlatformError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail with a PlatformError');
}
