// One local stack for the platform, deploy, sidebar and fault tests: the first caller starts it (or finds it
// running), the root hook below stops it once after the last file. Starting once saves ~40 s per file.
import { startStack, stopStack, type StackEndpoints } from '../../stack/index';

let started = false;

/**
 * The running stack's endpoints, starting whatever part of it is not running (cheap when all of it runs:
 * an older test file may have stopped it, so this never trusts an earlier answer). Also what a test calls
 * after stopping some services to bring them back.
 */
export async function useStack(): Promise<StackEndpoints> {
  const s = await startStack({ onProgress: (m) => process.stderr.write(`  [stack] ${m}\n`) });
  started = true;
  return s.endpoints;
}

export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    // CDC_ROUTING_KEEP_STACK=1: a developer's stack stays up between runs (and for other checkouts using it).
    if (!started || process.env.CDC_ROUTING_KEEP_STACK === '1') return;
    this.timeout(120_000);
    await stopStack();
    started = false;
  },
};
